import pl from 'nodejs-polars';
import { KpicastError, OptionError } from '../errors.js';
import type { Queryable } from '../warehouse/types.js';
import type { FilterValue, Grain } from './compile.js';
import { kpis, modelLabel, snippetHint } from './kpis.js';
import { factOf, isRatio, isShare, quoteIdent, type SemanticModel } from './model.js';

export type SeriesGrain = Exclude<Grain, 'none'>;
const SERIES_GRAINS: readonly SeriesGrain[] = ['day', 'week', 'month', 'quarter', 'year'];

export interface SeriesOptions {
  /** Period of the series; `week` = ISO week, `ds` is its Monday. Default `week`. */
  grain?: SeriesGrain;
  /** Dimensions splitting the series; `unique_id` is their values joined with `/`. */
  by?: string[];
  /** Gaps (a period with no rows): `zero` (default, right for counts and sums) or `missing` (y null). */
  fill?: 'zero' | 'missing';
  /**
   * The first day NOT yet known (`YYYY-MM-DD`): a period is kept only if it ends before it.
   * Default: the day after the latest date in the metric's facts, so the period holding
   * that latest date is dropped unless the date is the period's last day.
   */
  asOf?: string;
  filters?: Record<string, FilterValue | FilterValue[]>;
  from?: string;
  to?: string;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** The start of the period after the one starting on `start`. */
export function nextPeriod(start: string, grain: SeriesGrain): string {
  const d = day(start);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (grain === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else if (grain === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else if (grain === 'quarter') d.setUTCMonth(d.getUTCMonth() + 3);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return iso(d);
}

/** The start of the period holding `date` (weeks start on Monday). */
export function periodStart(date: string, grain: SeriesGrain): string {
  const d = day(date);
  if (grain === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  else if (grain === 'month') d.setUTCDate(1);
  else if (grain === 'quarter') d.setUTCMonth(d.getUTCMonth() - (d.getUTCMonth() % 3), 1);
  else if (grain === 'year') d.setUTCMonth(0, 1);
  return iso(d);
}

/**
 * The latest date in the facts `metric` reads, among their settled rows where a fact declares
 * `settled` (null when none). Each query runs read-only, through the extended protocol.
 */
export async function latestDate(warehouse: Queryable, model: SemanticModel, metric: string): Promise<string | null> {
  const facts = new Set<string>();
  const walk = (name: string): void => {
    const m = model.measures[name];
    if (isRatio(m)) m.ratio.forEach(walk);
    else if (isShare(m)) walk(m.shareOf);
    else facts.add(factOf(model, name, m));
  };
  walk(metric);
  let latest: string | null = null;
  for (const name of facts) {
    const fact = model.facts[name];
    const source = fact.table ? `${quoteIdent(fact.table)} AS t` : `(${fact.sql}) AS t`;
    const where = fact.settled ? ` WHERE ${fact.settled}` : '';
    let rows: Array<{ d: string | null }>;
    try {
      ({ rows } = await warehouse.readOnly((tx) => tx.query<{ d: string | null }>(`SELECT max(t.${quoteIdent(fact.time)})::date::text AS d FROM ${source}${where}`)));
    } catch (error) {
      const err = error as Error & { code?: string };
      const part = fact.settled ? `fact ${name} (its sql or settled)` : `fact ${name}`;
      const marts = err.code === '42P01' && /relation "marts\./.test(err.message) ? 'build the marts first: kpicast build' : undefined;
      const hint = snippetHint(err) ?? marts;
      throw new KpicastError(`${modelLabel(model)}, metric ${metric}: latest date of ${part}: ${err.message.split('\n')[0]}${hint ? `; ${hint}` : ''}`, 'E_KPI');
    }
    const d = rows[0]?.d ?? null;
    if (d && (!latest || d > latest)) latest = d;
  }
  return latest;
}

/**
 * A metric as long-format time series for the forecast engine: columns `unique_id`
 * (Utf8: the `by` values joined with `/`, or the metric name), `ds` (Utf8 `YYYY-MM-DD`,
 * start of the period, Monday for weeks) and `y` (Float64), sorted by unique_id then ds.
 * Each series runs from its first period with data to the last finished period of all
 * (see `asOf`), with every period present: gaps are filled by `fill`. No data → zero rows.
 * Cost: one KPI query plus one `max(date)` per fact.
 *
 * @example
 * const s = await series(warehouse, staffing, 'missions', { grain: 'week', by: ['region'] });
 * s.columns; // => ['unique_id', 'ds', 'y']
 */
export async function series(warehouse: Queryable, model: SemanticModel, metric: string, options: SeriesOptions = {}): Promise<pl.DataFrame> {
  const grain = options.grain ?? 'week';
  if (!SERIES_GRAINS.includes(grain)) throw new OptionError('series grain', grain, SERIES_GRAINS.join(', '));
  const fill = options.fill ?? 'zero';
  if (fill !== 'zero' && fill !== 'missing') throw new OptionError('series fill', fill, 'zero, missing');
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) throw new OptionError('series asOf', options.asOf, 'a date YYYY-MM-DD');
  const by = options.by ?? [];
  const { frame } = await kpis(warehouse, model, { metrics: [metric], grain, by, filters: options.filters, from: options.from, to: options.to });
  const empty = pl.DataFrame([pl.Series('unique_id', [], pl.Utf8), pl.Series('ds', [], pl.Utf8), pl.Series('y', [], pl.Float64)]);
  if (frame.height === 0) return empty;
  let asOf = options.asOf;
  if (!asOf) {
    const latest = await latestDate(warehouse, model, metric);
    if (!latest) return empty;
    const d = day(latest);
    d.setUTCDate(d.getUTCDate() + 1);
    asOf = iso(d);
  }
  const rows = frame.toRecords() as Array<Record<string, string | number | null>>;
  const finished = (start: string): boolean => nextPeriod(start, grain) <= asOf;
  const kept = rows.filter((r) => finished(String(r.period)) && (!options.to || String(r.period) <= options.to));
  if (kept.length === 0) return empty;
  const last = kept.reduce((m, r) => (String(r.period) > m ? String(r.period) : m), '');
  const groups = new Map<string, Map<string, number | null>>();
  for (const r of kept) {
    const id = by.length ? by.map((d) => (r[d] === null ? '(none)' : String(r[d]))).join('/') : metric;
    if (!groups.has(id)) groups.set(id, new Map());
    groups.get(id)!.set(String(r.period), r[metric] === null ? null : Number(r[metric]));
  }
  const ids: string[] = [];
  const ds: string[] = [];
  const y: Array<number | null> = [];
  for (const id of [...groups.keys()].sort()) {
    const values = groups.get(id)!;
    const first = [...values.keys()].sort()[0];
    for (let p = first; p <= last; p = nextPeriod(p, grain)) {
      ids.push(id);
      ds.push(p);
      y.push(values.has(p) ? values.get(p)! : fill === 'zero' ? 0 : null);
    }
  }
  if (ids.length > 5_000_000) throw new KpicastError(`series: ${ids.length} points is too many, use a coarser grain or fewer dimensions`);
  return pl.DataFrame([pl.Series('unique_id', ids, pl.Utf8), pl.Series('ds', ds, pl.Utf8), pl.Series('y', y, pl.Float64)]);
}
