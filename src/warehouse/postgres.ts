import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CopySource, QueryResult, Queryable, Warehouse } from './types.js';
import { OID, parseDate, parseNumber } from './parse.js';
import { readOnlySavepoint } from './read-only.js';
import { WarehouseError } from '../errors.js';
import { maskUrl, scrubSecrets, splitUrl } from '../util/secrets.js';

// pg-types declares getTypeParser as returning any: say what its parsers are, a text to a value.
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.INT8 || oid === OID.NUMERIC) return parseNumber;
    if (oid === OID.DATE) return parseDate;
    return pg.types.getTypeParser(oid, format) as (text: string) => unknown;
  },
};

/**
 * `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs and errors: the
 * same as maskUrl (kept under this name for existing callers).
 *
 * @example
 * redactUrl('postgres://u:pw@host/db?password=pw'); // => 'postgres://u:***@host/db?password=***'
 */
export function redactUrl(url: string): string {
  return maskUrl(url);
}

function describeConnectError(url: string, error: unknown): WarehouseError {
  const parts = splitUrl(url);
  const where = parts ? `${parts.hosts || 'localhost'}${/:\d+$/.test(parts.hosts) ? '' : ':5432'}/${parts.database ?? ''}` : maskUrl(url);
  const err = error as { code?: string; message?: string };
  const reason = err.code === 'ECONNREFUSED' ? 'connection refused'
    : err.code === 'ENOTFOUND' ? 'host not found'
    : err.code === 'ETIMEDOUT' ? 'timed out'
    : err.code === '28P01' || err.code === '28000' ? 'authentication failed'
    : err.code === '3D000' ? 'database does not exist'
    : (err.message ?? String(error)).split('\n')[0];
  // Never let a password slip through a driver message.
  return new WarehouseError(scrubSecrets(`cannot connect to PostgreSQL at ${where}: ${reason}`, url));
}

function queryable(client: pg.PoolClient | pg.Pool): Queryable {
  const self: Queryable = {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      // queryMode 'extended': node-postgres would otherwise send a query without parameters through
      // the simple protocol, which runs every statement of the text (`...; DROP TABLE x`).
      const config = { text: sql, values: [...params], types: typeParsers, queryMode: 'extended' } as pg.QueryConfig;
      const result = await client.query(config);
      return {
        rows: result.rows as R[],
        fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
        affectedRows: result.rowCount ?? 0,
      };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async copyFrom(copySql: string, data: CopySource) {
      const own = 'release' in client ? null : await client.connect();
      const conn = (own ?? client) as pg.PoolClient;
      try {
        const stream = conn.query(copyFromStdin(copySql));
        const source = typeof data === 'string' ? Readable.from([data]) : Readable.from(data as AsyncIterable<string>);
        await pipeline(source, stream);
        return Number(stream.rowCount ?? 0);
      } finally {
        own?.release();
      }
    },
    readOnly: (fn) => readOnlySavepoint(self, fn),
  };
  return self;
}

/**
 * Opens a PostgreSQL server warehouse at `url` (postgres://...) through a `pg` Pool of `max`
 * connections (default 4); checks it answers. `readOnly`: every transaction of the pool is read-only
 * (`default_transaction_read_only`), so a client that must never write (the server) cannot.
 */
export async function openPostgres(url: string, options: { max?: number; readOnly?: boolean } = {}): Promise<Warehouse> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: 10_000,
    ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  pool.on('error', () => {
    /* idle client errors surface on the next query */
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw describeConnectError(url, error);
  }
  const base = queryable(pool);
  return {
    backend: 'postgres',
    target: maskUrl(url),
    capabilities: { concurrentQueries: true, streamingCopy: true },
    ...base,
    transaction: (fn) => inTransaction('BEGIN', fn),
    readOnly: (fn) => inTransaction('BEGIN READ ONLY', fn),
    async close() {
      await pool.end();
    },
  };
  /** `fn` on one client of the pool between `begin` and COMMIT (ROLLBACK if it throws). */
  async function inTransaction<T>(begin: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await fn(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
