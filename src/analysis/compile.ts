import { KpicastError, OptionError } from '../errors.js';
import {
  dimensionNames,
  factOf,
  isAggregate,
  isRatio,
  isShare,
  measureFormat,
  quoteIdent,
  type MeasureFormat,
  type AggregateMeasure,
  type Fact,
  type Rollup,
  type SemanticModel,
  type SqlMeasure,
} from './model.js';

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'none';
export const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year', 'none'];
export type Compare = 'previous_period' | 'previous_year';
export const COMPARES: readonly Compare[] = ['previous_period', 'previous_year'];
export type FilterValue = string | number | boolean;

/**
 * What to compute. `metrics` are measure names of the model; `grain` the period
 * (`week` = ISO week starting Monday; `none` = totals over the range, the default);
 * `by` dimension names to group by; `filters` dimension → value or values (kept rows match
 * one of them); `from`/`to` inclusive `YYYY-MM-DD` bounds on the time column; `compare` adds
 * `<metric>_previous`, `_delta`, `_delta_pct`; `share` adds `<metric>_share`, the metric's share
 * of its total within the period and the `by` dimensions listed (`true`: all but the last).
 */
export interface KpiRequest {
  metrics: string[];
  grain?: Grain;
  by?: string[];
  filters?: Record<string, FilterValue | FilterValue[]>;
  from?: string;
  to?: string;
  compare?: Compare;
  share?: boolean | string[];
}

/** A column of the compiled query's result. */
export interface ResultColumn {
  name: string;
  kind: 'period' | 'dimension' | 'metric';
  /** Metrics: how the value reads in tables (the measure's format; shares and changes in % are `percent`). */
  format?: MeasureFormat;
}

/** One parameterised SQL query, the values to bind, and the columns it returns. */
export interface CompiledQuery {
  sql: string;
  params: unknown[];
  columns: ResultColumn[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const fmt = (names: Iterable<string>): string => [...names].join(', ');

function checkDate(option: string, value: string | undefined): void {
  if (value === undefined) return;
  const d = new Date(`${value}T00:00:00Z`);
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new OptionError(option, value, 'a date YYYY-MM-DD');
  }
}

/** Interval of one period of `grain` (previous_period) or one year back (previous_year: 52 weeks for weeks). */
function shiftInterval(grain: Grain, compare: Compare): string {
  if (compare === 'previous_year') return grain === 'week' ? "interval '364 days'" : "interval '1 year'";
  return { day: "interval '1 day'", week: "interval '7 days'", month: "interval '1 month'", quarter: "interval '3 months'", year: "interval '1 year'", none: '' }[grain];
}

/**
 * Checks `request` against `model` and throws one line on the first problem: an unknown
 * metric or dimension (listing the valid names), a bad grain or compare, a malformed date,
 * `from` after `to`, a filter on an unknown dimension or with a non-scalar value.
 */
export function validateRequest(model: SemanticModel, request: KpiRequest): void {
  const measures = Object.keys(model.measures);
  const dims = dimensionNames(model);
  if (!Array.isArray(request.metrics) || request.metrics.length === 0) {
    throw new OptionError('metrics', request.metrics ?? [], `one or more of ${fmt(measures)}`);
  }
  for (const metric of request.metrics) {
    if (typeof metric !== 'string' || !Object.hasOwn(model.measures, metric)) {
      throw new KpicastError(`unknown metric ${JSON.stringify(metric)} for model ${model.name}, valid: ${fmt(measures)}`, 'E_OPTION');
    }
  }
  if (new Set(request.metrics).size !== request.metrics.length) throw new OptionError('metrics', request.metrics, 'each metric once');
  const grain = request.grain ?? 'none';
  if (!GRAINS.includes(grain)) throw new OptionError('grain', grain, GRAINS.join(', '));
  for (const dim of request.by ?? []) {
    if (typeof dim !== 'string' || !dims.includes(dim)) {
      throw new KpicastError(`unknown dimension ${JSON.stringify(dim)} for model ${model.name}, valid: ${fmt(dims)}`, 'E_OPTION');
    }
  }
  if (new Set(request.by ?? []).size !== (request.by ?? []).length) throw new OptionError('by', request.by, 'each dimension once');
  const clash = (request.by ?? []).find((d) => request.metrics.includes(d) || d === 'period');
  if (clash) throw new OptionError('by', clash, 'a dimension whose name is not also a metric or "period"');
  const filters = request.filters ?? {};
  if (typeof filters !== 'object' || Array.isArray(filters)) throw new OptionError('filters', filters, 'a map of dimension: value or values');
  const proto: unknown = Object.getPrototypeOf(filters);
  if (proto !== Object.prototype && proto !== null) {
    // `{ __proto__: [...] }` (or `filters['__proto__'] = ...`) sets the prototype instead of a key:
    // the filter would vanish and the unfiltered total come back.
    throw new KpicastError(`filter on unknown dimension "__proto__" for model ${model.name}, valid: ${fmt(dims)}`, 'E_OPTION');
  }
  for (const [dim, value] of Object.entries(filters)) {
    if (!dims.includes(dim)) {
      throw new KpicastError(`filter on unknown dimension ${JSON.stringify(dim)} for model ${model.name}, valid: ${fmt(dims)}`, 'E_OPTION');
    }
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) throw new OptionError(`filters.${dim}`, value, 'a value or a non-empty list of values');
    for (const v of values) {
      if (!['string', 'number', 'boolean'].includes(typeof v) || (typeof v === 'number' && !Number.isFinite(v))) {
        throw new OptionError(`filters.${dim}`, v, 'a string, number or boolean');
      }
    }
  }
  checkDate('from', request.from);
  checkDate('to', request.to);
  if (request.from && request.to && request.from > request.to) {
    throw new KpicastError(`from ${request.from} is after to ${request.to}`, 'E_OPTION');
  }
  if (request.compare !== undefined) {
    if (!COMPARES.includes(request.compare)) throw new OptionError('compare', request.compare, COMPARES.join(', '));
    if (grain === 'none' && (!request.from || !request.to)) {
      throw new OptionError('compare', request.compare, 'with grain none only when from and to are given (the period compared)');
    }
  }
  if (Array.isArray(request.share)) {
    for (const dim of request.share) {
      if (!(request.by ?? []).includes(dim)) throw new OptionError('share', dim, `dimensions of by: ${fmt(request.by ?? [])}`);
    }
  } else if (request.share !== undefined && typeof request.share !== 'boolean') {
    throw new OptionError('share', request.share, 'true, false or a list of by dimensions');
  }
}

