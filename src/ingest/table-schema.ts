import { OptionError } from '../errors.js';
import type { Queryable } from '../warehouse/types.js';
import type { TypeSpec } from './values/index.js';

/** One column of a warehouse table, as the catalog describes it. */
export interface TableColumn {
  name: string;
  /** `format_type` text, e.g. `numeric(12,3)`. */
  sqlType: string;
  spec: TypeSpec;
  notNull: boolean;
  /** Default expression (`pg_get_expr`), null when none. */
  defaultExpr: string | null;
  generated: boolean;
}

/** A foreign key: `columns` of the table reference `refColumns` of `refTable`. */
export interface ForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

/** A CHECK constraint: its boolean expression and the columns it reads. */
export interface CheckConstraint {
  name: string;
  expression: string;
  columns: string[];
}

/** What ingest needs to know about a target table. */
export interface TableSchema {
  /** Quoted qualified name, `"raw"."orders"`. */
  qualified: string;
  columns: TableColumn[];
  primaryKey: string[];
  /** Column sets with a unique index (the primary key included): usable by ON CONFLICT. */
  uniqueKeys: string[][];
  foreignKeys: ForeignKey[];
  checks: CheckConstraint[];
}

/** `"name"` with inner quotes doubled. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Whether a schema is PostgreSQL's own: `pg_catalog`, `information_schema`, the temporary
 * `pg_temp` (and `pg_temp_N`), `pg_toast`, or any other `pg_*` (reserved to the system).
 * A load into one would write the catalog or vanish at the end of the session.
 *
 * @example
 * isSystemSchema('pg_temp'); // => true
 * isSystemSchema('raw'); // => false
 */
export function isSystemSchema(schema: string): boolean {
  const s = schema.toLowerCase();
  return s === 'information_schema' || s.startsWith('pg_');
}

/**
 * Splits a `--table` value: `orders` → `{ schema: 'raw', name: 'orders' }`, `mart.x` → `mart`, `x`.
 * Unquoted identifiers fold to lower case, as in Postgres. A system or temporary schema
 * (`pg_temp.x`, `pg_catalog.x`, `information_schema.x`, any `pg_*`) is refused: a table loaded
 * there would be lost at the end of the session or land among the catalog's.
 *
 * @example
 * parseTableName('Orders'); // => { schema: 'raw', name: 'orders', qualified: '"raw"."orders"' }
 * parseTableName('pg_temp.lost'); // throws: table: got "pg_temp.lost", allowed: a schema of your own ...
 */
export function parseTableName(table: string): { schema: string; name: string; qualified: string } {
  const parts = table.split('.');
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) {
    throw new OptionError('table', table, 'a name like orders or schema.table (letters, digits, _)');
  }
  const [schema, name] = parts.length === 2 ? [parts[0].toLowerCase(), parts[1].toLowerCase()] : ['raw', parts[0].toLowerCase()];
  if (isSystemSchema(schema)) {
    throw new OptionError('table', table, 'a schema of your own (raw by default, or any schema.table), not pg_catalog, information_schema, pg_temp, pg_toast or another pg_* schema');
  }
  return { schema, name, qualified: `${quoteIdent(schema)}.${quoteIdent(name)}` };
}

/**
 * Maps a Postgres `format_type` text to the type ingest validates against, keeping what
 * PostgreSQL's input rules depend on: smallint apart from integer, real and double precision
 * apart from numeric, uuid apart from text, numeric(p,s) (s may be negative), timestamp(p),
 * varchar/char(n). Other types (json, time, interval, arrays...) are checked as text.
 *
 * @example
 * typeSpecOf('numeric(12,2)'); // => { type: 'numeric', precision: 12, scale: 2 }
 * typeSpecOf('timestamp(3) with time zone'); // => { type: 'timestamptz', precision: 3 }
 */
