import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pl from 'nodejs-polars';
import type PgBoss from 'pg-boss';
import { KpicastError, OptionError } from '../errors.js';
import { asSeries, forecast, resolveOptions, type ForecastOptions, type ForecastResult } from '../forecast/engine.js';
import { futureDates } from '../forecast/series.js';
import { addPeriods, formatDay, toUtcMs } from '../forecast/calendar.js';
import type { Series } from '../forecast/types.js';
import { migrate } from '../warehouse/migrate.js';
import { openWarehouse } from '../warehouse/open.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';
import { silentLogger, type Logger } from '../util/log.js';
import { storeForecasts } from '../report/storeForecasts.js';
import { recordStep } from './runs.js';

import { FORECAST_QUEUE, QUEUE_SCHEMA, openQueue, type QueueTimings } from './queue.js';
import { serveSchedules, type PipelineRunner } from './schedules.js';

/** Options of {@link forecastDistributed}. */
export interface DistributedOptions extends QueueTimings {
  /** Series per batch (default 200). */
  batchSize?: number;
  /** Called when a batch is done: batches done, batches in all. */
  onProgress?: (done: number, total: number) => void;
  log?: Logger;
  /**
   * Each worker also writes its batch's selected forecasts into `forecasts` (stamped `runAt`,
   * ids prefixed `prefix/` when given) and, with `pipelineRun`, its step into `run_steps` of that
   * run (named `step: batch i of n`), in the transaction that marks the batch done. A run that
   * fails leaves no row of it in `forecasts`.
   */
  store?: BatchStore;
}

/** Where the workers write a batch's rows: see {@link DistributedOptions.store}. */
export interface BatchStore {
  runAt: Date;
  prefix?: string;
  pipelineRun?: number;
  step?: string;
}

/** {@link BatchStore} as kept in `forecast_runs.options` (JSON). */
interface StoredBatchStore {
  runAt: string;
  prefix?: string;
  pipelineRun?: number;
  step?: string;
}

/** The part of a forecast result that adds up over batches of series, in the order of the series. */
export type DistributedResult = Pick<ForecastResult, 'forecasts' | 'best' | 'leaderboard' | 'selected' | 'fallbacks'> & { runId: string; batches: number };

interface BatchJob {
  runId: string;
  batch: number;
}

/** A URL of a PostgreSQL server, or refused: the queue lives in a server the workers share. */
function serverUrl(target: string | undefined, option: string): string {
  if (target === undefined || !/^postgres(ql)?:\/\//i.test(target)) {
    throw new OptionError(option, target ?? null, 'a PostgreSQL server URL postgres://… that every worker reaches (an embedded warehouse has one process)');
  }
  return target;
}

