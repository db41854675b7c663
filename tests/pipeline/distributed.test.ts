/**
 * Forecasts spread over workers on the local PostgreSQL server: `kpicast forecast --distributed`
 * with several `kpicast worker` processes gives the CSV a local `kpicast forecast` gives, byte for
 * byte, and a worker killed in the middle of a batch loses nothing: the batch is given to another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freshServerDatabase } from '../helpers/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-dist-'));
const input = join(dir, 'series.csv');
const MODELS = 'naive,snaive,ses,theta,croston';

/** 14 weekly series, seasonal and intermittent, 80 weeks each (deterministic). */
function writeSeries(): void {
  const lines = ['unique_id,ds,y'];
  for (let s = 0; s < 14; s++) {
    const start = Date.UTC(2024, 0, 1);
    for (let w = 0; w < 80; w++) {
      const ds = new Date(start + w * 7 * 86_400_000).toISOString().slice(0, 10);
      const seasonal = 100 + 10 * s + 25 * Math.sin((2 * Math.PI * w) / 13) + ((w * 7919 + s * 104729) % 17);
      const y = s % 4 === 3 ? ((w * 31 + s) % 5 === 0 ? 3 + (w % 4) : 0) : seasonal;
      lines.push(`S${String(s).padStart(2, '0')},${ds},${y.toFixed(2)}`);
    }
  }
  writeFileSync(input, lines.join('\n') + '\n');
}

const cli = (args: string[]) => spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8', timeout: 300_000 });

/** A real CLI worker; resolves `started` when it prints that it took a batch. */
function cliWorker(url: string): ChildProcess & { log: string } {
  const child = spawn(process.execPath, ['bin/kpicast.js', '--db', url, 'worker', '--poll', '0.5'], { stdio: ['ignore', 'ignore', 'pipe'] }) as ChildProcess & { log: string };
  child.log = '';
  child.stderr!.on('data', (chunk: Buffer) => (child.log += chunk.toString()));
  return child;
}

/**
 * A worker that freezes for good as soon as it takes a batch (its thread blocked), so it can be
 * killed in the middle of that batch whatever the machine's speed: it tells the test which batch.
 */
function freezingWorker(url: string, children: ChildProcess[]): Promise<{ child: ChildProcess; batch: number }> {
  const script = `
    import { startWorker } from ${JSON.stringify(join(process.cwd(), 'dist/src/index.js'))};
    await startWorker(${JSON.stringify(url)}, { pollingIntervalSeconds: 0.5, onBatch: ({ batch, state }) => {
      if (state !== 'started') return;
      process.stdout.write('took ' + batch + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // frozen mid-batch until killed
    } });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child); // killed after the test even if it never takes a batch
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /took (\d+)/.exec(out);
      if (m) resolve({ child, batch: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`the freezing worker exited (${code}) before taking a batch`)));
  });
}

describe('kpicast forecast --distributed with kpicast worker processes', () => {
  let url: string;
  let drop: () => Promise<void>;
  const children: ChildProcess[] = [];
  let local: string;

  beforeAll(async () => {
    writeSeries();
    ({ url, drop } = await freshServerDatabase());
    const result = cli(['forecast', '--input', input, '--h', '4', '--models', MODELS, '--out', join(dir, 'local.csv')]);
    expect(result.status, result.stderr).toBe(0);
    local = readFileSync(join(dir, 'local.csv'), 'utf8');
  });
  afterAll(async () => {
    if (process.env.KPICAST_TEST_DEBUG) for (const child of children) process.stderr.write(`--- ${child.pid}\n${(child as { log?: string }).log ?? ''}\n`);
    for (const child of children) child.kill('SIGKILL');
    await drop();
  });

  it('without a PostgreSQL server --db is refused in one line', () => {
    const result = cli(['--db', 'memory', 'forecast', '--input', input, '--distributed']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('kpicast: --db: got "memory", allowed: with --distributed, a PostgreSQL server URL postgres://… that the workers reach');
  });

  it('two workers write the CSV a local forecast writes, byte for byte; a worker killed mid-batch loses nothing', async () => {
    const frozen = freezingWorker(url, children);
    const coordinator = spawn(process.execPath, ['bin/kpicast.js', '--db', url, 'forecast', '--input', input, '--h', '4', '--models', MODELS,
      '--distributed', '--batch-size', '3', '--batch-timeout', '4', '--out', join(dir, 'distributed.csv')], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(coordinator);
    let coordinatorErr = '';
    coordinator.stderr.on('data', (chunk: Buffer) => {
      coordinatorErr += chunk.toString();
      if (process.env.KPICAST_TEST_DEBUG) process.stderr.write(chunk);
    });
    const exited = new Promise<number | null>((resolve) => coordinator.on('exit', resolve));

    const { child, batch } = await Promise.race([
      frozen,
      exited.then((code) => Promise.reject(new Error(`the coordinator exited (${code}) before a batch was taken: ${coordinatorErr}`))),
    ]);
    if (process.env.KPICAST_TEST_DEBUG) process.stderr.write(`frozen on batch ${batch}\n`);
    child.kill('SIGKILL'); // in the middle of its batch
    const workers = [cliWorker(url), cliWorker(url)];
    children.push(...workers);

    expect(await exited, coordinatorErr).toBe(0);
    expect(readFileSync(join(dir, 'distributed.csv'), 'utf8')).toBe(local);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const batches = await client.query<{ batch: number; status: string; worker: string; series: number }>(
      'SELECT batch, status, worker, series FROM forecast_batches ORDER BY batch');
    const runs = await client.query<{ status: string; series: number; batches: number }>('SELECT status, series, batches FROM forecast_runs');
    await client.end();
    expect(runs.rows).toEqual([{ status: 'succeeded', series: 14, batches: 5 }]);
    expect(batches.rows.map((b) => b.status)).toEqual(Array(5).fill('succeeded'));
    expect(batches.rows.reduce((n, b) => n + b.series, 0)).toBe(14);
    // the killed worker's batch was done by one of the others, after its time ran out
    expect(batches.rows[batch].worker).not.toContain(`:${child.pid}:`);
    expect(workers.map((w) => `:${w.pid}:`).some((pid) => batches.rows[batch].worker.includes(pid))).toBe(true);
    expect(workers.some((w) => w.log.includes(`batch ${batch} of run`))).toBe(true);
    expect(coordinatorErr).toMatch(/✓ forecast .* on the workers/);
  }, 300_000);
});
