/**
 * The orchestrator: `forecast` and `crossValidation` over many series in long
 * format. Every option is validated before any fitting (OptionError names the
 * option and the allowed values); series are backtested, scored and selected
 * per series (evaluate.ts), across cores when there are many (parallel.ts).
 */
import pl from 'nodejs-polars';
import { OptionError } from '../errors.js';
import type { Period, Series } from './types.js';
import { metricNames, type MetricName } from './metrics.js';
import { defaultModelNames, holidayModelNames, modelNames, registry } from './models/registry.js';
import { eventCalendar, holidayCalendar, type HolidayCalendar } from './holidays.js';
import { eventWeights, type CalendarEvent } from './calendar.js';
import type { Combine, EvaluateConfig, SeriesOutcome } from './evaluate.js';
import { evaluateMany, type SeriesJob } from './parallel.js';
import { futureDates, toSeries, type FillPolicy, type LongRows } from './series.js';
import { checkEventColumns, seriesWithColumns, type SeriesWithColumns } from './event-columns.js';
import { addPeriods, checkPeriod, defaultSeasonLength, formatDay, periodWords, toUtcMs } from './calendar.js';
import { parseDateOption } from '../util/dates.js';

/** How the forecast of each series is chosen. */
export type SelectMode = 'best' | 'single' | 'ensemble';

/** Options of `forecast` and `crossValidation`. */
export interface ForecastOptions {
  /** Horizon in periods, integer from 1 to the period's {@link maxHorizon} (156 for weekly series). Default 4. */
  h?: number;
  /** Registered model names. Default `defaultModels`. */
  models?: readonly string[];
  /** Models eligible for selection and the ensemble (a subset of `models`); the others are forecast without backtest. Default: all of `models`. */
  candidates?: readonly string[];
  /** Interval levels in (0, 100). Default [80, 95]. */
  levels?: readonly number[];
  /** Backtest metric for selection. Default 'mase' ({@link defaultSelection}; WAPE where it is undefined). */
  metric?: MetricName;
  /** Backtest windows, integer ≥ 1. Default 4 ({@link defaultSelection}). */
  windows?: number;
  /** Periods between window origins, integer ≥ 1. Default h. */
  step?: number;
  /**
   * When the backtest refits its models (statsforecast's `refit`): true, every window; false
   * (default, {@link defaultSelection}), once on the first window's training data, later windows
   * only run the fitted model over their extra observations (same parameters, no leakage, far
   * fewer fits); an integer k ≥ 1, every k windows.
   */
  refit?: boolean | number;
  /** 'best' (lowest backtest error, ensemble included), 'single' (best single model), 'ensemble'. Default 'best'. */
  select?: SelectMode;
  /** Ensemble of the best k by backtest: `{ k, combine }`, or false. Default { k: 2, combine: 'mean' } (best on M4 weekly, see bench/m4.ts). */
  ensemble?: { k?: number; combine?: Combine } | false;
  /**
   * Whether the backtests score each model's intervals too: the leaderboard's `coverage-*` and
   * `msis-*` columns. Default true; false leaves those columns null and skips the backtest windows'
   * intervals: the same forecasts, intervals and selection for about a fifth less work (what
   * `kpicast forecast`, which writes no leaderboard, does).
   */
  intervalScores?: boolean;
  /** Worker threads: true (all cores), false, a count, or 'auto' (all cores from 50 series). Default 'auto'. */
  parallel?: boolean | number | 'auto';
  /** Season length; default by period (52 weekly, 7 daily, 12 monthly, 4 quarterly). */
  seasonLength?: number;
  /** MASE scale season. Default 1 (M4 for weekly). */
  maseSeason?: number;
  /** DataFrame input only: period (inferred per series when absent), fill policy, as-of date. */
  period?: Period;
  fill?: FillPolicy;
  asOf?: string | Date;
  /**
   * Holiday calendar: a HolidayCalendar (holidays.ts) or a country code as `FR`, `FR-GP`. With it
   * (or `events`) each series gets its holiday weights past and future (calendar.ts `eventWeights`)
   * and the holiday-adjusted models (`ets_hol`, `theta_hol`, ...) join `models` (when `models` is not
   * given) to be backtested and selected like every model. Without both, nothing changes.
   */
  holidays?: HolidayCalendar | string;
  /** User events (holidays.ts `readEventsCsv`, `readEventsTable`), alone or beside `holidays`. */
  events?: readonly CalendarEvent[];
  /**
   * Event columns of a DataFrame input (event-columns.ts): numeric columns beside unique_id, ds, y
   * (`promo_share`, the share of each week under promotion) given to the models that take
   * regressors, beside the calendar's weights; the holiday-adjusted models join `models` as with
   * `holidays`. Their values for the h forecast periods come in rows after each series' last y
   * (y empty); a forecast period without one is an InputError naming the column and the date.
   */
  eventColumns?: readonly string[];
  /** Called with the count of series done. */
  onProgress?: (done: number, total: number) => void;
}

