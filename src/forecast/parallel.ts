/**
 * Many series across the machine's cores: a pool of worker_threads, each
 * running `evaluateSeries` on chunks of series, sized to
 * os.availableParallelism(). Workers run the built JavaScript
 * (dist/src/forecast/worker.js). Decision: when this module itself runs from
 * TypeScript sources (under vitest or tsx), it spawns the worker from the
 * built dist file if that exists, otherwise it evaluates in-process; both
 * paths give identical results (tests check it). Only registered models can
 * cross to a worker, since they are rebuilt there by name.
 *
 * The threads are kept between calls (a pool of idle threads, unref'd so they never keep the
 * process alive, ended after {@link idleMs} without work): a `kpicast worker` forecasting batch
 * after batch, or a server answering request after request, would otherwise start fresh threads
 * each time and run every batch's first series on code V8 has not optimised yet (100 series took
 * as long on two new threads as on one warm one).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { evaluateSeries, type EvaluateConfig, type SeriesOutcome } from './evaluate.js';
import { FitCache } from './fit-cache.js';
import { getModel } from './models/registry.js';

/** One series to evaluate: its id, values and season length. */
export interface SeriesJob {
  id: string;
  values: Float64Array;
  seasonLength: number;
  /** Regressors of the series (ModelOptions.regressors): its calendar weights then its event columns, when the engine has either. */
  regressors?: Float64Array[];
  /** Models this series adds to each configuration's `models` (engine.ts `addedModels`: mstl for a long daily series). */
  addedModels?: string[];
}

/** A message to a worker: a chunk of series and the configurations to evaluate each under. */
export interface WorkerRequest {
  configs: EvaluateConfig[];
  jobs: SeriesJob[];
}

/**
 * Path of the worker script to spawn, or undefined when none is usable (running from sources
 * without a build): then work runs in-process.
 */
export function workerScript(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return resolve(dirname(here), 'worker.js');
  const built = resolve(dirname(here), '../../dist/src/forecast/worker.js');
  return existsSync(built) ? built : undefined;
}

/** Series in each thread's first chunk, the shortest of the run (evaluateEach). */
const warmUpSeries = 3;

/** One series under every configuration in order, one fit per (model, training window): outcomes per configuration. */
function evaluateJob(job: SeriesJob, configs: readonly EvaluateConfig[]): SeriesOutcome[] {
  const fits = new FitCache();
  const added = (job.addedModels ?? []).filter((name) => configs.every((config) => !config.models.includes(name)));
  return configs.map((config) => evaluateSeries(job.id, job.values, {
    ...config,
    seasonLength: job.seasonLength,
    ...(job.regressors ? { regressors: job.regressors } : {}),
    ...(added.length > 0 ? { models: [...config.models, ...added], ...(config.candidates ? { candidates: [...config.candidates, ...added] } : {}) } : {}),
  }, getModel, fits));
}

/** Evaluates every job in this thread, in order. */
export function evaluateInProcess(jobs: readonly SeriesJob[], config: EvaluateConfig): SeriesOutcome[] {
  return jobs.map((job) => evaluateJob(job, [config])[0]);
}

/** Evaluates every job in this thread, in order: per job, its outcome under each configuration (the worker's task). */
export function evaluateEachInProcess(jobs: readonly SeriesJob[], configs: readonly EvaluateConfig[]): SeriesOutcome[][] {
  return jobs.map((job) => evaluateJob(job, configs));
}

/**
 * Evaluates `jobs` on `threads` worker threads (default os.availableParallelism()), chunks handed out
 * as workers free up; results in input order. Falls back to in-process when `threads` ≤ 1, there is
 * one chunk, or no worker script is available. `onProgress` gets the count of series done.
 *
 * @example
 * await evaluateMany([{ id: 'a', values: Float64Array.of(1, 2, 3, 4, 5), seasonLength: 1 }], config, { threads: 2 });
 * // => [SeriesOutcome for 'a']
 */
