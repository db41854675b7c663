import { parse } from 'csv-parse/sync';
import { InputError, OptionError } from '../errors.js';
import { fanChart, type ForecastPoint, type SeriesPoint } from './fanChart.js';
import { heatmapChart } from './heatmapChart.js';
import { kpiChart } from './kpiChart.js';
import { leaderboardChart } from './leaderboardChart.js';
import { rankingChart } from './rankingChart.js';
import type { ChartOptions, Figure } from './types.js';

/** The chart kinds `chartFromCsv` and `kpicast chart` draw. */
export const chartKinds = ['kpi', 'ranking', 'fan', 'leaderboard', 'heatmap'] as const;
export type ChartKind = (typeof chartKinds)[number];

/** The CSV columns each kind reads (a header line; `,`, `;` or tab separated; empty cell = missing). */
export const chartCsvColumns: Record<ChartKind, { required: string[]; optional: string[] }> = {
  kpi: { required: ['ds', 'value'], optional: ['previous'] },
  ranking: { required: ['label', 'value'], optional: [] },
  fan: { required: ['ds'], optional: ['y', 'fitted', 'mean', 'lo_80', 'hi_80', 'lo_95', 'hi_95'] },
  leaderboard: { required: ['model', 'error'], optional: [] },
  heatmap: { required: ['ds', 'value'], optional: [] },
};

/** Options of {@link chartFromCsv}: the chart options plus a name for the measure. */
export interface CsvChartOptions extends ChartOptions {
  /** Name of the KPI, measure, series or metric, depending on the kind. */
  name?: string;
  /** File name for error messages. */
  file?: string;
}

const derived = /_(previous|delta|delta_pct|share)$/;

/**
 * The output of `kpicast kpi --format csv` (`period`, dimensions, metrics and their
 * `_previous`/`_delta` columns) as chart columns: for kpi `ds` = period, `value` = the first
 * metric, `previous` = its `_previous`; for ranking `label` = the first dimension, `value` =
 * the first metric. Undefined when the file already has the kind's own columns.
 */
function fromKpiCsv(kind: ChartKind, header: string[], rows: Record<string, string>[]): { rows: Record<string, string>[]; metric: string } | undefined {
  if (rows.length === 0 || (kind !== 'kpi' && kind !== 'ranking')) return undefined;
  if (chartCsvColumns[kind].required.every((c) => header.includes(c))) return undefined;
  const numeric = (c: string) => rows.every((r) => r[c] === '' || Number.isFinite(Number(r[c])));
  const metric = header.find((c) => c !== 'period' && !derived.test(c) && numeric(c));
  if (!metric) return undefined;
  if (kind === 'kpi') {
    if (!header.includes('period')) return undefined;
    return { metric, rows: rows.map((r) => ({ ds: r.period, value: r[metric], previous: r[`${metric}_previous`] ?? '' })) };
  }
  const label = header.find((c) => c !== 'period' && c !== metric && !derived.test(c) && !numeric(c));
  if (!label) return undefined;
  return { metric, rows: rows.map((r) => ({ label: r[label], value: r[metric] })) };
}

/**
 * A chart from CSV text, for `kpicast chart`. Columns by kind:
 * kpi `ds,value[,previous]`; ranking `label,value`; fan `ds,y,fitted,mean,lo_80,hi_80,lo_95,hi_95`
 * (rows with `y` are history, with `fitted` the backtest fit, with `mean` the forecast);
 * leaderboard `model,error`; heatmap `ds,value` (daily). For kpi and ranking, the CSV that
 * `kpicast kpi --format csv` prints works too (period, dimension, metric, metric_previous).
 * Errors name the file, line and column.
 *
 * @example
 * chartFromCsv('ranking', 'label,value\nLyon,5\nParis,9\n').data[0].y; // => ['Lyon', 'Paris']
 */
export function chartFromCsv(kind: ChartKind, text: string, options: CsvChartOptions = {}): Figure {
  if (!chartKinds.includes(kind)) throw new OptionError('kind', kind, chartKinds.join(', '));
  const file = options.file;
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), delimiter: [',', ';', '\t'], skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new InputError(`chart CSV: ${(error as Error).message.split('\n')[0]}`, { file });
  }
  const columns = chartCsvColumns[kind];
  let header = rows.length > 0 ? Object.keys(rows[0]) : [];
  let name = options.name;
  const adapted = fromKpiCsv(kind, header, rows);
  if (adapted) {
    rows = adapted.rows;
    header = Object.keys(rows[0]);
    name ??= adapted.metric;
  }
  for (const column of columns.required) {
    if (!header.includes(column)) throw new InputError(`chart ${kind}: missing column ${column}; expected ${[...columns.required, ...columns.optional].join(',')}`, { file, line: 1 });
  }
  const num = (row: Record<string, string>, column: string, index: number): number | null => {
    const cell = row[column];
    if (cell === undefined || cell === '') return null;
    const value = Number(cell);
    if (!Number.isFinite(value)) throw new InputError(`not a number: ${JSON.stringify(cell)}`, { file, line: index + 2, column });
    return value;
  };
  const { name: _name, file: _file, ...chart } = options;
  switch (kind) {
    case 'kpi':
      return kpiChart(rows.map((r, i) => ({ ds: r.ds, value: num(r, 'value', i), previous: num(r, 'previous', i) })), { ...chart, kpi: name });
    case 'ranking':
      return rankingChart(rows.map((r, i) => ({ label: r.label, value: num(r, 'value', i) })), { ...chart, measure: name });
    case 'leaderboard':
      return leaderboardChart(rows.map((r, i) => ({ model: r.model, error: num(r, 'error', i) })), { ...chart, metric: name });
    case 'heatmap':
      return heatmapChart(rows.map((r, i) => ({ ds: r.ds, value: num(r, 'value', i) })), { ...chart, measure: name });
    case 'fan': {
      const history: SeriesPoint[] = [];
      const fitted: SeriesPoint[] = [];
      const forecast: ForecastPoint[] = [];
      rows.forEach((r, i) => {
        const y = num(r, 'y', i);
        const fit = num(r, 'fitted', i);
        const mean = num(r, 'mean', i);
        if (y !== null) history.push({ ds: r.ds, y });
        if (fit !== null) fitted.push({ ds: r.ds, y: fit });
        if (mean !== null) {
          forecast.push({ ds: r.ds, mean, lo80: num(r, 'lo_80', i), hi80: num(r, 'hi_80', i), lo95: num(r, 'lo_95', i), hi95: num(r, 'hi_95', i) });
        }
      });
      return fanChart({ history, fitted, forecast }, { ...chart, series: name });
    }
  }
}
