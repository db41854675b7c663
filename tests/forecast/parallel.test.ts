import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { closeThreadPool, evaluateInProcess, evaluateMany, pooledThreadIds, prewarmThreadPool, workerScript, type EvaluateConfig, type SeriesJob } from '../../src/index.js';

// `npm test` builds dist/ first, so the worker script exists; under vitest the sources are .ts,
// and parallel.ts spawns the built worker (documented decision in src/forecast/parallel.ts).
// 30 series: more than the 24 (2 threads × 3 × 4) from which each thread's first chunk is 3 of the shortest
const jobs: SeriesJob[] = Array.from({ length: 30 }, (_, s) => ({
  id: `s${s}`,
  values: Float64Array.from({ length: 40 + s }, (_, t) => 50 + s * t * 0.3 + 10 * Math.sin(t / 3 + s) + ((t * 31 + s * 17) % 7)),
  seasonLength: 4,
}));
const config: EvaluateConfig = {
  h: 4, models: ['naive', 'drift', 'ses', 'theta', 'npts', 'tsb'], levels: [80, 95], metric: 'mape',
  windows: 2, step: 4, seasonLength: 4, maseSeason: 1, ensemble: { k: 2, combine: 'mean' },
};

describe('evaluateMany(jobs, config, { threads })', () => {
  it('workerScript() points at the built dist/src/forecast/worker.js when running from sources', () => {
    const script = workerScript();
    expect(script).toMatch(/dist\/src\/forecast\/worker\.js$/);
    expect(existsSync(script!)).toBe(true);
  });

  it('gives identical results on 2 worker threads and in-process, in input order (the shortest series handed out first, then the longest)', async () => {
    const local = evaluateInProcess(jobs, config);
    let progress = 0;
    const threaded = await evaluateMany(jobs, config, { threads: 2, onProgress: (done) => (progress = done) });
    expect(progress).toBe(jobs.length);
    expect(threaded.map((o) => o.id)).toEqual(jobs.map((j) => j.id));
    for (let i = 0; i < jobs.length; i++) {
      expect(threaded[i].selected).toBe(local[i].selected);
      for (let m = 0; m < local[i].outcomes.length; m++) {
        const a = local[i].outcomes[m];
        const b = threaded[i].outcomes[m];
        expect(b.model).toBe(a.model);
        expect([...b.mean]).toEqual([...a.mean]);
        expect([...b.hi[1]]).toEqual([...a.hi[1]]);
        expect(b.scores).toEqual(a.scores);
      }
    }
  });

  it('rejects with the worker error when a model name is unknown', async () => {
    await expect(evaluateMany(jobs, { ...config, models: ['nope'] }, { threads: 2 })).rejects.toThrow(/models: got "nope"/);
  });

  it('keeps its threads between calls: the second call runs on the first call\'s threads, with the same results', async () => {
    await closeThreadPool();
    const first = await evaluateMany(jobs, config, { threads: 2 });
    const threads = pooledThreadIds();
    expect(threads).toHaveLength(2);
    const second = await evaluateMany(jobs, config, { threads: 2 });
    expect(pooledThreadIds().sort()).toEqual([...threads].sort());
    expect(second.map((o) => [...o.outcomes[0].mean])).toEqual(first.map((o) => [...o.outcomes[0].mean]));
    await closeThreadPool();
    expect(pooledThreadIds()).toEqual([]);
  });

  it('prewarmThreadPool starts the threads before any work, and the next call runs on them', async () => {
    await closeThreadPool();
    prewarmThreadPool(2);
    const started = pooledThreadIds();
    expect(started).toHaveLength(Math.min(2, availableParallelism())); // one per core at most
    prewarmThreadPool(2); // already there: none more
    expect(pooledThreadIds()).toEqual(started);
    const threaded = await evaluateMany(jobs, config, { threads: 2 });
    expect(pooledThreadIds().sort()).toEqual([...started].sort());
    expect(threaded.map((o) => o.selected)).toEqual(evaluateInProcess(jobs, config).map((o) => o.selected));
    await closeThreadPool();
  });

  it('gives concurrent calls threads of their own, and a failed call does not leave its threads in the pool', async () => {
    await closeThreadPool();
    const local = evaluateInProcess(jobs, config);
    const [a, b] = await Promise.all([evaluateMany(jobs, config, { threads: 2 }), evaluateMany(jobs.slice(0, 10), config, { threads: 2 })]);
    expect(a.map((o) => o.selected)).toEqual(local.map((o) => o.selected));
    expect(b.map((o) => o.selected)).toEqual(local.slice(0, 10).map((o) => o.selected));
    const pooled = pooledThreadIds();
    await expect(evaluateMany(jobs, { ...config, models: ['nope'] }, { threads: 2 })).rejects.toThrow(/models: got "nope"/);
    expect(pooledThreadIds().filter((id) => !pooled.includes(id))).toEqual([]);
    expect(pooledThreadIds().length).toBeLessThanOrEqual(pooled.length);
    await closeThreadPool();
  });
});
