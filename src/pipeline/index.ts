// Public API of src/pipeline: every export here is re-exported from the package entry.
export type * from './types.js';
export { ALERT_CONDITIONS } from './types.js';
export { loadPipelineFile, normalisePipeline, keyPath } from './config.js';
export {
  openRun, closeRun, recordStep, runRecorder, listRuns, getRun, errorLine, RUN_TRIGGERS,
  type RunTrigger, type RunStatus, type StepKind, type StepStatus, type RunRow, type StepRow, type StepOutcome, type RunRecorder,
} from './runs.js';
export { inboxFiles, sourceFiles, fileChecksum, tableLabel, previousLoad } from './sources.js';
export { runPipeline, distributedTarget, type RunPipelineOptions, type PipelineSummary, type SourceLoad } from './run.js';
export { formatPipelineSummary, formatRuns, formatRun, formatAlerts } from './format.js';
export { forecastDistributed, startWorker, type DistributedOptions, type DistributedResult, type WorkerOptions, type ForecastWorker } from './distributed.js';
export { FORECAST_QUEUE, QUEUE_SCHEMA, type QueueTimings } from './queue.js';
export {
  addSchedule, listSchedules, removeSchedule, crontabAdvice, cronTimes, describeSchedule, scheduleQueue, serveSchedules,
  type Schedule, type PipelineRunner,
} from './schedules.js';
