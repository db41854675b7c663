/**
 * A pipeline's forecast with `distributed: yes` on the local PostgreSQL server: its batches go to
 * two workers, which write the rows into `forecasts` and one step per batch into `run_steps`;
 * the rows are those of the same pipeline without `distributed`. On an embedded warehouse the
 * option is refused in one line naming the file, line and column.
 */
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forecastDistributed, getRun, listRuns, loadPipelineFile, migrate, openWarehouse, runPipeline, startWorker,
  type ForecastWorker, type PipelineSummary, type Series, type Warehouse,
} from '../../src/index.js';
import { freshServerDatabase, testWarehouse } from '../helpers/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-dist-pipeline-'));
const STORES = 5;

/** 5 stores' daily orders and visitors over 70 weeks (deterministic, seasonal). */
function writeDays(): void {
  const lines = ['store,day,orders,visitors'];
  const start = Date.UTC(2024, 0, 1);
  for (let s = 0; s < STORES; s++) {
    for (let d = 0; d < 70 * 7; d++) {
      const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
      const orders = Math.round(40 + 8 * s + 12 * Math.sin((2 * Math.PI * d) / 91) + ((d * 7919 + s * 104729) % 13));
      lines.push(`S0${s + 1},${day},${orders},${200 + s * 10}`);
    }
  }
  writeFileSync(join(dir, 'days.csv'), lines.join('\n') + '\n');
}

/** The same pipeline, without and with `distributed:` (`distributed:` at line 5, column 95 of the second). */
function writePipelines(): { local: string; distributed: string } {
  const head = 'sources:\n  - { file: days.csv, table: shop_days, key: [store, day] }\nbuild: no\nforecast:\n';
  const entry = '  - { model: model.yml, metric: orders, by: store, h: 4, models: [naive, snaive, ses, theta]';
  writeFileSync(join(dir, 'local.yml'), `${head}${entry} }\n`);
  writeFileSync(join(dir, 'distributed.yml'), `${head}${entry}, distributed: yes, batch_size: 2 }\n`);
  return { local: join(dir, 'local.yml'), distributed: join(dir, 'distributed.yml') };
}

type Row = Record<string, unknown>;
const rowsAt = async (warehouse: Warehouse, runAt: Date): Promise<Row[]> =>
  (await warehouse.query<Row>(
    `SELECT unique_id, ds::text AS ds, model, mean, lo_80, hi_80, lo_95, hi_95, backtest_mape, backtest_metric, backtest_error
       FROM forecasts WHERE run_at = $1 ORDER BY unique_id, ds`,
    [runAt],
  )).rows;

describe('runPipeline(a forecast with distributed: yes) on the PostgreSQL server with two workers', () => {
  let url: string;
  let drop: () => Promise<void>;
  let warehouse: Warehouse;
  const workers: ForecastWorker[] = [];
  const files = { local: '', distributed: '' };
  const localAt = new Date('2026-01-05T06:00:00Z');
  const distributedAt = new Date('2026-01-05T07:00:00Z');
  let local: PipelineSummary;
  let distributed: PipelineSummary;

  beforeAll(async () => {
    writeDays();
    copyFileSync(resolve('tests/fixtures/pipeline/shop-model.yml'), join(dir, 'model.yml'));
    Object.assign(files, writePipelines());
    ({ url, drop } = await freshServerDatabase());
    warehouse = await openWarehouse(url);
    await migrate(warehouse);
    local = await runPipeline(warehouse, loadPipelineFile(files.local), { now: localAt });
    workers.push(await startWorker(url, { pollingIntervalSeconds: 0.5 }), await startWorker(url, { pollingIntervalSeconds: 0.5 }));
    distributed = await runPipeline(warehouse, loadPipelineFile(files.distributed), { now: distributedAt, url });
  }, 600_000);
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await warehouse?.close();
    await drop?.();
  });

  it('writes into forecasts the rows the same pipeline writes without distributed, number for number', async () => {
    expect(local.status, local.error).toBe('succeeded');
    expect(distributed.status, distributed.error).toBe('succeeded');
    const expected = await rowsAt(warehouse, localAt);
    expect(expected).toHaveLength(STORES * 4);
    expect(new Set(expected.map((r) => r.unique_id))).toEqual(new Set(['orders/S01', 'orders/S02', 'orders/S03', 'orders/S04', 'orders/S05']));
    expect(await rowsAt(warehouse, distributedAt)).toEqual(expected);
    expect(distributed.forecasts).toEqual([{ name: 'shop/orders/store', series: STORES, rows: STORES * 4 }]);
  });

  it('records one step per batch in run_steps, written by the workers, and the run ends succeeded', async () => {
    const run = await getRun(warehouse, distributed.runId);
    expect(run.status).toBe('succeeded');
    expect(run.finishedAt).not.toBeNull();
    const batches = run.steps.filter((s) => s.kind === 'forecast');
    expect(batches.map((s) => [s.name, s.status])).toEqual([1, 2, 3].map((b) => [`forecast shop/orders/store, 4 weeks: batch ${b} of 3`, 'succeeded']));
    expect(batches.map((s) => s.rowsWritten)).toEqual([8, 8, 4]);
    for (const s of batches) expect(s.detail).toMatch(/^[12] series, worker \S+:\d+:[0-9a-f]{8}$/);
    const { rows } = await warehouse.query<{ status: string; n: number }>(
      'SELECT b.status, count(*)::int AS n FROM forecast_batches b JOIN forecast_runs r USING (run_id) GROUP BY b.status');
    expect(rows).toEqual([{ status: 'succeeded', n: 3 }]);
    // the local run's forecast is one step of its own
    expect((await getRun(warehouse, local.runId)).steps.filter((s) => s.kind === 'forecast').map((s) => s.name)).toEqual(['forecast shop/orders/store, 4 weeks']);
  });
});

