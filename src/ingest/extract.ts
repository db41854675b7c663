import { createHash } from 'node:crypto';
import { KpicastError, OptionError } from '../errors.js';
import { migrate } from '../warehouse/migrate.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';
import { createLogger, silentLogger } from '../util/log.js';
import { loadSource } from './load-file.js';
import { columnName } from './plan.js';
import { parseTableName } from './table-schema.js';
import type { LoadOptions, LoadReport, Source, SourceRow } from './types.js';

/** The source databases kpicast reads from. */
export type SourceKind = 'mysql' | 'postgres';

/** Options of {@link extract}. */
export interface ExtractOptions extends Omit<LoadOptions, 'format' | 'sqliteTable' | 'delimiter' | 'encoding' | 'decimal'> {
  /** The source database: `mysql://user@host:3306/db` (MariaDB or MySQL) or `postgres://user@host:5432/db`. */
  from: string;
  /** The source table (`orders` or `schema.orders`); or give `query`. */
  sourceTable?: string;
  /** A SELECT whose rows are the source, instead of a table. */
  query?: string;
  /**
   * A column that only grows: `updated_at`, an increasing id. Each extraction reads the rows at
   * or past the value the previous one stopped at, stored in the warehouse table
   * `extract_cursors`. Without it every extraction reads the whole source.
   */
  cursor?: string;
  /** The source password when the URL has none (from an environment variable, never printed). */
  password?: string;
}

/** What one extraction did: a load's counts, and where its cursor now stands. */
export interface ExtractReport extends LoadReport {
  /** The source as recorded: scheme, host, port, database and table; never a user or a password. */
  source: string;
  /** The cursor value the next extraction starts from (null without a cursor, or when nothing was ever read). */
  cursorValue: string | null;
}

/**
 * The kind of a source URL (`mysql:`/`mariadb:` or `postgres:`/`postgresql:`); anything else is
 * refused naming what is allowed.
 *
 * @example
 * sourceKind('mariadb://root@127.0.0.1/test'); // => 'mysql'
 */
export function sourceKind(url: string): SourceKind {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  throw new OptionError('from', scheme ? `${scheme}://…` : '(not a URL)', 'a URL mysql://, mariadb://, postgres:// or postgresql://');
}

/**
 * A source URL as it may be printed and stored: scheme, host, port and database only (no user,
 * no password, no parameters), whatever the URL's shape.
 *
 * @example
 * sourceLabel('mysql://app:S3cret@db.example.com:3306/erp?ssl=true'); // => 'mysql://db.example.com:3306/erp'
 */
export function sourceLabel(url: string): string {
  const kind = sourceKind(url);
  try {
    const parsed = new URL(url);
    const port = parsed.port || (kind === 'mysql' ? '3306' : '5432');
    return `${parsed.protocol}//${parsed.hostname}:${port}${parsed.pathname.split('/').slice(0, 2).join('/')}`;
  } catch {
    return `${kind}://(unreadable URL)`;
  }
}

/** A name of the source (table or column), checked and quoted for its dialect. */
function sourceIdent(name: string, kind: SourceKind, what: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(p))) {
    throw new OptionError(what, name, 'a name like orders or schema.orders (letters, digits, _)');
  }
  return parts.map((p) => (kind === 'mysql' ? `\`${p}\`` : `"${p}"`)).join('.');
}

/** A source value as field text, as the file readers give it: null, or the value as the database writes it. */
function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return JSON.stringify(value);
}

interface SourceRows {
  columns: string[];
  rows: unknown[][];
}

/** The cursor column's place among `columns` (as written, or as a column name); refused naming the columns when absent. */
function cursorIndex(columns: string[], cursor: string, label: string): number {
  const index = columns.findIndex((c) => c === cursor || columnName(c) === columnName(cursor));
  if (index < 0) throw new OptionError('cursor', cursor, `a column of ${label}: ${columns.join(', ')}`);
  return index;
}

