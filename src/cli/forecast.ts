import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultModels, defaultSelection, forecast, resolveOptions, yearlyDays, type ForecastOptions } from '../forecast/engine.js';
import { readLongCsv, readLongRows, type LongCsvRows } from '../forecast/series.js';
import { formatTable } from '../forecast/table.js';
import { modelNames } from '../forecast/models/registry.js';
import { metricNames } from '../forecast/metrics.js';
import { fallbackLines } from '../forecast/fallbacks.js';
import { createProgress } from '../util/progress.js';
import { parseDateOption } from '../util/dates.js';
import { readEventsCsv, readEventsTable } from '../forecast/holidays.js';
import { openWarehouse } from '../warehouse/open.js';
import { parseTableName } from '../ingest/table-schema.js';
import { checkOutput } from '../util/output.js';
import { OptionError } from '../errors.js';
import type pl from 'nodejs-polars';
import { forecastDistributed } from '../pipeline/distributed.js';
import { prewarmThreadPool } from '../forecast/parallel.js';
import type { Logger } from '../util/log.js';
import { maskUrl } from '../util/secrets.js';
import { globals, loggerFor } from './context.js';
import { hierarchyOption, reconcileOption, parseHierarchyFlags, runHierarchyForecast } from './forecast-hierarchy.js';

/** The flag of each ForecastOptions key the command line sets. */
const flagNames: Record<string, string> = {
  h: '--h', models: '--models', candidates: '--candidates', metric: '--metric', windows: '--windows', step: '--step',
  refit: '--refit', levels: '--levels', select: '--select', period: '--period', seasonLength: '--season-length', fill: '--fill', asOf: '--as-of', parallel: '--threads',
  holidays: '--holidays', events: '--events', table: '--events-table', eventColumns: '--event-columns',
};

/** A library OptionError under the flag the user typed (`h: got …` → `--h: got …`); any other error as it is. */
export function asFlagError(error: unknown): unknown {
  const flag = error instanceof OptionError ? flagNames[error.option] : undefined;
  return flag ? (error as OptionError).renamed(flag) : error;
}

/**
 * The `--input` of `forecast` and `backtest`, its period inferred (or given) once: plain rows, or a
 * DataFrame where event columns are read (`frame`: also for the batches of --distributed).
 */
export function readForecastInput(file: string, options: ForecastOptions, frame: true): pl.DataFrame;
export function readForecastInput(file: string, options: ForecastOptions, frame?: boolean): pl.DataFrame | LongCsvRows;
export function readForecastInput(file: string, options: ForecastOptions, frame = false): pl.DataFrame | LongCsvRows {
  const reading = { period: options.period ?? 'infer', ...(options.eventColumns ? { columns: options.eventColumns } : {}) } as const;
  return frame || options.eventColumns ? readLongCsv(file, reading) : readLongRows(file, reading);
}

/** Options shared by `kpicast forecast` and `kpicast backtest`. */
export function forecastFlags(command: Command): Command {
  return command
    .requiredOption('-i, --input <file>', 'long-format CSV with columns unique_id, ds (YYYY-MM-DD), y')
    .option('--h <periods>', 'horizon in periods', '4')
    .option('--models <names>', `comma-separated, among ${modelNames.join(', ')} (default: ${defaultModels.join(', ')}; and mstl for a daily series of more than ${yearlyDays} days)`)
    .option('--candidates <names>', 'models eligible for selection and the ensemble (default: all of --models)')
    .option('--metric <name>', `selection metric: ${metricNames.join(', ')} (default: ${defaultSelection.metric})`)
    .option('--windows <n>', `backtest windows (default: ${defaultSelection.windows})`)
    .option('--step <n>', 'periods between backtest origins (default: h)')
    .option('--refit <mode>', `backtest refits: true (every window), false (first window only, later windows keep its parameters) or N (every N windows) (default: ${defaultSelection.refit})`)
    .option('--levels <list>', 'interval levels', '80,95')
    .option('--select <mode>', 'best, single or ensemble', 'best')
    .option('--period <period>', 'day, week, month, quarter, year (default: inferred per series)')
    .option('--season-length <n>', 'season length in periods for every series (default: by period: 7 daily, 52 weekly, 12 monthly, 4 quarterly)')
    .option('--fill <policy>', 'missing periods: zero or missing', 'missing')
    .option('--as-of <date>', 'last day with complete data: a later, unfinished last period is left out')
    .option('--threads <n>', 'worker threads (default: all cores from 50 series)')
    .option('--holidays <code>', 'public holidays of a country (FR) or region (FR-GP, DE-BY): adds the holiday-adjusted models (ets_hol, theta_hol, ...) to the backtests')
    .option('--events <file>', 'CSV of events: date (or start,end), name, optional kind; each kind gets its own estimated effect')
    .option('--event-columns <names>', 'numeric columns of --input given to the holiday-adjusted models as events (promo_share: the share of each period under promotion); rows after a series\' last y (y empty) give their values for the h forecast periods')
    .option('--events-table <table>', 'the same events from a table of the --db warehouse (name in raw, or schema.name), beside or instead of --events');
}