/** Collects the base (aggregate or SQL) measures a metric needs, recursively. */
function baseMeasures(model: SemanticModel, name: string, into: Set<string>): void {
  const m = model.measures[name];
  if (isRatio(m)) m.ratio.forEach((part) => baseMeasures(model, part, into));
  else if (isShare(m)) baseMeasures(model, m.shareOf, into);
  else into.add(name);
}

/** A dimension reference (`col` or `alias.col`) as SQL on a fact aliased `t`. */
function dimensionSql(ref: string): string {
  return ref.includes('.') ? quoteIdent(ref) : `t.${quoteIdent(ref)}`;
}

/**
 * The first-row column a count_distinct measure may be counted with, as `sum(column)`, for this
 * request, or undefined for the exact `count(DISTINCT ...)`. `firstRow` serves when the measure
 * has no filter, every dimension the request groups or filters by is constant within its key,
 * and so is the time column when the request cuts by time (grain, range, compare): then each
 * key's rows all fall in one group, and summing the 1 of its first row counts it once. A
 * `firstRowPer` column (1 on one row per key and `per` values) serves when, besides, the request
 * groups by every `per` dimension or filters it to a single value, and its other dimensions are
 * constant within the key: each (key, per) group's rows fall in one group and no group holds two
 * `per` values of one key.
 *
 * @example
 * firstRowColumn(retail.measures.orders, retail.facts.sales, { metrics: ['orders'], grain: 'month', by: ['region'] }); // => 'is_first_line'
 * firstRowColumn(retail.measures.orders, retail.facts.sales, { metrics: ['orders'], grain: 'month', by: ['category'] }); // => 'is_first_in_category'
 * firstRowColumn(retail.measures.orders, retail.facts.sales, { metrics: ['orders'], grain: 'month', by: ['product'] }); // => undefined
 */
