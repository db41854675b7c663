import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, loadPipelineFile } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-pipeline-hierarchy-'));
let n = 0;
function file(text: string): string {
  const path = join(dir, `kpicast-${n++}.yml`);
  writeFileSync(path, text);
  return path;
}
/** The one-line message loadPipelineFile throws for `text`. */
function problem(text: string): string {
  const path = file(text);
  try {
    loadPipelineFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message.replace(path, 'kpicast.yml');
  }
  throw new Error('no error');
}
const entry = (fields: string) => `build: no\nforecast:\n  - { metric: revenue, model: retail, ${fields} }\n`;

describe('loadPipelineFile(file): forecast hierarchy', () => {
  it('hierarchy: [region, store, category] sets the levels, by (their bottom) and mint_shrink by default', () => {
    const [f] = loadPipelineFile(file(entry('hierarchy: [region, store, category]'))).forecasts;
    expect(f.hierarchy).toEqual({ levels: ['region', 'store', 'category'], reconcile: 'mint_shrink' });
    expect(f.by).toEqual(['region', 'store', 'category']);
    expect(f.name).toBe('retail/revenue/region/store/category');
  });

  it('hierarchy: "store, category" with reconcile: top_down and the same by', () => {
    const [f] = loadPipelineFile(file(entry('hierarchy: "store, category", by: [store, category], reconcile: top_down'))).forecasts;
    expect(f.hierarchy).toEqual({ levels: ['store', 'category'], reconcile: 'top_down' });
  });

  it('a forecast without hierarchy: has none', () => {
    expect(loadPipelineFile(file(entry('by: store'))).forecasts[0].hierarchy).toBeUndefined();
  });

  it.each([
    ['an unknown method', 'hierarchy: [store, category], reconcile: middle_out', 'kpicast.yml, line 3, column 69: forecast[0].reconcile: got "middle_out", allowed: mint_shrink, bottom_up, top_down'],
    ['reconcile without hierarchy', 'by: store, reconcile: bottom_up', 'kpicast.yml, line 3, column 50: forecast[0].reconcile: only with hierarchy: (its level columns, such as [store, category])'],
    ['a level that is no dimension', 'hierarchy: [store, aisle]', 'kpicast.yml, line 3, column 58: forecast[0].hierarchy[1]: got "aisle", allowed: category, city, customer, customer_region, perishable, product, product_name, region, store, store_name, supplier'],
    ['a level twice', 'hierarchy: [store, store]', 'kpicast.yml, line 3, column 58: forecast[0].hierarchy[1]: got "store", allowed: each level once'],
    ['a by other than the levels', 'hierarchy: [store, category], by: store', 'kpicast.yml, line 3, column 69: forecast[0].by: got "store", allowed: the hierarchy\'s levels ["store","category"] (or no by: with hierarchy:)'],
  ])('%s is one line naming the key', (_, fields, message) => {
    expect(problem(entry(fields))).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
