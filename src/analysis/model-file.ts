import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { InputError, KpicastError } from '../errors.js';
import { quoted } from '../util/clip.js';
import { AGGREGATIONS, MEASURE_FORMATS, validateModel, type Aggregation, type Fact, type Measure, type Rollup, type MeasureFormat, type SemanticModel } from './model.js';
import { scalarText } from '../util/text.js';

type Path = Array<string | number>;

class ModelFileError extends Error {
  constructor(message: string, readonly path: Path) {
    super(message);
  }
}

/**
 * The text of a key that wants a name or a SQL snippet (`table`, `time`, a measure's column...):
 * a string, or a number or boolean as written; undefined when absent. A list or a map there is a
 * ModelFileError naming the key: `table: wants a name such as raw.sales, got a list ["raw.sales"]`.
 */
function text(value: unknown, path: Path, what = 'a name'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const got = Array.isArray(value) ? 'a list' : 'a map';
  throw new ModelFileError(`${path.join('.')}: wants ${what}, got ${got} ${quoted(value)}`, path);
}

/** {@link text} for a key that must be there. */
const required = (value: unknown, path: Path, what?: string): string => text(value, path, what) ?? '';

function dims(value: unknown, path: Path): Record<string, string> {
  if (value === undefined) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [required(v, [...path, i], 'a column name'), required(v, [...path, i], 'a column name')]));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, required(v, [...path, k], 'a column name')]));
  throw new ModelFileError('dimensions must be a list of columns or a map name: column', path);
}

/**
 * `first_row: col`, `constant_within: [dims]` and `first_row_per: [{ column, per: [dims] }]` of a
 * count_distinct measure (camelCase accepted too).
 */
function firstRow(name: string, v: Record<string, unknown>, path: Path): { firstRow?: string; constantWithin?: string[]; firstRowPer?: Array<{ column: string; per: string[] }> } {
  const first = v.first_row ?? v.firstRow;
  const within = v.constant_within ?? v.constantWithin;
  const perList = v.first_row_per ?? v.firstRowPer;
  if (first === undefined && within === undefined && perList === undefined) return {};
  const key = Object.hasOwn(v, 'constant_within') ? 'constant_within' : 'constantWithin';
  if (within !== undefined && !Array.isArray(within)) throw new ModelFileError(`measure ${name}: ${key} must be a list of dimensions (and the time column) constant within the counted key`, [...path, key]);
  const perKey = Object.hasOwn(v, 'first_row_per') ? 'first_row_per' : 'firstRowPer';
  if (perList !== undefined && !Array.isArray(perList)) throw new ModelFileError(`measure ${name}: ${perKey} must be a list of { column, per: [dimensions] }`, [...path, perKey]);
  const firstRowPer = (perList as unknown[] | undefined)?.map((entry, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (!Array.isArray(e.per)) throw new ModelFileError(`measure ${name}: ${perKey} entry ${i + 1} needs column and per: [dimensions]`, [...path, perKey]);
    return { column: required(e.column, [...path, perKey, i, 'column'], 'a column name'), per: e.per.map((p, k) => required(p, [...path, perKey, i, 'per', k], 'a dimension name')) };
  });
  return {
    firstRow: text(first, [...path, 'first_row' in v ? 'first_row' : 'firstRow'], 'a column name'),
    constantWithin: within?.map((w: unknown, k: number) => required(w, [...path, key, k], 'a dimension name')),
    ...(firstRowPer ? { firstRowPer } : {}),
  };
}

