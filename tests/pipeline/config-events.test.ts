import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipelineFile } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-pipeline-events-'));
copyFileSync(resolve('tests/fixtures/pipeline/shop-model.yml'), join(dir, 'shop.yml'));
writeFileSync(join(dir, 'events.csv'), 'date,name\n2024-06-21,Sale\n');
const pipeline = (entry: string) => {
  const path = join(dir, 'kpicast.yml');
  writeFileSync(path, `name: weekly\nbuild: no\nforecast:\n  - { metric: orders, model: shop.yml, h: 2${entry} }\n`);
  return path;
};

describe('pipeline forecast events:', () => {
  it('reads a CSV path (beside the pipeline file) or a table, and allows the holiday-adjusted models with them', () => {
    const file = loadPipelineFile(pipeline(', events: events.csv, models: [ets, ets_hol]'));
    expect(file.forecasts[0].events).toEqual({ file: join(dir, 'events.csv') });
    expect(file.forecasts[0].models).toEqual(['ets', 'ets_hol']);
    expect(loadPipelineFile(pipeline(', events: { table: mart.promotions }')).forecasts[0].events).toEqual({ table: 'mart.promotions' });
    expect(loadPipelineFile(pipeline('')).forecasts[0].events).toBeUndefined();
  });
  it('refuses a missing file, a bad table name, an unknown key at file:line:column, and takes events with distributed', () => {
    const path = pipeline(', events: nowhere.csv');
    expect(() => loadPipelineFile(path)).toThrow(`${path}, line 4, column 46: forecast[0].events: got "nowhere.csv" (no such file), allowed: a CSV file of events`);
    expect(() => loadPipelineFile(pipeline(', events: { table: "x; drop" }'))).toThrow(/forecast\[0\]\.events\.table: got "x; drop", allowed: table or schema\.table/);
    expect(() => loadPipelineFile(pipeline(', events: { file: events.csv }'))).toThrow(/forecast\[0\]\.events\.file: unknown key, allowed: table/);
    expect(() => loadPipelineFile(pipeline(', events: { }'))).toThrow(/forecast\[0\]\.events\.table: missing/);
    expect(() => loadPipelineFile(pipeline(', events: [a, b]'))).toThrow(/forecast\[0\]\.events: got \["a","b"\], allowed: a CSV file/);
    expect(loadPipelineFile(pipeline(', events: events.csv, distributed: yes')).forecasts[0]).toMatchObject({ events: { file: join(dir, 'events.csv') }, distributed: { batchSize: 200 } });
  });
});