/** Command-line strings to ForecastOptions; the library validates them (OptionError names the flag). */
export function parseForecastFlags(opts: Record<string, string | undefined>): ForecastOptions {
  const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean));
  // a number, or the text as typed when it is none, so the library's error quotes what the user wrote
  const number = (value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    // decimal only: Number() would also read 0x10 as 16 and 0b11 as 3
    const n = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value) ? Number(value) : NaN;
    return (Number.isFinite(n) ? n : value) as number;
  };
  const threads = number(opts.threads);
  const refit = opts.refit === undefined ? undefined : opts.refit === 'true' ? true : opts.refit === 'false' ? false : /^\d+$/.test(opts.refit) ? Number(opts.refit) : opts.refit;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new OptionError('--threads', opts.threads, 'an integer >= 1');
  const options: ForecastOptions = {
    h: number(opts.h),
    models: list(opts.models),
    candidates: list(opts.candidates),
    metric: opts.metric as ForecastOptions['metric'],
    windows: number(opts.windows),
    step: number(opts.step),
    refit: refit as ForecastOptions['refit'],
    levels: list(opts.levels)?.map((s) => number(s) as number),
    select: opts.select as ForecastOptions['select'],
    period: opts.period as ForecastOptions['period'],
    seasonLength: number(opts.seasonLength),
    fill: opts.fill as ForecastOptions['fill'],
    asOf: opts.asOf === undefined ? undefined : parseDateOption('--as-of', opts.asOf),
    parallel: threads ?? 'auto',
    ...(opts.holidays !== undefined ? { holidays: opts.holidays } : {}),
    ...(opts.events !== undefined ? { events: readEventsCsv(opts.events) } : {}),
    ...(opts.eventColumns !== undefined ? { eventColumns: list(opts.eventColumns) } : {}),
  };
  try {
    if (opts.eventsTable !== undefined) parseTableName(opts.eventsTable); // the name checked before the warehouse is opened
    resolveOptions(options); // every option checked before any file is read or step started
  } catch (error) {
    throw asFlagError(error);
  }
  return options;
}

/**
 * `options` with the events of `--events-table` added (read from the `--db` warehouse, opened
 * only for that and closed); `options` itself without the flag. Async, so apart from
 * parseForecastFlags, which checks everything else before any file or database is touched.
 */
export async function withEventsTable(options: ForecastOptions, opts: Record<string, string | undefined>, command: Command): Promise<ForecastOptions> {
  if (opts.eventsTable === undefined) return options;
  const warehouse = await openWarehouse(globals(command).db);
  try {
    const events = await readEventsTable(warehouse, opts.eventsTable).catch((error: unknown) => {
      throw asFlagError(error);
    });
    return { ...options, events: [...(options.events ?? []), ...events] };
  } finally {
    await warehouse.close();
  }
}

async function localForecast(df: pl.DataFrame | LongCsvRows, options: ForecastOptions, opts: Record<string, string | undefined>, log: Logger) {
  const progress = createProgress('forecast', 0, { quiet: log.quiet, unit: 'series' });
  // the command writes forecasts and the selection, no leaderboard: its backtests score no intervals
  return log.step(`forecast ${opts.input}`, () =>
    forecast(df, { ...options, intervalScores: false, onProgress: (done, total) => { progress.setTotal(total); progress.tick(1); void done; } }).catch((error: unknown) => {
      throw asFlagError(error);
    }),
  ).finally(() => progress.stop());
}