function measure(name: string, value: unknown, path: Path): Measure {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ModelFileError(`measure ${name} must be a map such as { sum: column }, { ratio: [a, b] } or { sql: ... }`, path);
  }
  const v = value as Record<string, unknown>;
  if (v.format !== undefined && !MEASURE_FORMATS.includes(v.format as MeasureFormat)) {
    throw new ModelFileError(`measure ${name}: format ${quoted(v.format)}, allowed: ${MEASURE_FORMATS.join(', ')}`, [...path, 'format']);
  }
  const shown = v.format !== undefined ? { format: v.format as MeasureFormat } : {};
  const base = { description: text(v.description, [...path, 'description'], 'a text'), fact: text(v.fact, [...path, 'fact'], 'a fact name'), ...shown };
  const filter = text(v.filter, [...path, 'filter'], 'a SQL condition');
  const shorthand = AGGREGATIONS.find((agg) => Object.hasOwn(v, agg));
  if (shorthand) {
    const column = v[shorthand];
    return { ...base, agg: shorthand, column: column === '*' || column === null || column === true ? undefined : text(column, [...path, shorthand], 'a column name'), filter, ...firstRow(name, v, path) };
  }
  if (Object.hasOwn(v, 'agg')) {
    if (!AGGREGATIONS.includes(v.agg as Aggregation)) throw new ModelFileError(`measure ${name}: agg ${quoted(v.agg)}, allowed: ${AGGREGATIONS.join(', ')}`, [...path, 'agg']);
    return { ...base, agg: v.agg as Aggregation, column: text(v.column, [...path, 'column'], 'a column name'), filter, ...firstRow(name, v, path) };
  }
  if (Object.hasOwn(v, 'ratio')) {
    if (!Array.isArray(v.ratio) || v.ratio.length !== 2) throw new ModelFileError(`measure ${name}: ratio must be [numerator, denominator]`, [...path, 'ratio']);
    return { ratio: [required(v.ratio[0], [...path, 'ratio', 0], 'a measure name'), required(v.ratio[1], [...path, 'ratio', 1], 'a measure name')], description: base.description, ...shown };
  }
  if (Object.hasOwn(v, 'share_of') || Object.hasOwn(v, 'shareOf')) {
    const shareKey = Object.hasOwn(v, 'share_of') ? 'share_of' : 'shareOf';
    return { shareOf: required(v[shareKey], [...path, shareKey], 'a measure name'), description: base.description, ...shown };
  }
  if (Object.hasOwn(v, 'sql')) return { ...base, sql: required(v.sql, [...path, 'sql'], 'an aggregate SQL expression') };
  throw new ModelFileError(`measure ${name} needs one of ${AGGREGATIONS.join(', ')}, ratio, share_of or sql`, path);
}

function joinsOf(value: unknown, path: Path): Record<string, { table: string; on: Record<string, string> }> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ModelFileError(`${path.join('.')}: wants a map of name: { table, on: { column: column } }, got ${quoted(value)}`, path);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, j]) => {
    const at = [...path, name];
    if (!j || typeof j !== 'object' || Array.isArray(j)) throw new ModelFileError(`${at.join('.')}: wants { table, on: { column: column } }, got ${quoted(j)}`, at);
    const join = j as Record<string, unknown>;
    const on = join.on;
    if (on !== undefined && (on === null || typeof on !== 'object' || Array.isArray(on))) throw new ModelFileError(`${[...at, 'on'].join('.')}: wants a map column: column, got ${quoted(on)}`, [...at, 'on']);
    return [name, {
      ...join,
      table: required(join.table, [...at, 'table'], 'a table name such as raw.stores'),
      on: Object.fromEntries(Object.entries((on ?? {}) as Record<string, unknown>).map(([k, c]) => [k, required(c, [...at, 'on', k], 'a column name')])),
    }];
  }));
}

function fact(value: Record<string, unknown>, path: Path): Fact {
  if (!value.time) throw new ModelFileError('time (the date column) is missing', path);
  const joins = joinsOf(value.joins, [...path, 'joins']);
  const settled = text(value.settled, [...path, 'settled'], 'a SQL condition');
  return {
    table: text(value.table, [...path, 'table'], 'a table name such as raw.sales'),
    sql: text(value.sql, [...path, 'sql'], 'a SQL query'),
    time: required(value.time, [...path, 'time'], 'a column name'),
    ...(settled !== undefined ? { settled } : {}),
    joins,
    dimensions: dims(value.dimensions, [...path, 'dimensions']),
    ...(value.rollups !== undefined ? { rollups: rollupsOf(value.rollups, [...path, 'rollups']) } : {}),
  };
}

