import { basename, resolve } from 'node:path';
import pl from 'nodejs-polars';
import { series } from '../analysis/series.js';
import { forecast } from '../forecast/engine.js';
import { forecastHierarchy } from '../forecast/hierarchy.js';
import { readEventsCsv, readEventsTable } from '../forecast/holidays.js';
import type { CalendarEvent } from '../forecast/calendar.js';
import { loadFile } from '../ingest/load-file.js';
import { extract, sourceLabel } from '../ingest/extract.js';
import { InputError, KpicastError } from '../errors.js';
import type { LoadReport } from '../ingest/types.js';
import { reportData, type ForecastRun } from '../report/reportData.js';
import { storeForecasts } from '../report/storeForecasts.js';
import type { ReportData } from '../report/types.js';
import { writeReport } from '../report/writeReport.js';
import { deliverReport, type DeliveryOutcome } from '../deliver/deliver.js';
import { smtpConfigFromEnv, type SmtpConfig } from '../deliver/mail.js';
import type { RetryOptions } from '../deliver/retry.js';
import { checkAlerts, markNotified, openAlerts, pendingNotices, recordAlerts, type PendingAlert } from '../deliver/alert-store.js';
import type { AlertCheck } from '../deliver/alerts.js';
import { silentLogger, type Logger } from '../util/log.js';
import { createProgress } from '../util/progress.js';
import { urlSecrets } from '../util/secrets.js';
import { build, type BuildReport } from '../warehouse/build.js';
import type { Warehouse } from '../warehouse/types.js';
import { closeRun, errorLine, openRun, runRecorder, type RunRecorder, type RunStatus, type RunTrigger, type StepKind, type StepOutcome } from './runs.js';
import { keyPath } from './config.js';
import { forecastDistributed } from './distributed.js';
import { fileChecksum, previousLoad, sourceFiles } from './sources.js';
import type { DatabaseSource, ForecastConfig, PipelineConfig } from './types.js';

/** Options of {@link runPipeline}. */
export interface RunPipelineOptions {
  /** What started the run, as `runs` records it; default `manual`. */
  trigger?: RunTrigger;
  /** Step lines on stderr; silent by default. */
  log?: Logger;
  /** The clock of the rules: `missing_data` ages, alert times, the forecasts' run time. Default: now. `runs` keeps the real start and end. */
  now?: Date;
  /** Where KPICAST_SMTP_URL and KPICAST_SMTP_PASSWORD are read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Retry waits of the deliveries (tests pass a `sleep` that returns at once). */
  retry?: Omit<RetryOptions, 'attempts'>;
  /** No progress bars (the step lines follow `log`). Default: quiet when `log` is. */
  quiet?: boolean;
  /**
   * The URL of the PostgreSQL server warehouse as the workers reach it, for `distributed`
   * forecasts. Default: the warehouse's own target, when it is a server URL holding no password.
   */
  url?: string;
  /** Called once the run is open, before its first step (the built-in pipeline notes there why the sample is not loaded). */
  onStart?: (rec: RunRecorder) => Promise<void>;
  /** Called with each forecast done: its entry of the pipeline and the engine's result. */
  onForecast?: (spec: ForecastConfig, run: ForecastRun) => void;
}

/** What became of one file of a source in a run. */
export interface SourceLoad {
  source: string;
  file: string;
  status: 'loaded' | 'skipped' | 'failed';
  /** The load's counts, when loaded. */
  report?: LoadReport;
  /** Why it was skipped or what failed. */
  reason?: string;
}

/** What {@link runPipeline} did. */
export interface PipelineSummary {
  runId: number;
  pipeline: string;
  status: Exclude<RunStatus, 'running'>;
  loads: SourceLoad[];
  /** True when no file brought a new or changed row (every file skipped, or only duplicates). */
  nothingNew: boolean;
  build?: BuildReport;
  forecasts: Array<{ name: string; series: number; rows: number }>;
  report?: { index: string; pdf?: string };
  /** The rules' state this run: every check, what fired, what cleared, how many stay open. */
  alerts: { checks: AlertCheck[]; fired: AlertCheck[]; cleared: AlertCheck[]; open: number };
  /** The alert notices handed to the delivery (fired or cleared, not delivered before). */
  notices: PendingAlert[];
  deliveries: DeliveryOutcome[];
  /** The first failure, masked, when the run is not `succeeded`. */
  error?: string;
  durationMs: number;
}