/** A list check that keeps the element type (Array.isArray widens a readonly array to any[]). */
function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/**
 * The models fitted and backtested when none are named: the smooth ones that win most often on
 * weekly data (theta, damped trend, simple exponential smoothing, naive, drift), the seasonal
 * naive, and the three for intermittent demand (Croston, TSB, NPTS), which also win on a tenth of
 * M4's weekly series. Chosen with {@link defaultSelection} on validation windows cut from the
 * M4 weekly training series (`node dist/bench/m4-validate.js`, bench/m4.md), never on the M4 test
 * values: OWA 0.770 at h = 13 and 0.893 at h = 4 on those windows against 0.823 and 0.912 for all
 * 17 models by MAPE with refits, in a fifth of the time. Every other registered model (ets,
 * holt_winters, ma, ...) is one `models:` away.
 */
export const defaultModels: readonly string[] = defaultModelNames.filter((name) => ['theta', 'damped', 'ses', 'naive', 'drift', 'snaive', 'croston', 'tsb', 'npts'].includes(name));

/** A daily series holds its year twice from this many days: MSTL then fits the yearly cycle (models/mstl.ts). */
export const yearlyDays = 2 * 365;

/**
 * The models a series adds to {@link defaultModels} when neither `models` nor `candidates` is
 * named: `mstl` (the week and the year at once) for a daily series at the default season length
 * with more than {@link yearlyDays} days, whose yearly cycle none of the defaults sees. Chosen on
 * the generator's daily retail series (the chain and its stores, three years), forecasting 28 days
 * from 13 cuts of their history: the WAPE of the selected forecasts fell at the 12 cuts with more
 * than two years behind them, from 26.2 % to 21.8 % on the median cut, for five to six times the
 * fitting time of these series (`npm run bench:daily`, bench/daily.md).
 *
 * @example
 * addedModels({ period: 'day', values: new Float64Array(800) }, 0); // => ['mstl']
 */
export function addedModels(s: Pick<Series, 'period' | 'values'>, seasonLength: number): string[] {
  return s.period === 'day' && seasonLength === 0 && s.values.length > yearlyDays ? ['mstl'] : [];
}

/**
 * How selection backtests when the options do not say, chosen with {@link defaultModels} on the
 * same validation windows: MASE (scale-free, defined where actuals are zero, and what M4 scores
 * half of), 4 rolling windows of h (3 gave 0.792, 5 gave 0.782 at h = 13), each model fitted once
 * on the first window and run over the later ones without refitting (refits every window: 0.795,
 * at more cost).
 */
export const defaultSelection = { metric: 'mase', windows: 4, refit: false } as const satisfies { metric: MetricName; windows: number; refit: boolean };

/**
 * The longest horizon `forecast` and `crossValidation` accept, per period: two years of days,
 * three years of weeks (three yearly seasons), five years of months and quarters, ten years.
 * Beyond them no model here has anything the history supports to say (the intervals only
 * widen), and the output grows as series × models × h: h = 1,000,000 ran for minutes and wrote
 * 100 MB of dates past the year 20000. `maxHorizonAny` (the largest) is checked with the other
 * options before any data is read; the period's own once the series are shaped, before any fit.
 */
export const maxHorizon: Readonly<Record<Period, number>> = { day: 731, week: 156, month: 60, quarter: 20, year: 10 };

/** The largest of {@link maxHorizon}: the bound on h before the period of the data is known. */
export const maxHorizonAny = Math.max(...Object.values(maxHorizon));

