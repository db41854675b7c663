import { KpicastError } from '../errors.js';

/** How an aggregate measure reduces its column; `last` is semi-additive: the sum at the last day of each period (stock). */
export type Aggregation = 'sum' | 'count' | 'count_distinct' | 'avg' | 'min' | 'max' | 'last';
export const AGGREGATIONS: readonly Aggregation[] = ['sum', 'count', 'count_distinct', 'avg', 'min', 'max', 'last'];

/**
 * How a measure's values read in tables for people (`kpicast kpi --format table`): `money`
 * (thousands separators, 2 decimals), `percent` (a rate 0..1 shown as `12.3 %`), `integer`
 * (separators, no decimals), `number` (separators, 2 decimals unless whole). Only the display:
 * CSV and JSON keep every digit. Without one: counts are `integer`, shares `percent`, others `number`.
 */
export type MeasureFormat = 'money' | 'percent' | 'number' | 'integer';
export const MEASURE_FORMATS: readonly MeasureFormat[] = ['money', 'percent', 'number', 'integer'];

/**
 * A measure aggregated from one fact: `agg(column)`, optionally only over rows where
 * `filter` (an SQL condition on the fact's columns, written by the model's author) holds.
 * `count` without a column counts rows.
 */
export interface AggregateMeasure {
  fact?: string;
  agg: Aggregation;
  column?: string;
  filter?: string;
  description?: string;
  format?: MeasureFormat;
  /**
   * count_distinct only: a column of the fact that is 1 on exactly one row per distinct
   * non-null value of `column` and 0 on every other row (the order's first line). With
   * `constantWithin`, it lets the compiler count with `sum(firstRow)` instead of
   * `count(DISTINCT column)`: the same number, several times cheaper.
   */
  firstRow?: string;
  /**
   * count_distinct with `firstRow`: the dimensions of the fact whose value is the same on
   * every row of one `column` value (functionally dependent on it: an order's store, region,
   * customer; not its products), plus the fact's time column when that is constant too (the
   * order date). The shortcut is used only when every dimension grouped by or filtered on is
   * listed, and the time column is listed whenever the request has a grain, a range or a
   * compare; otherwise the exact `count(DISTINCT column)`.
   */
  constantWithin?: string[];
  /**
   * count_distinct with `firstRow`: more first-row columns, each 1 on exactly one row per
   * (`column` value, values of the `per` dimensions) and 0 elsewhere — the first line of each
   * order within each category. Within such a group, `constantWithin` and the `per` dimensions
   * are constant, so the compiler sums this column when the request groups by every `per`
   * dimension (or filters it to one value) and groups or filters only by those: orders by
   * category without a distinct count.
   */
  firstRowPer?: Array<{ column: string; per: string[] }>;
}
/** A measure written as an SQL aggregate expression over one fact's columns (model author's SQL). */
export interface SqlMeasure {
  fact?: string;
  sql: string;
  description?: string;
  format?: MeasureFormat;
}
/** numerator / denominator, each a measure, computed after aggregation (ratio of sums); 0 denominator → null. */
export interface RatioMeasure {
  ratio: [string, string];
  description?: string;
  format?: MeasureFormat;
}
/** A measure's share of its total within the period and all `by` dimensions but the last (market share). */
export interface ShareMeasure {
  shareOf: string;
  description?: string;
  format?: MeasureFormat;
}
export type Measure = AggregateMeasure | SqlMeasure | RatioMeasure | ShareMeasure;

/** A dimension table joined to a fact: `on` maps fact columns to the joined table's columns. */
export interface Join {
  table: string;
  on: Record<string, string>;
}

/**
 * A fact: a table (`schema.table`) or an SQL query, its time column (a date), the tables
 * it joins, and the dimensions it can be cut by: name → `column` of the fact or `alias.column`
 * of a join.
 */
export interface Fact {
  table?: string;
  sql?: string;
  time: string;
  /**
   * SQL condition (over alias `t`) true for rows that are final. Where rows are booked ahead
   * (missions planned for next month), `series()` ends its history at the last settled date
   * instead of the last date: e.g. `t.status IN ('done', 'cancelled')`. The model author's SQL.
   */
  settled?: string;
  joins?: Record<string, Join>;
  dimensions: Record<string, string>;
  /**
   * Pre-aggregated tables of this fact (built by SQL models), tried in order: a request is read
   * from the first rollup that answers it exactly, else from the fact. See {@link Rollup}.
   */
  rollups?: Rollup[];
}

