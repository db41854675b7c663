/**
 * Forecasting: models behind one ForecastModel shape, metrics, rolling-origin
 * backtests, per-series selection, an ensemble of the best, intervals, and
 * many series across cores.
 */
export type * from './types.js';
export { naive } from './models/naive.js';
export { seasonalNaive } from './models/seasonal-naive.js';
export { historicMean } from './models/historic-mean.js';
export { movingAverage, type MovingAverageOptions } from './models/moving-average.js';
export { drift } from './models/drift.js';
export { croston, sba, tsb } from './models/croston.js';
export { npts, nptsModel, seasonalNptsModel, seededRandom, type NptsOptions } from './models/npts.js';
export { ses } from './models/ses.js';
export { holt, dampedHolt } from './models/holt.js';
export { holtWinters, holtWintersMultiplicative } from './models/holt-winters.js';
export { ets } from './models/ets.js';
export { theta } from './models/theta.js';
export { mstl, mstlModel, mstlDecompose, type MstlOptions, type MstlDecomposition } from './models/mstl.js';
export { guarded } from './kernels/model-support.js';
export { fillMissing } from './kernels/fill-missing.js';
export { registry, modelNames, defaultModelNames, optInModels, getModel, forecastOnce } from './models/registry.js';
export { qnorm as normalQuantile } from './kernels/intervals.js';
export { mape, smape, mase, mae, rmse, wape, bias, coverage, msis, seasonalNaiveScale, metric, metricNames, type MetricName } from './metrics.js';
export { FitCache } from './fit-cache.js';
export { evaluateSeries, cutoffsFor, type EvaluateConfig, type ModelOutcome, type SeriesOutcome, type Combine } from './evaluate.js';
export { evaluateMany, evaluateEach, evaluateInProcess, evaluateEachInProcess, workerScript, pooledThreadIds, prewarmThreadPool, closeThreadPool, type SeriesJob } from './parallel.js';
export { forecast, crossValidation, resolveOptions, holidayRegressors, defaultModels, addedModels, yearlyDays, defaultSelection, maxHorizon, maxHorizonAny, type ForecastInput, type ForecastOptions, type ForecastResult, type SelectMode } from './engine.js';
export { formatTable } from './table.js';
export { toSeries, fromSeries, futureDates, readLongCsv, readLongRows, type FillPolicy, type ToSeriesOptions, type LongRows, type LongCsvRows } from './series.js';
export { addPeriods, inferPeriod, inferPeriods, defaultSeasonLength, toUtcMs, formatDay, periods, eventWeights, type CalendarEvent } from './calendar.js';
export { seriesWithColumns, checkEventColumns, type SeriesWithColumns } from './event-columns.js';
export { holidayCalendar, eventCalendar, readEventsCsv, readEventsTable, type HolidayCalendar } from './holidays.js';
export { holidayAdjusted, holidayEffects } from './models/holiday-adjusted.js';
export { groupFallbacks, fallbackLines, type Fallback, type FallbackGroup } from './fallbacks.js';
export { forecastHierarchy, reconcileHierarchy, type HierarchyOptions, type HierarchyResult } from './hierarchy.js';
export { aggregateHierarchy, summingMatrix, hierarchyLevels, levelOf, TOTAL_ID, type HierarchySpec, type SummingMatrix, type AggregatedHierarchy, type AggregateOptions } from './hierarchy-aggregate.js';
export {
  bottomUp, topDown, minTrace, minTraceProjection, shrinkCovariance, reconcile, reconcileBounds, correlationOf, reconcilerFor, checkReconcileMethod, reconcileMethods,
  type ReconcileMethod, type Reconciler, type ReconcileInput, type Projection,
} from './hierarchy-reconcile.js';
export type { Matrix } from './hierarchy-matrix.js';
