/**
 * The main job's forecasts of a series that has never been negative have no negative mean and no
 * negative bound (kernels/intervals.ts: the model's normal truncated at zero). Runs the whole job
 * on embedded PGlite (loads, marts, forecasts; no report) and reads what it stored in `forecasts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMainJob, type Warehouse } from '../../src/index.js';
import { retail } from '../../src/analysis/models/retail.js';
import { series } from '../../src/analysis/series.js';
import { testWarehouse } from '../helpers/backends.js';

interface Row {
  unique_id: string;
  mean: number;
  lo_80: number | null;
  lo_95: number | null;
  model: string;
}

describe('runMainJob(warehouse): forecasts of never-negative series', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  let rows: Row[];
  let neverNegative: Set<string>;

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
    await runMainJob(warehouse, { report: false, png: false, quiet: true });
    // the history the job forecast revenue from: weekly revenue by store and category
    const history = await series(warehouse, retail, 'revenue', { grain: 'week', by: ['store', 'category'] });
    const ids = history.getColumn('unique_id').toArray() as string[];
    const y = history.getColumn('y').toArray() as Array<number | null>;
    const negative = new Set(ids.filter((_, i) => (y[i] ?? 0) < 0));
    neverNegative = new Set(ids.filter((id) => !negative.has(id)));
    rows = (await warehouse.query<Row>("SELECT unique_id, mean, lo_80, lo_95, model FROM forecasts WHERE unique_id LIKE 'revenue/%'")).rows;
  }, 900_000); // the whole job on a 2-core machine shared with other work
  afterAll(() => cleanup());

  it('stores revenue forecasts for every store × category series, most of them never negative', () => {
    const stored = new Set(rows.map((row) => row.unique_id.slice('revenue/'.length)));
    expect(stored.size).toBeGreaterThan(1);
    expect([...stored].filter((id) => neverNegative.has(id)).length).toBeGreaterThan(stored.size / 2);
  });

  it('no mean, no 80 % and no 95 % lower bound below zero on a series that has never been negative', () => {
    const offending = rows.filter((row) => neverNegative.has(row.unique_id.slice('revenue/'.length)))
      .filter((row) => Number(row.mean) < 0 || (row.lo_80 !== null && Number(row.lo_80) < 0) || (row.lo_95 !== null && Number(row.lo_95) < 0));
    expect(offending).toEqual([]);
    expect(rows.every((row) => row.lo_95 !== null)).toBe(true);
  });

  it('backtests the holiday-adjusted models on the French sample (builtin holidays: FR) and keeps them where they win', () => {
    const chosen = new Set(rows.map((row) => row.model));
    expect([...chosen].filter((model) => model.endsWith('_hol')).length).toBeGreaterThan(0);
  });
});
