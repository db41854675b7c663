import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFile, modelFromObject } from '../../src/index.js';

const modelFile = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'kpicast-model-')), 'model.yml');
  writeFileSync(file, text);
  return file;
};

describe('loadModelFile(file) with a list or map where a name is wanted', () => {
  it('names the key and its line when time is a map, instead of a column called [object Object]', () => {
    const file = modelFile('name: sales\ntable: raw.sales\ntime: { column: order_date }\ndimensions: [region]\nmeasures:\n  revenue: { sum: sales }\n');
    expect(() => loadModelFile(file)).toThrow(/model\.yml, line 3, column \d+: time must be a column name, got a map$/);
  });

  it('names the key when table is a list, instead of name.split is not a function', () => {
    const file = modelFile('name: sales\ntable: [raw.sales]\ntime: order_date\ndimensions: [region]\nmeasures:\n  revenue: { sum: sales }\n');
    expect(() => loadModelFile(file)).toThrow(/model\.yml, line 2, column \d+: table must be a table name such as raw\.sales, got a list$/);
  });

  it('names the measure when its column is a map', () => {
    const file = modelFile('name: sales\ntable: raw.sales\ntime: order_date\ndimensions: [region]\nmeasures:\n  revenue: { sum: { col: sales } }\n');
    expect(() => loadModelFile(file)).toThrow(/model\.yml, line 6, column \d+: measure revenue: sum must be a column name, got a map$/);
  });

  it('names the dimension entry that is a map', () => {
    const file = modelFile('name: sales\ntable: raw.sales\ntime: order_date\ndimensions: [{ region: r }]\nmeasures:\n  revenue: { sum: sales }\n');
    expect(() => loadModelFile(file)).toThrow(/model\.yml, line 4, column \d+: dimensions entry 1 must be a column name, got a map$/);
  });

  it('still reads names written as numbers or plain strings', () => {
    const model = modelFromObject({ name: 2024, table: 'raw.sales', time: 'day', dimensions: { year: 2024 }, measures: { n: { count: '*' } } });
    expect(model.name).toBe('2024');
    expect(model.facts.main).toMatchObject({ table: 'raw.sales', time: 'day', dimensions: { year: '2024' } });
  });
});