/** The same forecasts by the workers of the --db server: batches queued, progress as batches are done. */
async function distributedForecast(df: pl.DataFrame, options: ForecastOptions, opts: Record<string, string | undefined>, command: Command, log: Logger) {
  const batchSize = Number(opts.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new OptionError('--batch-size', opts.batchSize, 'an integer from 1 to 100000');
  const timeout = Number(opts.batchTimeout);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout >= 86_400) throw new OptionError('--batch-timeout', opts.batchTimeout, 'whole seconds from 1 to 86399');
  const target = globals(command).db ?? process.env.KPICAST_DB;
  if (target === undefined || !/^postgres(ql)?:\/\//i.test(target)) {
    throw new OptionError('--db', target === undefined ? null : maskUrl(target), 'with --distributed, a PostgreSQL server URL postgres://… that the workers reach');
  }
  const progress = createProgress('forecast batches', 0, { quiet: log.quiet, unit: 'batches' });
  let shown = 0;
  // as a local run: no leaderboard written, so the workers' backtests score no intervals
  return log.step(`forecast ${opts.input} on the workers`, () =>
    forecastDistributed(target, df, { ...options, intervalScores: false }, {
      batchSize,
      expireInSeconds: timeout,
      log,
      onProgress: (done, total) => {
        progress.setTotal(total);
        progress.tick(done - shown);
        shown = done;
      },
    }),
  ).finally(() => progress.stop());
}

/** Whether `file` is a file of more than 1 MB (false when it cannot be read: the reader says why). */
function largeFile(file: string): boolean {
  try {
    return statSync(file).size > 1_000_000;
  } catch {
    return false;
  }
}

/** `kpicast forecast --input file.csv`: the selected forecast per series as CSV (stdout or --out), the selection on stderr. */
export function registerForecast(program: Command): void {
  forecastFlags(program.command('forecast').description('forecast every series h periods ahead, choosing per series the model with the lowest backtest error'))
    .option('-o, --out <file>', 'write the forecasts CSV here (default: stdout)')
    .option('--all', 'every model\'s forecasts, not only the selected one')
    .option('--distributed', 'queue the series in batches on the PostgreSQL server of --db, for `kpicast worker` processes on any machines')
    .option('--batch-size <n>', 'series per batch with --distributed', '200')
    .option('--batch-timeout <seconds>', 'with --distributed: a batch not done in this time (its worker killed or gone) is given to another worker', '900')
    .option(...hierarchyOption)
    .option(...reconcileOption)
    .action(async (opts: Record<string, string | undefined>, command: Command) => {
      const log = loggerFor(command);
      const flags = parseForecastFlags(opts);
      const hierarchy = parseHierarchyFlags(opts);
      if (hierarchy) return runHierarchyForecast(opts, await withEventsTable(flags, opts, command), hierarchy, command, asFlagError);
      const options = await withEventsTable(flags, opts, command);
      const out = opts.out === undefined ? undefined : checkOutput(opts.out); // before any work
      // the worker threads start while a large file is read (over 1 MB: tens of thousands of rows,
      // most likely the 50 series from which every core is used); none when one thread is asked for
      if (!opts.distributed && options.parallel !== 1 && largeFile(opts.input!)) prewarmThreadPool(typeof options.parallel === 'number' ? options.parallel : undefined);
      const result = opts.distributed
        ? await distributedForecast(readForecastInput(opts.input!, options, true), options, opts, command, log)
        : await localForecast(readForecastInput(opts.input!, options), options, opts, log);
      const table = opts.all ? result.forecasts : result.best;
      if (out) {
        out.write(table.writeCSV());
        process.stdout.write(`${formatTable(result.selected)}\n${table.height} rows → ${out.path}\n`);
      } else {
        process.stdout.write(table.writeCSV().toString());
        if (!log.quiet) process.stderr.write(`${formatTable(result.selected)}\n`);
      }
      for (const line of fallbackLines(result.fallbacks)) log.warn(line);
    });
}
