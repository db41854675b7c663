/**
 * Many series across the machine's cores: a pool of worker_threads, each
 * running `evaluateSeries` on chunks of series, sized to
 * os.availableParallelism(). Workers run the built JavaScript
 * (dist/src/forecast/worker.js). Decision: when this module itself runs from
 * TypeScript sources (under vitest or tsx), it spawns the worker from the
 * built dist file if that exists, otherwise it evaluates in-process; both
 * paths give identical results (tests check it). Only registered models can
 * cross to a worker, since they are rebuilt there by name.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { evaluateSeries, type EvaluateConfig, type FitCache, type SeriesOutcome } from './evaluate.js';
import { getModel } from './models/registry.js';

/** One series to evaluate: its id, values and season length. */
export interface SeriesJob {
  id: string;
  values: Float64Array;
  seasonLength: number;
  /** Calendar regressors of the series (ModelOptions.regressors), when the engine has holidays. */
  regressors?: Float64Array[];
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

/** One series under every configuration in order, one fit per (model, training window): outcomes per configuration. */
function evaluateJob(job: SeriesJob, configs: readonly EvaluateConfig[]): SeriesOutcome[] {
  const fits: FitCache = new Map();
  return configs.map((config) => evaluateSeries(job.id, job.values, { ...config, seasonLength: job.seasonLength, ...(job.regressors ? { regressors: job.regressors } : {}) }, getModel, fits));
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
 * configuration, series in input order. Workers as `evaluateMany`; the longest series are handed
 * out first, in small chunks, so no thread is left with a long one at the end.
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
  for (let start = 0; start < order.length; start += chunkSize) chunks.push(order.slice(start, start + chunkSize));
  const results = new Array<SeriesOutcome[]>(jobs.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(threads, chunks.length) }, () => new Worker(script));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveRun, reject) => {
            let current: number[] | undefined;
            const send = () => {
              current = chunks[next++];
              if (!current) return resolveRun();
              worker.postMessage({ configs: [...configs], jobs: current.map((i) => jobs[i]) } satisfies WorkerRequest);
            };
            worker.on('message', (message: { outcomes?: SeriesOutcome[][]; error?: { name: string; message: string } }) => {
              if (message.error) {
                const error = new Error(message.error.message);
                error.name = message.error.name;
                return reject(error);
              }
              const outcomes = message.outcomes ?? [];
              for (let i = 0; i < outcomes.length; i++) results[current![i]] = outcomes[i];
              done += outcomes.length;
              options.onProgress?.(done);
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return byConfig(results);
}
