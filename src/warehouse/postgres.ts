import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CopySource, QueryResult, Queryable, Warehouse } from './types.js';
import { OID, parseDate, parseNumber } from './parse.js';
import { WarehouseError } from '../errors.js';

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.INT8 || oid === OID.NUMERIC) return parseNumber;
    if (oid === OID.DATE) return parseDate;
    return pg.types.getTypeParser(oid, format);
  },
};

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

function describeConnectError(url: string, error: unknown): WarehouseError {
  let where = redactUrl(url);
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname || 'localhost'}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    /* keep the redacted URL */
  }
  const err = error as { code?: string; message?: string };
  const reason = err.code === 'ECONNREFUSED' ? 'connection refused'
    : err.code === 'ENOTFOUND' ? 'host not found'
    : err.code === 'ETIMEDOUT' ? 'timed out'
    : err.code === '28P01' || err.code === '28000' ? 'authentication failed'
    : err.code === '3D000' ? 'database does not exist'
    : (err.message ?? String(error)).split('\n')[0];
  const message = `cannot connect to PostgreSQL at ${where}: ${reason}`;
  // Never let a password slip through a driver message.
  const password = (() => { try { return decodeURIComponent(new URL(url).password); } catch { return ''; } })();
  return new WarehouseError(password ? message.split(password).join('***') : message);
}

function queryable(client: pg.PoolClient | pg.Pool): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await client.query({ text: sql, values: [...params], types: typeParsers });
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
      const own = 'release' in client ? null : await (client as pg.Pool).connect();
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
  };
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
    target: redactUrl(url),
    capabilities: { concurrentQueries: true, streamingCopy: true },
    ...base,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