const loadOutcome = (r: LoadReport): StepOutcome => ({
  rowsRead: r.rowsRead,
  rowsWritten: r.loaded + r.updated,
  detail: `loaded ${r.loaded}, updated ${r.updated}, duplicates ${r.duplicates}, quarantined ${r.quarantined} (load run ${r.runId})`,
});

/** The series count of a forecast run. */
const seriesCount = (run: ForecastRun) => new Set(run.result.best.getColumn('unique_id').toArray() as string[]).size;

/** One database source: its rows past the cursor, through {@link extract}, recorded as a load step. */
async function extractSource(warehouse: Warehouse, source: DatabaseSource, config: PipelineConfig, rec: RunRecorder, log: Logger): Promise<SourceLoad> {
  const label = sourceLabel(source.url);
  const name = `${source.name}: ${label}`;
  try {
    const password = source.passwordEnv !== undefined ? process.env[source.passwordEnv] : undefined;
    if (source.passwordEnv !== undefined && !password) throw new KpicastError(`source ${source.name}: the environment variable ${source.passwordEnv} (password_env) is not set`, 'E_SOURCE');
    const report = await rec.step('load', name, () =>
      extract(warehouse, {
        from: source.url, sourceTable: source.table, query: source.query, table: source.into, cursor: source.cursor, key: source.key,
        password, quiet: true, log,
        pseudonymise: source.pseudonymise, pseudonymiseIfPresent: config.pseudonymise,
      }), loadOutcome);
    return { source: source.name, file: label, status: 'loaded', report };
  } catch (error) {
    const reason = errorLine(error);
    log.warn(`source ${source.name}: ${reason}`);
    return { source: source.name, file: label, status: 'failed', reason };
  }
}

/** Loads every source: each file whose bytes were not loaded into its table yet; the others are skipped and said so. */
async function loadSources(warehouse: Warehouse, config: PipelineConfig, rec: RunRecorder, log: Logger): Promise<SourceLoad[]> {
  const loads: SourceLoad[] = [];
  for (const source of config.sources) {
    if (source.kind === 'database') {
      loads.push(await extractSource(warehouse, source, config, rec, log));
      continue;
    }
    let files: string[];
    try {
      files = sourceFiles(source);
    } catch (error) {
      const reason = errorLine(error);
      await rec.note('load', source.name, 'failed', { error: reason });
      log.warn(`source ${source.name}: ${reason}`);
      loads.push({ source: source.name, file: source.kind === 'inbox' ? source.pattern : source.path, status: 'failed', reason });
      continue;
    }
    if (files.length === 0) {
      await rec.note('load', `${source.name}: no file matches ${basename(source.kind === 'inbox' ? source.pattern : source.path)}`, 'skipped');
      log.info(`source ${source.name}: no file matches ${source.kind === 'inbox' ? source.pattern : source.path}`);
    }
    for (const file of files) {
      const name = `${source.name}: ${basename(file)}`;
      let checksum: string;
      try {
        checksum = fileChecksum(file);
      } catch (error) {
        const reason = errorLine(error);
        await rec.note('load', name, 'failed', { error: reason });
        loads.push({ source: source.name, file, status: 'failed', reason });
        continue;
      }
      const before = source.reload ? undefined : await previousLoad(warehouse, source.table, checksum);
      if (before) {
        const reason = `already loaded (same SHA-256 ${checksum.slice(0, 12)}…, load run ${before.runId})`;
        await rec.note('load', name, 'skipped', { detail: reason });
        log.info(`skip ${basename(file)} → ${source.table}: ${reason}`);
        loads.push({ source: source.name, file, status: 'skipped', reason });
        continue;
      }
      try {
        const report = await rec.step('load', name, () =>
          log.step(`load ${basename(file)} → ${source.table}`, () =>
            loadFile(warehouse, file, {
              table: source.table, key: source.key, format: source.format, sqliteTable: source.sqliteTable,
              delimiter: source.delimiter, encoding: source.encoding, decimal: source.decimal, quiet: true,
              pseudonymise: source.pseudonymise, pseudonymiseIfPresent: config.pseudonymise,
            }),
          ), loadOutcome);
        loads.push({ source: source.name, file, status: 'loaded', report });
      } catch (error) {
        const reason = errorLine(error);
        log.warn(`load ${basename(file)}: ${reason}`);
        loads.push({ source: source.name, file, status: 'failed', reason });
      }
    }
  }
  return loads;
}

