/**
 * `npm run bench:serve`: `kpicast serve` under load, on 1,000,000 order lines (bench:kpi's data),
 * on the PostgreSQL server (a database of its own, created and dropped) and on embedded PGlite
 * (a directory of its own, removed). The server runs as its own process (`kpicast serve`), as a
 * user starts it; autocannon drives it with 50 connections for 20 s (after 3 s of the same load,
 * not counted: the warm-up) on each of:
 * - a cached KPI request (the same URL every time: served from the server's cache);
 * - uncached varied KPI requests (every URL different: metrics, grain, by, filter, date range);
 * - a dashboard page (`/`, cached after its first view);
 * and prints requests/s, p50 and p99 latency, errors, timeouts and non-2xx answers, beside the
 * same KPI requests run directly through the library (`kpis()`, median of 5) in the same run.
 * Targets: no errors and no timeouts; cached p99 < 50 ms; uncached p99 < 1 s on the server.
 *
 * Environment: KPICAST_BENCH_ROWS (default 1000000), KPICAST_BENCH_SECONDS (default 20),
 * KPICAST_BENCH_CONNECTIONS (default 50), DATABASE_URL (admin URL of the server), KPICAST_BENCH_ONLY=pglite|postgres.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { build, formatDuration, kpis, migrate, openWarehouse, retail, type KpiRequest, type Warehouse } from '../src/index.js';
import { openPglite } from '../src/warehouse/pglite.js';
import { fill } from './kpi.js';

const ROWS = Number(process.env.KPICAST_BENCH_ROWS ?? 1_000_000);
const SECONDS = Number(process.env.KPICAST_BENCH_SECONDS ?? 20);
const WARMUP_S = Math.min(3, SECONDS); // each load first runs this long, uncounted (see load())
const CONNECTIONS = Number(process.env.KPICAST_BENCH_CONNECTIONS ?? 50);
const TIMEOUT_S = 10; // autocannon's default: a request unanswered for 10 s counts as a timeout

/** A KPI request and its URL on the API. */
interface Probe {
  url: string;
  request: KpiRequest;
}

function probe(request: KpiRequest): Probe {
  const params = new URLSearchParams({ model: 'retail', metrics: request.metrics.join(','), grain: request.grain ?? 'none' });
  if (request.by?.length) params.set('by', request.by.join(','));
  for (const [dim, values] of Object.entries(request.filters ?? {})) params.append('filter', `${dim}=${[values].flat().join('|')}`);
  if (request.from) params.set('from', request.from);
  if (request.to) params.set('to', request.to);
  if (request.compare) params.set('compare', request.compare);
  return { url: `/api/kpis?${params.toString()}`, request };
}

/** The cached request: a dashboard's main chart, revenue and margin rate by week and region over the data. */
const CACHED = probe({ metrics: ['revenue', 'margin_rate'], grain: 'week', by: ['region'] });

const addDays = (iso: string, n: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The i-th of the varied requests, all different for i < 368,640: a date range (28 or 91 days, as
 * the period presets give, starting on any of 640 days), a metric set, a grain, a dimension and a filter.
 */
function varied(i: number): Probe {
  const metricSets = [['revenue'], ['revenue', 'orders'], ['units', 'average_basket'], ['revenue', 'margin_rate'], ['gross_margin'], ['discount', 'revenue']];
  const grains = ['week', 'month', 'day', 'none'] as const;
  const bys = [[], ['region'], ['category'], ['store_name']];
  const filters: Array<Record<string, string[]>> = [{}, { region: ['Nord'] }, { category: ['food'] }];
  const from = addDays('2024-01-01', i % 640);
  const days = [28, 91][Math.floor(i / 640) % 2];
  const rest = Math.floor(i / 1280);
  return probe({
    metrics: metricSets[rest % 6],
    grain: grains[Math.floor(rest / 6) % 4],
    by: bys[Math.floor(rest / 24) % 4],
    filters: filters[Math.floor(rest / 96) % 3],
    from,
    to: addDays(from, days - 1),
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Library timings of the same requests: the cached one (median of 5) and 10 of the varied ones (median of their single runs). */
async function libraryTimes(warehouse: Warehouse): Promise<{ cached: number; varied: number }> {
  await kpis(warehouse, retail, CACHED.request); // warm the database's buffers as the server's first request does
  const cached: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await kpis(warehouse, retail, CACHED.request);
    cached.push(performance.now() - t);
  }
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await kpis(warehouse, retail, varied(1_000_003 % 368_640 + i * 7919).request);
    times.push(performance.now() - t);
  }
  return { cached: median(cached), varied: median(times) };
}

/** Starts `kpicast serve` over `target` as its own process; resolves with its URL (the first stdout line). */
function startServe(target: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/kpicast.js', '--db', target, '--quiet', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ url: line.trim().replace(/\/$/, ''), child }));
    child.once('exit', (code) => reject(new Error(`kpicast serve exited with ${code} before printing its URL`)));
  });
}