export async function evaluateMany(
  jobs: readonly SeriesJob[],
  config: EvaluateConfig,
  options: { threads?: number; onProgress?: (done: number) => void } = {},
): Promise<SeriesOutcome[]> {
  return (await evaluateEach(jobs, [config], options))[0];
}

/**
 * Evaluates every series under each of `configs` (say h = 13 and h = 4), fitting each model on each
 * training window once: the fit on the full history, and any backtest window two configurations
 * share, serve them all (a fit does not depend on h). Returns one array of outcomes per
 * configuration, series in input order. Workers as `evaluateMany`; after a first chunk of a few
 * short series per thread (its warm-up), the longest series are handed out first, in small
 * chunks, so no thread is left with a long one at the end.
 * Cost: the distinct (model, window) fits, spread over the threads.
 *
 * @example
 * const [long, short] = await evaluateEach(jobs, [{ ...config, h: 13 }, { ...config, h: 4 }]);
 * long[0].outcomes[0].mean.length; // => 13
 */
export async function evaluateEach(
  jobs: readonly SeriesJob[],
  configs: readonly EvaluateConfig[],
  options: { threads?: number; onProgress?: (done: number) => void } = {},
): Promise<SeriesOutcome[][]> {
  const byConfig = (perJob: SeriesOutcome[][]) => configs.map((_, c) => perJob.map((outcomes) => outcomes[c]));
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), jobs.length));
  const script = workerScript();
  if (threads <= 1 || !script) {
    const results: SeriesOutcome[][] = [];
    for (const job of jobs) {
      results.push(evaluateJob(job, configs));
      options.onProgress?.(results.length);
    }
    return byConfig(results);
  }
  // Longest first (the cost of a series grows with its length), in chunks small enough to balance the end.
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b].values.length - jobs[a].values.length || a - b);
  const chunkSize = Math.max(1, Math.min(8, Math.ceil(jobs.length / (threads * 8))));
  const chunks: number[][] = [];
  // Each thread's first chunk: a few of the shortest series, on which V8 optimises the models' code
  // cheaply before the longest come (a thread's first long series, run cold, cost more: 1.73 s
  // against 1.90 s of wall time for M4 weekly's 359 series on 2 threads).
  if (order.length > threads * warmUpSeries * 4) {
    const shortest = order.splice(order.length - threads * warmUpSeries).reverse();
    for (let t = 0; t < threads; t++) chunks.push(shortest.slice(t * warmUpSeries, (t + 1) * warmUpSeries));
  }
  for (let start = 0; start < order.length; start += chunkSize) chunks.push(order.slice(start, start + chunkSize));
  const results = new Array<SeriesOutcome[]>(jobs.length);
  let next = 0;
  let done = 0;
  const workers = takeWorkers(script, Math.min(threads, chunks.length));
  const healthy = new Set(workers);
  const listeners: Array<() => void> = [];
  // Each thread holds two chunks: the one it works on and the next, queued in its port, so it starts
  // the next as soon as it posts its results instead of idling while they cross to this thread and
  // another chunk crosses back (about 4 ms a chunk, 90 ms of each thread's 1.8 s on M4 weekly).
  const sends: Array<() => void> = [];
  try {
    const runs = workers.map(
      (worker) =>
        new Promise<void>((resolveRun, reject) => {
          /** The chunks sent to this thread and not answered yet, oldest first (a thread answers in order). */
          const inFlight: number[][] = [];
          const send = () => {
            const chunk = chunks[next++];
            if (chunk) {
              inFlight.push(chunk);
              worker.postMessage({ configs: [...configs], jobs: chunk.map((i) => jobs[i]) } satisfies WorkerRequest);
            } else if (inFlight.length === 0) resolveRun();
          };
          const onMessage = (message: { outcomes?: SeriesOutcome[][]; error?: { name: string; message: string } }) => {
            if (message.error) {
              const error = new Error(message.error.message);
              error.name = message.error.name;
              return reject(error);
            }
            const outcomes = message.outcomes ?? [];
            const answered = inFlight.shift()!;
            for (let i = 0; i < outcomes.length; i++) results[answered[i]] = outcomes[i];
            done += outcomes.length;
            options.onProgress?.(done);
            send();
          };
          const onError = (error: Error) => {
            healthy.delete(worker);
            reject(error);
          };
          const onExit = () => {
            healthy.delete(worker);
            reject(new Error('a forecast worker thread exited before its series were done'));
          };
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
          listeners.push(() => {
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
          });
          sends.push(send);
        }),
    );
    // one chunk to every thread, then the second of each (the first ones are each thread's warm-up chunk)
    for (const send of sends) send();
    for (const send of sends) send();
    await Promise.all(runs);
  } catch (error) {
    // a thread that failed mid-chunk may still be busy with it: end them all rather than pool them
    for (const remove of listeners) remove();
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  for (const remove of listeners) remove();
  returnWorkers(script, workers.filter((worker) => healthy.has(worker)));
  return byConfig(results);
}

