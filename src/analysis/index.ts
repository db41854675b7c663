// Public API of src/analysis: every export here is re-exported from the package entry.
export {
  AGGREGATIONS, MEASURE_FORMATS, dimensionNames, measureFormat, quoteIdent, validateModel, withoutRollups,
  type Aggregation, type AggregateMeasure, type SqlMeasure, type RatioMeasure, type ShareMeasure,
  type Measure, type MeasureFormat, type Join, type Fact, type SemanticModel,
} from './model.js';
export {
  compileKpis, validateRequest, GRAINS, COMPARES,
  type Grain, type Compare, type FilterValue, type KpiRequest, type CompiledQuery, type ResultColumn,
} from './compile.js';
export { kpis, toFrame, type KpiResult } from './kpis.js';
export { formatFrame, formatCell, type OutputFormat, type FrameTableOptions } from './format.js';
export { loadModelFile, modelFromObject } from './model-file.js';
export { series, latestDate, nextPeriod, periodStart, type SeriesOptions, type SeriesGrain } from './series.js';
export { stockByProduct } from './stock-report.js';
export { parseFilters } from './filters.js';
export { resolvePeriod, periodRange, PERIOD_PRESETS, type PeriodPreset, type DateRange } from './periods.js';
export { retail, vehicles, staffing, builtinModels, builtinModel } from './models/index.js';
export {
  build, loadSqlModels, orderModels, loadDataTests, dataTestSql, dataTestLabel, sqlModelsDir, LAYERS,
  type BuildReport, type SqlModel, type DataTest, type DataTestResult, type Layer,
} from '../warehouse/build.js';
export {
  missionsToAssign, suggestExtras, suggestionReason, suggestionPrior,
  type MissionToAssign, type MissionsToAssignOptions, type SuggestedExtra, type SuggestExtrasOptions, type ExtraSuggestions,
} from './staffing-pilot.js';