/** `rollups: [{ table, time, joins, dimensions: { name: column }, sums: { fact_column: rollup_column, '*': count_column } }]`. */
function rollupsOf(value: unknown, path: Path): Rollup[] {
  if (!Array.isArray(value)) throw new ModelFileError(`${path.join('.')}: wants a list of { table, time, dimensions, sums }, got ${quoted(value)}`, path);
  return value.map((r: unknown, i) => {
    const at = [...path, i];
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new ModelFileError(`${at.join('.')}: wants { table, time, dimensions, sums }, got ${quoted(r)}`, at);
    const v = r as Record<string, unknown>;
    const sums = v.sums;
    if (!sums || typeof sums !== 'object' || Array.isArray(sums)) throw new ModelFileError(`${[...at, 'sums'].join('.')}: wants a map fact_column: rollup_column`, [...at, 'sums']);
    const joins = joinsOf(v.joins, [...at, 'joins']);
    return {
      table: required(v.table, [...at, 'table'], 'a table name such as marts.agg_sales_daily'),
      time: required(v.time, [...at, 'time'], 'a column name'),
      ...(joins ? { joins } : {}),
      dimensions: dims(v.dimensions, [...at, 'dimensions']),
      sums: Object.fromEntries(Object.entries(sums as Record<string, unknown>).map(([k, c]) => [k, required(c, [...at, 'sums', k], 'a column name')])),
    };
  });
}

/**
 * Turns the plain object of a model file into a semantic model. Two forms:
 * - one table: `{ name, table (or sql), time, dimensions: [cols] or {name: col}, measures }`;
 * - several facts: `{ name, facts: { f: { table, time, joins, dimensions } }, measures }`, each measure naming its `fact`.
 * Measures: `{ sum: col }` (or count, count_distinct, avg, min, max, last; `count: '*'` counts rows),
 * optional `filter: <SQL condition>`; a count_distinct may add `first_row: <0/1 column>` and
 * `constant_within: [dimensions, time column]` to be counted as a sum where that is exact; `{ ratio: [a, b] }`; `{ share_of: m }`; `{ sql: <aggregate SQL> }`.
 * Any measure may declare `format: money | percent | number | integer`, how tables show it.
 */
export function modelFromObject(doc: unknown): SemanticModel {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ModelFileError('a model file holds one map: name, table, time, dimensions, measures', []);
  const d = doc as Record<string, unknown>;
  const facts: Record<string, Fact> = {};
  if (d.facts !== undefined) {
    if (!d.facts || typeof d.facts !== 'object') throw new ModelFileError('facts must be a map of name: { table, time, dimensions }', ['facts']);
    for (const [name, f] of Object.entries(d.facts as Record<string, Record<string, unknown>>)) facts[name] = fact(f ?? {}, ['facts', name]);
  } else {
    if (!d.table && !d.sql) throw new ModelFileError('table (or sql) is missing', []);
    facts.main = fact(d, []);
  }
  if (!d.measures || typeof d.measures !== 'object' || Array.isArray(d.measures)) throw new ModelFileError('measures must be a map of name: definition', ['measures']);
  const measures = Object.fromEntries(
    Object.entries(d.measures as Record<string, unknown>).map(([name, m]) => [name, measure(name, m, ['measures', name])]),
  );
  return { name: text(d.name, ['name']) ?? 'model', description: text(d.description, ['description'], 'a text'), facts, measures };
}

function position(doc: Document, counter: LineCounter, path: Path): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = counter.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

/**
 * Reads a semantic model from a YAML or JSON file (JSON is read as YAML, so both give
 * positions). Any problem is one line naming the file, line and column.
 *
 * @example
 * loadModelFile('data/examples/sales-model.yml').measures.revenue; // => { agg: 'sum', column: 'sales', ... }
 */
export function loadModelFile(file: string): SemanticModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? (error as NodeJS.ErrnoException).code ?? String(error) : scalarText(error);
    throw new InputError(`cannot read model file: ${reason}`, { file });
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = counter.linePos(error.pos[0]);
    throw new InputError(error.message.split('\n')[0], { file, line: pos.line, column: pos.col });
  }
  try {
    const model = modelFromObject(doc.toJS());
    return { ...validateModel(model), file };
  } catch (error) {
    if (error instanceof ModelFileError) throw new InputError(error.message, { file, ...position(doc, counter, error.path) });
    if (error instanceof KpicastError) {
      // Point at the measure, dimension or fact the message names, when it can be found.
      const name = /(?:measure|fact|dimension) (?:name )?"?([A-Za-z_][A-Za-z0-9_]*)/.exec(error.message)?.[1];
      const paths: Path[] = name ? [['measures', name], ['facts', name], ['dimensions', name]] : [];
      const found = paths.find((p) => doc.getIn(p, true) !== undefined) ?? [];
      const where = isMap(doc.contents) ? position(doc, counter, found) : {};
      throw new InputError(error.message, { file, ...where });
    }
    throw error;
  }
}
