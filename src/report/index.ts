// Public API of src/report: every export here is re-exported from the package entry.
export type { KpiCard, ReportChart, ForecastRow, ReportData, ValueFormat } from './types.js';
export { formatNumber, formatValue, cardDelta, type Delta } from './format.js';
export { sparkline, sparklinePoints } from './sparkline.js';
export { writeReport, type WriteReportOptions, type WrittenReport } from './writeReport.js';
export { reportData, forecastRows, missionsForecast, salesForecast, settledUntil, type ForecastRun, type ReportDataOptions } from './reportData.js';
export { storeForecasts } from './storeForecasts.js';
export { warehouseTables, loadHistory, quarantined } from './tour.js';
export { printReportPdf, pdfPageCount, pdfMargins, a4PrintableWidthPx, type PrintReportPdfOptions, type PrintedPdf } from './pdf.js';
