import { createHash } from 'node:crypto';
import { KpicastError, OptionError } from '../errors.js';
import { builtinModels } from '../analysis/models/index.js';
import { loadModelFile } from '../analysis/model-file.js';
import type { SemanticModel } from '../analysis/model.js';
import type { Locale } from '../charts/types.js';
import { migrate } from '../warehouse/migrate.js';
import { defaultTarget, openWarehouse } from '../warehouse/open.js';
import { openPostgres } from '../warehouse/postgres.js';
import type { QueryResult, Queryable, Warehouse } from '../warehouse/types.js';
import { ResultCache } from './cache.js';

/** Options of {@link createServeContext}. */
export interface ServeContextOptions {
  /** The warehouse to open (`postgres://...`, a directory, `memory`); default `$KPICAST_DB` or `./.kpicast/db`. */
  target?: string;
  /** An open warehouse to serve instead of `target` (tests, notebooks); the context does not close it. */
  warehouse?: Warehouse;
  /** Number and date formats of the pages and downloads. Default `'en'`. */
  locale?: Locale;
  /** Model files (YAML or JSON) served beside the built-in models; a name already taken is refused. */
  modelFiles?: string[];
  /** Cache bounds. Default 500 entries, 64 MiB. */
  cache?: { maxEntries?: number; maxBytes?: number };
  /**
   * How long (ms) a warehouse version read stays trusted before it is read again. Default 1000: a
   * burst of requests costs one version query, and a load is seen by the first request after the
   * next read completes (the previous version is served meanwhile, so cached answers never wait
   * for the warehouse). 0: every request reads the version and waits for it (tests).
   */
  versionTtlMs?: number;
  /** Connections of the read-only pool on a PostgreSQL server. Default 8. */
  poolSize?: number;
}

/** The last load recorded in `load_runs`, as health and the pages show it. */
export interface LastLoad {
  run_id: number;
  file: string;
  table: string;
  status: string;
  finished_at: string | null;
}

/**
 * What every route and page of the server gets: the warehouse (queued: PGlite runs one query at a
 * time, so queries wait their turn instead of failing; a server gets a read-only pool), the models,
 * the locale, and a cache of results keyed by the request and the warehouse's version.
 */
export interface ServeContext {
  /** The warehouse, read-only where the backend allows (a server pool with read-only transactions; PGlite's session). */
  readonly warehouse: Queryable;
  /** `pglite` or `postgres`. */
  readonly backend: Warehouse['backend'];
  /** Where the warehouse is, safe to print (password masked). */
  readonly target: string;
  /** True when the context opened the warehouse read-only (always, unless it was given an open one). */
  readonly readOnly: boolean;
  readonly locale: Locale;
  /** Built-in models and the model files given, by name. */
  readonly models: Readonly<Record<string, SemanticModel>>;
  /** The model called `name`, or an OptionError naming `parameter` and the names served. */
  model(name: unknown, parameter?: string): SemanticModel;
  /**
   * The result of `fn` for `key` at the warehouse's current version: computed once, then served
   * from memory until a load, build or forecast run changes the version or the entry is evicted.
   * Concurrent callers of one key share one computation.
   */
  cached<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** The warehouse's version (re-read after `versionTtlMs`, the last one served while reading): changes with every load, build and forecast run. */
  version(): Promise<string>;
  /** Cache counters (hits, misses, shared, evictions) and its size. */
  cacheStats(): { hits: number; misses: number; shared: number; evictions: number; entries: number; bytes: number };
  /** Queries sent to the warehouse, and those waiting or running now. */
  queryStats(): { total: number; active: number };
  /** The most recent load run, or null when nothing was loaded. */
  lastLoad(): Promise<LastLoad | null>;
  /** Releases what the context opened (not a warehouse it was given). */
  close(): Promise<void>;
}

/**
 * The warehouse's version as one short string: the last load run, the identity of every built
 * table or view (a build recreates them) and the last forecast run. Cheap: three catalog or
 * indexed look-ups. Writes made outside kpicast (plain SQL) are not seen.
 */
export const VERSION_SQL = `SELECT
  (SELECT coalesce(max(run_id), 0) FROM load_runs)::text AS loads,
  (SELECT coalesce(string_agg(c.oid::text || '.' || c.relfilenode::text, ',' ORDER BY c.oid), '')
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('staging', 'intermediate', 'marts')) AS built,
  (SELECT coalesce(max(run_at)::text, '') FROM forecasts) AS forecasts,
  (SELECT coalesce(max(alert_id), 0)::text || '.' || count(cleared_at)::text FROM alerts) AS alerts`;

/** A Queryable that counts the queries it passes on (the warehouse below does the queueing). */
function counted(warehouse: Queryable, counters: { total: number; active: number }): Queryable {
  const track = async <T>(fn: () => Promise<T>): Promise<T> => {
    counters.total++;
    counters.active++;
    try {
      return await fn();
    } finally {
      counters.active--;
    }
  };
  return {
    query: <R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => track(() => warehouse.query<R>(sql, params)),
    exec: (sql) => track(() => warehouse.exec(sql)),
    copyFrom: (sql, data) => track(() => warehouse.copyFrom(sql, data)),
    readOnly: (fn) => track(() => warehouse.readOnly(fn)),
  };
}

