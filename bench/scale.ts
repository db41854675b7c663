/**
 * Scale benchmark: synthetic weekly series (52 to 260 weeks; smooth, seasonal, trending and
 * intermittent mixed) at several sizes, forecast 4 weeks ahead with the library's defaults:
 * - in one process (`forecast()`: worker threads over the cores), the reference of the run;
 * - by 1, 2 and 4 `kpicast worker` processes through the queue of the PostgreSQL server
 *   (`forecastDistributed`, batches of --batch-size series).
 * Prints seconds per 1,000 series for each, the cost per series as the size grows (flat means
 * linear), the parallel efficiency of N workers against 1, and the queue's own overhead per batch
 * (the naive model only, where forecasting costs next to nothing).
 *
 * Options: --sizes 1000,10000,50000  --workers 1,2,4  --batch-size 500  --db postgres://…
 * (default $DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a database is made and dropped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createRandom, forecast, forecastDistributed, type Series } from '../src/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argument = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const numbers = (text: string) => text.split(',').map(Number);

/** `n` weekly series: a quarter each smooth, seasonal (52), trending, intermittent. */
function syntheticSeries(n: number): Series[] {
  const random = createRandom(20261201);
  const next = () => random.next();
  const out: Series[] = [];
  for (let s = 0; s < n; s++) {
    const length = 52 + Math.floor(next() * 209);
    const kind = s % 4;
    const level = 20 + next() * 500;
    const values = new Float64Array(length);
    for (let t = 0; t < length; t++) {
      const noise = (next() - 0.5) * 0.2 * level;
      if (kind === 3) values[t] = next() < 0.3 ? Math.round(1 + next() * 6) : 0;
      else if (kind === 1) values[t] = Math.max(0, level * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 52)) + noise);
      else if (kind === 2) values[t] = Math.max(0, level + t * level * 0.004 + noise);
      else values[t] = Math.max(0, level + noise);
    }
    const start = Date.UTC(2020, 0, 6) + (260 - length) * 7 * 86_400_000;
    const timestamps = Array.from({ length }, (_, t) => new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
    out.push({ id: `s${s}`, period: 'week', timestamps, values });
  }
  return out;
}

function startWorkers(url: string, count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, [resolve(repoRoot, 'bin/kpicast.js'), '--db', url, '--quiet', 'worker', '--poll', '0.5'], { stdio: ['ignore', 'ignore', 'inherit'] }));
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(workers.map((w) => new Promise<void>((done) => {
    w.once('exit', () => done());
    w.kill('SIGTERM');
  })));
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const sizes = numbers(argument('sizes', '1000,10000,50000'));
  const workerCounts = numbers(argument('workers', '1,2,4'));
  const batchSize = Number(argument('batch-size', '500'));
  const admin = argument('db', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `kpicast_bench_scale_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const target = url.toString();
  console.error(`bench:scale on ${availableParallelism()} cores; sizes ${sizes.join(', ')}; workers ${workerCounts.join(', ')}; batches of ${batchSize} series; h = 4, the library's default models`);
  const rows: Array<{ size: number; local: number; workers: Record<number, number> }> = [];
  try {
    for (const size of sizes) {
      const series = syntheticSeries(size);
      const local = await seconds(() => forecast(series, { h: 4 }));
      console.error(`  ${size} series, one process: ${local.toFixed(1)} s`);
      const byWorkers: Record<number, number> = {};
      for (const count of workerCounts) {
        const workers = startWorkers(target, count);
        try {
          byWorkers[count] = await seconds(() => forecastDistributed(target, series, { h: 4 }, { batchSize }));
        } finally {
          await stopWorkers(workers);
        }
        console.error(`  ${size} series, ${count} worker${count > 1 ? 's' : ''}: ${byWorkers[count].toFixed(1)} s`);
      }
      rows.push({ size, local, workers: byWorkers });
    }
    // the queue's own cost per batch: a run's wall time on one worker less the time that worker
    // spent forecasting (recorded per batch), over its batches; many small batches of the naive model
    const small = syntheticSeries(2000);
    const workers = startWorkers(target, 1);
    let queued: Awaited<ReturnType<typeof forecastDistributed>>;
    let queuedSeconds = 0;
    try {
      queuedSeconds = await seconds(async () => {
        queued = await forecastDistributed(target, small, { h: 4, models: ['naive'] }, { batchSize: 20 });
      });
    } finally {
      await stopWorkers(workers);
    }
    const probe = new pg.Client({ connectionString: target });
    await probe.connect();
    const spent = await probe.query<{ ms: number; batches: number }>('SELECT sum(compute_ms)::float8 AS ms, count(*)::int AS batches FROM forecast_batches WHERE run_id = $1', [queued!.runId]);
    await probe.end();
    const overheadMs = (queuedSeconds * 1000 - spent.rows[0].ms) / spent.rows[0].batches;

    const per1000 = (s: number, n: number) => ((s / n) * 1000).toFixed(2);
    const header = ['series', 'one process s/1k', ...workerCounts.map((c) => `${c} worker${c > 1 ? 's' : ''} s/1k`), ...workerCounts.filter((c) => c > 1).map((c) => `efficiency ${c}`)];
    const lines = [header.join(' | ')];
    for (const r of rows) {
      const one = r.workers[workerCounts[0]];
      lines.push([
        r.size.toLocaleString('en'), per1000(r.local, r.size), ...workerCounts.map((c) => per1000(r.workers[c], r.size)),
        ...workerCounts.filter((c) => c > 1).map((c) => (one / r.workers[c] / (c / workerCounts[0])).toFixed(2)),
      ].join(' | '));
    }
    console.log(lines.join('\n'));
    const first = rows[0];
    const last = rows[rows.length - 1];
    console.log(`cost per series, ${first.size} → ${last.size} series: one process ×${((last.local / last.size) / (first.local / first.size)).toFixed(2)} (1.00 = linear)`);
    console.log(`queue overhead: ${overheadMs.toFixed(0)} ms per batch (2,000 series of the naive model in 100 batches on one worker: ${queuedSeconds.toFixed(1)} s, of which forecasting ${(spent.rows[0].ms / 1000).toFixed(1)} s)`);
    const perSeries = last.workers[workerCounts[0]] / last.size;
    console.log(`1,000,000 series at ${(perSeries * 1000).toFixed(2)} s per 1,000 per worker: ${((perSeries * 1e6) / 3600).toFixed(1)} worker-hours, ` +
      `about ${((perSeries * 1e6) / 3600 / 20).toFixed(1)} h on 20 workers of this size if they scale as measured here`);
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
