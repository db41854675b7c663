/**
 * Coherent forecasts of a hierarchy (FPP3 ch. 11): the bottom series aggregated to every level
 * (hierarchy-aggregate.ts), every node forecast by one call of the engine's `forecast` (each
 * node's model selected by its own backtest), then reconciled so every parent is the sum of its
 * children (hierarchy-reconcile.ts) — the forecasts, their intervals and the backtest windows,
 * so base and reconciled backtest errors can be compared level by level.
 */
import pl from 'nodejs-polars';
import type { Series } from './types.js';
import { forecast, resolveOptions, type ForecastOptions, type ForecastResult } from './engine.js';
import type { ModelOutcome, SeriesOutcome } from './evaluate.js';
import { metric, metricNames, type MetricName } from './metrics.js';
import { getModel } from './models/registry.js';
import { FitCache } from './fit-cache.js';
import { defaultSeasonLength } from './calendar.js';
import { fromSeries, futureDates } from './series.js';
import { multiply } from './hierarchy-matrix.js';
import { aggregateHierarchy, hierarchyLevels, levelOf, type AggregatedHierarchy, type HierarchySpec, type SummingMatrix } from './hierarchy-aggregate.js';
import { checkReconcileMethod, correlationOf, reconcile, reconcileBounds, reconcilerFor, shrinkCovariance, type Projection, type ReconcileMethod } from './hierarchy-reconcile.js';
import { neverNegative } from './kernels/intervals.js';

/** Options of {@link forecastHierarchy}: the engine's, and the reconciliation method. */
export interface HierarchyOptions extends ForecastOptions {
  /** `mint_shrink` (default), `bottom_up` or `top_down` (average historical proportions). */
  reconcile?: ReconcileMethod;
}

/** The result of {@link forecastHierarchy}. */
export interface HierarchyResult {
  method: ReconcileMethod;
  /** The level columns, from the top down. */
  levels: string[];
  /** Level name (`total`, `store`, `store/category`) → node ids, in the row order of S. */
  tags: Record<string, string[]>;
  S: SummingMatrix;
  /** Every node's history: unique_id (its path), ds, y. */
  history: pl.DataFrame;
  /** The reconciled forecasts: unique_id, level, ds, model (the node's base model), mean, lo-80, hi-80, lo-95, hi-95. */
  forecasts: pl.DataFrame;
  /**
   * The engine's result over every node, with `best` replaced by the reconciled forecasts (the
   * engine's columns) and `selected.error` by the reconciled backtest error (its note says the base
   * one): what a caller storing or reporting the selected forecasts of a ForecastResult takes.
   */
  result: ForecastResult;
  /** The engine's result over every node, untouched: the base forecasts. */
  base: ForecastResult;
  /**
   * Backtest errors per level, mean over the level's series where defined (as the engine's
   * `overall`): level, series, base_wape, reconciled_wape, base_mape, reconciled_mape, base_mase, reconciled_mase.
   */
  errors: pl.DataFrame;
  /** The same per series: unique_id, level, model, then the base_ and reconciled_ metrics. */
  seriesErrors: pl.DataFrame;
  /** Shrinkage intensity of the covariance on the full history (mint_shrink; see shrinkCovariance). */
  lambda?: number;
  notes: string[];
}

/** The metrics of the per-level error tables. */
const errorMetrics: readonly MetricName[] = ['wape', 'mape', 'mase'];

/**
 * Forecasts every node of a hierarchy and reconciles them: `data` holds the bottom series as long
 * rows (the level columns of `hierarchy`, `ds`, `y`; or `unique_id` paths `S01/cheese` and no level
 * columns), aggregated to every level (`total`, `S01`, `S01/cheese`); the engine's `forecast` runs
 * once over all nodes with `options` (each node its own selected model); `reconcile` (default
 * mint_shrink) makes them coherent: every parent equals the sum of its children, for the means,
 * the interval bounds (reconciled under normality, see reconcileBounds) and every backtest window
 * (reconciled with a projection built from that window's training data only: the proportions of
 * top_down and the residual covariance of mint_shrink, its models refitted on the window, never
 * see the window's actuals). Every option is validated before any work.
 *
 * The residuals MinT needs are the in-sample one-step residuals of each node's selected model (of
 * an ensemble's members, combined as the ensemble combines), refitted here on the full history and
 * on each window's training data: (windows + 1) fits per node more than the engine's, one with
 * bottom_up and top_down (their intervals use the residual correlation too). Cost of the
 * reconciliation itself O(nodes³) per window and per step and level of the intervals.
 *
 * @example
 * const r = await forecastHierarchy(df, ['store', 'category'], { h: 4, models: ['naive', 'ets'] });
 * r.tags.store; // => ['S01', 'S02', …]
 * r.forecasts.filter(pl.col('unique_id').eq(pl.lit('total'))).getColumn('mean'); // the sum of the stores' means
 */
