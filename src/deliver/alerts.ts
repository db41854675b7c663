/**
 * Alert rules as pure functions: from the KPI frames the library computed (kpis(), with its
 * compare columns) and the stored forecast rows to the state of each watched series. Nothing
 * here reads the warehouse or recomputes a KPI: the numbers are the library's; the rules only
 * compare them with their thresholds. See alert-store.ts for the warehouse side.
 */
import type pl from 'nodejs-polars';
import { nextPeriod, periodStart, type SeriesGrain } from '../analysis/series.js';
import type { AlertRule, ChangeRule, ForecastRule, KpiTarget, MissingDataRule, ThresholdRule } from '../pipeline/types.js';
import { scalarText } from '../util/text.js';

/** The state of one rule on one series at the last finished period: firing or not, and why. */
export interface AlertCheck {
  rule: string;
  condition: AlertRule['condition'];
  /** `store=S01` (`store=S01, category=Bakery`); `''` for a total; the source's name for missing_data. */
  series: string;
  /** Start of the period evaluated (`YYYY-MM-DD`); for missing_data, the day of the source's last new data (null when never). */
  period: string | null;
  /** The number compared: the KPI, its change in percent, the actual against the forecast, or days without new data. */
  value: number | null;
  /** The bound it was compared with: the rule's value, the interval bound crossed (or the nearest), the days allowed. */
  threshold: number | null;
  /** The comparison in words: `below 0.15`, `change -18.2 % vs previous period (…), below -15 %`. */
  comparison: string;
  firing: boolean;
}

/** A forecast row as stored in the `forecasts` table (the latest run's, for one series and period). */
export interface StoredForecast {
  unique_id: string;
  ds: string;
  mean: number;
  lo_80: number | null;
  hi_80: number | null;
  lo_95: number | null;
  hi_95: number | null;
}

/** A number for a sentence: 4 significant digits, thousands separated (`0.1234`, `12,345`). */
export function formatAlertNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(4)));
}

/**
 * The start of the last period of `grain` that is finished when `latest` is the latest date
 * with data: the period holding `latest` counts only when `latest` is its last day (as
 * series() decides).
 *
 * @example
 * lastFinishedPeriod('2025-12-28', 'week'); // => '2025-12-22' (a Sunday ends its ISO week)
 * lastFinishedPeriod('2025-12-27', 'week'); // => '2025-12-15'
 */
export function lastFinishedPeriod(latest: string, grain: SeriesGrain): string {
  const asOf = new Date(`${latest}T00:00:00Z`);
  asOf.setUTCDate(asOf.getUTCDate() + 1);
  const current = periodStart(asOf.toISOString().slice(0, 10), grain);
  const before = new Date(`${current}T00:00:00Z`);
  before.setUTCDate(before.getUTCDate() - 1);
  return periodStart(before.toISOString().slice(0, 10), grain);
}

