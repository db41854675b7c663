import { InputError, OptionError } from '../errors.js';
import { inferType, type TypeSpec } from './values.js';
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
 * Maps the source's header onto table `schema` (existing) or plans a new table (schema null,
 * types inferred from the values). Errors, one line each: unknown columns, required columns
 * missing from the header (named), a key column not in the table, a new table with no rows to
 * infer types from.
 */
export function planLoad(source: Source, schema: TableSchema | null, qualified: string, file: string, key?: string[]): LoadPlan {
  if (source.columns.length === 0) throw new InputError('no columns: the records have no fields', { file });
  const names = source.columns.map(columnName);
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    if (seen.has(n)) throw new InputError(`header: column ${JSON.stringify(source.columns[i])} appears twice`, { file, line: 1 });
    seen.set(n, i);
  });
  let columns: PlannedColumn[];
  let createSql: string | null = null;
  let keyNames = (key ?? []).map((k) => k.trim().toLowerCase()).filter((k) => k !== '');
  if (schema) {
    const byName = new Map(schema.columns.filter((c) => !c.generated).map((c) => [c.name, c]));
    const unknown = source.columns.filter((_, i) => !byName.has(names[i]));
    if (unknown.length) {
      throw new InputError(`columns not in table ${qualified}: ${unknown.join(', ')} (table has: ${[...byName.keys()].join(', ')})`, { file, line: 1 });
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
  if (!schema) {
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${c.sqlType}${c.required ? ' NOT NULL' : ''}`);
    if (keyNames.length) defs.push(`PRIMARY KEY (${keyNames.map(quoteIdent).join(', ')})`);
    createSql = `CREATE TABLE ${qualified} (${defs.join(', ')})`;
  }
  return { columns, key: keyNames, keyIndex, createSql };
}