export async function forecastHierarchy(
  data: pl.DataFrame | Readonly<Record<string, ArrayLike<unknown>>>,
  hierarchy: HierarchySpec,
  options: HierarchyOptions = {},
): Promise<HierarchyResult> {
  resolveOptions(options);
  checkReconcileMethod(options.reconcile ?? 'mint_shrink');
  const levels = hierarchyLevels(hierarchy);
  const { reconcile: _method, period, fill, asOf, ...engineOptions } = options;
  void _method;
  const aggregated = aggregateHierarchy(data, levels, { period, fill, asOf });
  const base = await forecast(aggregated.series, engineOptions);
  return reconcileHierarchy(aggregated, base, options);
}

/**
 * The reconciliation step of {@link forecastHierarchy} alone: the engine's result `base` over the
 * nodes of `aggregated` (`forecast(aggregated.series, options)`, the same `options`) made coherent
 * by `options.reconcile`. Several methods can so be compared on one set of base forecasts.
 *
 * @example
 * const aggregated = aggregateHierarchy(df, ['store', 'category']);
 * const base = await forecast(aggregated.series, { h: 4 });
 * reconcileHierarchy(aggregated, base, { h: 4, reconcile: 'bottom_up' }).method; // => 'bottom_up'
 */
export function reconcileHierarchy(aggregated: AggregatedHierarchy, base: ForecastResult, options: HierarchyOptions = {}): HierarchyResult {
  const resolved = resolveOptions(options);
  const method = checkReconcileMethod(options.reconcile ?? 'mint_shrink');
  const { S, series, tags, levels } = aggregated;
  if (base.outcomes.length !== series.length || base.outcomes.some((o, i) => o.id !== series[i].id)) {
    throw new RangeError('reconcileHierarchy: base is not the forecast of these nodes (forecast(aggregated.series, options))');
  }
  if (base.outcomes.some((o) => o.outcomes[0]?.mean.length !== resolved.h)) throw new RangeError(`reconcileHierarchy: base was not forecast with h = ${resolved.h}`);
  const notes: string[] = [];
  const { h } = resolved;
  const seasonLength = resolved.seasonLength || defaultSeasonLength(series[0].period);
  const combine = resolved.ensemble?.combine ?? 'mean';

  const chosenNames = new Map((base.selected.toRecords() as Array<Record<string, unknown>>).map((r) => [String(r.unique_id), String(r.model)]));
  const chosen: ModelOutcome[] = base.outcomes.map((outcome, i) => {
    const name = chosenNames.get(series[i].id) ?? outcome.selected;
    return outcome.outcomes.find((o) => o.model === name) ?? outcome.outcomes[0];
  });
  const cutoffs = base.outcomes[0]?.cutoffs ?? [];
  const windows = cutoffs.length;
  const withBacktests = windows > 0 && chosen.every((o) => o.backtest.length === windows * h);
  if (windows === 0) notes.push('too short for a backtest: no backtest errors');
  else if (!withBacktests) notes.push('a selected model has no backtest (not a candidate): no reconciled backtest errors');

  // in-sample one-step residuals of every node's selected model: on the full history, and on each window's training data for mint_shrink
  const ends = [...(withBacktests && method === 'mint_shrink' ? cutoffs : []), series[0].values.length];
  const residuals = series.map((s, i) => residualsOf(s.values, ends, chosen[i], seasonLength, combine));
  const full = residuals.map((r) => r[r.length - 1]);

  const reconciler = reconcilerFor(method);
  const projection = reconciler.projection({ S, insample: series.map((s) => s.values), residuals: full });
  notes.push(...projection.notes);
  const P = multiply(S, projection.G);
  const correlation = correlationOf(projection.W ?? shrinkCovariance(full).covariance);

  // the reconciled forecasts, step by step
  const n = S.rows;
  // never-negative nodes (sales, counts): no negative mean, no negative bound (reconcile, reconcileBounds)
  const nonNegative = series.map((s) => neverNegative(s.values));
  const allNonNegative = nonNegative.every(Boolean);
  const meanOf = (j: number) => Float64Array.from(chosen, (o) => o.mean[j]);
  const reconciledMean = Array.from({ length: h }, (_, j) => reconcile(S, projection.G, meanOf(j), allNonNegative));
  const reconciledBounds = resolved.levels.map((level, l) =>
    Array.from({ length: h }, (_, j) =>
      reconcileBounds(P, correlation, reconciledMean[j], Float64Array.from(chosen, (o) => o.lo[l][j]), Float64Array.from(chosen, (o) => o.hi[l][j]), level, nonNegative)),
  );

  // the backtest windows, each reconciled with a projection from its own training data
  const reconciledBacktest = series.map(() => new Float64Array(withBacktests ? windows * h : 0));
  if (withBacktests) {
    cutoffs.forEach((end, w) => {
      const windowProjection: Projection = method === 'bottom_up' ? projection : reconciler.projection({
        S,
        insample: series.map((s) => s.values.subarray(0, end)),
        residuals: method === 'mint_shrink' ? residuals.map((r) => r[w]) : undefined,
      });
      for (let j = 0; j < h; j++) {
        const out = reconcile(S, windowProjection.G, Float64Array.from(chosen, (o) => o.backtest[w * h + j]), allNonNegative);
        for (let i = 0; i < n; i++) reconciledBacktest[i][w * h + j] = out[i];
      }
    });
  }
  const reconciledScores = series.map((s, i) => (withBacktests ? scoreWindows(s.values, cutoffs, h, base.outcomes[i], reconciledBacktest[i], resolved.maseSeason) : {}));

  const forecasts = forecastFrame(series, chosen, reconciledMean, reconciledBounds, resolved.levels, h, levels);
  const result: ForecastResult = {
    ...base,
    best: forecasts.drop('level'),
    selected: selectedFrame(series, base.outcomes, chosen, reconciledScores, method),
  };
  const seriesErrors = seriesErrorFrame(series, chosen, reconciledScores, levels);
  return {
    method,
    levels,
    tags,
    S,
    history: fromSeries(series),
    forecasts,
    result,
    base,
    errors: levelErrorFrame(tags, series, chosen, reconciledScores),
    seriesErrors,
    ...(projection.lambda !== undefined ? { lambda: projection.lambda } : {}),
    notes,
  };
}

