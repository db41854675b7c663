import { InputError, OptionError } from '../errors.js';
import { clip, quoted } from '../util/clip.js';
import { slashOrderOf, type DateFormat } from '../util/dates.js';
import { decideDateOrder, inferType, type LinedValue, type TypeSpec } from './values/index.js';
import { quoteIdent, type TableSchema } from './table-schema.js';
import type { Source } from './types.js';

/** One target column fed by the file. */
export interface PlannedColumn {
  name: string;
  /** Index of the field in the source rows. */
  field: number;
  sqlType: string;
  spec: TypeSpec;
  /** A null value quarantines the row (NOT NULL without default, or part of the key). */
  required: boolean;
  /** Default used when the value is null and the column is NOT NULL with a default. */
  defaultExpr: string | null;
}

/** How a source maps onto its table: columns, key, and the CREATE TABLE when the table is new. */
export interface LoadPlan {
  columns: PlannedColumn[];
  /** Natural key (column names); empty: rows are compared whole. */
  key: string[];
  /** Key indexes into `columns`. */
  keyIndex: number[];
  /** CREATE TABLE statement for a new table, else null. */
  createSql: string | null;
  /**
   * Column sets (indexes into `columns`) that a btree index of the target holds: the key of a
   * new table, the unique keys of an existing one. A row whose values there exceed
   * {@link INDEX_KEY_BYTES_MAX} is quarantined before the insert fails the whole load.
   */
  indexed: number[][];
}

/**
 * Bytes a row's values in one btree index may take, at most: PostgreSQL refuses an index entry
 * above about 2704 bytes (a third of a page, after compression); this bound leaves room for the
 * entry's headers and does not count on compression, so a key it accepts always fits.
 */
export const INDEX_KEY_BYTES_MAX = 2600;

/** Options of {@link planLoad} beyond the source and the table. */
export interface PlanOptions {
  /** Natural key, as column names or as the header spells them (`Row ID`). */
  key?: string[];
  /** How slash dates are read in every date column; default: decided per column from its values. */
  dateFormat?: DateFormat;
}

/**
 * A header name as a column name: trimmed, lower case, anything but letters, digits and _ as `_`,
 * at most 63 characters (PostgreSQL's limit, which would otherwise cut it on CREATE and not on the
 * next load's lookup).
 */
export function columnName(header: string): string {
  const name = header.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return (/^[0-9]/.test(name) ? `c_${name}` : name || 'column').slice(0, 63);
}

/**
 * The column names of `key` entries, each given as a column name (`row_id`) or as the file's
 * header spells it (`Row ID`); OptionError (option `key`) for a column the file does not have or
 * one given twice.
 *
 * @example
 * keyColumns(['Row ID'], ['Row ID', 'Sales'], ['row_id', 'sales']); // => ['row_id']
 */
export function keyColumns(key: string[], headers: string[], names: string[]): string[] {
  const given = key.map((k) => k.trim()).filter((k) => k !== '');
  const result = given.map((k) => {
    if (names.includes(k)) return k;
    const header = headers.findIndex((h) => h.trim() === k);
    if (header >= 0) return names[header];
    const lower = headers.findIndex((h) => h.trim().toLowerCase() === k.toLowerCase());
    if (lower >= 0) return names[lower];
    const name = columnName(k);
    if (names.includes(name)) return name;
    throw new OptionError('key', k, `columns of the file: ${clip(names.join(', '), 300)} (or their headers as written)`);
  });
  const seen = new Map<string, string>();
  given.forEach((k, i) => {
    const earlier = seen.get(result[i]);
    if (earlier !== undefined) {
      const as = earlier === k ? '' : ` (${quoted(earlier)} and ${quoted(k)} are both column ${result[i]})`;
      throw new OptionError('key', given.join(','), 'distinct columns of the file', `column ${quoted(result[i])} given twice${as}`);
    }
    seen.set(result[i], k);
  });
  return result;
}

/**
 * Maps the source's header onto table `schema` (existing) or plans a new table (schema null,
 * types inferred from the values), and decides the day/month order of every date column from
 * its values (see decideDateOrder) unless `dateFormat` says it. Errors, one line each: unknown
 * columns, required columns missing from the header (named), a key column not in the file or
 * given twice, a new table with no rows to infer types from (saying why none could be read),
 * a date column ambiguous throughout or with dates in both orders.
 */