/** Checks h against the period of every series (the bound of {@link maxHorizon}); OptionError naming h otherwise. */
function checkHorizonFor(h: number, series: readonly Series[]): void {
  for (const s of series) {
    const max = maxHorizon[s.period];
    if (max !== undefined && h > max) throw new OptionError('h', h, `1 to ${max} for ${periodWords[s.period]} series`);
  }
}

/** Options after validation, with defaults. */
export interface ResolvedOptions extends EvaluateConfig {
  select: SelectMode;
  /** Whether the backtests score intervals (ForecastOptions.intervalScores). */
  intervalScores: boolean;
  /** The calendar of `holidays` and `events`, when given. */
  calendar?: HolidayCalendar;
  /** The event columns, when given. */
  eventColumns?: readonly string[];
  threads: number | 'auto';
}

function positiveInteger(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new OptionError(option, value, 'an integer >= 1');
  return value;
}

/**
 * Validates every option and applies defaults; throws OptionError naming the first bad option.
 *
 * @example
 * resolveOptions({ metric: 'mae' as never }); // throws OptionError: metric: got "mae", allowed: mape, smape, mase, rmse, wape, bias
 */
export function resolveOptions(options: ForecastOptions = {}): ResolvedOptions {
  const h = options.h ?? 4;
  if (typeof h !== 'number' || !Number.isInteger(h) || h < 1) throw new OptionError('h', h, `an integer from 1 to ${maxHorizonAny}`);
  if (h > maxHorizonAny) throw new OptionError('h', h, `1 to ${maxHorizonAny} (${maxHorizon.week} for weekly series, ${maxHorizon.month} for monthly)`);
  let calendar: HolidayCalendar | undefined;
  if (options.holidays !== undefined) {
    calendar = typeof options.holidays === 'string' ? holidayCalendar(options.holidays) : options.holidays;
    if (typeof calendar !== 'object' || calendar === null || typeof calendar.between !== 'function') {
      throw new OptionError('holidays', options.holidays, 'a country code as FR or FR-GP, or a holiday calendar');
    }
  }
  if (options.events !== undefined) {
    if (!isList(options.events)) throw new OptionError('events', options.events, 'a list of { start, end, name, kind? } (readEventsCsv)');
    calendar = eventCalendar(options.events, calendar);
  }
  const eventColumns = options.eventColumns === undefined ? undefined : checkEventColumns(options.eventColumns);
  const withRegressors = calendar !== undefined || (eventColumns !== undefined && eventColumns.length > 0);
  const models = options.models ?? (withRegressors ? [...defaultModels, ...holidayModelNames] : defaultModels);
  const knownNames = [...modelNames, ...holidayModelNames];
  if (!isList(models) || models.length === 0) throw new OptionError('models', models, `a non-empty list of: ${knownNames.join(', ')}`);
  for (const name of models) if (!registry.has(name)) throw new OptionError('models', name, knownNames.join(', '));
  const repeated = models.find((name, i) => models.indexOf(name) !== i);
  if (repeated !== undefined) throw new OptionError('models', repeated, 'each model once');
  const candidates = options.candidates;
  if (candidates !== undefined) {
    if (!isList(candidates) || candidates.length === 0) throw new OptionError('candidates', candidates, `a non-empty subset of models: ${models.join(', ')}`);
    for (const name of candidates) if (!models.includes(name)) throw new OptionError('candidates', name, models.join(', '));
  }
  const given = options.levels ?? [80, 95];
  if (!isList(given)) throw new OptionError('levels', given, 'a list of numbers in (0, 100)');
  for (const level of given) if (typeof level !== 'number' || !(level > 0 && level < 100)) throw new OptionError('levels', level, 'numbers in (0, 100)');
  // as R's forecast(): levels all below 1 are fractions (0.8 is 80 %)
  const levels = given.every((level) => level < 1) ? given.map((level) => Math.round(level * 1e8) / 1e6) : given;
  const vanished = levels.findIndex((level) => !(level > 0 && level < 100));
  if (vanished >= 0) throw new OptionError('levels', given[vanished], 'numbers in (0, 100), or fractions in (0, 1) from 0.00000001', `${levels[vanished]} % as a fraction`);
  const twice = levels.find((level, i) => levels.indexOf(level) !== i);
  if (twice !== undefined) throw new OptionError('levels', twice, 'each level once');
  const metric = options.metric ?? defaultSelection.metric;
  if (!metricNames.includes(metric)) throw new OptionError('metric', metric, metricNames.join(', '));
  const windows = positiveInteger('windows', options.windows, defaultSelection.windows);
  const step = positiveInteger('step', options.step, h);
  const refit = options.refit ?? defaultSelection.refit;
  if (typeof refit !== 'boolean' && !(typeof refit === 'number' && Number.isInteger(refit) && refit >= 1)) {
    throw new OptionError('refit', refit, 'true (every window), false (first window only) or an integer >= 1 (every k windows)');
  }
  const select = options.select ?? 'best';
  if (!['best', 'single', 'ensemble'].includes(select)) throw new OptionError('select', select, 'best, single, ensemble');
  let ensemble: EvaluateConfig['ensemble'] = { k: 2, combine: 'mean' };
  if (options.ensemble === false) ensemble = null;
  else if (options.ensemble !== undefined) {
    if (typeof options.ensemble !== 'object' || options.ensemble === null) throw new OptionError('ensemble', options.ensemble, '{ k, combine } or false');
    const combine = options.ensemble.combine ?? 'mean';
    if (combine !== 'median' && combine !== 'mean') throw new OptionError('ensemble.combine', combine, 'median, mean');
    ensemble = { k: positiveInteger('ensemble.k', options.ensemble.k, 2), combine };
  }
  if (select === 'ensemble' && !ensemble) throw new OptionError('select', select, 'best, single (the ensemble is off)');
  if (select === 'ensemble' && models.length < 2) throw new OptionError('models', models, 'at least 2 models for select: ensemble');
  const parallel = options.parallel ?? 'auto';
  let threads: number | 'auto';
  if (parallel === 'auto') threads = 'auto';
  else if (parallel === true) threads = 0;
  else if (parallel === false) threads = 1;
  else threads = positiveInteger('parallel', parallel, 1);
  if (options.seasonLength !== undefined) positiveInteger('seasonLength', options.seasonLength, 1);
  const maseSeason = positiveInteger('maseSeason', options.maseSeason, 1);
  const intervalScores = options.intervalScores ?? true;
  if (typeof intervalScores !== 'boolean') throw new OptionError('intervalScores', intervalScores, 'true or false');
  if (options.period !== undefined) checkPeriod(options.period);
  if (options.fill !== undefined && options.fill !== 'zero' && options.fill !== 'missing') throw new OptionError('fill', options.fill, 'zero, missing');
  if (options.asOf instanceof Date) {
    if (Number.isNaN(options.asOf.getTime())) throw new OptionError('asOf', String(options.asOf), 'a valid Date or a calendar date YYYY-MM-DD');
  } else if (options.asOf !== undefined) parseDateOption('asOf', options.asOf);
  return { h, models, ...(candidates ? { candidates } : {}), levels, metric, windows, step, refit, select, intervalScores, ensemble, threads, seasonLength: options.seasonLength ?? 0, maseSeason, ...(calendar ? { calendar } : {}), ...(eventColumns?.length ? { eventColumns } : {}) };
}