/**
 * The in-sample one-step residuals y − fitted of a node's selected model (an ensemble: its members'
 * fitted values combined as it combines them) fitted on values[0, end) for each of `ends`. The
 * members share one cache, so a fit one member's kernel makes on the same values (Theta's SES beside
 * `ses` on a non-seasonal node) is made once.
 */
function residualsOf(values: Float64Array, ends: readonly number[], chosen: ModelOutcome, seasonLength: number, combine: 'mean' | 'median'): Float64Array[] {
  const names = chosen.members ?? [chosen.model];
  const options = { seasonLength, cache: new FitCache() };
  const fittedByMember = names.map((name) => {
    const model = getModel(name);
    const ys = ends.map((end) => (end === values.length ? values : values.subarray(0, end)));
    const fits = model.fitWindows && ys.length > 1 ? model.fitWindows(ys, options) : ys.map((y) => model.fit(y, options));
    return fits.map((f) => f.fitted);
  });
  return ends.map((end, e) => {
    const out = new Float64Array(end);
    const scratch = new Float64Array(names.length);
    for (let t = 0; t < end; t++) {
      for (let k = 0; k < names.length; k++) scratch[k] = fittedByMember[k][e][t];
      let fitted: number;
      if (scratch.some((v) => !Number.isFinite(v))) fitted = NaN;
      else if (combine === 'mean') fitted = scratch.reduce((a, b) => a + b, 0) / names.length;
      else {
        const sorted = Float64Array.from(scratch).sort();
        const k = sorted.length;
        fitted = k % 2 === 1 ? sorted[(k - 1) / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
      }
      out[t] = values[t] - fitted;
    }
    return out;
  });
}

/** Backtest scores of forecasts `predicted` (windows × h) as the engine scores them: per window, then the mean over windows; undefined where a window's is. */
function scoreWindows(values: Float64Array, cutoffs: readonly number[], h: number, outcome: SeriesOutcome, predicted: Float64Array, maseSeason: number): Partial<Record<MetricName, number>> {
  const scores: Partial<Record<MetricName, number>> = {};
  for (const name of metricNames) {
    let sum = 0;
    let defined = true;
    for (let w = 0; w < cutoffs.length && defined; w++) {
      const value = metric(name, outcome.actual.subarray(w * h, (w + 1) * h), predicted.subarray(w * h, (w + 1) * h), values.subarray(0, cutoffs[w]), maseSeason);
      if (value === undefined) defined = false;
      else sum += value;
    }
    if (defined) scores[name] = sum / cutoffs.length;
  }
  return scores;
}

const nullable = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);