/**
 * A pre-aggregation of a fact (Looker's aggregate tables, Cube's pre-aggregations): the fact's
 * rows summed per day (its `time`) and a few dimension columns, so that a dashboard's usual
 * request scans thousands of rows instead of millions. A request is answered from it only when
 * the answer is the same, number for number: every dimension it groups or filters by is one of
 * the rollup's, and every measure is a sum of a summed column (`sum`), a row count (`count` of
 * `*`), or a distinct count read as the sum of its first-row column (see firstRow) — not a
 * `last`, an `avg`, a `min`/`max`, an SQL measure or a measure with its own filter. The rollup's
 * time column must hold whole days (any grain from day up, any date range, compares: all exact).
 */
export interface Rollup {
  /** The pre-aggregated table, `schema.table`. */
  table: string;
  /** Its date column: one value per day. */
  time: string;
  /** The tables it joins, as a fact's. */
  joins?: Record<string, Join>;
  /** The fact's dimensions it can be cut by: dimension name → `column` of the rollup or `alias.column` of a join. */
  dimensions: Record<string, string>;
  /** Fact column → the rollup column holding its sum over the row's fact rows; `*` → the rollup column counting them. */
  sums: Record<string, string>;
}

/**
 * A semantic model: the facts, and the measures (KPIs) defined on them. Measure names
 * are the metric names a request asks for; dimension names are what it groups and filters by.
 */
export interface SemanticModel {
  name: string;
  description?: string;
  /** The model file it was read from (loadModelFile), named in errors about its SQL. */
  file?: string;
  facts: Record<string, Fact>;
  measures: Record<string, Measure>;
}

/**
 * `model` without its rollups: every measure read from its fact. What a request costs without
 * the pre-aggregations, and the reference their answers are checked against.
 *
 * @example
 * withoutRollups(retail).facts.sales.rollups; // => undefined
 */
export function withoutRollups(model: SemanticModel): SemanticModel {
  return { ...model, facts: Object.fromEntries(Object.entries(model.facts).map(([name, fact]) => [name, { ...fact, rollups: undefined }])) };
}

export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUALIFIED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** Double-quotes an identifier (or `schema.table`), doubling embedded quotes. */
export function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}

export const isRatio = (m: Measure): m is RatioMeasure => 'ratio' in m;
export const isShare = (m: Measure): m is ShareMeasure => 'shareOf' in m;
export const isSql = (m: Measure): m is SqlMeasure => 'sql' in m && !('agg' in m);
export const isAggregate = (m: Measure): m is AggregateMeasure => 'agg' in m;

/**
 * How measure `name` of `model` reads in tables: its declared `format`, else `integer` for
 * counts, `percent` for shares, `number` for the rest.
 *
 * @example
 * measureFormat(retail, 'margin_rate'); // => 'percent'
 * measureFormat(retail, 'orders'); // => 'integer'
 */
export function measureFormat(model: SemanticModel, name: string): MeasureFormat {
  const m = Object.hasOwn(model.measures, name) ? model.measures[name] : undefined;
  if (!m) return 'number';
  if (m.format) return m.format;
  if (isShare(m)) return 'percent';
  if (isAggregate(m) && (m.agg === 'count' || m.agg === 'count_distinct')) return 'integer';
  return 'number';
}

/** Every dimension name of `model`, over all its facts, sorted. */
export function dimensionNames(model: SemanticModel): string[] {
  return [...new Set(Object.values(model.facts).flatMap((f) => Object.keys(f.dimensions)))].sort();
}

/** The fact a base (aggregate or SQL) measure reads: its `fact`, or the model's only fact. */
export function factOf(model: SemanticModel, name: string, measure: AggregateMeasure | SqlMeasure): string {
  if (measure.fact) return measure.fact;
  const facts = Object.keys(model.facts);
  if (facts.length === 1) return facts[0];
  throw new KpicastError(`model ${model.name}: measure ${name} must name its fact, one of ${facts.join(', ')}`);
}

