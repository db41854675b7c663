/**
 * kpicast: load a company's data into a Postgres warehouse, compute KPIs,
 * forecast weekly series 4 weeks ahead, and chart it for notebooks and reports.
 */
export * from './errors.js';
export * from './warehouse/index.js';
export * from './ingest/index.js';
export * from './generate/index.js';
export * from './analysis/index.js';
export * from './forecast/index.js';
export * from './charts/index.js';
export * from './report/index.js';
export * from './deliver/index.js';
export * from './pipeline/index.js';
export * from './job.js';
export { formatJobSummary } from './cli/format-job.js';
export { textTable, type TextTableOptions } from './util/text-table.js';
export { createLogger, silentLogger, formatDuration, configureLogFile, logToFile, type Logger, type Component } from './util/log.js';
export { createProgress, type Progress } from './util/progress.js';
export { maskUrl, maskSecrets, scrubSecrets, urlSecrets, splitUrl, looksLikeUrl, isSecretParam, type UrlParts } from './util/secrets.js';
export * from './util/dates.js';
export { clip, quoted } from './util/clip.js';
export { checkOutput, type OutputFile } from './util/output.js';
export * from './serve/index.js';