/**
 * Reads the source's rows with the cursor at or past `from`, ordered by the cursor; the
 * columns are read first (no rows), so a cursor the source lacks is refused naming them.
 */
async function readSourceRows(options: ExtractOptions, kind: SourceKind, from: string | null, label: string): Promise<SourceRows> {
  const relation = options.query !== undefined
    ? `(${options.query.trim().replace(/;\s*$/, '')}) AS kpicast_source`
    : sourceIdent(options.sourceTable!, kind, 'table');
  const cursor = options.cursor !== undefined ? sourceIdent(options.cursor, kind, 'cursor') : undefined;
  const where = cursor !== undefined && from !== null ? ` WHERE ${cursor} >= ${kind === 'mysql' ? '?' : '$1'}` : '';
  const order = cursor !== undefined ? ` ORDER BY ${cursor}` : '';
  const sql = `SELECT * FROM ${relation}${where}${order}`;
  const probe = `SELECT * FROM ${relation} WHERE 1 = 0`;
  const check = (columns: string[]) => {
    if (options.cursor !== undefined) cursorIndex(columns, options.cursor, label);
  };
  const params = where ? [from] : [];
  // each driver loaded when a source of its kind is read
  if (kind === 'mysql') {
    const { default: mysql } = await import('mysql2/promise');
    const connection = await mysql.createConnection({
      uri: options.from,
      ...(options.password !== undefined ? { password: options.password } : {}),
      // Values as the database writes them: no time zone shift, no float rounding of decimals or big integers.
      dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, decimalNumbers: false,
      multipleStatements: false, rowsAsArray: true,
    });
    try {
      await connection.query('SET SESSION TRANSACTION READ ONLY');
      const [, probed] = await connection.query({ sql: probe, rowsAsArray: true });
      check(probed.map((f) => f.name));
      const [rows, fields] = await connection.query({ sql, values: params, rowsAsArray: true });
      return { columns: fields.map((f) => f.name), rows: rows as unknown[][] };
    } finally {
      await connection.end();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: options.from, ...(options.password !== undefined ? { password: options.password } : {}) });
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    check((await client.query({ text: probe, rowMode: 'array' })).fields.map((f) => f.name));
    // Every value as the server writes it (its text form), as a file would hold it.
    const result = await client.query({ text: sql, values: params, rowMode: 'array', types: { getTypeParser: () => (text: string) => text } });
    await client.query('COMMIT');
    return { columns: result.fields.map((f) => f.name), rows: result.rows as unknown[][] };
  } finally {
    await client.end();
  }
}

/** The message of a source database error with every secret of `options` taken out. */
function sourceError(error: unknown, options: ExtractOptions, label: string): KpicastError {
  let message = error instanceof Error ? error.message : String(error);
  const secrets = [options.password];
  try {
    const parsed = new URL(options.from);
    secrets.push(decodeURIComponent(parsed.password), parsed.password);
  } catch {
    // an unreadable URL has no password we can name: the message is replaced below
  }
  for (const s of secrets) if (s) message = message.split(s).join('***');
  if (message.includes(options.from)) message = message.split(options.from).join(label);
  return new KpicastError(`extract from ${label}: ${message.split('\n')[0]}`, 'E_SOURCE');
}

async function storedCursor(db: Queryable, source: string, table: string): Promise<{ column: string; value: string | null } | undefined> {
  const { rows } = await db.query<{ cursor_column: string; cursor_value: string | null }>(
    'SELECT cursor_column, cursor_value FROM extract_cursors WHERE source = $1 AND target_table = $2',
    [source, table],
  );
  return rows[0] ? { column: rows[0].cursor_column, value: rows[0].cursor_value } : undefined;
}

