import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KpicastError } from '../errors.js';
import { PGlite, types } from '@electric-sql/pglite';
import type { CopySource, QueryResult, Queryable, Warehouse } from './types.js';
import { parseDate, parseNumber } from './parse.js';
import { readOnlySavepoint } from './read-only.js';

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
  const self: Queryable = {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      // PGlite's query() is the extended protocol (parse, bind, execute): one statement only.
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
    readOnly: (fn) => readOnlySavepoint(self, fn),
  };
  return self;
}

const LOCK = 'kpicast.lock';

/** Whether a process with this pid runs (a signal 0 probe: EPERM means it runs as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `dataDir` for this warehouse: writes `kpicast.lock` with the pid, exclusively. A lock left
 * by a process that no longer runs (killed) is taken over; one held by a running process, or by
 * another open warehouse of this process, is refused in one line: two PGlite instances writing the
 * same directory lose one's work (two loads at once kept one table of two). Returns the release.
 */
function lockDirectory(dataDir: string): () => void {
  const file = join(dataDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && running(pid)) {
        const who = pid === process.pid ? 'this process' : `process ${pid}`;
        throw new KpicastError(`warehouse ${dataDir} is in use by ${who}; wait for it to finish, or use another --db`, 'E_BUSY');
      }
      rmSync(file, { force: true }); // left by a process that has ended
    }
  }
  throw new KpicastError(`warehouse ${dataDir}: cannot take its lock ${file}`, 'E_BUSY');
}

/**
 * Opens an embedded PGlite warehouse persisted in `dataDir`, or in memory
 * when `dataDir` is `memory`. Only one warehouse may have a directory open at a time, in any
 * process: a second is refused in one line naming the process that has it (`kpicast.lock`).
 */
export async function openPglite(dataDir: string, options: { initialMemory?: number } = {}): Promise<Warehouse> {
  let release = (): void => undefined;
  if (dataDir !== 'memory') {
    mkdirSync(dataDir, { recursive: true });
    release = lockDirectory(dataDir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir === 'memory' ? undefined : dataDir, {
      parsers,
      initialMemory: options.initialMemory ?? 512 * 1024 * 1024,
    });
  } catch (error) {
    release();
    throw error;
  }
  const base = queryable(db);
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
    readOnly<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return serial(() =>
        db.transaction(async (tx) => {
          await tx.exec('SET TRANSACTION READ ONLY');
          return fn(queryable(tx));
        }),
      );
    },
    async close() {
      await queue;
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