export function typeSpecOf(sqlType: string): TypeSpec {
  const t = sqlType.toLowerCase();
  if (t === 'smallint') return { type: 'smallint' };
  if (t === 'integer') return { type: 'integer' };
  if (t === 'bigint') return { type: 'bigint' };
  const num = /^numeric(?:\((\d+)(?:,(-?\d+))?\))?$/.exec(t);
  if (num) return num[1] ? { type: 'numeric', precision: Number(num[1]), scale: Number(num[2] ?? 0) } : { type: 'numeric' };
  if (t === 'real') return { type: 'real' };
  if (t === 'double precision') return { type: 'double' };
  if (t === 'uuid') return { type: 'uuid' };
  if (t === 'boolean') return { type: 'boolean' };
  if (t === 'date') return { type: 'date' };
  const ts = /^timestamp(?:\((\d+)\))?(?: (with|without) time zone)?$/.exec(t);
  if (ts) {
    const type = ts[2] === 'with' ? 'timestamptz' : 'timestamp';
    return ts[1] === undefined ? { type } : { type, precision: Number(ts[1]) };
  }
  const varchar = /^character(?: varying)?\((\d+)\)$/.exec(t);
  if (varchar) return { type: 'text', maxLength: Number(varchar[1]) };
  return { type: 'text' };
}

const withTimeZone = (spec: TypeSpec, timeZone: string | undefined): TypeSpec =>
  spec.type === 'timestamptz' && timeZone ? { ...spec, timeZone } : spec;

/**
 * Reads table `schema.name` from the catalog (pg_attribute, pg_index, pg_constraint):
 * columns with types, NOT NULL and defaults, primary and unique keys, foreign keys, CHECKs.
 * Null when the table does not exist. Cost: four small catalog queries.
 */
export async function readTableSchema(db: Queryable, schema: string, name: string): Promise<TableSchema | null> {
  const qualified = `${quoteIdent(schema)}.${quoteIdent(name)}`;
  // The session TimeZone reads timestamptz texts without an offset; validation compares keys as it does.
  const exists = await db.query<{ oid: number | null; time_zone: string }>(
    "SELECT to_regclass($1)::oid AS oid, current_setting('TimeZone') AS time_zone", [qualified],
  );
  const oid = exists.rows[0]?.oid;
  const timeZone = exists.rows[0]?.time_zone;
  if (oid === null || oid === undefined) return null;
  const columns = await db.query<{ name: string; sql_type: string; not_null: boolean; default_expr: string | null; generated: boolean }>(
    `SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS sql_type, a.attnotnull AS not_null,
            CASE WHEN a.attidentity <> '' THEN 'identity' ELSE pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
            a.attgenerated <> '' AS generated
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [oid],
  );
  const indexes = await db.query<{ cols: string[]; primary: boolean }>(
    `SELECT ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
            i.indisprimary AS primary
       FROM pg_index i WHERE i.indrelid = $1 AND (i.indisunique OR i.indisprimary) AND i.indpred IS NULL
      ORDER BY i.indisprimary DESC`,
    [oid],
  );
  const constraints = await db.query<{ name: string; kind: string; cols: string[]; ref_table: string | null; ref_cols: string[] | null; def: string }>(
    `SELECT c.conname::text AS name, c.contype::text AS kind,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
            CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END AS ref_table,
            CASE WHEN c.contype = 'f' THEN ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) END AS ref_cols,
            pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c WHERE c.conrelid = $1 AND c.contype IN ('f', 'c')
      ORDER BY c.conname`,
    [oid],
  );
  const pk = indexes.rows.find((r) => r.primary);
  return {
    qualified,
    columns: columns.rows.map((c) => ({
      name: c.name,
      sqlType: c.sql_type,
      spec: withTimeZone(typeSpecOf(c.sql_type), timeZone),
      notNull: c.not_null,
      defaultExpr: c.default_expr,
      generated: c.generated,
    })),
    primaryKey: pk ? pk.cols : [],
    uniqueKeys: indexes.rows.map((r) => r.cols),
    foreignKeys: constraints.rows
      .filter((c) => c.kind === 'f')
      .map((c) => ({ name: c.name, columns: c.cols, refTable: c.ref_table!, refColumns: c.ref_cols! })),
    checks: constraints.rows
      .filter((c) => c.kind === 'c')
      .map((c) => ({ name: c.name, expression: c.def.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID$/i, ''), columns: c.cols })),
  };
}