/**
 * Extracts a table (or a query's rows) of a source database — MariaDB/MySQL through mysql2,
 * PostgreSQL through pg — into a warehouse table, incrementally: with a `cursor` column, only
 * the rows at or past where the previous extraction stopped are read (rows at that exact value
 * are read again and counted as duplicates, so a row written later with the same timestamp is
 * not missed). The rows go through the same load as files: every row read is loaded, updated,
 * a duplicate or quarantined, in one transaction, and the cursor moves in that transaction,
 * so it moves only when the rows are in. The source is read in a read-only transaction.
 * The source's password is never printed nor stored: the source is recorded as scheme, host,
 * port, database and table.
 *
 * @example
 * await extract(warehouse, { from: 'mysql://root@127.0.0.1:3306/erp', sourceTable: 'orders', table: 'orders', cursor: 'updated_at', key: ['order_id'] });
 * // => { rowsRead: 120, loaded: 118, updated: 2, duplicates: 0, quarantined: 0, cursorValue: '2026-11-30 18:02:11', ... }
 */
export async function extract(warehouse: Warehouse, options: ExtractOptions): Promise<ExtractReport> {
  const kind = sourceKind(options.from);
  if ((options.sourceTable === undefined) === (options.query === undefined)) {
    throw new OptionError('table', options.sourceTable ?? null, 'a source table or a query, one of the two');
  }
  if (options.query !== undefined && !/^\s*(select|with)\b/i.test(options.query)) {
    throw new OptionError('query', options.query.slice(0, 60), 'one SELECT (or WITH … SELECT) statement');
  }
  const log = options.log ?? (options.quiet ? silentLogger : createLogger());
  const target = parseTableName(options.table);
  const tableLabel = `${target.schema}.${target.name}`;
  const label = `${sourceLabel(options.from)}#${options.sourceTable ?? `query:${createHash('sha256').update(options.query!).digest('hex').slice(0, 12)}`}`;
  await migrate(warehouse);

  const previous = await storedCursor(warehouse, label, tableLabel);
  if (previous && options.cursor !== undefined && previous.column !== options.cursor) {
    throw new OptionError('cursor', options.cursor, `${previous.column} (the cursor of the previous extractions of ${label} into ${tableLabel})`);
  }
  const from = options.cursor !== undefined ? previous?.value ?? null : null;
  let read: SourceRows;
  try {
    read = await log.step(`read ${label}${from !== null ? ` from ${options.cursor} ≥ ${from}` : ''}`, () => readSourceRows(options, kind, from, label));
  } catch (error) {
    if (error instanceof OptionError) throw error;
    throw sourceError(error, options, label);
  }
  const cursorField = options.cursor !== undefined ? cursorIndex(read.columns, options.cursor, label) : -1;
  const rows: SourceRow[] = read.rows.map((values, i) => {
    const texts = values.map(fieldText);
    return { line: i + 1, raw: JSON.stringify(Object.fromEntries(read.columns.map((c, j) => [c, texts[j]]))), values: texts };
  });
  const last = cursorField >= 0 && rows.length ? rows[rows.length - 1].values[cursorField] : null;
  const cursorValue = last ?? from;
  const source: Source = { format: 'json', columns: read.columns, rows, decimal: '.' };
  const checksum = createHash('sha256');
  for (const row of rows) checksum.update(row.raw).update('\n');

  if (rows.length === 0) {
    log.info(`${label}: nothing new${from !== null ? ` since ${options.cursor} = ${from}` : ''}`);
    return { file: label, table: tableLabel, runId: 0, checksum: checksum.digest('hex'), rowsRead: 0, loaded: 0, updated: 0, duplicates: 0, quarantined: 0, durationMs: 0, source: label, cursorValue };
  }
  const report = await loadSource(warehouse, source, { file: label, path: label, checksum: checksum.digest('hex') }, {
    ...options,
    log,
    beforeCommit: async (tx) => {
      if (options.cursor === undefined) return;
      await tx.query(
        `INSERT INTO extract_cursors (source, target_table, cursor_column, cursor_value, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (source, target_table) DO UPDATE SET cursor_column = EXCLUDED.cursor_column, cursor_value = EXCLUDED.cursor_value, updated_at = now()`,
        [label, tableLabel, options.cursor, cursorValue],
      );
    },
  });
  return { ...report, source: label, cursorValue };
}