export function firstRowColumn(m: AggregateMeasure, fact: Fact, request: KpiRequest): string | undefined {
  if (m.agg !== 'count_distinct' || !m.firstRow || !m.constantWithin || m.filter) return undefined;
  const constant = new Set(m.constantWithin);
  const cutsTime = (request.grain ?? 'none') !== 'none' || request.from !== undefined || request.to !== undefined || request.compare !== undefined;
  if (cutsTime && !constant.has(fact.time)) return undefined;
  const by = request.by ?? [];
  const filters = request.filters ?? {};
  const used = [...by, ...Object.keys(filters)];
  if (used.every((dim) => constant.has(dim))) return m.firstRow;
  for (const { column, per } of m.firstRowPer ?? []) {
    const fixed = (dim: string): boolean => by.includes(dim) || (Object.hasOwn(filters, dim) && (!Array.isArray(filters[dim]) || (filters[dim] as unknown[]).length === 1));
    if (per.every(fixed) && used.every((dim) => constant.has(dim) || per.includes(dim))) return column;
  }
  return undefined;
}

/**
 * The rollup column whose sum gives measure `m` for `request`, or undefined when the rollup
 * cannot give it exactly: sums of a summed column, row counts, and distinct counts read as a
 * first-row sum; no filtered, `last`, `avg`, `min`/`max` or SQL measure.
 */
function rollupColumn(rollup: Rollup, m: AggregateMeasure | SqlMeasure, fact: Fact, request: KpiRequest): string | undefined {
  if (!isAggregate(m) || m.filter) return undefined;
  const sums = rollup.sums;
  const column = (key: string): string | undefined => (Object.hasOwn(sums, key) ? sums[key] : undefined);
  if (m.agg === 'sum' && m.column !== undefined && m.column !== '*') return column(m.column);
  if (m.agg === 'count' && (m.column === undefined || m.column === '*')) return column('*');
  if (m.agg === 'count_distinct') {
    const first = firstRowColumn(m, fact, request);
    return first === undefined ? undefined : column(first);
  }
  return undefined;
}

/**
 * Where a fact's measures are read for `request`: the first of the fact's rollups that holds
 * every dimension the request groups or filters by and every measure exactly (rollupColumn),
 * with the rollup column of each measure; undefined: the fact itself.
 */
export function chooseRollup(model: SemanticModel, fact: Fact, measures: string[], request: KpiRequest): { rollup: Rollup; columns: Map<string, string> } | undefined {
  const dims = [...(request.by ?? []), ...Object.keys(request.filters ?? {})];
  for (const rollup of fact.rollups ?? []) {
    if (!dims.every((dim) => Object.hasOwn(rollup.dimensions, dim))) continue;
    const columns = new Map<string, string>();
    for (const name of measures) {
      const column = rollupColumn(rollup, model.measures[name] as AggregateMeasure | SqlMeasure, fact, request);
      if (column === undefined) break;
      columns.set(name, column);
    }
    if (columns.size === measures.length) return { rollup, columns };
  }
  return undefined;
}

function aggregateSql(m: AggregateMeasure | SqlMeasure, lastFlag: string, firstRow?: string, rollupColumn?: string): string {
  if (rollupColumn) return `sum(t.${quoteIdent(rollupColumn)})`;
  if (!isAggregate(m)) return `(${m.sql})`;
  if (firstRow) return `sum(t.${quoteIdent(firstRow)})`;
  const col = m.column === undefined || m.column === '*' ? '*' : `t.${quoteIdent(m.column)}`;
  const filters = [m.filter ? `(${m.filter})` : '', m.agg === 'last' ? lastFlag : ''].filter(Boolean);
  const where = filters.length ? ` FILTER (WHERE ${filters.join(' AND ')})` : '';
  switch (m.agg) {
    case 'count':
      return `count(${col})${where}`;
    case 'count_distinct':
      return `count(DISTINCT ${col})${where}`;
    case 'last':
      return `sum(${col})${where}`;
    default:
      return `${m.agg}(${col})${where}`;
  }
}

/** Additive measures read 0 (not null) where a key has rows in another fact but none in theirs. */
function isAdditive(m: AggregateMeasure | SqlMeasure): boolean {
  return isAggregate(m) && ['sum', 'count', 'count_distinct'].includes(m.agg);
}