/**
 * What `forecast` and `crossValidation` take: a long DataFrame (unique_id, ds, y), the same rows as
 * plain arrays (LongRows, as readLongRows gives them), Series[], or with `eventColumns` the series
 * with their event-column rows already read (SeriesWithColumns, as event-columns.ts
 * `seriesWithColumns` makes them from a DataFrame: what the batches of a distributed run carry).
 */
export type ForecastInput = pl.DataFrame | LongRows | readonly Series[] | SeriesWithColumns;

/**
 * Long DataFrame, long rows or Series[] to Series[], with each series' event-column rows when the
 * options name columns: how `forecast` reads its input, and a distributed run before it batches it.
 */
export function asSeries(input: ForecastInput, options: ForecastOptions, resolved: ResolvedOptions): { series: Series[]; columns?: Float64Array[][] } {
  const shaping = { period: options.period, fill: options.fill, asOf: options.asOf };
  const isFrame = typeof (input as pl.DataFrame).getColumn === 'function';
  const read = !isFrame && !Array.isArray(input) && 'regressors' in input ? input : undefined;
  if (read) {
    const width = resolved.eventColumns?.length ?? 0;
    const bad = read.series.findIndex((s, i) => read.regressors[i]?.length !== width || read.regressors[i].some((row) => row.length !== s.values.length + resolved.h));
    if (bad >= 0) throw new OptionError('eventColumns', resolved.eventColumns ?? null, `one row per column over each series' periods and the h = ${resolved.h} after them (series ${read.series[bad]?.id ?? bad + 1})`);
    return { series: read.series, ...(width > 0 ? { columns: read.regressors } : {}) };
  }
  if (resolved.eventColumns) {
    if (!isFrame) throw new OptionError('eventColumns', resolved.eventColumns, 'columns of a long DataFrame input (unique_id, ds, y and the columns), not Series[], plain rows nor a hierarchy');
    const { series, regressors } = seriesWithColumns(input as pl.DataFrame, resolved.eventColumns, resolved.h, shaping);
    return { series, columns: regressors };
  }
  if (Array.isArray(input)) return { series: input as Series[] };
  return { series: toSeries(input as pl.DataFrame | LongRows, shaping) };
}

