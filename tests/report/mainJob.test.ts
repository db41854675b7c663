import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJobSummary, runMainJob, type JobSummary, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

describe.each(backends)('runMainJob(warehouse, { report }) on %s: build, forecasts, report', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  let summary: JobSummary;
  const dir = join(mkdtempSync(join(tmpdir(), 'kpicast-job-')), 'report');

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    summary = await runMainJob(warehouse, { report: dir, png: false, quiet: true });
  }, 900_000); // loads the whole sample (361,000 order lines), on a 2-core machine shared with other work
  afterAll(async () => {
    await cleanup?.();
  });

  it('builds the marts and every data test passes on the sample', () => {
    expect(summary.build?.models.length).toBeGreaterThan(10);
    expect(summary.build?.tests.filter((t) => !t.ok)).toEqual([]);
  });

  it('stores 4 weekly forecasts per series in the forecasts table, with model, bounds, backtest error and run time', async () => {
    const { rows } = await warehouse.query<{ unique_id: string; n: number; models: number; bad: number; run_at: Date }>(
      `SELECT unique_id, count(*)::int AS n, count(DISTINCT model)::int AS models, max(run_at) AS run_at,
              count(*) FILTER (WHERE NOT (lo_95 <= lo_80 AND lo_80 <= mean AND mean <= hi_80 AND hi_80 <= hi_95))::int AS bad
       FROM forecasts GROUP BY unique_id ORDER BY unique_id`,
    );
    const ids = rows.map((r) => r.unique_id);
    expect(ids).toContain('missions');
    // the committed sample has 8 stores × 5 categories (data/sample/products.csv, stores.csv): the
    // chain, 8 stores and 40 store × category series, by their paths
    const revenue = ids.filter((id) => id.startsWith('revenue/'));
    expect(revenue).toHaveLength(49);
    expect(revenue).toContain('revenue/total');
    expect(revenue.filter((id) => id.split('/').length === 2)).toHaveLength(9);
    for (const r of rows) {
      expect(r.n).toBe(4);
      expect(r.models).toBe(1);
      expect(r.bad).toBe(0); // 95 % band contains the 80 % band contains the mean
      expect(r.run_at.getTime()).toBe(summary.forecasts!.runAt.getTime());
    }
    expect(summary.forecasts).toMatchObject({ series: 50, rows: 200 });
    const missions = await warehouse.query<{ ds: string; backtest_mape: number | null; backtest_metric: string }>(
      "SELECT ds::text AS ds, backtest_mape, backtest_metric FROM forecasts WHERE unique_id = 'missions' ORDER BY ds",
    );
    // the sample's missions are settled up to 2025-12-28 (a Sunday): the forecast starts the Monday after
    expect(missions.rows.map((r) => r.ds)).toEqual(['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19']);
    expect(missions.rows[0].backtest_mape).toBeGreaterThan(0);
  });

  it('stores revenue forecasts that add up: each store × category to its store, the stores to the chain, none below zero', async () => {
    const { rows } = await warehouse.query<{ unique_id: string; ds: string; mean: number; lo_95: number }>(
      "SELECT unique_id, ds::text AS ds, mean, lo_95 FROM forecasts WHERE unique_id LIKE 'revenue/%'",
    );
    const mean = new Map(rows.map((r) => [`${r.unique_id}|${r.ds}`, r.mean]));
    const days = [...new Set(rows.map((r) => r.ds))];
    const stores = [...new Set(rows.map((r) => r.unique_id.split('/')[1]).filter((s) => s !== 'total'))];
    expect(days).toHaveLength(4);
    for (const ds of days) {
      let chain = 0;
      for (const store of stores) {
        const own = mean.get(`revenue/${store}|${ds}`)!;
        const children = rows.filter((r) => r.ds === ds && r.unique_id.startsWith(`revenue/${store}/`));
        expect(children).toHaveLength(5);
        expect(Math.abs(children.reduce((a, r) => a + r.mean, 0) - own)).toBeLessThan(1e-6 * Math.max(1, own));
        chain += own;
      }
      const total = mean.get(`revenue/total|${ds}`)!;
      expect(Math.abs(chain - total)).toBeLessThan(1e-6 * total);
    }
    expect(rows.filter((r) => r.mean < 0 || r.lo_95 < 0)).toEqual([]);
  });

  it('prints the next 4 weeks of missions with the chosen model, its backtest MAPE and the 80 % interval', async () => {
    const stored = await warehouse.query<{ ds: string; model: string; mean: number; lo_80: number; hi_80: number; backtest_mape: number; backtest_metric: string; backtest_error: number }>(
      "SELECT ds::text AS ds, model, mean, lo_80, hi_80, backtest_mape, backtest_metric, backtest_error FROM forecasts WHERE unique_id = 'missions' ORDER BY ds",
    );
    const lines = formatJobSummary(summary).split('\n');
    const heading = lines.findIndex((l) => l.startsWith('missions, next 4 weeks'));
    // the MAPE the report shows, then the metric the default selection uses (MASE) and its error
    const first = stored.rows[0];
    expect(first.backtest_metric).toBe('mase');
    expect(lines[heading]).toBe(`missions, next 4 weeks (model ${first.model}, backtest MAPE ${first.backtest_mape.toFixed(1)} %, selected by MASE ${first.backtest_error.toFixed(2)}):`);
    expect(lines[heading + 1]).toMatch(/^week of\s+missions\s+80 % interval$/);
    const round = (v: number) => Math.round(v).toLocaleString('en-US');
    stored.rows.forEach((r, i) => {
      expect(lines[heading + 2 + i].split(/\s{2,}/)).toEqual([r.ds, round(r.mean), `${round(r.lo_80)} – ${round(r.hi_80)}`]);
    });
  });

  it('writes the report and ends the summary with its path', () => {
    expect(summary.report).toBe(join(dir, 'index.html'));
    const html = readFileSync(summary.report!, 'utf8');
    expect(html).toContain('Missions (week)');
    expect(html.match(/class="kpicast-chart"/g)?.length).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(dir, 'assets', 'plotly.js'))).toBe(true);
    expect(formatJobSummary(summary).trimEnd().split('\n').at(-1)).toBe(`report: ${summary.report}`);
  });
});
