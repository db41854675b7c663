import { KpicastError, OptionError } from '../errors.js';
import type { Queryable } from '../warehouse/types.js';

/**
 * Daily piloting of the staffing agency, over the marts (`marts.fct_missions`,
 * `marts.dim_hotel`, `marts.dim_extra`; run `build` first): which booked missions still lack
 * an extra, and who should take one. Read-only: SELECT statements only, every value bound.
 */

/** A planned mission no extra is assigned to yet, as {@link missionsToAssign} returns it. */
export interface MissionToAssign {
  mission_id: string;
  /** `YYYY-MM-DD`. */
  mission_date: string;
  hotel_id: string;
  hotel_name: string;
  city: string | null;
  region: string;
  hours: number;
  hourly_rate: number;
  /** hours × hourly rate: what the mission bills once done. */
  amount: number;
  /** Days from `from` (the options' or the default) to the mission: 0 for that day. */
  days_ahead: number;
}

/** Options of {@link missionsToAssign}. */
export interface MissionsToAssignOptions {
  /**
   * First day to list (`YYYY-MM-DD`). Default: the day after the last mission done (a mission
   * can be cancelled ahead, not done ahead), the warehouse's "today", so a planned mission left
   * over in the past is not listed as work to do.
   */
  from?: string;
  /** At most this many missions (1 to 10,000; default 100). */
  limit?: number;
}

/** One extra suggested for a mission, as {@link suggestExtras} returns it, best first. */
export interface SuggestedExtra {
  /** 1 for the best. */
  rank: number;
  extra_id: string;
  extra_name: string | null;
  city: string | null;
  /** Missions done at the mission's hotel before the mission's day. */
  done_at_hotel: number;
  /** Missions done anywhere before the mission's day. */
  done: number;
  /** Missions cancelled while assigned to this extra, before the mission's day. */
  cancelled: number;
  /** done / (done + cancelled); null without history. */
  raw_reliability: number | null;
  /** (done + PRIOR_DONE) / (done + cancelled + PRIOR_DONE + PRIOR_CANCELLED): see {@link suggestionPrior}. */
  reliability: number;
  /** done_at_hotel / (done_at_hotel + FAMILIARITY_HALF): 0 with no mission there, 0.5 at 3, towards 1. */
  familiarity: number;
  /** RELIABILITY_WEIGHT × reliability + FAMILIARITY_WEIGHT × familiarity, from 0 to 1. */
  score: number;
  /** Why, in words: "free on 2026-01-12; 4 missions done at Hôtel X; reliability 92 % over 25 missions". */
  reason: string;
}

/** Options of {@link suggestExtras}. */
export interface SuggestExtrasOptions {
  /** At most this many extras (1 to 1,000; default 10). */
  limit?: number;
}

/** The mission a suggestion is for, and the ranked extras. */
export interface ExtraSuggestions {
  mission: { mission_id: string; mission_date: string; hotel_id: string; hotel_name: string; status: string; extra_id: string | null; hours: number };
  /** Extras free that day, best first. */
  extras: SuggestedExtra[];
  /** Extras hired by that day but already on another mission that day (never suggested). */
  busy: number;
}

/**
 * The constants of the suggestion score, in one place:
 * - reliability is smoothed by a Beta(PRIOR_DONE, PRIOR_CANCELLED) prior, i.e. every extra
 *   starts as if they had done 9 missions and cancelled 1 (90 %, the worth of 10 missions):
 *   an extra without history gets 0.9, one with 2 done 0 cancelled gets 11/12 = 0.917 (not
 *   1), one with 90 done 10 cancelled gets 99/110 = 0.9;
 * - familiarity with the hotel is done_at_hotel / (done_at_hotel + 3);
 * - score = 0.7 × reliability + 0.3 × familiarity.
 */
export const suggestionPrior = {
  PRIOR_DONE: 9,
  PRIOR_CANCELLED: 1,
  FAMILIARITY_HALF: 3,
  RELIABILITY_WEIGHT: 0.7,
  FAMILIARITY_WEIGHT: 0.3,
} as const;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(option: string, value: string): void {
  const valid = ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid) throw new OptionError(option, value, 'a date YYYY-MM-DD');
}

function checkLimit(option: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new OptionError(option, value, `an integer from 1 to ${max.toLocaleString('en-US')}`);
}

async function select<R>(warehouse: Queryable, caller: string, sql: string, params: readonly unknown[]): Promise<R[]> {
  try {
    return (await warehouse.query<R>(sql, params)).rows;
  } catch (error) {
    const message = String((error as Error).message);
    if (/does not exist/.test(message)) throw new KpicastError(`${caller}: the staffing marts do not exist (${message.split('\n')[0]}), run \`kpicast build\` first`);
    throw error;
  }
}