async function run(series: readonly Series[], resolved: ResolvedOptions, options: ForecastOptions, columns?: Float64Array[][]): Promise<SeriesOutcome[]> {
  const defaulted = options.models === undefined && options.candidates === undefined;
  const jobs: SeriesJob[] = series.map((s, i) => {
    const regressors = [...(resolved.calendar ? holidayRegressors(s, resolved.h, resolved.calendar) : []), ...(columns?.[i] ?? [])];
    const added = defaulted ? addedModels(s, resolved.seasonLength) : [];
    return {
      id: s.id,
      values: s.values,
      seasonLength: resolved.seasonLength || defaultSeasonLength(s.period),
      ...(resolved.calendar || columns ? { regressors } : {}),
      ...(added.length > 0 ? { addedModels: added } : {}),
    };
  });
  const threads = resolved.threads === 'auto' ? (jobs.length >= 50 ? undefined : 1) : resolved.threads === 0 ? undefined : resolved.threads;
  const config: EvaluateConfig = {
    h: resolved.h,
    models: resolved.models,
    ...(resolved.candidates ? { candidates: resolved.candidates } : {}),
    levels: resolved.levels,
    metric: resolved.metric,
    windows: resolved.windows,
    step: resolved.step,
    refit: resolved.refit,
    seasonLength: 0,
    maseSeason: resolved.maseSeason,
    ensemble: resolved.ensemble,
    intervalScores: resolved.intervalScores,
  };
  return evaluateMany(jobs, config, { threads, onProgress: options.onProgress ? (done) => options.onProgress!(done, jobs.length) : undefined });
}

/**
 * The weight rows of `calendar`'s events over the series' periods followed by `h` future ones
 * (ModelOptions.regressors). Empty when the series has no dates.
 */
export function holidayRegressors(s: Series, h: number, calendar: HolidayCalendar): Float64Array[] {
  if (s.timestamps.length === 0) return [];
  const starts = [...s.timestamps, ...futureDates(s, h)];
  const last = formatDay(addPeriods(toUtcMs(starts[starts.length - 1]), s.period, 1) - 86_400_000);
  return eventWeights(starts, s.period, calendar.between(starts[0], last)).rows;
}

/** The result of `forecast`. */
export interface ForecastResult {
  /** Every model's forecasts: unique_id, ds, model, mean, lo-80, hi-80, lo-95, hi-95 (one pair per level). */
  forecasts: pl.DataFrame;
  /** The selected forecast of each series, same columns (model = the selected one). */
  best: pl.DataFrame;
  /**
   * Backtest metrics per series and model: unique_id, model, alias, mape, smape, mase, rmse, wape, bias,
   * coverage-<level> and msis-<level> of the model's own backtest intervals, rank (by the series' selection
   * metric), intervals (closed-form, empirical or model: where the forecast's bounds come from).
   */
  leaderboard: pl.DataFrame;
  /** Per model over all series: model, series, mean of each metric where defined, mape_undefined (series count), wins. */
  overall: pl.DataFrame;
  /** Per series: unique_id, model, metric, error (null where undefined), note. */
  selected: pl.DataFrame;
  /** Models replaced on a series: unique_id, model, reason. */
  fallbacks: Array<{ unique_id: string; model: string; reason: string }>;
  /** The raw per-series outcomes (typed arrays). */
  outcomes: SeriesOutcome[];
}

const nullable = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);

