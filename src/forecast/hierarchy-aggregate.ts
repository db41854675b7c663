/**
 * A hierarchy of series and its summing matrix (after hierarchicalforecast's `aggregate`): the
 * spec names the level columns from the top down (`['store', 'category']` means total ← store ←
 * store × category; `['region', 'store', 'category']` puts regions between the total and the
 * stores); the bottom series are aggregated to every level, each node named by its path
 * (`total`, `S01`, `S01/cheese`), and S maps the bottom series to every node.
 */
import type pl from 'nodejs-polars';
import { InputError, OptionError } from '../errors.js';
import { quoted } from '../util/clip.js';
import type { Series } from './types.js';
import { addPeriods, formatDay, toUtcMs } from './calendar.js';
import { toSeries, type FillPolicy } from './series.js';
import type { Matrix } from './hierarchy-matrix.js';

/** The id of the root node, the sum of every bottom series. */
export const TOTAL_ID = 'total';

/**
 * A hierarchy: its level columns from the top down, the bottom level last. A plain list is
 * the same as `{ levels }`.
 */
export type HierarchySpec = readonly string[] | { readonly levels: readonly string[] };

/** Columns a level may not be called: the long format's own. */
const RESERVED = ['ds', 'y', 'unique_id'];

/**
 * The level columns of a spec, checked: a non-empty list of distinct names, none of them
 * `ds`, `y` or `unique_id`. OptionError naming `hierarchy` otherwise.
 *
 * @example
 * hierarchyLevels({ levels: ['store', 'category'] }); // => ['store', 'category']
 */
export function hierarchyLevels(spec: HierarchySpec): string[] {
  const levels: unknown = Array.isArray(spec) ? spec : (spec as { levels?: unknown } | null)?.levels;
  if (!Array.isArray(levels) || levels.length === 0) throw new OptionError('hierarchy', levels ?? spec, 'a non-empty list of level columns from the top down, such as store, category');
  const out: string[] = [];
  for (const level of levels as unknown[]) {
    if (typeof level !== 'string' || level.trim() === '') throw new OptionError('hierarchy', level, 'column names such as store, category');
    const name = level.trim();
    if (RESERVED.includes(name)) throw new OptionError('hierarchy', name, 'level columns other than ds, y, unique_id');
    if (out.includes(name)) throw new OptionError('hierarchy', name, 'each level once');
    out.push(name);
  }
  return out;
}

/** The summing matrix: one row per node (`ids`), one column per bottom series (`bottom`). */
export interface SummingMatrix extends Matrix {
  /** Node ids, the row order: `total`, then each level's nodes in tree order, the bottom last. */
  readonly ids: readonly string[];
  /** The bottom ids, the column order (the last `cols` of `ids`). */
  readonly bottom: readonly string[];
}

/**
 * The summing matrix of a set of bottom paths (`S01/cheese`): row `total` all ones, the row of
 * a node 1 on the bottom series under it, the bottom rows the identity. Rows: the total, then
 * each level's nodes, sorted; columns: the sorted bottom paths. Cost O(nodes × bottom).
 *
 * @example
 * summingMatrix(['A/x', 'A/y', 'B/x']).ids; // => ['total', 'A', 'B', 'A/x', 'A/y', 'B/x']
 * // rows: total [1 1 1], A [1 1 0], B [0 0 1], then the identity
 */
export function summingMatrix(bottomPaths: readonly string[]): SummingMatrix {
  const bottom = [...new Set(bottomPaths)].sort(comparePaths);
  const depth = bottom.length > 0 ? bottom[0].split('/').length : 0;
  for (const path of bottom) {
    if (path.split('/').length !== depth) throw new InputError(`summingMatrix: bottom paths ${quoted(bottom[0])} and ${quoted(path)} have different depths`);
  }
  const ids: string[] = [TOTAL_ID];
  for (let k = 1; k < depth; k++) {
    const seen = new Set<string>();
    for (const path of bottom) {
      const prefix = path.split('/').slice(0, k).join('/');
      if (!seen.has(prefix)) {
        seen.add(prefix);
        ids.push(prefix);
      }
    }
  }
  ids.push(...bottom);
  const rows = ids.length;
  const cols = bottom.length;
  const data = new Float64Array(rows * cols);
  ids.forEach((id, i) => {
    bottom.forEach((path, j) => {
      if (id === TOTAL_ID || path === id || path.startsWith(`${id}/`)) data[i * cols + j] = 1;
    });
  });
  return { rows, cols, data, ids, bottom };
}