/** The last day of the period starting on `start`. */
export function periodEnd(start: string, grain: SeriesGrain): string {
  const d = new Date(`${nextPeriod(start, grain)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The series label of a KPI row: `store=S01, category=Bakery`, `''` without `by`. */
export function seriesLabel(by: readonly string[], row: Record<string, unknown>): string {
  return by.map((d) => `${d}=${row[d] === null || row[d] === undefined ? '(none)' : scalarText(row[d])}`).join(', ');
}

/**
 * The `unique_id` a forecast of this target is stored under: the metric without `by`
 * (`missions`), else the metric and the `by` values (`revenue/S01/Bakery`), as the pipeline's
 * forecast step and the main job store them.
 */
export function forecastSeriesId(target: Pick<KpiTarget, 'metric' | 'by'>, row: Record<string, unknown>): string {
  return target.by.length === 0 ? target.metric : [target.metric, ...target.by.map((d) => (row[d] === null || row[d] === undefined ? '(none)' : scalarText(row[d])))].join('/');
}

/** Rows of `frame` for `period`, with a value for the metric. */
function rowsAt(frame: pl.DataFrame, period: string): Array<Record<string, unknown>> {
  return (frame.toRecords() as Array<Record<string, unknown>>).filter((r) => r.period === undefined || scalarText(r.period) === period);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * `below` / `above`: each series' value at `period` (from kpis() at the rule's grain and `by`)
 * against the rule's value. A series without a value (no rows, or a ratio over 0) is not
 * evaluated: it neither fires nor clears.
 *
 * @example
 * checkThreshold({ name: 'low conversion', condition: 'below', metric: 'conversion_rate', by: ['store'], value: 0.15, … }, frame, '2025-12-22');
 * // => [{ series: 'store=S01', value: 0.12, threshold: 0.15, comparison: 'below 0.15', firing: true, … }, …]
 */
export function checkThreshold(rule: ThresholdRule, frame: pl.DataFrame, period: string): AlertCheck[] {
  const out: AlertCheck[] = [];
  for (const row of rowsAt(frame, period)) {
    const value = num(row[rule.metric]);
    if (value === null) continue;
    const firing = rule.condition === 'below' ? value < rule.value : value > rule.value;
    const word = rule.condition;
    out.push({
      rule: rule.name, condition: rule.condition, series: seriesLabel(rule.by, row), period, value, threshold: rule.value,
      comparison: `${firing ? '' : 'not '}${word} ${formatAlertNumber(rule.value)}`, firing,
    });
  }
  return out;
}

/**
 * `change_pct_below` / `change_pct_above`: each series' change at `period` against the previous
 * period or the same period a year before, in percent, as kpis() computes it with `compare`
 * (`<metric>_delta_pct` × 100), against the rule's value in percent (-15 = down more than 15 %).
 * A series without a comparison value (nothing the period before) is not evaluated.
 *
 * @example
 * checkChange({ name: 'revenue down', condition: 'change_pct_below', metric: 'revenue', value: -15, compare: 'previous_period', … }, frame, '2025-12-22');
 * // => [{ value: -18.2, threshold: -15, comparison: 'change -18.2 % vs previous period (8,120 against 9,927), below -15 %', firing: true, … }]
 */
export function checkChange(rule: ChangeRule, frame: pl.DataFrame, period: string): AlertCheck[] {
  const out: AlertCheck[] = [];
  for (const row of rowsAt(frame, period)) {
    const fraction = num(row[`${rule.metric}_delta_pct`]);
    if (fraction === null) continue;
    const value = fraction * 100;
    const firing = rule.condition === 'change_pct_below' ? value < rule.value : value > rule.value;
    const against = rule.compare === 'previous_year' ? 'same period a year before' : 'previous period';
    const word = rule.condition === 'change_pct_below' ? 'below' : 'above';
    out.push({
      rule: rule.name, condition: rule.condition, series: seriesLabel(rule.by, row), period, value, threshold: rule.value,
      comparison: `change ${formatAlertNumber(value)} % vs ${against} (${formatAlertNumber(num(row[rule.metric]))} against ${formatAlertNumber(num(row[`${rule.metric}_previous`]))}), ${firing ? '' : 'not '}${word} ${formatAlertNumber(rule.value)} %`,
      firing,
    });
  }
  return out;
}

/**
 * `outside_forecast`: each series' actual at `period` against the interval at the rule's level
 * (80 or 95 %) of the stored forecast for that series and period (`forecasts`: the latest run
 * that forecast it). Above the upper bound or below the lower one fires; the threshold is the
 * bound crossed (or, inside, the nearer one). A series without a stored forecast for the
 * period, or without that interval, is not evaluated.
 *
 * @example
 * checkForecast({ name: 'missions off forecast', condition: 'outside_forecast', metric: 'missions', by: [], level: 80, … }, frame, '2025-12-29', stored);
 * // => [{ series: '', value: 612, threshold: 590, comparison: 'above the 80 % interval 480 – 590 (forecast 535)', firing: true, … }]
 */
export function checkForecast(rule: ForecastRule, frame: pl.DataFrame, period: string, forecasts: readonly StoredForecast[]): AlertCheck[] {
  const byId = new Map(forecasts.filter((f) => f.ds === period).map((f) => [f.unique_id, f]));
  const out: AlertCheck[] = [];
  for (const row of rowsAt(frame, period)) {
    const value = num(row[rule.metric]);
    const stored = byId.get(forecastSeriesId(rule, row));
    if (value === null || !stored) continue;
    const lo = num(rule.level === 80 ? stored.lo_80 : stored.lo_95);
    const hi = num(rule.level === 80 ? stored.hi_80 : stored.hi_95);
    if (lo === null || hi === null) continue;
    const interval = `the ${rule.level} % interval ${formatAlertNumber(lo)} – ${formatAlertNumber(hi)} (forecast ${formatAlertNumber(stored.mean)})`;
    const where = value > hi ? 'above' : value < lo ? 'below' : 'inside';
    out.push({
      rule: rule.name, condition: rule.condition, series: seriesLabel(rule.by, row), period, value,
      threshold: where === 'above' ? hi : where === 'below' ? lo : Math.abs(value - hi) < Math.abs(value - lo) ? hi : lo,
      comparison: `${where} ${interval}`,
      firing: where !== 'inside',
    });
  }
  return out;
}

/**
 * `missing_data`: the source's last load that brought a new or changed row (`lastNewData`,
 * null when none ever did) against `now`: more than `days` whole days fires. The value is the
 * whole days elapsed (null when never loaded).
 *
 * @example
 * checkMissingData({ name: 'orders stale', condition: 'missing_data', source: 'orders', table: 'raw.orders', days: 7 }, new Date('2026-01-01'), new Date('2026-01-10'));
 * // => { series: 'orders', period: '2026-01-01', value: 9, threshold: 7, comparison: 'no new data for 9 days, more than 7', firing: true, … }
 */
export function checkMissingData(rule: MissingDataRule, lastNewData: Date | null, now: Date): AlertCheck {
  const base = { rule: rule.name, condition: rule.condition, series: rule.source, threshold: rule.days };
  if (lastNewData === null) return { ...base, period: null, value: null, comparison: 'no data loaded yet', firing: true };
  // a load that finished after the run's clock was read counts as today
  const days = Math.max(0, Math.floor((now.getTime() - lastNewData.getTime()) / 86_400_000));
  const firing = days > rule.days;
  return {
    ...base, period: lastNewData.toISOString().slice(0, 10), value: days,
    comparison: firing ? `no new data for ${days} days, more than ${rule.days}` : `new data ${days} days ago, within ${rule.days}`,
    firing,
  };
}

/** An alert that fired and is not cleared yet, as the `alerts` table keeps it. */
export interface OpenAlert {
  alertId: number;
  rule: string;
  series: string;
  period: string | null;
  value: number | null;
  threshold: number | null;
  comparison: string;
  firedAt: Date;
}

/** What the checks of one run change: alerts to open, open alerts to clear, open alerts still holding. */
export interface AlertChanges {
  fire: AlertCheck[];
  clear: Array<{ alert: OpenAlert; check: AlertCheck }>;
  holding: OpenAlert[];
}

/**
 * Compares this run's checks with the alerts already open: a firing check without an open alert
 * fires (once); an open alert whose series is checked and no longer firing clears (once); an
 * open alert still firing, or whose series could not be evaluated this run, holds (nothing sent).
 * Open alerts of rules not in `rules` (a rule removed from the file) hold.
 *
 * @example
 * reconcileAlerts([], [{ rule: 'low', series: 'store=S01', firing: true, … }]).fire.length; // => 1
 */
export function reconcileAlerts(open: readonly OpenAlert[], checks: readonly AlertCheck[]): AlertChanges {
  const key = (rule: string, series: string) => JSON.stringify([rule, series]);
  const openByKey = new Map(open.map((a) => [key(a.rule, a.series), a]));
  const fire: AlertCheck[] = [];
  const clear: AlertChanges['clear'] = [];
  const touched = new Set<string>();
  for (const check of checks) {
    const k = key(check.rule, check.series);
    if (touched.has(k)) continue;
    touched.add(k);
    const existing = openByKey.get(k);
    if (check.firing && !existing) fire.push(check);
    else if (!check.firing && existing) clear.push({ alert: existing, check });
  }
  const cleared = new Set(clear.map((c) => c.alert.alertId));
  return { fire, clear, holding: open.filter((a) => !cleared.has(a.alertId)) };
}

/**
 * The checks of one rule from its inputs: the KPI frame at the last finished period (with compare
 * columns for change rules), the stored forecasts (outside_forecast) or the last new data of the
 * source (missing_data).
 */
export function evaluateRule(
  rule: AlertRule,
  input: { frame?: pl.DataFrame; period?: string; forecasts?: readonly StoredForecast[]; lastNewData?: Date | null; now: Date },
): AlertCheck[] {
  if (rule.condition === 'missing_data') return [checkMissingData(rule, input.lastNewData ?? null, input.now)];
  if (!input.frame || !input.period) return [];
  switch (rule.condition) {
    case 'below':
    case 'above':
      return checkThreshold(rule, input.frame, input.period);
    case 'outside_forecast':
      return checkForecast(rule, input.frame, input.period, input.forecasts ?? []);
    default:
      return checkChange(rule, input.frame, input.period);
  }
}
