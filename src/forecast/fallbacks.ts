/**
 * Fallback reasons as a person reads them: one line per distinct reason, with how many series
 * it concerns, instead of the same line for each of 45 series. Series ids quoted in the lines
 * are clipped, so a 10 MB id cannot make megabytes of warnings.
 */
import { clip } from '../util/clip.js';

/** One model replaced on one series, as `ForecastResult.fallbacks` lists them. */
export interface Fallback {
  unique_id: string;
  model: string;
  reason: string;
}

/** A distinct reason and the series it was given for, in order of first appearance. */
export interface FallbackGroup {
  reason: string;
  series: string[];
}

/**
 * Groups fallbacks by reason: a fallback whose reason holds several (`a; b`) counts under each.
 * The same series is listed once per reason. Cost O(fallbacks).
 *
 * @example
 * groupFallbacks([
 *   { unique_id: 'a', model: 'holt_winters', reason: 'holt_winters: season length 52 above 24, used Holt' },
 *   { unique_id: 'b', model: 'holt_winters', reason: 'holt_winters: season length 52 above 24, used Holt' },
 * ]); // => [{ reason: 'holt_winters: season length 52 above 24, used Holt', series: ['a', 'b'] }]
 */
export function groupFallbacks(fallbacks: readonly Fallback[]): FallbackGroup[] {
  const groups = new Map<string, { reason: string; series: string[]; seen: Set<string> }>();
  for (const f of fallbacks) {
    for (const reason of f.reason.split('; ')) {
      let group = groups.get(reason);
      if (!group) groups.set(reason, (group = { reason, series: [], seen: new Set() }));
      if (!group.seen.has(f.unique_id)) {
        group.seen.add(f.unique_id);
        group.series.push(f.unique_id);
      }
    }
  }
  return [...groups.values()].map(({ reason, series }) => ({ reason, series }));
}

/**
 * The warning lines for `fallbacks`: `<id>: <reason>` for a reason given for one series,
 * `<reason> (45 series: a, b, c, …)` for one given for several (at most `shown` ids, each
 * clipped to 40 characters; the reason clipped to 300).
 *
 * @example
 * fallbackLines([
 *   { unique_id: 'a', model: 'snaive', reason: 'snaive: 5 points < one season of 52, used naive' },
 *   { unique_id: 'b', model: 'snaive', reason: 'snaive: 5 points < one season of 52, used naive' },
 * ]); // => ['snaive: 5 points < one season of 52, used naive (2 series: a, b)']
 */
export function fallbackLines(fallbacks: readonly Fallback[], shown = 3): string[] {
  return groupFallbacks(fallbacks).map(({ reason, series }) => {
    const text = clip(reason, 300);
    if (series.length === 1) return `${clip(series[0], 40)}: ${text}`;
    const ids = series.slice(0, shown).map((id) => clip(id, 40)).join(', ');
    return `${text} (${series.length} series: ${ids}${series.length > shown ? ', …' : ''})`;
  });
}
