import { baseLayout } from './theme.js';
import { finiteOrNull, isoDay } from './dates.js';
import type { ChartOptions, Figure } from './types.js';

const WEEK_MS = 7 * 86_400_000;

/** One day's value. */
export interface DailyValue {
  ds: string | Date;
  value: number | null;
}

/** Options of {@link heatmapChart}. */
export interface HeatmapChartOptions extends ChartOptions {
  /** Name of the measure, for the colour bar; default `'Value'`. */
  measure?: string;
}

const weekdays = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  fr: ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'],
} as const;

/**
 * The Monday starting the ISO week of a `YYYY-MM-DD` day.
 *
 * @example
 * weekStart('2024-01-10'); // => '2024-01-08'
 */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - offset);
  return date.toISOString().slice(0, 10);
}

/**
 * A weekday-by-week heatmap: one column per ISO week (its Monday), one row per
 * weekday (Monday at the top), the colour the day's value. Several values on
 * the same day are summed; days without a value stay blank (null). Weeks with
 * no data at all between the first and last are still shown, blank.
 *
 * Business meaning: "which weekdays are busiest, and did that change?"
 *
 * @example
 * heatmapChart([{ ds: '2024-01-08', value: 3 }]).data[0].z; // => 7 rows of 1 column, z[0][0] = 3
 */
export function heatmapChart(days: readonly DailyValue[], options: HeatmapChartOptions = {}): Figure {
  const totals = new Map<string, number>();
  for (const d of days) {
    const value = finiteOrNull(d.value);
    if (value === null) continue;
    const day = isoDay(d.ds);
    totals.set(day, (totals.get(day) ?? 0) + value);
  }
  const sorted = [...totals.keys()].sort();
  const weeks: string[] = [];
  if (sorted.length > 0) {
    const last = weekStart(sorted[sorted.length - 1]);
    const cursor = new Date(`${weekStart(sorted[0])}T00:00:00Z`);
    for (;;) {
      const week = cursor.toISOString().slice(0, 10);
      weeks.push(week);
      if (week >= last) break;
      cursor.setUTCDate(cursor.getUTCDate() + 7);
    }
  }
  const column = new Map(weeks.map((w, i) => [w, i]));
  const z: Array<Array<number | null>> = Array.from({ length: 7 }, () => weeks.map(() => null));
  for (const [day, value] of totals) {
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    z[weekday][column.get(weekStart(day))!] = value;
  }
  const locale = options.locale ?? 'en';
  const measure = options.measure ?? 'Value';
  const label = options.unit ? `${measure} (${options.unit})` : measure;
  const layout = baseLayout(options.title ?? `${measure} by weekday and week`, options, {
    // Ticks on the Mondays the columns stand for (plotly's automatic weekly ticks fall on Sundays).
    x: { type: 'date', title: { text: 'Week starting' }, tick0: weeks[0], dtick: WEEK_MS * Math.max(1, Math.ceil(weeks.length / 8)) },
    y: { type: 'category', autorange: 'reversed' },
  });
  layout.hovermode = 'closest';
  return {
    data: [
      {
        type: 'heatmap',
        name: measure,
        x: weeks,
        y: [...(weekdays[locale] ?? weekdays.en)],
        z,
        colorscale: 'Blues',
        reversescale: true, // plotly's Blues runs dark to light: more = darker
        hoverongaps: false,
        colorbar: { title: { text: label }, tickformat: ',.0f' },
        hovertemplate: `%{y} %{x}: %{z:,.0f}<extra></extra>`,
      },
    ],
    layout,
  };
}