/** Checks a count_distinct measure's `firstRow` / `constantWithin` declaration against its fact. */
function checkFirstRow(model: SemanticModel, name: string, m: AggregateMeasure): void {
  const where = `model ${model.name}: measure ${name}`;
  if (m.firstRow === undefined && m.constantWithin === undefined) return;
  if (m.agg !== 'count_distinct') throw new KpicastError(`${where} (${m.agg}) declares firstRow or constantWithin, allowed only on count_distinct`);
  if (m.firstRow === undefined || !NAME.test(m.firstRow)) throw new KpicastError(`${where} firstRow ${JSON.stringify(m.firstRow)} must be a column name (1 on one row per ${m.column}, else 0)`);
  if (!Array.isArray(m.constantWithin)) throw new KpicastError(`${where} constantWithin ${JSON.stringify(m.constantWithin)} must be a list of dimensions constant within ${m.column}`);
  const fact = model.facts[factOf(model, name, m)];
  if (!fact) return; // the unknown fact is reported by validateModel
  const allowed = [fact.time, ...Object.keys(fact.dimensions)];
  for (const dim of m.constantWithin) {
    if (!allowed.includes(dim)) throw new KpicastError(`${where} constantWithin ${JSON.stringify(dim)} unknown, allowed: the time column ${fact.time} or a dimension ${Object.keys(fact.dimensions).sort().join(', ')}`);
  }
  if (m.firstRowPer === undefined) return;
  if (!Array.isArray(m.firstRowPer)) throw new KpicastError(`${where} firstRowPer must be a list of { column, per: [dimensions] }`);
  for (const entry of m.firstRowPer) {
    if (!entry || typeof entry.column !== 'string' || !NAME.test(entry.column)) {
      throw new KpicastError(`${where} firstRowPer column ${JSON.stringify(entry?.column)} must be a column name (1 on one row per ${m.column} and per dimensions, else 0)`);
    }
    if (!Array.isArray(entry.per) || entry.per.length === 0) throw new KpicastError(`${where} firstRowPer ${entry.column}: per must be a non-empty list of dimensions`);
    for (const dim of entry.per) {
      if (!Object.hasOwn(fact.dimensions, dim)) throw new KpicastError(`${where} firstRowPer ${entry.column}: per ${JSON.stringify(dim)} unknown, allowed: a dimension ${Object.keys(fact.dimensions).sort().join(', ')}`);
    }
  }
}

function validateJoins(where: string, joins: Record<string, Join> | undefined): void {
  for (const [alias, join] of Object.entries(joins ?? {})) {
    if (!NAME.test(alias) || alias === 't') throw new KpicastError(`${where} join alias ${JSON.stringify(alias)} must be an identifier other than t`);
    if (!QUALIFIED.test(join.table)) throw new KpicastError(`${where} join ${alias} table ${JSON.stringify(join.table)} must be table or schema.table`);
    for (const [left, right] of Object.entries(join.on ?? {})) {
      if (!NAME.test(left) || !NAME.test(right)) throw new KpicastError(`${where} join ${alias} on ${left}=${right}: columns must be identifiers`);
    }
    if (Object.keys(join.on ?? {}).length === 0) throw new KpicastError(`${where} join ${alias} needs on: { fact_column: ${alias}_column }`);
  }
}

function validateRollup(where: string, fact: Fact, rollup: Rollup): void {
  if (!rollup || typeof rollup !== 'object') throw new KpicastError(`${where} must be { table, time, dimensions, sums }`);
  if (typeof rollup.table !== 'string' || !QUALIFIED.test(rollup.table)) throw new KpicastError(`${where} table ${JSON.stringify(rollup.table)} must be table or schema.table`);
  if (typeof rollup.time !== 'string' || !NAME.test(rollup.time)) throw new KpicastError(`${where} time ${JSON.stringify(rollup.time)} must be a column name`);
  validateJoins(where, rollup.joins);
  for (const [dim, ref] of Object.entries(rollup.dimensions ?? {})) {
    if (!Object.hasOwn(fact.dimensions, dim)) throw new KpicastError(`${where}: dimension ${JSON.stringify(dim)} is not one of the fact's: ${Object.keys(fact.dimensions).sort().join(', ')}`);
    if (typeof ref !== 'string' || !QUALIFIED.test(ref)) throw new KpicastError(`${where}: dimension ${dim} column ${JSON.stringify(ref)} must be column or alias.column`);
    if (ref.includes('.') && !Object.hasOwn(rollup.joins ?? {}, ref.split('.')[0])) throw new KpicastError(`${where}: dimension ${dim} refers to ${ref} but the rollup has no join ${ref.split('.')[0]}`);
  }
  const sums = Object.entries(rollup.sums ?? {});
  if (sums.length === 0) throw new KpicastError(`${where} needs sums: { fact_column: rollup_column }`);
  for (const [from, to] of sums) {
    if ((from !== '*' && !NAME.test(from)) || typeof to !== 'string' || !NAME.test(to)) throw new KpicastError(`${where}: sums ${from}: ${JSON.stringify(to)} must map a column (or *) to a column`);
  }
}

/**
 * Checks a model is well formed: names are identifiers, tables `schema.table`, measures
 * reference known facts and measures, no measure refers to itself in a loop. Returns the model.
 * Throws one line naming the model, the part and what is allowed.
 */