/** A progress bar fed by an `onProgress(done, total)` callback (forecast engine, batches, PNG exports). */
function progressBar(label: string, quiet: boolean, unit: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  let bar: ReturnType<typeof createProgress> | undefined;
  let shown = 0;
  return {
    onProgress(done, total) {
      bar ??= createProgress(label, total, { quiet, unit });
      bar.tick(done - shown);
      shown = done;
    },
    stop() {
      bar?.stop();
    },
  };
}

/** The series id prefix of a forecast's rows in `forecasts`: the metric when cut by dimensions. */
const rowPrefix = (spec: ForecastConfig) => (spec.by.length ? spec.metric : undefined);

/** The `events:` of a forecast entry, read first: a bad row stops the step before the series query. */
async function forecastEvents(warehouse: Warehouse, spec: ForecastConfig): Promise<CalendarEvent[] | undefined> {
  if (!spec.events) return undefined;
  return 'file' in spec.events ? readEventsCsv(spec.events.file) : readEventsTable(warehouse, spec.events.table);
}

/**
 * One forecast of the pipeline: the series from the library, the engine, the rows into
 * `forecasts` (prefixed with the metric when cut by dimensions). With a hierarchy, every level is
 * forecast and reconciled (forecastHierarchy): the rows hold every node, by its path (`revenue/total`,
 * `revenue/S01`, `revenue/S01/bakery`), and the report reads the reconciled forecasts.
 */
async function runForecast(warehouse: Warehouse, spec: ForecastConfig, runAt: Date, onProgress: (done: number, total: number) => void): Promise<{ run: ForecastRun; rows: number }> {
  const events = await forecastEvents(warehouse, spec);
  const asOf = spec.asOf ? await spec.asOf(warehouse) : undefined;
  const history = await series(warehouse, spec.model, spec.metric, { grain: spec.grain, by: spec.by, ...(asOf !== undefined ? { asOf } : {}) });
  const options = { h: spec.h, ...(spec.models ? { models: spec.models } : {}), ...(spec.holidays ? { holidays: spec.holidays } : {}), ...(events ? { events } : {}), onProgress };
  let run: ForecastRun;
  if (spec.hierarchy) {
    const coherent = await forecastHierarchy(history, spec.hierarchy.levels, { ...options, reconcile: spec.hierarchy.reconcile });
    run = { history: coherent.history, result: coherent.result };
  } else {
    run = { history, result: await forecast(history, options) };
  }
  const rows = await warehouse.transaction((tx) => storeForecasts(tx, [{ prefix: rowPrefix(spec), run }], runAt));
  return { run, rows };
}

/**
 * One `distributed` forecast: the series queued in batches on the server's workers, each worker
 * writing its batch's rows into `forecasts` and its step into `run_steps` in one transaction;
 * returns when the last batch is done, with the whole result (for the report).
 */
async function runDistributedForecast(
  url: string, warehouse: Warehouse, spec: ForecastConfig, runAt: Date, runId: number, name: string, onProgress: (done: number, total: number) => void, log: Logger,
): Promise<{ run: ForecastRun; rows: number; batches: number }> {
  const events = await forecastEvents(warehouse, spec);
  const asOf = spec.asOf ? await spec.asOf(warehouse) : undefined;
  const history = await series(warehouse, spec.model, spec.metric, { grain: spec.grain, by: spec.by, ...(asOf !== undefined ? { asOf } : {}) });
  const options = { h: spec.h, ...(spec.models ? { models: spec.models } : {}), ...(spec.holidays ? { holidays: spec.holidays } : {}), ...(events ? { events } : {}) };
  const result = await forecastDistributed(url, history, options, {
    batchSize: spec.distributed!.batchSize, onProgress, log,
    store: { runAt, prefix: rowPrefix(spec), pipelineRun: runId, step: name },
  });
  const { rows } = await warehouse.query<{ n: number }>('SELECT count(*)::int AS n FROM forecasts WHERE run_at = $1 AND unique_id = ANY($2::text[])', [
    runAt, [...new Set(result.best.getColumn('unique_id').toArray() as string[])].map((id) => (rowPrefix(spec) ? `${rowPrefix(spec)}/${id}` : id)),
  ]);
  const full = { ...result, overall: pl.DataFrame({}), outcomes: [] };
  return { run: { history, result: full }, rows: rows[0].n, batches: result.batches };
}

