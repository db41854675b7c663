/**
 * A pipeline forecast with `distributed: yes` takes `holidays:` and `events:` as a local one: the
 * workers forecast with the same calendar, and write the rows the local pipeline writes.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPipelineFile, migrate, openWarehouse, runPipeline, startWorker, type ForecastWorker, type PipelineSummary, type Warehouse } from '../../src/index.js';
import { freshServerDatabase } from '../helpers/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-dist-calendar-'));
const STORES = 3;

/** 3 stores' daily orders over 70 weeks, 60 % higher on the days of the shop's two sales (a year apart but for a month: each has a normal week a year away, its baseline) (deterministic). */
function writeDays(): void {
  const lines = ['store,day,orders'];
  const start = Date.UTC(2024, 0, 1);
  for (let s = 0; s < STORES; s++) {
    for (let d = 0; d < 70 * 7; d++) {
      const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
      const sale = (day >= '2024-03-01' && day <= '2024-03-07') || (day >= '2025-02-01' && day <= '2025-02-07');
      lines.push(`S0${s + 1},${day},${Math.round((40 + 8 * s + ((d * 7919 + s * 104729) % 13)) * (sale ? 1.6 : 1))}`);
    }
  }
  writeFileSync(join(dir, 'days.csv'), lines.join('\n') + '\n');
}

/** The pipeline with and without distributed:, and without the events (holidays only). */
function writePipelines(): Record<'local' | 'distributed' | 'plain', string> {
  const head = 'sources:\n  - { file: days.csv, table: shop_days, key: [store, day] }\nbuild: no\nforecast:\n';
  const entry = '  - { model: model.yml, metric: orders, by: store, h: 4, models: [snaive_hol, ses_hol]';
  const calendar = ', holidays: FR, events: { table: sales }';
  writeFileSync(join(dir, 'local.yml'), `${head}${entry}${calendar} }\n`);
  writeFileSync(join(dir, 'distributed.yml'), `${head}${entry}${calendar}, distributed: yes, batch_size: 2 }\n`);
  writeFileSync(join(dir, 'plain.yml'), `${head}${entry}, holidays: FR }\n`);
  return { local: join(dir, 'local.yml'), distributed: join(dir, 'distributed.yml'), plain: join(dir, 'plain.yml') };
}

type Row = Record<string, unknown>;
const rowsAt = async (warehouse: Warehouse, runAt: Date): Promise<Row[]> =>
  (await warehouse.query<Row>('SELECT unique_id, ds::text AS ds, model, mean, lo_80, hi_95 FROM forecasts WHERE run_at = $1 ORDER BY unique_id, ds', [runAt])).rows;

describe('runPipeline(a distributed forecast with holidays: and events:) on the PostgreSQL server', () => {
  let drop: (() => Promise<void>) | undefined;
  let warehouse: Warehouse | undefined;
  let worker: ForecastWorker | undefined;
  const at = { local: new Date('2026-01-05T06:00:00Z'), distributed: new Date('2026-01-05T07:00:00Z'), plain: new Date('2026-01-05T08:00:00Z') };
  const summaries: Partial<Record<keyof typeof at, PipelineSummary>> = {};

  beforeAll(async () => {
    writeDays();
    copyFileSync(resolve('tests/fixtures/pipeline/shop-model.yml'), join(dir, 'model.yml'));
    const files = writePipelines();
    let url: string;
    ({ url, drop } = await freshServerDatabase());
    warehouse = await openWarehouse(url);
    await migrate(warehouse);
    await warehouse.exec(`CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw.sales (start date, "end" date, name text, kind text);
      INSERT INTO raw.sales VALUES ('2024-03-01', '2024-03-07', 'Spring sale', 'sale'), ('2025-02-01', '2025-02-07', 'Winter sale', 'sale');`);
    summaries.local = await runPipeline(warehouse, loadPipelineFile(files.local), { now: at.local });
    summaries.plain = await runPipeline(warehouse, loadPipelineFile(files.plain), { now: at.plain });
    worker = await startWorker(url, { pollingIntervalSeconds: 0.5 });
    summaries.distributed = await runPipeline(warehouse, loadPipelineFile(files.distributed), { now: at.distributed, url });
  }, 600_000);
  afterAll(async () => {
    await worker?.stop();
    await warehouse?.close();
    await drop?.();
  });

  it('writes the rows of the local pipeline, number for number, and the events table changes them', async () => {
    for (const summary of Object.values(summaries)) expect(summary.status, summary.error).toBe('succeeded');
    const local = await rowsAt(warehouse!, at.local);
    expect(local).toHaveLength(STORES * 4);
    expect(await rowsAt(warehouse!, at.distributed)).toEqual(local);
    expect(await rowsAt(warehouse!, at.plain)).not.toEqual(local);
  });
});