/**
 * The missions to assign: planned missions (status `planned`) with no extra yet, from a day on,
 * soonest first (then by hotel and mission id), with their hotel, hours, rate and amount. What
 * the agency's planners work through each morning.
 *
 * Cost: one indexed-or-scanned SELECT over `marts.fct_missions` joined to `marts.dim_hotel`.
 *
 * @param warehouse a warehouse (or transaction) whose marts are built
 * @param options `from` (default: the day after the last mission done), `limit` (default 100)
 * @throws OptionError for a `from` that is not a date or a `limit` out of range
 * @example
 * // the committed sample: done up to 2025-12-28, so the list starts on 2025-12-29
 * const rows = await missionsToAssign(warehouse, { limit: 2 });
 * rows.map((r) => r.mission_date); // => ['2025-12-29', '2025-12-29']
 * Object.keys(rows[0]); // => ['mission_id', 'mission_date', 'hotel_id', 'hotel_name', 'city', 'region', 'hours', 'hourly_rate', 'amount', 'days_ahead']
 */
export async function missionsToAssign(warehouse: Queryable, options: MissionsToAssignOptions = {}): Promise<MissionToAssign[]> {
  const limit = options.limit ?? 100;
  checkLimit('missionsToAssign: limit', limit, 10_000);
  if (options.from !== undefined) checkDay('missionsToAssign: from', options.from);
  return select<MissionToAssign>(
    warehouse,
    'missionsToAssign',
    `WITH start AS (
       SELECT COALESCE($1::date,
                       (SELECT max(mission_date) + 1 FROM marts.fct_missions WHERE status = 'done'),
                       (SELECT min(mission_date) FROM marts.fct_missions)) AS day
     )
     SELECT m.mission_id, m.mission_date::text AS mission_date, m.hotel_id, h.hotel_name, h.city, h.region,
            m.hours::float8 AS hours, m.hourly_rate::float8 AS hourly_rate, (m.hours * m.hourly_rate)::float8 AS amount,
            (m.mission_date - start.day)::int AS days_ahead
     FROM marts.fct_missions m
     JOIN marts.dim_hotel h ON h.hotel_id = m.hotel_id
     CROSS JOIN start
     WHERE m.status = 'planned' AND m.extra_id IS NULL AND m.mission_date >= start.day
     ORDER BY m.mission_date, m.hotel_id, m.mission_id
     LIMIT $2`,
    [options.from ?? null, limit],
  );
}

/**
 * The extras to suggest for a mission, ranked by a documented score (see {@link suggestionPrior}):
 * - free that day is a hard filter, not a weight: an extra works at most one mission a day, so
 *   anyone on another mission that is not cancelled that day (planned, assigned or done) is left
 *   out, as is anyone hired after that day;
 * - reliability = done / (done + cancelled) over the missions before that day, smoothed towards
 *   90 % by a Beta(9, 1) prior so that 2 done out of 2 does not beat 95 done out of 100;
 * - familiarity = missions done at that hotel before that day, saturating (3 give 0.5);
 * - score = 0.7 × reliability + 0.3 × familiarity; ties go to more missions done at the hotel,
 *   then more missions done, then the extra id.
 * Each row carries its components and the reason in words.
 *
 * Cost: two SELECTs, one over the extras' history (a scan of `marts.fct_missions`).
 *
 * @param warehouse a warehouse (or transaction) whose marts are built
 * @param missionId the mission to staff (any status: for one already assigned, its extra is busy that day)
 * @param options `limit` (default 10)
 * @throws OptionError for an empty mission id, an unknown one or a `limit` out of range
 * @example
 * // the committed sample: the first mission to assign, on 2025-12-29 in Rennes
 * const { extras } = await suggestExtras(warehouse, 'MI0042296', { limit: 1 });
 * extras[0].reason;
 * // => 'free on 2025-12-29; 70 missions done at Hôtel Beau Rivage Rennes; reliability 99 % over 302 missions'
 */