export function planLoad(source: Source, schema: TableSchema | null, qualified: string, file: string, options: PlanOptions = {}): LoadPlan {
  if (source.columns.length === 0) throw new InputError('no columns: the records have no fields', { file });
  const names = source.columns.map(columnName);
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    if (seen.has(n)) throw new InputError(`header: column ${quoted(source.columns[i])} appears twice`, { file, line: 1 });
    seen.set(n, i);
  });
  let columns: PlannedColumn[];
  let createSql: string | null = null;
  let keyNames = keyColumns(options.key ?? [], source.columns, names);
  if (schema) {
    const byName = new Map(schema.columns.filter((c) => !c.generated).map((c) => [c.name, c]));
    const unknown = source.columns.filter((_, i) => !byName.has(names[i]));
    if (unknown.length) {
      throw new InputError(`columns not in table ${qualified}: ${clip(unknown.map((u) => clip(u)).join(', '), 300)} (table has: ${[...byName.keys()].join(', ')})`, { file, line: 1 });
    }
    const missing = schema.columns.filter((c) => c.notNull && c.defaultExpr === null && !c.generated && !seen.has(c.name)).map((c) => c.name);
    if (missing.length) throw new InputError(`required columns missing from the header: ${missing.join(', ')} (table ${qualified})`, { file, line: 1 });
    // the table's primary key when the file carries it; a key the database fills (a serial id)
    // leaves the rows compared whole, so a re-load still finds them
    if (keyNames.length === 0 && schema.primaryKey.every((k) => seen.has(k))) keyNames = schema.primaryKey;
    columns = names.map((n, field) => {
      const c = byName.get(n)!;
      return { name: n, field, sqlType: c.sqlType, spec: c.spec, required: c.notNull && c.defaultExpr === null, defaultExpr: c.notNull ? c.defaultExpr : null };
    });
  } else {
    const usable = source.rows.filter((r) => !r.problem);
    if (usable.length === 0) {
      const bad = source.rows[0];
      if (bad) {
        // Say why the rows could not be read, not only that none could.
        const all = source.rows.length === 1 ? 'its only row' : `all ${source.rows.length} rows`;
        throw new InputError(`table ${qualified} does not exist and ${all} could not be read to infer its column types (line ${bad.line}: ${bad.problem}); fix the file or create the table first`, { file });
      }
      throw new InputError(`table ${qualified} does not exist and the file has no rows to infer its column types from; create the table first`, { file });
    }
    columns = names.map((n, field) => {
      const values = (function* () {
        for (const r of usable) {
          const v = r.values[field];
          if (v !== null && v !== undefined) yield v;
        }
      })();
      const type = inferType(values, source.decimal);
      return { name: n, field, sqlType: type, spec: { type }, required: false, defaultExpr: null };
    });
  }
  const keyIndex = keyNames.map((k) => {
    const i = columns.findIndex((c) => c.name === k);
    if (i < 0) throw new OptionError('key', k, `columns of the file: ${columns.map((c) => c.name).join(', ')}`);
    return i;
  });
  for (const i of keyIndex) columns[i].required = true;
  columns = columns.map((c) => (isDateType(c.spec) ? { ...c, spec: { ...c.spec, dateOrder: dateOrderOf(source, c, file, options.dateFormat) } } : c));
  const indexOf = new Map(columns.map((c, i) => [c.name, i]));
  const indexed = schema
    ? schema.uniqueKeys.filter((cols) => cols.every((c) => indexOf.has(c))).map((cols) => cols.map((c) => indexOf.get(c)!))
    : keyIndex.length ? [keyIndex] : [];
  if (!schema) {
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${c.sqlType}${c.required ? ' NOT NULL' : ''}`);
    if (keyNames.length) defs.push(`PRIMARY KEY (${keyNames.map(quoteIdent).join(', ')})`);
    createSql = `CREATE TABLE ${qualified} (${defs.join(', ')})`;
  }
  return { columns, key: keyNames, keyIndex, createSql, indexed };
}

const isDateType = (spec: TypeSpec) => spec.type === 'date' || spec.type === 'timestamp' || spec.type === 'timestamptz';

/** The slash order of date column `c`: from `dateFormat` when given, else from the column's values. */
function dateOrderOf(source: Source, c: PlannedColumn, file: string, dateFormat: DateFormat | undefined): TypeSpec['dateOrder'] {
  if (dateFormat !== undefined) return slashOrderOf(dateFormat) ?? 'YMD';
  const values = (function* (): Generator<LinedValue> {
    for (const r of source.rows) {
      if (r.problem) continue;
      const v = r.values[c.field];
      // a timestamp's date part
      if (v !== null && v !== undefined) yield { text: v.length > 10 ? v.split(' ', 1)[0] : v, line: r.line };
    }
  })();
  return decideDateOrder(values, source.columns[c.field], file, source.decimal);
}
