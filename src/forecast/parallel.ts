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
import { evaluateSeries, type EvaluateConfig, type SeriesOutcome } from './evaluate.js';

/** One series to evaluate: its id, values and season length. */
export interface SeriesJob {
  id: string;
  values: Float64Array;
  seasonLength: number;
}

/** A message to a worker: a chunk of series and the shared configuration. */
export interface WorkerRequest {
  config: EvaluateConfig;
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

/** Evaluates every job in this thread, in order. */
export function evaluateInProcess(jobs: readonly SeriesJob[], config: EvaluateConfig): SeriesOutcome[] {
  return jobs.map((job) => evaluateSeries(job.id, job.values, { ...config, seasonLength: job.seasonLength }));
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
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), jobs.length));
  const script = workerScript();
  if (threads <= 1 || !script) {
    const results: SeriesOutcome[] = [];
    for (const job of jobs) {
      results.push(evaluateSeries(job.id, job.values, { ...config, seasonLength: job.seasonLength }));
      options.onProgress?.(results.length);
    }
    return results;
  }
  const chunkSize = Math.max(1, Math.ceil(jobs.length / (threads * 8)));
  const chunks: Array<{ start: number; jobs: SeriesJob[] }> = [];
  for (let start = 0; start < jobs.length; start += chunkSize) chunks.push({ start, jobs: jobs.slice(start, start + chunkSize) });
  const results = new Array<SeriesOutcome>(jobs.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(threads, chunks.length) }, () => new Worker(script));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveRun, reject) => {
            let current: { start: number; jobs: SeriesJob[] } | undefined;
            const send = () => {
              current = chunks[next++];
              if (!current) return resolveRun();
              worker.postMessage({ config, jobs: current.jobs } satisfies WorkerRequest);
            };
            worker.on('message', (message: { outcomes?: SeriesOutcome[]; error?: { name: string; message: string } }) => {
              if (message.error) {
                const error = new Error(message.error.message);
                error.name = message.error.name;
                return reject(error);
              }
              const outcomes = message.outcomes ?? [];
              for (let i = 0; i < outcomes.length; i++) results[current!.start + i] = outcomes[i];
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
  return results;
}
