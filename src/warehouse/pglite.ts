import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { CopySource, QueryResult, Queryable, Warehouse } from './types.js';
import { parseDate, parseNumber } from './parse.js';

const parsers = {
  [types.INT8]: parseNumber,
  [types.NUMERIC]: parseNumber,
  [types.DATE]: parseDate,
};

async function gather(data: CopySource): Promise<string> {
  if (typeof data === 'string') return data;
  const parts: string[] = [];
  for await (const chunk of data as AsyncIterable<string>) parts.push(chunk);
  return parts.join('');
}

interface PGliteLike {
  query<R>(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: R[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function queryable(db: PGliteLike): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await db.query<R>(sql, [...params]);
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async copyFrom(copySql: string, data: CopySource) {
      const blob = new Blob([await gather(data)]);
      const fileSql = copySql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
      const result = await db.query(fileSql, [], { blob });
      return result.affectedRows ?? 0;
    },
  };
}

/**
 * Opens an embedded PGlite warehouse persisted in `dataDir`, or in memory
 * when `dataDir` is `memory`. Only one process may open a directory at a time.
 */
export async function openPglite(dataDir: string, options: { initialMemory?: number } = {}): Promise<Warehouse> {
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === 'memory' ? undefined : dataDir, {
    parsers,
    initialMemory: options.initialMemory ?? 512 * 1024 * 1024,
  });
  const base = queryable(db as unknown as PGliteLike);
  let queue: Promise<unknown> = Promise.resolve();
  // PGlite has one connection: serialise transactions so two callers never interleave.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    backend: 'pglite',
    target: dataDir,
    capabilities: { concurrentQueries: false, streamingCopy: false },
    query: (sql, params) => serial(() => base.query(sql, params)),
    exec: (sql) => serial(() => base.exec(sql)),
    copyFrom: (sql, data) => serial(() => base.copyFrom(sql, data)),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return serial(() => db.transaction((tx) => fn(queryable(tx as unknown as PGliteLike))));
    },
    async close() {
      await queue;
      await db.close();
    },
  };
}