/**
 * The URL the workers of the pipeline's `distributed` forecasts reach (undefined when it has
 * none), or the refusal in one line naming where the option is in the file: an embedded
 * warehouse has one process, and a masked URL cannot be handed on. `backend` and `target` are
 * the warehouse's (the CLI checks before opening it); `url` the URL as given, when it is one.
 *
 * @example
 * distributedTarget(loadPipelineFile('kpicast.yml'), 'pglite', 'memory');
 * // throws: kpicast.yml, line 9, column 40: forecast[0].distributed: needs a PostgreSQL server warehouse …
 */
export function distributedTarget(config: PipelineConfig, backend: Warehouse['backend'], target: string, url?: string): string | undefined {
  const index = config.forecasts.findIndex((f) => f.distributed);
  if (index < 0) return undefined;
  const spec = config.forecasts[index];
  const where = { ...(config.file ? { file: config.file } : {}), ...spec.distributed!.at };
  const key = keyPath(['forecast', index, 'distributed']);
  if (backend !== 'postgres') {
    throw new InputError(`${key}: needs a PostgreSQL server warehouse (--db postgres://…) whose workers forecast the batches; ${target} is embedded`, where);
  }
  const reachable = url ?? (urlSecrets(target).length === 0 ? target : undefined); // a masked password cannot be handed on
  if (reachable === undefined) throw new InputError(`${key}: the workers need the warehouse's URL; pass it as the url option of runPipeline`, where);
  return reachable;
}

/** The SMTP server of `deliver.email`, checked before anything runs (a missing KPICAST_SMTP_URL is one line). */
function smtpFor(config: PipelineConfig, env: NodeJS.ProcessEnv): SmtpConfig | undefined {
  return config.deliver?.email ? smtpConfigFromEnv(env) : undefined;
}

/**
 * Runs a pipeline file's steps in order, each recorded in `runs` / `run_steps`:
 * 1. the sources: each file (or each file of an inbox folder) whose SHA-256 was not loaded
 *    into its table yet is loaded (a changed file is loaded again: an upsert); the others are
 *    skipped, and the step rows and the log say so. A source that fails is recorded and the
 *    others still load, but then the run stops there, `failed`;
 * 2. the build (SQL models) and its data tests (a failed test makes the run `partial`);
 * 3. each forecast: its series, backtests and forecast, stored in `forecasts`;
 * 4. the report (KPIs, charts, `report.pdf` with `pdf: yes`);
 * 5. the alert rules on the warehouse: new firings and clearings stored in `alerts`;
 * 6. the delivery of the report with the alerts that fired or cleared and were not sent yet,
 *    by email and/or webhook. A failed delivery is recorded, retried at the next run (its
 *    alerts stay unsent), and makes the run `partial`: it never undoes the steps before it.
 * The SMTP configuration is checked first, before any step. Returns what was done; throws only
 * for a problem before the run starts (configuration, environment).
 *
 * @example
 * const summary = await runPipeline(warehouse, loadPipelineFile('data/examples/kpicast.yml'));
 * summary.status; // => 'succeeded'
 */
