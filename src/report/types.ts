import type { Figure, Locale } from '../charts/types.js';

/** How a KPI value reads: a plain number, money, or a percentage (values given in percent, 12.5 = 12.5 %). */
export type ValueFormat = 'number' | 'currency' | 'percent';

/** One KPI card: the latest period's value against the previous period, with a sparkline of recent periods. */
export interface KpiCard {
  label: string;
  /** This period's value; null when not known. */
  value: number | null;
  /** The comparison period's value (the period before, or the same period a year before). */
  previous?: number | null;
  format?: ValueFormat;
  /** Currency code for `format: 'currency'`; default `'EUR'`. */
  currency?: string;
  /** A unit after the number for `format: 'number'` (`missions`). */
  unit?: string;
  /** True for metrics where a fall is good news (cancellation rate, costs): the delta's colour is inverted. */
  lowerIsBetter?: boolean;
  /** Recent values, oldest first, for the sparkline (missing values skipped). */
  history?: ReadonlyArray<number | null>;
  /** Fraction digits shown; default 0 for numbers and money, 1 for percentages. */
  digits?: number;
}

/** A chart of the report; `name` is its file name (`revenue` → `charts/revenue.png`). */
export interface ReportChart {
  name: string;
  figure: Figure;
}

/** One forecast step of one series, with the model chosen for the series and its backtest error. */
export interface ForecastRow {
  series: string;
  ds: string;
  mean: number;
  lo80?: number | null;
  hi80?: number | null;
  lo95?: number | null;
  hi95?: number | null;
  model: string;
  /** Backtest MAPE of the chosen model, in percent; null when undefined (zeros in the series). */
  mape?: number | null;
}

/** Everything a report shows. */
export interface ReportData {
  title: string;
  subtitle?: string;
  /** The period the cards show, as its first day (`2025-12-22` for that ISO week); names the email's subject. */
  period?: string;
  /** When the data was computed; shown in the header. Default: now. */
  generatedAt?: Date;
  locale?: Locale;
  cards: readonly KpiCard[];
  charts: readonly ReportChart[];
  forecasts: readonly ForecastRow[];
}