/** A frame as plain columns with their types, for a JSON column; {@link frameFromColumns} reads it back exactly. */
function frameToColumns(frame: pl.DataFrame): Record<string, { type: 'number' | 'text' | 'integer'; values: unknown[] }> {
  const out: Record<string, { type: 'number' | 'text' | 'integer'; values: unknown[] }> = {};
  for (const column of frame.getColumns()) {
    const dtype = String(column.dtype);
    const type = /Float/.test(dtype) ? 'number' : /Int/.test(dtype) ? 'integer' : 'text';
    const values = [...(column.toArray() as unknown[])].map((v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    out[column.name] = { type, values };
  }
  return out;
}

function frameFromColumns(columns: Record<string, { type: 'number' | 'text' | 'integer'; values: unknown[] }>): pl.DataFrame {
  const series = Object.entries(columns).map(([name, { type, values }]) => {
    if (type === 'text') return pl.Series(name, values as (string | null)[], pl.Utf8);
    const numbers = values.map((v) => (typeof v === 'string' ? Number(v) : v)) as (number | null)[];
    return pl.Series(name, numbers, type === 'integer' ? pl.Int64 : pl.Float64);
  });
  return pl.DataFrame(series);
}

/** Rows of frames of batches, concatenated in batch order (the series' order). */
function concatFrames(frames: pl.DataFrame[]): pl.DataFrame {
  return frames.length === 1 ? frames[0] : pl.concat(frames, { how: 'vertical' });
}

/** Forecast options as a worker receives them: what toSeries applied already is left out. */
function batchOptions(options: ForecastOptions): ForecastOptions {
  const { onProgress: _onProgress, period: _period, fill: _fill, asOf: _asOf, ...rest } = options;
  return rest;
}

/**
 * The calendar of `options` as the workers receive it, in the run's options (JSON): a country
 * code as it is (each worker builds the same calendar from it, date-holidays being offline) and
 * user events as they are; a HolidayCalendar object, which JSON cannot carry, as its events over
 * the dates of `series` and their `h` forecast periods, beside the user events. Each series'
 * weights are then what a local forecast computes (an event outside a series' dates weighs 0 in
 * it, and a kind with no weight gets no effect).
 */
function workerCalendar(options: ForecastOptions, series: readonly Series[], h: number): Pick<ForecastOptions, 'holidays' | 'events'> {
  if (options.holidays === undefined || typeof options.holidays === 'string') return {};
  let first: string | undefined;
  let last: string | undefined;
  for (const s of series) {
    if (s.timestamps.length === 0) continue;
    const end = formatDay(addPeriods(toUtcMs(futureDates(s, h)[h - 1]), s.period, 1) - 86_400_000);
    if (first === undefined || s.timestamps[0] < first) first = s.timestamps[0];
    if (last === undefined || end > last) last = end;
  }
  const holidays = first !== undefined && last !== undefined ? options.holidays.between(first, last) : [];
  return { holidays: undefined, events: [...holidays, ...(options.events ?? [])] };
}

/**
 * Forecasts many series with the workers of a PostgreSQL server: the series are stored in the
 * warehouse, split into batches (`batchSize` series each) queued as jobs (pg-boss), and any
 * number of `kpicast worker` processes on any machines forecast them; this call waits for the
 * last batch and returns the same frames a local {@link forecast} returns, number for number
 * (each series is forecast on its own, whoever does it). A batch a worker does not finish (the
 * worker killed, its machine gone) is given to another after `expireInSeconds`; its rows are
 * written once, in one transaction keyed by (run, batch), so nothing is missing or doubled.
 * The run and its batches are in the tables `forecast_runs` and `forecast_batches`.
 *
 * @example
 * const result = await forecastDistributed('postgres://kpicast@db:5432/warehouse', weekly, { h: 4 }, { batchSize: 500 });
 * result.best.height; // => 4 × the number of series, as forecast(weekly, { h: 4 }).best
 */
export async function forecastDistributed(
  target: string,
  input: pl.DataFrame | readonly Series[],
  options: ForecastOptions,
  distributed: DistributedOptions = {},
): Promise<DistributedResult> {
  const url = serverUrl(target, 'db');
  const batchSize = distributed.batchSize ?? 200;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new OptionError('batch-size', distributed.batchSize, 'an integer from 1 to 100000');
  const resolved = resolveOptions(options);
  const log = distributed.log ?? silentLogger;
  // read as a local forecast reads it; event columns: each series' rows (its periods and the h after) carried in its batch
  const { series, columns } = asSeries(input, options, resolved);
  const sent = { ...options, ...workerCalendar(options, series, resolved.h) };
  const batches = Math.max(1, Math.ceil(series.length / batchSize));
  const runId = randomUUID();
  const warehouse = await openWarehouse(url);
  let boss: PgBoss | undefined;
  try {
    await migrate(warehouse);
    await log.step(`store ${series.length} series in ${batches} batches`, () =>
      warehouse.transaction(async (tx) => {
        const store: StoredBatchStore | undefined = distributed.store && { ...distributed.store, runAt: distributed.store.runAt.toISOString() };
        await tx.query('INSERT INTO forecast_runs (run_id, options, series, batches, status) VALUES ($1, $2, $3, $4, $5)', [
          runId, JSON.stringify({ ...batchOptions(sent), ...(store ? { store } : {}) }), series.length, batches, 'running',
        ]);
        const nullable = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));
        for (let b = 0; b < batches; b++) {
          const from = b * batchSize;
          const part = series.slice(from, from + batchSize);
          await tx.query('INSERT INTO forecast_batches (run_id, batch, series, status, input) VALUES ($1, $2, $3, $4, $5)', [
            runId, b, part.length, 'queued',
            JSON.stringify(part.map((s, i) => ({
              id: s.id, period: s.period, timestamps: s.timestamps, values: nullable(s.values),
              ...(columns ? { columns: columns[from + i].map(nullable) } : {}),
            }))),
          ]);
        }
      }),
    );
    const expireInSeconds = distributed.expireInSeconds ?? 900;
    // expired batches are looked for a few times within a batch's time, at least every minute
    boss = await openQueue(url, { ...distributed, maintenanceIntervalSeconds: distributed.maintenanceIntervalSeconds ?? Math.min(60, Math.max(1, Math.ceil(expireInSeconds / 3))) }, { supervise: true, schedule: false });
    for (let b = 0; b < batches; b++) {
      await boss.send(FORECAST_QUEUE, { runId, batch: b } satisfies BatchJob, {
        singletonKey: `${runId}:${b}`, expireInSeconds, retryLimit: distributed.retryLimit ?? 5, retryDelay: 1,
      });
    }
    const done = await waitForBatches(warehouse, runId, batches, distributed.onProgress);

    if (done.failed) throw new KpicastError(`forecast run ${runId}: batch ${done.failed.batch} failed: ${done.failed.error}`, 'E_DISTRIBUTED');
    const { rows } = await warehouse.query<{ output: string }>('SELECT output::text AS output FROM forecast_batches WHERE run_id = $1 ORDER BY batch', [runId]);
    const parts = rows.map((r) => JSON.parse(r.output) as BatchOutput);
    await warehouse.query("UPDATE forecast_runs SET status = 'succeeded', finished_at = now() WHERE run_id = $1", [runId]);
    return {
      runId,
      batches,
      forecasts: concatFrames(parts.map((p) => frameFromColumns(p.forecasts))),
      best: concatFrames(parts.map((p) => frameFromColumns(p.best))),
      leaderboard: concatFrames(parts.map((p) => frameFromColumns(p.leaderboard))),
      selected: concatFrames(parts.map((p) => frameFromColumns(p.selected))),
      fallbacks: parts.flatMap((p) => p.fallbacks),
    };
  } catch (error) {
    // marked failed first: a worker writing a batch holds the run's row, and none writes after this
    await warehouse.query("UPDATE forecast_runs SET status = 'failed', finished_at = now() WHERE run_id = $1", [runId]).catch(() => undefined);
    if (distributed.store) {
      const prefix = distributed.store.prefix;
      await warehouse.query('DELETE FROM forecasts WHERE run_at = $1 AND unique_id = ANY($2::text[])', [
        distributed.store.runAt, series.map((s) => (prefix ? `${prefix}/${s.id}` : s.id)),
      ]).catch(() => undefined);
    }
    throw error;
  } finally {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await warehouse.close();
  }
}