export async function runPipeline(warehouse: Warehouse, config: PipelineConfig, options: RunPipelineOptions = {}): Promise<PipelineSummary> {
  const started = performance.now();
  const log = options.log ?? silentLogger;
  const env = options.env ?? process.env;
  const now = options.now ?? new Date();
  const quiet = options.quiet ?? log.quiet;
  const smtp = smtpFor(config, env);
  const serverUrl = distributedTarget(config, warehouse.backend, warehouse.target, options.url);
  const runId = await openRun(warehouse, config.name, options.trigger ?? 'manual');
  const rec = runRecorder(warehouse, runId);
  const summary: PipelineSummary = {
    runId, pipeline: config.name, status: 'succeeded', loads: [], nothingNew: true, forecasts: [],
    alerts: { checks: [], fired: [], cleared: [], open: 0 }, notices: [], deliveries: [], durationMs: 0,
  };
  let dataFailed = false;
  const attempt = async <T>(kind: StepKind, name: string, fn: () => Promise<T>, outcome?: (result: T) => StepOutcome): Promise<T | undefined> => {
    try {
      return await rec.step(kind, name, () => log.step(name, fn), outcome);
    } catch (error) {
      log.warn(`${name}: ${errorLine(error)}`);
      return undefined;
    }
  };
  try {
    await options.onStart?.(rec);
    // 1. Sources.
    summary.loads = await loadSources(warehouse, config, rec, log);
    summary.nothingNew = summary.loads.every((l) => l.status !== 'loaded' || (l.report!.loaded === 0 && l.report!.updated === 0));
    if (summary.loads.some((l) => l.status === 'failed')) dataFailed = true;

    // 2. Build and data tests.
    if (!dataFailed && config.build) {
      const report = await attempt('build', 'build marts', () => build(warehouse), (r: BuildReport) => ({ rowsWritten: r.models.length, detail: `${r.models.length} models` }));
      if (!report) dataFailed = true;
      else {
        summary.build = report;
        const failed = report.tests.filter((t) => !t.ok);
        await rec.note('data_tests', 'data tests', failed.length ? 'failed' : 'succeeded', {
          rowsRead: report.tests.length,
          detail: `${report.tests.length - failed.length}/${report.tests.length} passed`,
          ...(failed.length ? { error: `${failed.length} data test(s) failed: ${failed.map((t) => `${t.test.model} ${t.label} (${t.failing} rows)`).join(', ')}` } : {}),
        });
        if (failed.length) log.warn(`${failed.length} data test(s) failed: see kpicast build`);
      }
    }

    // 3. Forecasts.
    const runAt = now;
    const runs = new Map<ForecastConfig, ForecastRun>();
    if (!dataFailed) {
      for (const spec of config.forecasts) {
        const name = `forecast ${spec.name}, ${spec.h} ${spec.grain}s`;
        let done: { run: ForecastRun; rows: number } | undefined;
        if (spec.distributed) {
          // each batch is its own step, written by its worker; a failure of the whole is one more
          const progress = progressBar(`${name}: batches`, quiet, 'batches');
          try {
            done = await log.step(`${name} on the workers`, () =>
              runDistributedForecast(serverUrl!, warehouse, spec, runAt, runId, name, progress.onProgress, log).finally(() => progress.stop()));
          } catch (error) {
            await rec.note('forecast', name, 'failed', { error: errorLine(error) });
            log.warn(`${name}: ${errorLine(error)}`);
          }
        } else {
          const progress = progressBar(name, quiet, 'series');
          done = await attempt('forecast', name, () => runForecast(warehouse, spec, runAt, progress.onProgress).finally(() => progress.stop()), (r: { run: ForecastRun; rows: number }) => ({
            rowsRead: r.run.history.height, rowsWritten: r.rows, detail: `${seriesCount(r.run)} series`,
          }));
        }
        if (!done) dataFailed = true;
        else {
          runs.set(spec, done.run);
          options.onForecast?.(spec, done.run);
          summary.forecasts.push({ name: spec.name, series: seriesCount(done.run), rows: done.rows });
        }
      }
    }

    // 4. Report.
    let data: ReportData | undefined;
    if (!dataFailed && config.report) {
      const report = config.report;
      const pick = (model: string, metric: string) => [...runs].find(([s]) => s.model.name === model && s.metric === metric)?.[1];
      const missions = [...runs].find(([s]) => s.model.name === 'staffing' && s.metric === 'missions' && s.by.length === 0)?.[1];
      data = await attempt('kpis', 'compute KPIs and charts', () =>
        reportData(warehouse, { locale: report.locale, generatedAt: runAt, missions, sales: pick('retail', 'revenue') }),
      );
      if (!data) dataFailed = true;
      else {
        const progress = progressBar('chart PNGs', quiet, 'charts');
        const written = await attempt('report', `write report → ${report.out}`, () =>
          writeReport(report.out, data!, { png: report.png, pdf: report.pdf, onProgress: progress.onProgress }).finally(() => progress.stop()), (w) => ({
          detail: w.pdf ? `index.html, report.pdf (${w.pdfPages} pages)` : 'index.html',
        }));
        if (!written) dataFailed = true;
        else summary.report = { index: written.index, ...(written.pdf ? { pdf: written.pdf } : {}) };
      }
    }

    // 5. Alerts, on what the data steps left (not after a failed data step: the numbers would be stale).
    if (!dataFailed && config.alerts.length > 0) {
      await attempt('alerts', `alerts: ${config.alerts.length} rule(s)`, async () => {
        const checks = await checkAlerts(warehouse, config.alerts, { now });
        const changes = await recordAlerts(warehouse, config.name, runId, checks, now);
        summary.alerts = { checks, fired: changes.fire, cleared: changes.clear.map((c) => c.check), open: (await openAlerts(warehouse, config.name)).length };
        return summary.alerts;
      }, (a) => ({ rowsRead: a.checks.length, rowsWritten: a.fired.length + a.cleared.length, detail: `${a.fired.length} fired, ${a.cleared.length} cleared, ${a.open} open` }));
      for (const c of summary.alerts.fired) log.warn(`alert ${c.rule}${c.series ? ` (${c.series})` : ''}: ${c.comparison}`);
    }

    // 6. Delivery: never undoes what came before; a failure is recorded and retried next run.
    // With a report, it goes after every run with the alerts not sent yet; without one, the alerts
    // alone go, and only when some fired or cleared.
    const notices = !dataFailed && config.deliver ? await pendingNotices(warehouse, config.name) : [];
    if (!dataFailed && config.deliver && ((data && summary.report) || notices.length > 0)) {
      summary.notices = notices;
      const deliver = config.deliver;
      const alone: ReportData = { title: `kpicast alerts: ${config.name}`, subtitle: `${notices.length} alert(s) fired or cleared`, generatedAt: now, cards: [], charts: [], forecasts: [] };
      const startedAt = performance.now();
      try {
        summary.deliveries = await log.step(data ? 'deliver report' : 'deliver alerts', () =>
          deliverReport({
            reportDir: summary.report ? resolve(summary.report.index, '..') : config.baseDir,
            summary: data ?? alone,
            ...(summary.report ? {} : { link: '' }),
            alerts: notices,
            ...(deliver.email && smtp ? { email: { to: deliver.email.to, smtp, ...(deliver.email.from ? { from: deliver.email.from } : {}) } } : {}),
            ...(deliver.webhook ? { webhook: { url: deliver.webhook.url } } : {}),
            retry: { ...options.retry, attempts: deliver.retry },
            log,
          }),
        );
      } catch (error) {
        // deliverReport reports failures as outcomes; a throw is a bug or a broken transport: recorded, the run goes on
        await rec.note('delivery', 'deliver', 'failed', { error: errorLine(error), durationMs: performance.now() - startedAt });
      }
      // one row per channel; the time is the delivery's, shared among its channels
      const share = (performance.now() - startedAt) / Math.max(1, summary.deliveries.length);
      for (const o of summary.deliveries) {
        await rec.note('delivery', `${o.channel} → ${o.target}`, o.status === 'sent' ? 'succeeded' : 'failed', {
          rowsWritten: o.status === 'sent' ? notices.length : 0,
          detail: `${o.attempts} attempt(s)${o.messageId ? `, message ${o.messageId}` : ''}, ${notices.length} alert notice(s)`,
          durationMs: share,
          ...(o.error ? { error: o.error } : {}),
        });
      }
      if (summary.deliveries.some((o) => o.status === 'sent')) await markNotified(warehouse, notices, new Date());
    }
  } catch (error) {
    // the recorder's own writes failed (the warehouse went away): say so and close what can be closed
    dataFailed = true;
    rec.failures.push({ kind: 'load', name: 'run', error: errorLine(error) });
  }
  const dataKinds: StepKind[] = ['load', 'build', 'forecast', 'kpis', 'report'];
  const first = rec.failures[0];
  summary.status = dataFailed || rec.failures.some((f) => dataKinds.includes(f.kind)) ? 'failed' : first ? 'partial' : 'succeeded';
  if (first) summary.error = `${first.name}: ${first.error}`;
  await closeRun(warehouse, runId, summary.status, summary.error).catch(() => undefined);
  summary.durationMs = performance.now() - started;
  return summary;
}