/**
 * Forecasts every series `h` periods ahead with every model, backtests them on rolling origins,
 * and selects per series the lowest backtest error. Validates every option before fitting.
 * Cost: series × models × (windows + 1) fits, spread over the cores.
 *
 * @example
 * const { best } = await forecast(df, { h: 4, models: ['naive', 'drift'] });
 * best.columns; // => ['unique_id', 'ds', 'model', 'mean', 'lo-80', 'hi-80', 'lo-95', 'hi-95']
 */
export async function forecast(input: ForecastInput, options: ForecastOptions = {}): Promise<ForecastResult> {
  const resolved = resolveOptions(options);
  const { series, columns } = asSeries(input, options, resolved);
  checkHorizonFor(resolved.h, series);
  const outcomes = await run(series, resolved, options, columns);
  const { h, levels } = resolved;
  const all = newColumns(levels);
  const best = newColumns(levels);
  const intervalColumns = resolved.levels.flatMap((level) => [`coverage-${level}`, `msis-${level}`]);
  const board: Record<string, unknown[]> = {
    unique_id: [], model: [], alias: [], ...Object.fromEntries([...metricNames, ...intervalColumns].map((m) => [m, []])), rank: [], intervals: [],
  };
  const selectedRows: Record<string, unknown[]> = { unique_id: [], model: [], metric: [], error: [], note: [] };
  const fallbacks: ForecastResult['fallbacks'] = [];
  series.forEach((s, index) => {
    const outcome = outcomes[index];
    const dates = futureDates(s, h);
    // the one ranking of the series (evaluate.ts): best first, |bias| for bias
    let chosen = outcome.selected;
    if (resolved.select === 'ensemble' && outcome.outcomes.some((o) => o.model === 'ensemble')) chosen = 'ensemble';
    if (resolved.select === 'single' && chosen === 'ensemble') chosen = outcome.ranking.find((name) => name !== 'ensemble') ?? chosen;
    for (const o of outcome.outcomes) {
      push(all, s.id, dates, o.model, o.mean, o.lo, o.hi, levels);
      if (o.model === chosen) push(best, s.id, dates, o.model, o.mean, o.lo, o.hi, levels);
      board.unique_id.push(s.id);
      board.model.push(o.model);
      board.alias.push(o.alias);
      for (const m of metricNames) board[m].push(nullable(o.scores[m]));
      for (const m of intervalColumns) board[m].push(nullable(o.intervalScores[m]));
      board.rank.push(outcome.ranking.indexOf(o.model) + 1);
      board.intervals.push(o.intervals);
      if (o.fallback) fallbacks.push({ unique_id: s.id, model: o.model, reason: o.fallback });
    }
    const chosenOutcome = outcome.outcomes.find((o) => o.model === chosen);
    selectedRows.unique_id.push(s.id);
    selectedRows.model.push(chosen);
    selectedRows.metric.push(outcome.selectedBy);
    selectedRows.error.push(nullable(chosenOutcome?.scores[outcome.selectedBy]));
    selectedRows.note.push(outcome.notes.join('; '));
  });
  return {
    forecasts: toFrame(all, levels),
    best: toFrame(best, levels),
    leaderboard: pl.DataFrame({
      unique_id: board.unique_id,
      model: board.model,
      alias: board.alias,
      ...Object.fromEntries([...metricNames, ...intervalColumns].map((m) => [m, pl.Series(m, board[m], pl.Float64)])),
      rank: board.rank,
      intervals: board.intervals,
    }),
    overall: overallBoard(outcomes),
    selected: pl.DataFrame({
      unique_id: selectedRows.unique_id,
      model: selectedRows.model,
      metric: selectedRows.metric,
      error: pl.Series('error', selectedRows.error, pl.Float64),
      note: selectedRows.note,
    }),
    fallbacks,
    outcomes,
  };
}

interface Columns {
  unique_id: string[];
  ds: string[];
  model: string[];
  mean: number[];
  bounds: number[][];
}

function newColumns(levels: readonly number[]): Columns {
  return { unique_id: [], ds: [], model: [], mean: [], bounds: levels.flatMap(() => [[], []]) };
}