export function validateModel(model: SemanticModel): SemanticModel {
  const where = `model ${model.name}`;
  if (!model.name || !NAME.test(model.name)) throw new KpicastError(`model name ${JSON.stringify(model.name)} must be an identifier (letters, digits, _)`);
  const facts = Object.keys(model.facts ?? {});
  if (facts.length === 0) throw new KpicastError(`${where}: no fact declared`);
  for (const [name, fact] of Object.entries(model.facts)) {
    if (!NAME.test(name)) throw new KpicastError(`${where}: fact name ${JSON.stringify(name)} must be an identifier`);
    if (!fact.table === !fact.sql) throw new KpicastError(`${where}: fact ${name} needs exactly one of table or sql`);
    if (fact.table && !QUALIFIED.test(fact.table)) throw new KpicastError(`${where}: fact ${name} table ${JSON.stringify(fact.table)} must be table or schema.table`);
    if (!fact.time || !NAME.test(fact.time)) throw new KpicastError(`${where}: fact ${name} time ${JSON.stringify(fact.time)} must be a column name`);
    validateJoins(`${where}: fact ${name}`, fact.joins);
    for (const [dim, ref] of Object.entries(fact.dimensions ?? {})) {
      if (!NAME.test(dim)) throw new KpicastError(`${where}: dimension name ${JSON.stringify(dim)} must be an identifier`);
      if (typeof ref !== 'string' || !QUALIFIED.test(ref)) throw new KpicastError(`${where}: dimension ${dim} column ${JSON.stringify(ref)} must be column or alias.column`);
      if (ref.includes('.') && !Object.hasOwn(fact.joins ?? {}, ref.split('.')[0])) {
        throw new KpicastError(`${where}: dimension ${dim} refers to ${ref} but fact ${name} has no join ${ref.split('.')[0]}`);
      }
    }
    (fact.rollups ?? []).forEach((rollup, k) => validateRollup(`${where}: fact ${name} rollup ${k + 1}`, fact, rollup));
  }
  const measures = Object.keys(model.measures ?? {});
  if (measures.length === 0) throw new KpicastError(`${where}: no measure declared`);
  for (const [name, m] of Object.entries(model.measures)) {
    if (!NAME.test(name)) throw new KpicastError(`${where}: measure name ${JSON.stringify(name)} must be an identifier`);
    if (m.format !== undefined && !MEASURE_FORMATS.includes(m.format)) {
      throw new KpicastError(`${where}: measure ${name} format ${JSON.stringify(m.format)}, allowed: ${MEASURE_FORMATS.join(', ')}`);
    }
    if (isAggregate(m)) {
      if (!AGGREGATIONS.includes(m.agg)) throw new KpicastError(`${where}: measure ${name} agg ${JSON.stringify(m.agg)}, allowed: ${AGGREGATIONS.join(', ')}`);
      if (m.column === undefined && m.agg !== 'count') throw new KpicastError(`${where}: measure ${name} (${m.agg}) needs a column`);
      if (m.column !== undefined && m.column !== '*' && !NAME.test(m.column)) throw new KpicastError(`${where}: measure ${name} column ${JSON.stringify(m.column)} must be a column name (use sql: for an expression)`);
      checkFirstRow(model, name, m);
    }
    if (isAggregate(m) || isSql(m)) {
      const fact = factOf(model, name, m);
      if (!facts.includes(fact)) throw new KpicastError(`${where}: measure ${name} fact ${JSON.stringify(fact)} unknown, known: ${facts.join(', ')}`);
    } else if (isRatio(m)) {
      if (!Array.isArray(m.ratio) || m.ratio.length !== 2) throw new KpicastError(`${where}: measure ${name} ratio must be [numerator, denominator]`);
      for (const part of m.ratio) if (!measures.includes(part)) throw new KpicastError(`${where}: measure ${name} refers to unknown measure ${JSON.stringify(part)}, known: ${measures.join(', ')}`);
    } else if (isShare(m)) {
      if (!measures.includes(m.shareOf)) throw new KpicastError(`${where}: measure ${name} refers to unknown measure ${JSON.stringify(m.shareOf)}, known: ${measures.join(', ')}`);
    } else {
      throw new KpicastError(`${where}: measure ${name} needs one of agg (sum, count, ...), sql, ratio or shareOf`);
    }
  }
  // Loops between derived measures.
  const visit = (name: string, path: string[]): void => {
    if (path.includes(name)) throw new KpicastError(`${where}: measures refer to each other in a loop: ${[...path, name].join(' -> ')}`);
    const m = model.measures[name];
    const next = isRatio(m) ? m.ratio : isShare(m) ? [m.shareOf] : [];
    for (const n of next) visit(n, [...path, name]);
  };
  for (const name of measures) visit(name, []);
  return model;
}