/**
 * autocannon leaves its last requests unanswered when a run ends; the server still answers them
 * (on PGlite one query at a time). Each run starts once they are done: health waits its turn.
 */
const drained = async (url: string): Promise<void> => void (await (await fetch(`${url}/api/health`)).text());

interface Load {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  total: number;
}

async function load(name: string, base: string, paths: () => string): Promise<Load> {
  const run = (duration: number) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      timeout: TIMEOUT_S,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths() }) }],
    });
  // A warm-up of the same load, not counted: a long-running server has compiled its hot paths
  // and opened its connections; the first seconds of a fresh process measure the JIT, not serving.
  await run(WARMUP_S);
  await drained(base);
  const result = await run(SECONDS);
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

async function exercise(label: string, target: string, library: { cached: number; varied: number }): Promise<boolean> {
  const { url, child } = await startServe(target);
  try {
    // First views: the cached request and the page computed once before the clock starts.
    for (const path of [CACHED.url, '/']) {
      const res = await fetch(`${url}${path}`);
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    }
    let i = 0;
    const results: Load[] = [];
    results.push(await load('cached KPI request', url, () => CACHED.url));
    await drained(url);
    results.push(await load('uncached varied KPI requests', url, () => varied(i++).url));
    await drained(url);
    // The varied answers may have pushed the page's results out of the cache: its first view again.
    const viewed = performance.now();
    await (await fetch(`${url}/`)).text();
    const firstView = performance.now() - viewed;
    results.push(await load('page /', url, () => '/'));
    const health = (await (await fetch(`${url}/api/health`)).json()) as { cache: { hits: number; misses: number } };
    process.stdout.write(`\n${label}: ${ROWS.toLocaleString('en')} order lines, ${CONNECTIONS} connections x ${SECONDS} s each (after ${WARMUP_S} s uncounted)\n`);
    process.stdout.write(`${'load'.padEnd(30)} ${'req/s'.padStart(8)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'errors'.padStart(7)} ${'timeouts'.padStart(9)} ${'non-2xx'.padStart(8)} ${'requests'.padStart(9)}\n`);
    for (const r of results) {
      process.stdout.write(`${r.name.padEnd(30)} ${r.rps.toFixed(1).padStart(8)} ${`${r.p50} ms`.padStart(8)} ${`${r.p99} ms`.padStart(8)} ${String(r.errors).padStart(7)} ${String(r.timeouts).padStart(9)} ${String(r.non2xx).padStart(8)} ${String(r.total).padStart(9)}\n`);
    }
    process.stdout.write(`library kpis(), same process as the data: cached request ${formatDuration(library.cached)} (median of 5), a varied request ${formatDuration(library.varied)} (median of 10)\n`);
    process.stdout.write(`ratios: uncached p50 / library varied ${(results[1].p50 / library.varied).toFixed(1)}; cached p50 / library cached ${(results[0].p50 / library.cached).toFixed(3)}\n`);
    process.stdout.write(`server cache: ${health.cache.hits} hits, ${health.cache.misses} misses; page / computed (not cached) in ${formatDuration(firstView)} before its run\n`);
    const ok = results.every((r) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0) && results[0].p99 < 50 && results[2].p99 < 1000;
    const server = label.startsWith('PostgreSQL') ? results[1].p99 < 1000 : true;
    process.stdout.write(`targets: ${ok && server ? 'met' : 'NOT met'} (no errors or timeouts, cached p99 < 50 ms${label.startsWith('PostgreSQL') ? ', uncached p99 < 1 s' : ''})\n`);
    return ok && server;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function prepare(label: string, warehouse: Warehouse): Promise<{ cached: number; varied: number }> {
  let started = performance.now();
  await migrate(warehouse);
  await fill(warehouse, ROWS);
  process.stderr.write(`${label}: filled ${ROWS.toLocaleString('en')} order lines in ${formatDuration(performance.now() - started)}\n`);
  started = performance.now();
  await build(warehouse);
  process.stderr.write(`${label}: built in ${formatDuration(performance.now() - started)}\n`);
  return libraryTimes(warehouse);
}

async function main(): Promise<void> {
  const only = process.env.KPICAST_BENCH_ONLY;
  process.stdout.write(`bench:serve ${new Date().toISOString()}, Node ${process.version}\n`);
  let ok = true;
  if (only !== 'pglite') {
    const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `kpicast_bench_serve_${process.pid}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    try {
      const warehouse = await openWarehouse(url.toString());
      let library;
      try {
        library = await prepare('PostgreSQL server', warehouse);
      } finally {
        await warehouse.close();
      }
      ok = (await exercise('PostgreSQL server', url.toString(), library)) && ok;
    } finally {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  }
  if (only !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-bench-serve-'));
    try {
      const warehouse = await openPglite(dir, { initialMemory: 2 * 1024 * 1024 * 1024 });
      let library;
      try {
        library = await prepare('PGlite (embedded)', warehouse);
      } finally {
        await warehouse.close();
      }
      ok = (await exercise('PGlite (embedded)', dir, library)) && ok;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!ok) process.exitCode = 1;
}

await main();