function push(c: Columns, id: string, dates: string[], model: string, mean: Float64Array, lo: Float64Array[], hi: Float64Array[], levels: readonly number[]): void {
  for (let j = 0; j < mean.length; j++) {
    c.unique_id.push(id);
    c.ds.push(dates[j]);
    c.model.push(model);
    c.mean.push(mean[j]);
    for (let l = 0; l < levels.length; l++) {
      c.bounds[2 * l].push(lo[l][j]);
      c.bounds[2 * l + 1].push(hi[l][j]);
    }
  }
}

function toFrame(c: Columns, levels: readonly number[]): pl.DataFrame {
  const columns: Record<string, unknown> = { unique_id: c.unique_id, ds: c.ds, model: c.model, mean: pl.Series('mean', c.mean, pl.Float64) };
  levels.forEach((level, l) => {
    columns[`lo-${level}`] = pl.Series(`lo-${level}`, c.bounds[2 * l], pl.Float64);
    columns[`hi-${level}`] = pl.Series(`hi-${level}`, c.bounds[2 * l + 1], pl.Float64);
  });
  return pl.DataFrame(columns);
}

/** Per model: series count, mean of each metric over the series where it is defined, MAPE-undefined count, wins. */
function overallBoard(outcomes: readonly SeriesOutcome[]): pl.DataFrame {
  const names: string[] = [];
  const stats = new Map<string, { series: number; sums: number[]; counts: number[]; wins: number }>();
  for (const outcome of outcomes) {
    for (const o of outcome.outcomes) {
      const s = stats.get(o.model) ?? { series: 0, sums: metricNames.map(() => 0), counts: metricNames.map(() => 0), wins: 0 };
      if (!stats.has(o.model)) {
        names.push(o.model);
        stats.set(o.model, s);
      }
      s.series++;
      metricNames.forEach((m, i) => {
        const v = o.scores[m];
        if (v !== undefined) {
          s.sums[i] += v;
          s.counts[i]++;
        }
      });
      if (outcome.selected === o.model) s.wins++;
    }
  }
  const rows = names.map((name) => stats.get(name)!);
  return pl.DataFrame({
    model: names,
    series: pl.Series('series', rows.map((r) => r.series), pl.Int32),
    ...Object.fromEntries(metricNames.map((m, i) => [m, pl.Series(m, rows.map((r) => (r.counts[i] > 0 ? r.sums[i] / r.counts[i] : null)), pl.Float64)])),
    mape_undefined: pl.Series('mape_undefined', rows.map((r) => r.series - r.counts[0]), pl.Int32),
    wins: pl.Series('wins', rows.map((r) => r.wins), pl.Int32),
  });
}

/**
 * Rolling-origin cross-validation: every model's backtest forecasts beside the actuals, in long
 * format: unique_id, ds, cutoff (last training period), model, y, mean. Same options as `forecast`.
 *
 * @example
 * (await crossValidation(df, { h: 2, windows: 2, models: ['naive'] })).columns;
 * // => ['unique_id', 'ds', 'cutoff', 'model', 'y', 'mean']
 */
export async function crossValidation(input: ForecastInput, options: ForecastOptions = {}): Promise<pl.DataFrame> {
  const resolved = resolveOptions(options);
  const { series, columns } = asSeries(input, options, resolved);
  checkHorizonFor(resolved.h, series);
  const outcomes = await run(series, resolved, options, columns);
  const rows = { unique_id: [] as string[], ds: [] as string[], cutoff: [] as string[], model: [] as string[], y: [] as (number | null)[], mean: [] as number[] };
  const { h } = resolved;
  series.forEach((s, index) => {
    const outcome = outcomes[index];
    for (const o of outcome.outcomes) {
      if (o.backtest.length === 0) continue;
      outcome.cutoffs.forEach((end, w) => {
        for (let j = 0; j < h; j++) {
          rows.unique_id.push(s.id);
          rows.ds.push(s.timestamps[end + j] ?? String(end + j));
          rows.cutoff.push(s.timestamps[end - 1] ?? String(end - 1));
          rows.model.push(o.model);
          rows.y.push(nullable(outcome.actual[w * h + j]));
          rows.mean.push(o.backtest[w * h + j]);
        }
      });
    }
  });
  return pl.DataFrame({
    unique_id: rows.unique_id,
    ds: rows.ds,
    cutoff: rows.cutoff,
    model: rows.model,
    y: pl.Series('y', rows.y, pl.Float64),
    mean: pl.Series('mean', rows.mean, pl.Float64),
  });
}