interface BatchOutput {
  forecasts: ReturnType<typeof frameToColumns>;
  best: ReturnType<typeof frameToColumns>;
  leaderboard: ReturnType<typeof frameToColumns>;
  selected: ReturnType<typeof frameToColumns>;
  fallbacks: ForecastResult['fallbacks'];
}

/** Waits until every batch of `runId` is done (or one has failed for good), reporting progress. */
async function waitForBatches(
  db: Queryable,
  runId: string,
  total: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ failed?: { batch: number; error: string } }> {
  let reported = -1;
  for (;;) {
    const { rows } = await db.query<{ done: number; failed_batch: number | null; error: string | null }>(
      `SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS done,
              min(batch) FILTER (WHERE status = 'failed') AS failed_batch,
              min(error) FILTER (WHERE status = 'failed') AS error
         FROM forecast_batches WHERE run_id = $1`,
      [runId],
    );
    const { done, error } = rows[0];
    let failed_batch = rows[0].failed_batch;
    // a batch whose every attempt expired (its workers killed) fails in the queue, not in the table
    const expired = await db.query<{ batch: number }>(
      `SELECT (data->>'batch')::int AS batch FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'failed' AND data->>'runId' = $2 LIMIT 1`,
      [FORECAST_QUEUE, runId],
    );
    if (failed_batch === null && expired.rows.length) failed_batch = expired.rows[0].batch;
    if (done !== reported) {
      reported = done;
      onProgress?.(done, total);
    }
    if (failed_batch !== null) return { failed: { batch: failed_batch, error: error ?? 'unknown error' } };
    if (done >= total) return {};
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Options of {@link startWorker}. */
export interface WorkerOptions extends QueueTimings {
  /** Batches a worker forecasts at once (default 1; each batch uses the cores through worker threads). */
  concurrency?: number;
  log?: Logger;
  /** Runs the pipelines of the warehouse's schedules (without it the worker only forecasts batches). */
  runPipeline?: PipelineRunner;
  /** Called when a scheduled run fails. */
  onScheduleError?: (schedule: string, error: unknown) => void;
  /** Called when the worker takes a batch and when it finishes it. */
  onBatch?: (event: { runId: string; batch: number; state: 'started' | 'succeeded' | 'failed'; error?: string }) => void;
}

/** A running worker: `stop()` finishes the batch in hand, then returns. */
export interface ForecastWorker {
  readonly id: string;
  stop(): Promise<void>;
}

/** Forecasts one batch and writes its output once, in one transaction keyed by (run, batch); with a store, its rows and its step too. */
async function processBatch(warehouse: Warehouse, job: BatchJob, workerId: string, final: boolean): Promise<void> {
  const { rows } = await warehouse.query<{ options: string; input: string; status: string; batches: number }>(
    `SELECT r.options::text AS options, b.input::text AS input, b.status, r.batches FROM forecast_batches b JOIN forecast_runs r USING (run_id)
      WHERE b.run_id = $1 AND b.batch = $2`,
    [job.runId, job.batch],
  );
  if (rows.length === 0 || rows[0].status === 'succeeded') return; // done already (a retry after a lost acknowledgement)
  await warehouse.query("UPDATE forecast_batches SET status = 'running', worker = $3, attempts = attempts + 1, started_at = now() WHERE run_id = $1 AND batch = $2", [
    job.runId, job.batch, workerId,
  ]);
  const { store, ...options } = JSON.parse(rows[0].options) as ForecastOptions & { store?: StoredBatchStore };
  const stepName = `${store?.step ?? 'forecast'}: batch ${job.batch + 1} of ${rows[0].batches}`;
  const startedAt = new Date();
  let seriesCount = 0;
  try {
    const input = JSON.parse(rows[0].input) as Array<{ id: string; period: Series['period']; timestamps: string[]; values: (number | null)[]; columns?: (number | null)[][] }>;
    const numbers = (values: (number | null)[]) => Float64Array.from(values, (v) => (v === null ? NaN : v));
    const series: Series[] = input.map((s) => ({ id: s.id, period: s.period, timestamps: s.timestamps, values: numbers(s.values) }));
    seriesCount = series.length;
    const started = performance.now();
    // with event columns, each series' rows as the coordinator read them
    const withColumns = options.eventColumns ? { series, regressors: input.map((s) => (s.columns ?? []).map(numbers)) } : undefined;
    const result = await forecast(withColumns ?? series, options);
    const computeMs = performance.now() - started;
    const output: BatchOutput = {
      forecasts: frameToColumns(result.forecasts),
      best: frameToColumns(result.best),
      leaderboard: frameToColumns(result.leaderboard),
      selected: frameToColumns(result.selected),
      fallbacks: result.fallbacks,
    };
    await warehouse.transaction(async (tx) => {
      // the batch's row (no other worker writes it meanwhile) and the run's (its coordinator waits for this write before giving up)
      const now = await tx.query<{ status: string; run_status: string }>(
        `SELECT b.status, r.status AS run_status FROM forecast_batches b JOIN forecast_runs r USING (run_id)
          WHERE b.run_id = $1 AND b.batch = $2 FOR UPDATE OF b FOR SHARE OF r`,
        [job.runId, job.batch],
      );
      if (now.rows.length === 0 || now.rows[0].status === 'succeeded' || now.rows[0].run_status !== 'running') return;
      if (store) {
        const written = await storeForecasts(tx, [{ prefix: store.prefix, run: { history: pl.DataFrame({}), result } }], new Date(store.runAt));
        if (store.pipelineRun !== undefined) {
          await tx.query('SELECT 1 FROM runs WHERE run_id = $1 FOR UPDATE', [store.pipelineRun]); // step numbers follow each other
          await recordStep(tx, store.pipelineRun, {
            kind: 'forecast', name: stepName, status: 'succeeded', startedAt, durationMs: Date.now() - startedAt.getTime(),
            rowsRead: series.reduce((n, s) => n + s.values.length, 0), rowsWritten: written, detail: `${series.length} series, worker ${workerId}`,
          });
        }
      }
      await tx.query(
        `UPDATE forecast_batches SET status = 'succeeded', output = $3, compute_ms = $4, finished_at = now(), error = NULL
          WHERE run_id = $1 AND batch = $2`,
        [job.runId, job.batch, JSON.stringify(output), computeMs],
      );
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    await warehouse.query(`UPDATE forecast_batches SET status = $3, error = $4 WHERE run_id = $1 AND batch = $2 AND status <> 'succeeded'`, [
      job.runId, job.batch, final ? 'failed' : 'retrying', message,
    ]);
    if (final && store?.pipelineRun !== undefined) {
      const run = store.pipelineRun;
      await warehouse.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM runs WHERE run_id = $1 FOR UPDATE', [run]);
        await recordStep(tx, run, {
          kind: 'forecast', name: stepName, status: 'failed', startedAt, durationMs: Date.now() - startedAt.getTime(),
          detail: `${seriesCount} series, worker ${workerId}`, error: message,
        });
      }).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Starts a forecast worker on the queue of a PostgreSQL server warehouse: it takes batches of
 * series queued by {@link forecastDistributed} (from any machine), forecasts them and writes
 * their rows. Any number of workers may run on any number of machines; SIGTERM (through
 * `stop()`) lets the batch in hand finish.
 *
 * @example
 * const worker = await startWorker('postgres://kpicast@db:5432/warehouse');
 * process.on('SIGTERM', () => void worker.stop());
 */
export async function startWorker(target: string, options: WorkerOptions = {}): Promise<ForecastWorker> {
  const url = serverUrl(target, 'db');
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const warehouse = await openWarehouse(url);
  await migrate(warehouse);
  const boss = await openQueue(url, options, { supervise: true, schedule: options.runPipeline !== undefined });
  const stopScanning = options.runPipeline ? await serveSchedules(warehouse, boss, options.runPipeline, { onError: options.onScheduleError }) : undefined;
  const retryLimit = options.retryLimit ?? 5;
  // Declared before the handler reads it: a batch may finish before boss.work() resolves, and a
  // const would then be read in its temporal dead zone and throw; until then it is undefined.
  let workId: string | undefined;
  // eslint-disable-next-line prefer-const -- assigned once, but the handler may read it before that
  workId = await boss.work<BatchJob>(
    FORECAST_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, includeMetadata: true },
    async (jobs) => {
      for (const job of jobs) {
        const data = job.data;
        options.onBatch?.({ runId: data.runId, batch: data.batch, state: 'started' });
        try {
          await processBatch(warehouse, data, id, job.retryCount >= retryLimit);
          options.onBatch?.({ runId: data.runId, batch: data.batch, state: 'succeeded' });
        } catch (error) {
          options.onBatch?.({ runId: data.runId, batch: data.batch, state: 'failed', error: error instanceof Error ? error.message : String(error) });
          throw error;
        }
      }
      // a batch done: ask for the next one now rather than after the polling interval
      if (workId !== undefined) boss.notifyWorker(workId);
    },
  );
  let stopping: Promise<void> | undefined;
  return {
    id,
    stop() {
      stopping ??= (async () => {
        stopScanning?.();
        await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
        await warehouse.close();
      })();
      return stopping;
    },
  };
}