/** How long an idle pooled thread is kept before it is ended. */
export const idleMs = 30_000;

interface Pool {
  script: string;
  idle: Worker[];
  timer?: NodeJS.Timeout;
}
let pool: Pool | undefined;

/** `count` threads running `script`: idle pooled ones first, new ones for the rest. */
function takeWorkers(script: string, count: number): Worker[] {
  if (pool && pool.script !== script) void endPool();
  if (pool?.timer) {
    clearTimeout(pool.timer);
    pool.timer = undefined;
  }
  const reused = pool ? pool.idle.splice(0, count) : [];
  const fresh = Array.from({ length: count - reused.length }, () => new Worker(script));
  const workers = [...reused, ...fresh];
  for (const worker of workers) worker.ref();
  return workers;
}

/** Puts threads back in the pool (at most one per core), unref'd, and ends the pool after {@link idleMs} idle. */
function returnWorkers(script: string, workers: Worker[]): void {
  pool ??= { script, idle: [] };
  for (const worker of workers) {
    if (pool.idle.length >= availableParallelism()) {
      void worker.terminate();
      continue;
    }
    worker.unref();
    pool.idle.push(worker);
  }
  if (pool.timer) clearTimeout(pool.timer);
  pool.timer = setTimeout(() => void endPool(), idleMs);
  pool.timer.unref();
}

/** Ends every idle pooled thread; resolves when they have ended. */
function endPool(): Promise<unknown> {
  if (!pool) return Promise.resolve();
  const { idle, timer } = pool;
  if (timer) clearTimeout(timer);
  pool = undefined;
  return Promise.all(idle.map((worker) => worker.terminate()));
}

/**
 * Starts `count` threads (default one per core) into the idle pool, unref'd, so that their start
 * (loading the models' modules) overlaps what the caller does before forecasting — the command line
 * reads its CSV meanwhile. Nothing when there is no worker script or the pool already holds them.
 *
 * @example
 * prewarmThreadPool(); // then read the input; evaluateMany takes the started threads
 */
export function prewarmThreadPool(count = availableParallelism()): void {
  const script = workerScript();
  if (!script || count < 2) return;
  const missing = Math.min(count, availableParallelism()) - (pool?.script === script ? pool.idle.length : 0);
  if (missing > 0) returnWorkers(script, takeWorkers(script, missing));
}

/** The thread ids of the idle pooled threads (for tests and diagnostics). */
export function pooledThreadIds(): number[] {
  return pool ? pool.idle.map((worker) => worker.threadId) : [];
}

/** Ends the pooled threads now (they end by themselves after {@link idleMs}; a caller that wants them gone sooner calls this). */
export async function closeThreadPool(): Promise<void> {
  await endPool();
}
