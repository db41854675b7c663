// Public API of src/charts: every export here is re-exported from the package entry.
export type { Figure, Trace, Layout, Axis, ChartOptions, Locale } from './types.js';
export { separatorsFor, axisLabel, baseLayout, palette } from './theme.js';
export { isoDay } from './dates.js';
export { kpiChart, type KpiPoint, type KpiChartOptions } from './kpiChart.js';
export { rankingChart, type RankingItem, type RankingChartOptions } from './rankingChart.js';
export { fanChart, type FanChartInput, type FanChartOptions, type SeriesPoint, type ForecastPoint } from './fanChart.js';
export { leaderboardChart, type LeaderboardEntry, type LeaderboardChartOptions } from './leaderboardChart.js';
export { heatmapChart, weekStart, type DailyValue, type HeatmapChartOptions } from './heatmapChart.js';
export { figureHtml, plotDiv, escapeHtml } from './html.js';
export { plotlySource, plotlyPath } from './plotlySource.js';
export { show, notebookHtml, type HtmlDisplay } from './show.js';
export {
  createExporter,
  exportFigure,
  findChromium,
  formatOf,
  chromiumArgs,
  type Exporter,
  type ExportJob,
  type ExportFormat,
  type ImageSize,
} from './exporter.js';
export { chartFromCsv, chartKinds, chartCsvColumns, type ChartKind, type CsvChartOptions } from './chartFromCsv.js';
export { fanChartInput, leaderboardEntries } from './fromForecast.js';
export { tableHtml, showTable, type TableInput, type TableOptions } from './tableHtml.js';