export async function suggestExtras(warehouse: Queryable, missionId: string, options: SuggestExtrasOptions = {}): Promise<ExtraSuggestions> {
  const limit = options.limit ?? 10;
  checkLimit('suggestExtras: limit', limit, 1000);
  if (typeof missionId !== 'string' || missionId === '') throw new OptionError('suggestExtras: missionId', missionId, 'the id of a mission in marts.fct_missions');
  const [mission] = await select<ExtraSuggestions['mission']>(
    warehouse,
    'suggestExtras',
    `SELECT m.mission_id, m.mission_date::text AS mission_date, m.hotel_id, h.hotel_name, m.status, m.extra_id, m.hours::float8 AS hours
     FROM marts.fct_missions m JOIN marts.dim_hotel h ON h.hotel_id = m.hotel_id
     WHERE m.mission_id = $1`,
    [missionId],
  );
  if (!mission) throw new OptionError('suggestExtras: missionId', missionId, 'the id of a mission in marts.fct_missions');

  const rows = await select<{ extra_id: string; extra_name: string | null; city: string | null; busy: boolean; done: number; cancelled: number; done_at_hotel: number }>(
    warehouse,
    'suggestExtras',
    `SELECT e.extra_id, e.extra_name, e.city,
            EXISTS (SELECT 1 FROM marts.fct_missions b
                    WHERE b.extra_id = e.extra_id AND b.mission_date = $1::date AND b.status <> 'cancelled' AND b.mission_id <> $3) AS busy,
            COALESCE(h.done, 0)::int AS done, COALESCE(h.cancelled, 0)::int AS cancelled, COALESCE(h.done_at_hotel, 0)::int AS done_at_hotel
     FROM marts.dim_extra e
     LEFT JOIN (
       SELECT extra_id,
              count(*) FILTER (WHERE status = 'done') AS done,
              count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
              count(*) FILTER (WHERE status = 'done' AND hotel_id = $2) AS done_at_hotel
       FROM marts.fct_missions
       WHERE extra_id IS NOT NULL AND mission_date < $1::date
       GROUP BY extra_id
     ) h ON h.extra_id = e.extra_id
     WHERE e.hired_on IS NULL OR e.hired_on <= $1::date`,
    [mission.mission_date, mission.hotel_id, mission.mission_id],
  );

  const { PRIOR_DONE, PRIOR_CANCELLED, FAMILIARITY_HALF, RELIABILITY_WEIGHT, FAMILIARITY_WEIGHT } = suggestionPrior;
  const free = rows.filter((r) => !r.busy);
  const scored = free.map((r) => {
    const history = r.done + r.cancelled;
    const reliability = (r.done + PRIOR_DONE) / (history + PRIOR_DONE + PRIOR_CANCELLED);
    const familiarity = r.done_at_hotel / (r.done_at_hotel + FAMILIARITY_HALF);
    const score = RELIABILITY_WEIGHT * reliability + FAMILIARITY_WEIGHT * familiarity;
    return { ...r, history, reliability, familiarity, score };
  });
  scored.sort((a, b) => b.score - a.score || b.done_at_hotel - a.done_at_hotel || b.done - a.done || (a.extra_id < b.extra_id ? -1 : a.extra_id > b.extra_id ? 1 : 0));
  const extras = scored.slice(0, limit).map((r, i): SuggestedExtra => ({
    rank: i + 1,
    extra_id: r.extra_id,
    extra_name: r.extra_name,
    city: r.city,
    done_at_hotel: r.done_at_hotel,
    done: r.done,
    cancelled: r.cancelled,
    raw_reliability: r.history === 0 ? null : r.done / r.history,
    reliability: r.reliability,
    familiarity: r.familiarity,
    score: r.score,
    reason: suggestionReason(mission.mission_date, mission.hotel_name, r.done_at_hotel, r.done, r.history),
  }));
  return { mission, extras, busy: rows.length - free.length };
}

/**
 * The reason of a suggestion in words. Reliability is done / (done + cancelled) rounded down to
 * a whole percent, so 301 done out of 302 reads 99 %, not 100 %.
 *
 * @example
 * suggestionReason('2026-01-12', 'Hôtel des Arts Paris', 4, 23, 25);
 * // => 'free on 2026-01-12; 4 missions done at Hôtel des Arts Paris; reliability 92 % over 25 missions'
 * suggestionReason('2026-01-12', 'Hôtel des Arts Paris', 0, 0, 0);
 * // => 'free on 2026-01-12; no mission done at Hôtel des Arts Paris yet; no history, reliability taken as 90 %'
 */
export function suggestionReason(day: string, hotelName: string, doneAtHotel: number, done: number, history: number): string {
  const atHotel = doneAtHotel === 0 ? `no mission done at ${hotelName} yet` : `${doneAtHotel} mission${doneAtHotel === 1 ? '' : 's'} done at ${hotelName}`;
  const prior = suggestionPrior.PRIOR_DONE / (suggestionPrior.PRIOR_DONE + suggestionPrior.PRIOR_CANCELLED);
  const reliability = history === 0
    ? `no history, reliability taken as ${Math.round(prior * 100)} %`
    : `reliability ${Math.floor((done / history) * 100 + 1e-9)} % over ${history} mission${history === 1 ? '' : 's'}`;
  return `free on ${day}; ${atHotel}; ${reliability}`;
}