/**
 * Opens what the server serves: the warehouse (migrated first, like every command, then read
 * only: on a PostgreSQL server a pool whose transactions are read-only, on PGlite its session
 * set read-only), the models and the cache.
 *
 * @example
 * const ctx = await createServeContext({ target: 'memory' });
 * ctx.models.retail.name; // => 'retail'
 * await ctx.close();
 */
export async function createServeContext(options: ServeContextOptions = {}): Promise<ServeContext> {
  const models: Record<string, SemanticModel> = { ...builtinModels };
  for (const file of options.modelFiles ?? []) {
    const model = loadModelFile(file);
    if (Object.hasOwn(models, model.name)) throw new OptionError('--model-file', file, `a model whose name is not already served (${Object.keys(models).join(', ')})`);
    models[model.name] = model;
  }
  const locale = options.locale ?? 'en';
  if (locale !== 'en' && locale !== 'fr') throw new OptionError('--locale', locale, 'en, fr');

  let warehouse: Warehouse;
  let owned = false;
  if (options.warehouse) {
    warehouse = options.warehouse;
  } else {
    const target = options.target ?? defaultTarget();
    if (/^postgres(ql)?:\/\//i.test(target)) {
      const admin = await openWarehouse(target);
      try {
        await migrate(admin);
      } finally {
        await admin.close();
      }
      warehouse = await openPostgres(target, { max: options.poolSize ?? 8, readOnly: true });
    } else {
      warehouse = await openWarehouse(target);
      try {
        await migrate(warehouse);
        await warehouse.exec('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
      } catch (error) {
        await warehouse.close();
        throw error;
      }
    }
    owned = true;
  }

  const counters = { total: 0, active: 0 };
  const db = counted(warehouse, counters);
  const cache = new ResultCache(options.cache);
  const ttl = options.versionTtlMs ?? 1000;
  let known: { version: string; at: number } | undefined;
  let reading: Promise<string> | undefined;

  const version = (): Promise<string> => {
    if (known && performance.now() - known.at < ttl) return Promise.resolve(known.version);
    const read = (reading ??= (async () => {
      try {
        const { rows } = await db.query<{ loads: string; built: string; forecasts: string; alerts: string }>(VERSION_SQL);
        const r = rows[0];
        const v = `${r.loads}-${createHash('sha1').update(`${r.built}|${r.forecasts}|${r.alerts}`).digest('hex').slice(0, 12)}`;
        known = { version: v, at: performance.now() };
        return v;
      } finally {
        reading = undefined;
      }
    })());
    // With a TTL, a known version is served while the next one is read: a cached request never
    // waits behind the warehouse's queue (PGlite runs one query at a time). Without, every caller waits.
    if (known && ttl > 0) {
      read.catch(() => undefined);
      return Promise.resolve(known.version);
    }
    return read;
  };

  const readLastLoad = async (): Promise<LastLoad | null> => {
    const { rows } = await db.query<{ run_id: number; source_file: string; target_table: string; status: string; finished_at: Date | null }>(
      'SELECT run_id, source_file, target_table, status, finished_at FROM load_runs ORDER BY run_id DESC LIMIT 1',
    );
    const r = rows[0];
    if (!r) return null;
    return {
      run_id: Number(r.run_id),
      file: r.source_file.split(/[\\/]/).pop() ?? r.source_file,
      table: r.target_table,
      status: r.status,
      finished_at: r.finished_at ? r.finished_at.toISOString() : null,
    };
  };

  return {
    warehouse: db,
    backend: warehouse.backend,
    target: warehouse.target,
    readOnly: owned,
    locale,
    models,
    model(name: unknown, parameter = 'model') {
      if (typeof name !== 'string' || !Object.hasOwn(models, name)) throw new OptionError(parameter, name ?? null, Object.keys(models).join(', '));
      return models[name];
    },
    async cached<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const v = await version();
      return cache.get(`${v}\u0000${key}`, fn);
    },
    version,
    cacheStats: () => ({ ...cache.stats, ...cache.size }),
    queryStats: () => ({ ...counters }),
    async lastLoad() {
      // A load changes the version: the last load is cached with it, as any result.
      const v = await version();
      return cache.get(`${v}\u0000lastLoad`, () => readLastLoad());
    },
    async close() {
      cache.clear();
      // Let queries still running (a request answered as the server stops) finish first, for at most 10 s.
      for (let waited = 0; counters.active > 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      if (owned) await warehouse.close();
    },
  };
}

/** Thrown for a route's bad parameter: HTTP 400 with the message. */
export class BadRequest extends KpicastError {
  constructor(message: string) {
    super(message, 'E_OPTION');
    this.name = 'BadRequest';
  }
}