/** Paths compared part by part, so `S1/b` sorts before `S10/a`'s siblings as a tree would. */
function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** The level name of a node: `total`, or its level columns joined with `/` (`store`, `store/category`). */
export function levelOf(id: string, levels: readonly string[]): string {
  return id === TOTAL_ID ? TOTAL_ID : levels.slice(0, id.split('/').length).join('/');
}

/** What {@link aggregateHierarchy} returns. */
export interface AggregatedHierarchy {
  /** The level columns, from the top down. */
  levels: string[];
  /** One series per node, in the row order of `S`, all on one timeline (same timestamps). */
  series: Series[];
  S: SummingMatrix;
  /** Level name (`total`, `store`, `store/category`) → its node ids, in the row order of `S` (hierarchicalforecast's `tags`). */
  tags: Record<string, string[]>;
}

/** Options of {@link aggregateHierarchy}. */
export interface AggregateOptions {
  period?: Series['period'];
  /**
   * Periods a bottom series has no row for, inside or around its own span: `zero` (default — a
   * hierarchy sums, and a store × category with no sales in a week sold nothing) or `missing`
   * (NaN, skipped in the sums: a node all of whose children are missing is missing).
   */
  fill?: FillPolicy;
  /** Last day with complete data: a later, unfinished last period is left out. */
  asOf?: string | Date;
}

type Rows = pl.DataFrame | Readonly<Record<string, ArrayLike<unknown>>>;

function columnOf(data: Rows, name: string): unknown[] | undefined {
  if (typeof (data as pl.DataFrame).getColumn === 'function') {
    const frame = data as pl.DataFrame;
    return frame.columns.includes(name) ? frame.getColumn(name).toArray() : undefined;
  }
  const values = (data as Record<string, ArrayLike<unknown> | undefined>)[name];
  return values === undefined ? undefined : Array.from(values);
}

function columnNames(data: Rows): string[] {
  return typeof (data as pl.DataFrame).getColumn === 'function' ? (data as pl.DataFrame).columns : Object.keys(data);
}

/** A level value as text: strings as they are, numbers and booleans written out, anything else empty. */
function textOf(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  return '';
}

/**
 * The bottom path of every row: its level columns' values joined with `/`, or, when the rows
 * have none of the level columns but a `unique_id`, the unique_id itself split into as many parts
 * as there are levels (`S01/cheese` for `['store', 'category']`: what `series(…, { by })` writes).
 */
function bottomPaths(data: Rows, levels: readonly string[]): string[] {
  const present = levels.filter((level) => columnOf(data, level) !== undefined);
  if (present.length === 0 && columnOf(data, 'unique_id') !== undefined) {
    return columnOf(data, 'unique_id')!.map((raw, i) => {
      const id = textOf(raw);
      const parts = id.split('/');
      if (parts.length !== levels.length || parts.some((p) => p.trim() === '')) {
        throw new InputError(`aggregateHierarchy: unique_id on row ${i + 1} is ${quoted(raw)}, expected ${levels.length} parts ${levels.join('/')} (or columns ${levels.join(', ')})`);
      }
      if (parts[0] === TOTAL_ID && levels.length === 1) throw new InputError(`aggregateHierarchy: unique_id on row ${i + 1} is "${TOTAL_ID}", the root's id`);
      return id;
    });
  }
  const missing = levels.find((level) => !present.includes(level));
  if (missing !== undefined) {
    throw new InputError(`aggregateHierarchy: column ${missing} missing, got ${columnNames(data).join(', ')}; expected ${levels.join(', ')}, ds, y (or unique_id paths ${levels.join('/')})`);
  }
  const columns = levels.map((level) => columnOf(data, level)!);
  const n = columns[0].length;
  const paths = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const parts = columns.map((column, l) => {
      const raw = column[i];
      const value = textOf(raw).trim();
      if (value === '') throw new InputError(`aggregateHierarchy: ${levels[l]} is empty on row ${i + 1}`);
      if (value.includes('/')) throw new InputError(`aggregateHierarchy: ${levels[l]} on row ${i + 1} is ${quoted(raw)}: a level value may not hold "/" (it separates the levels of a path)`);
      if (l === 0 && value === TOTAL_ID) throw new InputError(`aggregateHierarchy: ${levels[0]} on row ${i + 1} is "${TOTAL_ID}", the root's id`);
      return value;
    });
    paths[i] = parts.join('/');
  }
  return paths;
}

