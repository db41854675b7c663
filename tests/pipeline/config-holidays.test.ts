import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipelineFile } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-pipeline-holidays-'));
copyFileSync(resolve('tests/fixtures/pipeline/shop-model.yml'), join(dir, 'shop.yml'));
const pipeline = (entry: string) => {
  const path = join(dir, 'kpicast.yml');
  writeFileSync(path, `name: weekly\nbuild: no\nforecast:\n  - { metric: orders, model: shop.yml, h: 2${entry} }\n`);
  return path;
};

describe('pipeline forecast holidays:', () => {
  it('reads a country code and allows the holiday-adjusted models with it', () => {
    const config = loadPipelineFile(pipeline(', holidays: FR, models: [ets, ets_hol]'));
    expect(config.forecasts[0].holidays).toBe('FR');
    expect(config.forecasts[0].models).toEqual(['ets', 'ets_hol']);
  });
  it('refuses an unknown code and a _hol model without holidays at file:line:column, and takes holidays with distributed', () => {
    const path = pipeline(', holidays: XX');
    expect(() => loadPipelineFile(path)).toThrow(`${path}, line 4, column 46: forecast[0].holidays: got "XX" (unknown country), allowed: a country code as FR`);
    expect(() => loadPipelineFile(pipeline(', models: [ets_hol]'))).toThrow(/forecast\[0\]\.models\[0\]: got "ets_hol", allowed: naive/);
    // the workers carry the calendar: a distributed forecast takes holidays as a local one
    expect(loadPipelineFile(pipeline(', holidays: FR, distributed: yes')).forecasts[0]).toMatchObject({ holidays: 'FR', distributed: { batchSize: 200 } });
  });
});