/**
 * Compiles a KPI request on a semantic model to ONE parameterised SQL query. Identifiers
 * come only from the model (checked, then double-quoted); every value of the request
 * (dates, filter values) is a bound parameter `$n`. Each fact the metrics read is aggregated
 * at the grain in its own CTE, then the CTEs are joined on period and dimensions, so metrics
 * mixing facts (orders / visitors) stay right. Ratios are ratios of the aggregated measures
 * (never an average of ratios), a zero denominator gives null. Pure: no database needed.
 *
 * @example
 * compileKpis(retail, { metrics: ['revenue'], grain: 'month', from: '2024-01-01' }).params; // => ['2024-01-01']
 */
export function compileKpis(model: SemanticModel, request: KpiRequest): CompiledQuery {
  validateRequest(model, request);
  const grain = request.grain ?? 'none';
  const by = request.by ?? [];
  const params: unknown[] = [];
  const bind = (value: unknown, cast = ''): string => {
    params.push(value);
    return `$${params.length}${cast}`;
  };

  // Which facts, and which of their measures, the metrics need.
  const bases = new Set<string>();
  for (const metric of request.metrics) baseMeasures(model, metric, bases);
  const byFact = new Map<string, string[]>();
  for (const name of bases) {
    const fact = factOf(model, name, model.measures[name] as AggregateMeasure | SqlMeasure);
    byFact.set(fact, [...(byFact.get(fact) ?? []), name]);
  }
  const filterDims = Object.keys(request.filters ?? {});
  for (const [factName, names] of byFact) {
    const fact = model.facts[factName];
    for (const dim of [...by, ...filterDims]) {
      if (!Object.hasOwn(fact.dimensions, dim)) {
        throw new KpicastError(
          `dimension ${JSON.stringify(dim)} is not available for metric ${names[0]} (fact ${factName}) of model ${model.name}, valid there: ${fmt(Object.keys(fact.dimensions).sort())}`,
          'E_OPTION',
        );
      }
    }
  }

  // Time range: bound once, reused by every fact.
  const from = request.from ? bind(request.from, '::date') : undefined;
  const to = request.to ? bind(request.to, '::date') : undefined;
  const compare = request.compare;
  const shift = compare ? shiftInterval(grain, compare) : '';
  let lower = from;
  let totalsPrev: { from: string; to: string } | undefined;
  if (compare && grain !== 'none' && from) lower = `(date_trunc('${grain}', ${from}::timestamp) - ${shift})::date`;
  if (compare && grain === 'none') {
    totalsPrev =
      compare === 'previous_year'
        ? { from: `(${from} - interval '1 year')::date`, to: `(${to} - interval '1 year')::date` }
        : { from: `(${from} - (${to} - ${from} + 1))`, to: `(${from} - 1)` };
  }
  const filterValues = new Map<string, string[]>();
  for (const [dim, value] of Object.entries(request.filters ?? {})) {
    filterValues.set(dim, (Array.isArray(value) ? value : [value]).map((v) => bind(String(v))));
  }

  const periodOf = (time: string): string => {
    if (grain === 'day') return `${time}::date`;
    if (grain !== 'none') return `date_trunc('${grain}', ${time}::timestamp)::date`;
    if (totalsPrev) return `CASE WHEN ${time} >= ${from} THEN 0 ELSE 1 END`;
    return '0';
  };
  const timeWhere = (time: string): string[] => {
    if (totalsPrev) return [`((${time} >= ${from} AND ${time} <= ${to}) OR (${time} >= ${totalsPrev.from} AND ${time} <= ${totalsPrev.to}))`];
    return [lower ? `${time} >= ${lower}` : '', to ? `${time} <= ${to}` : ''].filter(Boolean);
  };

  const ctes: string[] = [];
  const factCtes: Array<{ cte: string; measures: string[] }> = [];
  let i = 0;
  for (const [factName, names] of byFact) {
    const modelFact: Fact = model.facts[factName];
    // Read from a rollup of the fact when one gives the same numbers (chooseRollup).
    const chosen = chooseRollup(model, modelFact, names, request);
    const fact: Fact = chosen ? { table: chosen.rollup.table, time: chosen.rollup.time, joins: chosen.rollup.joins, dimensions: chosen.rollup.dimensions } : modelFact;
    const cte = `f${i++}`;
    const source = fact.table ? quoteIdent(fact.table) : `(${fact.sql})`;
    const time = `t.${quoteIdent(fact.time)}`;
    const usedRefs = [...by, ...filterDims].map((d) => fact.dimensions[d]);
    const joins = Object.entries(fact.joins ?? {})
      .filter(([alias]) => usedRefs.some((ref) => ref.startsWith(`${alias}.`)))
      .map(([alias, join]) => {
        const on = Object.entries(join.on).map(([l, r]) => `${quoteIdent(alias)}.${quoteIdent(r)} = t.${quoteIdent(l)}`);
        return `LEFT JOIN ${quoteIdent(join.table)} AS ${quoteIdent(alias)} ON ${on.join(' AND ')}`;
      });
    const needsLast = names.some((n) => {
      const m = model.measures[n];
      return isAggregate(m) && m.agg === 'last';
    });
    let lastFlag = '';
    if (needsLast) {
      // Semi-additive measures (stock) take the last day of each period present in the data.
      const lastCte = `${cte}_last`;
      const w = timeWhere(time);
      ctes.push(
        `${lastCte} AS (\n  SELECT ${periodOf(time)} AS period, max(${time}) AS last_time\n  FROM ${source} AS t${w.length ? `\n  WHERE ${w.join(' AND ')}` : ''}\n  GROUP BY 1\n)`,
      );
      joins.push(`JOIN ${lastCte} ON ${lastCte}.period = ${periodOf(time)}`);
      lastFlag = `${time} = ${lastCte}.last_time`;
    }
    const where = [
      ...timeWhere(time),
      ...[...filterValues].map(([dim, ps]) => `(${dimensionSql(fact.dimensions[dim])})::text IN (${ps.join(', ')})`),
    ];
    const select = [
      `${periodOf(time)} AS period`,
      ...by.map((dim) => `(${dimensionSql(fact.dimensions[dim])})::text AS ${quoteIdent(dim)}`),
      ...names.map((n) => {
        const m = model.measures[n] as AggregateMeasure | SqlMeasure;
        const first = isAggregate(m) ? firstRowColumn(m, modelFact, request) : undefined;
        return `${aggregateSql(m, lastFlag, first, chosen?.columns.get(n))} AS ${quoteIdent(`m_${n}`)}`;
      }),
    ];
    // Totals (grain none, no compare) do not group by the constant period: a plain aggregate is
    // cheaper, and HAVING keeps the rule that no rows give no row.
    const constantPeriod = grain === 'none' && !totalsPrev;
    const positions = Array.from({ length: 1 + by.length }, (_, k) => k + 1).slice(constantPeriod ? 1 : 0);
    const grouping = positions.length ? `\n  GROUP BY ${positions.join(', ')}` : '\n  HAVING count(*) > 0';
    ctes.push(
      `${cte} AS (\n  SELECT ${select.join(',\n         ')}\n  FROM ${source} AS t${joins.length ? `\n  ${joins.join('\n  ')}` : ''}` +
        `${where.length ? `\n  WHERE ${where.join('\n    AND ')}` : ''}${grouping}\n)`,
    );
    factCtes.push({ cte, measures: names });
  }

  // One row per key (period + by): a single fact is its own CTE; several are joined on the union of their keys.
  const keyCols = ['period', ...by].map(quoteIdent);
  let joined: string;
  if (factCtes.length === 1) {
    joined = factCtes[0].cte;
  } else {
    const keys = factCtes.map((f) => `SELECT ${keyCols.join(', ')} FROM ${f.cte}`).join('\n  UNION\n  ');
    const cols = factCtes.flatMap((f) =>
      f.measures.map((n) => {
        const col = `${f.cte}.${quoteIdent(`m_${n}`)}`;
        return isAdditive(model.measures[n] as AggregateMeasure) ? `coalesce(${col}, 0) AS ${quoteIdent(`m_${n}`)}` : `${col} AS ${quoteIdent(`m_${n}`)}`;
      }),
    );
    const joinsSql = factCtes.map(
      (f) =>
        `LEFT JOIN ${f.cte} ON ${f.cte}.period = k.period${by.map((d) => ` AND ${f.cte}.${quoteIdent(d)} IS NOT DISTINCT FROM k.${quoteIdent(d)}`).join('')}`,
    );
    ctes.push(`keys AS (\n  ${keys}\n)`);
    ctes.push(`joined AS (\n  SELECT ${keyCols.map((c) => `k.${c}`).join(', ')}, ${cols.join(', ')}\n  FROM keys k\n  ${joinsSql.join('\n  ')}\n)`);
    joined = 'joined';
  }

  // Metric expressions over the aggregated columns.
  const shareParts = (dims: string[]): string => ['period', ...dims].map(quoteIdent).join(', ');
  const defaultWithin = by.slice(0, -1);
  const expr = (name: string): string => {
    const m = model.measures[name];
    if (isRatio(m)) return `((${expr(m.ratio[0])})::float8 / NULLIF((${expr(m.ratio[1])})::float8, 0))`;
    if (isShare(m)) return `((${expr(m.shareOf)})::float8 / NULLIF(sum((${expr(m.shareOf)})::float8) OVER (PARTITION BY ${shareParts(defaultWithin)}), 0))`;
    return quoteIdent(`m_${name}`);
  };
  const metricCols = request.metrics.map((name) => `(${expr(name)})::float8 AS ${quoteIdent(name)}`);
  ctes.push(`res AS (\n  SELECT ${keyCols.join(', ')},\n         ${metricCols.join(',\n         ')}\n  FROM ${joined}\n)`);

  const shareWithin = request.share === true ? defaultWithin : Array.isArray(request.share) ? request.share : undefined;
  const columns: ResultColumn[] = [
    ...(grain === 'none' ? [] : [{ name: 'period', kind: 'period' as const }]),
    ...by.map((name) => ({ name, kind: 'dimension' as const })),
  ];
  const out: string[] = [];
  if (grain !== 'none') out.push(`c."period"::text AS "period"`);
  for (const d of by) out.push(`c.${quoteIdent(d)}`);
  for (const metric of request.metrics) {
    const q = quoteIdent(metric);
    const shown = measureFormat(model, metric);
    out.push(`c.${q}`);
    columns.push({ name: metric, kind: 'metric', format: shown });
    if (shareWithin) {
      out.push(`c.${q} / NULLIF(sum(c.${q}) OVER (PARTITION BY ${['period', ...shareWithin].map((x) => `c.${quoteIdent(x)}`).join(', ')}), 0) AS ${quoteIdent(`${metric}_share`)}`);
      columns.push({ name: `${metric}_share`, kind: 'metric', format: 'percent' });
    }
    if (compare) {
      out.push(`p.${q} AS ${quoteIdent(`${metric}_previous`)}`);
      out.push(`c.${q} - p.${q} AS ${quoteIdent(`${metric}_delta`)}`);
      out.push(`(c.${q} - p.${q}) / NULLIF(abs(p.${q}), 0) AS ${quoteIdent(`${metric}_delta_pct`)}`);
      columns.push(
        { name: `${metric}_previous`, kind: 'metric', format: shown },
        { name: `${metric}_delta`, kind: 'metric', format: shown },
        { name: `${metric}_delta_pct`, kind: 'metric', format: 'percent' },
      );
    }
  }
  let fromSql = 'res c';
  const whereOut: string[] = [];
  if (compare) {
    const prevPeriod = grain === 'none' ? 'p."period" = 1' : `p."period" = (c."period" - ${shift})::date`;
    fromSql = `res c\nLEFT JOIN res p ON ${prevPeriod}${by.map((d) => ` AND p.${quoteIdent(d)} IS NOT DISTINCT FROM c.${quoteIdent(d)}`).join('')}`;
    if (grain === 'none') whereOut.push('c."period" = 0');
    else if (from) whereOut.push(`c."period" >= date_trunc('${grain}', ${from}::timestamp)::date`);
  }
  const order = [...(grain === 'none' ? [] : ['c."period"']), ...by.map((d) => `c.${quoteIdent(d)}`)];
  const sql =
    `WITH ${ctes.join(',\n')}\nSELECT ${out.join(',\n       ')}\nFROM ${fromSql}` +
    `${whereOut.length ? `\nWHERE ${whereOut.join(' AND ')}` : ''}${order.length ? `\nORDER BY ${order.join(', ')}` : ''}`;
  return { sql, params, columns };
}