/**
 * The bottom series of long rows (level columns, `ds`, `y`) aggregated to every level of the
 * hierarchy: one series per node, named by its path, all on the timeline from the earliest to
 * the latest period of any bottom series (a bottom series is filled around its own span by
 * `fill`), each node the sum of the bottom series under it. Several rows in one period add up.
 * Cost O(rows log rows + nodes × periods × depth).
 *
 * @example
 * const { series, tags } = aggregateHierarchy({ store: ['A', 'A', 'B'], category: ['x', 'y', 'x'], ds: ['2024-01-01', '2024-01-01', '2024-01-01'], y: [1, 2, 4] }, ['store', 'category']);
 * tags; // => { total: ['total'], store: ['A', 'B'], 'store/category': ['A/x', 'A/y', 'B/x'] }
 * series[0].values; // => Float64Array [7]
 */
export function aggregateHierarchy(data: Rows, spec: HierarchySpec, options: AggregateOptions = {}): AggregatedHierarchy {
  const levels = hierarchyLevels(spec);
  const fill = options.fill ?? 'zero';
  if (fill !== 'zero' && fill !== 'missing') throw new OptionError('fill', fill, 'zero, missing');
  const paths = bottomPaths(data, levels);
  const ds = columnOf(data, 'ds');
  const y = columnOf(data, 'y');
  if (ds === undefined || y === undefined) throw new InputError(`aggregateHierarchy: column ${ds === undefined ? 'ds' : 'y'} missing, got ${columnNames(data).join(', ')}; expected ${levels.join(', ')}, ds, y`);
  if (paths.length === 0) throw new InputError('aggregateHierarchy: no rows: nothing to aggregate');
  // the nodes sum the bottom series period by period: one period for all of them, inferred from all their dates
  const bottomSeries = toSeries({ unique_id: paths, ds, y }, { period: options.period, samePeriod: true, fill, asOf: options.asOf });
  const period = bottomSeries[0].period;
  let first = Infinity;
  let last = -Infinity;
  for (const s of bottomSeries) {
    if (s.timestamps.length === 0) continue;
    first = Math.min(first, toUtcMs(s.timestamps[0]));
    last = Math.max(last, toUtcMs(s.timestamps[s.timestamps.length - 1]));
  }
  if (!Number.isFinite(first)) throw new InputError('aggregateHierarchy: no complete period in the rows (see asOf)');
  const timestamps: string[] = [];
  const position = new Map<string, number>();
  for (let t = first; t <= last; t = addPeriods(t, period, 1)) {
    position.set(formatDay(t), timestamps.length);
    timestamps.push(formatDay(t));
  }
  const T = timestamps.length;
  const S = summingMatrix(paths);
  const byId = new Map(bottomSeries.map((s) => [s.id, s]));
  const bottomValues = S.bottom.map((id) => {
    const own = byId.get(id)!;
    const values = new Float64Array(T).fill(fill === 'zero' ? 0 : NaN);
    own.timestamps.forEach((stamp, i) => values[position.get(stamp)!] = own.values[i]);
    return values;
  });
  const series: Series[] = S.ids.map((id, row) => {
    const values = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let sum = 0;
      let any = false;
      for (let j = 0; j < S.cols; j++) {
        if (S.data[row * S.cols + j] === 0) continue;
        const v = bottomValues[j][t];
        if (Number.isNaN(v)) continue;
        sum += v;
        any = true;
      }
      values[t] = any ? sum : NaN;
    }
    return { id, period, timestamps: [...timestamps], values };
  });
  const tags: Record<string, string[]> = {};
  for (const id of S.ids) (tags[levelOf(id, levels)] ??= []).push(id);
  return { levels, series, S, tags };
}