describe('distributed: yes on an embedded warehouse', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    writeDays();
    copyFileSync(resolve('tests/fixtures/pipeline/shop-model.yml'), join(dir, 'model.yml'));
    writePipelines();
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
  }, 120_000);
  afterAll(() => cleanup());

  const where = () => `${join(dir, 'distributed.yml')}, line 5, column 95`;
  const refusal = (target: string) =>
    `forecast[0].distributed: needs a PostgreSQL server warehouse (--db postgres://…) whose workers forecast the batches; ${target} is embedded`;

  it('runPipeline refuses in one line naming the file, line and column of the option, before any run is recorded', async () => {
    await expect(runPipeline(warehouse, loadPipelineFile(join(dir, 'distributed.yml')))).rejects.toThrow(`${where()}: ${refusal('memory')}`);
    expect(await listRuns(warehouse)).toEqual([]);
  });

  it('kpicast run --pipeline on a PGlite --db says so on stderr, exit 1, nothing on stdout', () => {
    const db = join(dir, 'db');
    const result = spawnSync(process.execPath, ['bin/kpicast.js', '--db', db, 'run', '--pipeline', join(dir, 'distributed.yml')], { encoding: 'utf8', timeout: 120_000 });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`kpicast: ${where()}: ${refusal(db)}\n`);
    expect(result.status).toBe(1);
    expect(existsSync(db)).toBe(false); // refused before the warehouse is opened (created)
  });
});

describe('forecastDistributed(…, { store }) whose last batch fails for good', () => {
  let url: string;
  let drop: () => Promise<void>;
  let warehouse: Warehouse;
  let worker: ForecastWorker;
  beforeAll(async () => {
    ({ url, drop } = await freshServerDatabase());
    warehouse = await openWarehouse(url);
    await migrate(warehouse);
    worker = await startWorker(url, { pollingIntervalSeconds: 0.5, retryLimit: 0 });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await warehouse?.close();
    await drop?.();
  });

  it('fails naming the batch, and leaves no row of the run in forecasts (the batches done before it are taken back)', async () => {
    const weeks = Array.from({ length: 20 }, (_, w) => new Date(Date.UTC(2025, 0, 6) + w * 7 * 86_400_000).toISOString().slice(0, 10));
    const good = (id: string): Series => ({ id, period: 'week', timestamps: weeks, values: Float64Array.from(weeks, (_, w) => 10 + (w % 5)) });
    // a date the worker's engine refuses: the batch fails on its only attempt
    const bad: Series = { id: 'bad', period: 'week', timestamps: ['2025-01-06', 'not a date'], values: Float64Array.of(1, 2) };
    const runAt = new Date('2026-01-05T08:00:00Z');
    await expect(forecastDistributed(url, [good('a'), good('b'), good('c'), bad], { h: 4, models: ['naive'] }, {
      batchSize: 1, retryLimit: 0, store: { runAt, prefix: 'test' },
    })).rejects.toThrow(/batch 3 failed: ds: got "not a date", expected a date YYYY-MM-DD/);
    const { rows } = await warehouse.query<{ n: number }>('SELECT count(*)::int AS n FROM forecasts WHERE run_at = $1', [runAt]);
    expect(rows[0].n).toBe(0);
    const runs = await warehouse.query<{ status: string }>('SELECT status FROM forecast_runs');
    expect(runs.rows).toEqual([{ status: 'failed' }]);
  }, 300_000);
});