function forecastFrame(series: readonly Series[], chosen: readonly ModelOutcome[], mean: Float64Array[], bounds: Array<Array<{ lo: Float64Array; hi: Float64Array }>>, levels: readonly number[], h: number, hierarchy: readonly string[]): pl.DataFrame {
  const columns: Record<string, unknown[]> = { unique_id: [], level: [], ds: [], model: [], mean: [] };
  levels.forEach((level) => (columns[`lo-${level}`] = [], columns[`hi-${level}`] = []));
  series.forEach((s, i) => {
    const dates = futureDates(s, h);
    for (let j = 0; j < h; j++) {
      columns.unique_id.push(s.id);
      columns.level.push(levelOf(s.id, hierarchy));
      columns.ds.push(dates[j]);
      columns.model.push(chosen[i].model);
      columns.mean.push(mean[j][i]);
      levels.forEach((level, l) => {
        columns[`lo-${level}`].push(bounds[l][j].lo[i]);
        columns[`hi-${level}`].push(bounds[l][j].hi[i]);
      });
    }
  });
  return pl.DataFrame(Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, ['unique_id', 'level', 'ds', 'model'].includes(name) ? pl.Series(name, values, pl.Utf8) : pl.Series(name, values, pl.Float64)])));
}

function selectedFrame(series: readonly Series[], outcomes: readonly SeriesOutcome[], chosen: readonly ModelOutcome[], reconciled: ReadonlyArray<Partial<Record<MetricName, number>>>, method: ReconcileMethod): pl.DataFrame {
  const fmt = (v: number | undefined) => (v === undefined ? 'undefined' : String(Math.round(v * 1000) / 1000));
  return pl.DataFrame({
    unique_id: series.map((s) => s.id),
    model: chosen.map((o) => o.model),
    metric: outcomes.map((o) => o.selectedBy),
    error: pl.Series('error', outcomes.map((o, i) => nullable(reconciled[i][o.selectedBy] ?? chosen[i].scores[o.selectedBy])), pl.Float64),
    note: outcomes.map((o, i) => [...o.notes, `reconciled (${method}); base ${o.selectedBy} ${fmt(chosen[i].scores[o.selectedBy])}`].join('; ')),
  });
}

function seriesErrorFrame(series: readonly Series[], chosen: readonly ModelOutcome[], reconciled: ReadonlyArray<Partial<Record<MetricName, number>>>, hierarchy: readonly string[]): pl.DataFrame {
  return pl.DataFrame({
    unique_id: series.map((s) => s.id),
    level: series.map((s) => levelOf(s.id, hierarchy)),
    model: chosen.map((o) => o.model),
    ...Object.fromEntries(errorMetrics.flatMap((m) => [
      [`base_${m}`, pl.Series(`base_${m}`, chosen.map((o) => nullable(o.scores[m])), pl.Float64)],
      [`reconciled_${m}`, pl.Series(`reconciled_${m}`, reconciled.map((r) => nullable(r[m])), pl.Float64)],
    ])),
  });
}

function levelErrorFrame(tags: Record<string, string[]>, series: readonly Series[], chosen: readonly ModelOutcome[], reconciled: ReadonlyArray<Partial<Record<MetricName, number>>>): pl.DataFrame {
  const index = new Map(series.map((s, i) => [s.id, i]));
  const names = Object.keys(tags);
  const mean = (values: Array<number | undefined>) => {
    const defined = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
    return defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : null;
  };
  return pl.DataFrame({
    level: names,
    series: pl.Series('series', names.map((name) => tags[name].length), pl.Int32),
    ...Object.fromEntries(errorMetrics.flatMap((m) => [
      [`base_${m}`, pl.Series(`base_${m}`, names.map((name) => mean(tags[name].map((id) => chosen[index.get(id)!].scores[m]))), pl.Float64)],
      [`reconciled_${m}`, pl.Series(`reconciled_${m}`, names.map((name) => mean(tags[name].map((id) => reconciled[index.get(id)!][m]))), pl.Float64)],
    ])),
  });
}

