import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import {
  aggregateHierarchy, bottomUp, correlationOf, forecast, forecastHierarchy, normalQuantile, reconcileBounds, reconcileHierarchy, InputError, minTrace, minTraceProjection, OptionError, reconcile, seededRandom, shrinkCovariance,
  summingMatrix, topDown, type HierarchyResult, type ReconcileMethod,
} from '../../src/index.js';

/** Weekly store × category rows (with a region above the stores): level, trend, yearly season and noise of their own. */
function generated(weeks = 70): pl.DataFrame {
  const random = seededRandom(7);
  const rows: Record<string, unknown[]> = { region: [], store: [], category: [], ds: [], y: [] };
  const stores = [['north', 'S01'], ['north', 'S02'], ['south', 'S03']];
  const categories = ['cheese', 'wine', 'deli'];
  const start = Date.UTC(2023, 0, 2);
  stores.forEach(([region, store], s) => {
    categories.forEach((category, c) => {
      const level = 50 + 30 * s + 15 * c;
      for (let t = 0; t < weeks; t++) {
        rows.region.push(region);
        rows.store.push(store);
        rows.category.push(category);
        rows.ds.push(new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
        rows.y.push(level + 0.3 * (s + 1) * t + 8 * Math.sin((2 * Math.PI * t) / 52 + c) + 6 * (random() - 0.5));
      }
    });
  });
  return pl.DataFrame(rows);
}

/** Means per node and date of a forecast frame. */
function meansOf(frame: pl.DataFrame): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of frame.toRecords() as Array<Record<string, unknown>>) out.set(`${String(r.unique_id)}@${String(r.ds)}`, Number(r.mean));
  return out;
}

/** Every parent minus the sum of its children, largest over nodes and dates. */
function incoherence(result: HierarchyResult, frame: pl.DataFrame = result.forecasts): number {
  const means = meansOf(frame);
  const dates = [...new Set(frame.getColumn('ds').toArray() as string[])];
  const ids = result.S.ids;
  const depth = (id: string) => (id === 'total' ? 0 : id.split('/').length);
  let worst = 0;
  for (const parent of ids) {
    const children = ids.filter((id) => depth(id) === depth(parent) + 1 && (parent === 'total' || id.startsWith(`${parent}/`)));
    if (children.length === 0) continue;
    for (const ds of dates) {
      const sum = children.reduce((acc, id) => acc + means.get(`${id}@${ds}`)!, 0);
      worst = Math.max(worst, Math.abs(means.get(`${parent}@${ds}`)! - sum));
    }
  }
  return worst;
}

const options = { h: 4, models: ['naive', 'drift', 'ses'], windows: 3, parallel: false } as const;

describe('summingMatrix(bottomPaths)', () => {
  it('summingMatrix(paths) has the total, each level in tree order, then the identity (hand-written)', () => {
    const S = summingMatrix(['B/x', 'A/y', 'A/x']);
    expect(S.ids).toEqual(['total', 'A', 'B', 'A/x', 'A/y', 'B/x']);
    expect(S.bottom).toEqual(['A/x', 'A/y', 'B/x']);
    expect([S.rows, S.cols]).toEqual([6, 3]);
    expect(Array.from(S.data)).toEqual([
      1, 1, 1,
      1, 1, 0,
      0, 0, 1,
      1, 0, 0,
      0, 1, 0,
      0, 0, 1,
    ]);
  });
});

describe('aggregateHierarchy(data, spec)', () => {
  it('aggregateHierarchy(rows, levels) names nodes by path and sums every level', () => {
    const { series, tags } = aggregateHierarchy(
      { region: ['n', 'n', 's', 'n'], store: ['A', 'A', 'B', 'A'], category: ['x', 'y', 'x', 'x'], ds: ['2024-01-01', '2024-01-01', '2024-01-01', '2024-01-08'], y: [1, 2, 4, 8] },
      { levels: ['region', 'store', 'category'] },
    );
    expect(tags).toEqual({ total: ['total'], region: ['n', 's'], 'region/store': ['n/A', 's/B'], 'region/store/category': ['n/A/x', 'n/A/y', 's/B/x'] });
    const byId = new Map(series.map((s) => [s.id, Array.from(s.values)]));
    // week 2: only n/A/x has a row; the others sold nothing (fill zero)
    expect(byId.get('total')).toEqual([7, 8]);
    expect(byId.get('n')).toEqual([3, 8]);
    expect(byId.get('n/A/y')).toEqual([2, 0]);
    expect(series.every((s) => s.timestamps.join() === '2024-01-01,2024-01-08')).toBe(true);
  });

  it('aggregateHierarchy(rows, levels) infers one period for every bottom series: a store selling every fourth week stays weekly', () => {
    const weeks = Array.from({ length: 9 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
    // on its own, 28 days apart reads as monthly (two of these dates in January)
    const everyFourth = [weeks[0], weeks[4], weeks[8]];
    const { series } = aggregateHierarchy(
      { store: [...weeks.map(() => 'A'), ...everyFourth.map(() => 'B')], ds: [...weeks, ...everyFourth], y: [...weeks.map(() => 1), ...everyFourth.map(() => 10)] },
      ['store'],
    );
    expect(series.map((s) => s.period)).toEqual(['week', 'week', 'week']);
    expect([...series[0].values]).toEqual([11, 1, 1, 1, 11, 1, 1, 1, 11]);
  });

  it('aggregateHierarchy(frame, levels) reads unique_id paths when the level columns are absent', () => {
    const { tags } = aggregateHierarchy(pl.DataFrame({ unique_id: ['S01/cheese', 'S01/wine', 'S02/cheese'], ds: ['2024-01-01', '2024-01-01', '2024-01-01'], y: [1, 2, 3] }), ['store', 'category'], { period: 'week' });
    expect(tags).toEqual({ total: ['total'], store: ['S01', 'S02'], 'store/category': ['S01/cheese', 'S01/wine', 'S02/cheese'] });
    expect(() => aggregateHierarchy({ unique_id: ['S01'], ds: ['2024-01-01'], y: [1] }, ['store', 'category'], { period: 'week' })).toThrow(/unique_id on row 1 is "S01", expected 2 parts store\/category/);
  });

  it('aggregateHierarchy refuses a missing level column, a "/" in a value and a bad spec, naming them', () => {
    const rows = { store: ['A'], ds: ['2024-01-01'], y: [1] };
    expect(() => aggregateHierarchy(rows, ['store', 'category'])).toThrow(InputError);
    expect(() => aggregateHierarchy(rows, ['store', 'category'])).toThrow(/column category missing, got store, ds, y; expected store, category, ds, y/);
    expect(() => aggregateHierarchy({ ...rows, store: ['A/B'] }, ['store'])).toThrow(/store on row 1 is "A\/B": a level value may not hold "\/"/);
    expect(() => aggregateHierarchy(rows, [])).toThrow(OptionError);
    expect(() => aggregateHierarchy(rows, ['store', 'store'])).toThrow(/hierarchy: got "store", allowed: each level once/);
    expect(() => aggregateHierarchy(rows, ['ds'])).toThrow(/allowed: level columns other than ds, y, unique_id/);
  });
});

describe('reconcilers on a known case', () => {
  // total = a + b; base forecasts total 10, a 4, b 5 (incoherent by 1)
  const S = summingMatrix(['a', 'b']);
  const base = Float64Array.of(10, 4, 5);

  it('minTrace({ method: "ols" }) is OLS reconciliation: each bottom gets a third of the gap (closed form, FPP3 11.4)', () => {
    const out = reconcile(S, minTrace({ method: 'ols' }).projection({ S }).G, base);
    // (SᵀS)⁻¹Sᵀ for this S: ã = ŷa + (ŷT − ŷa − ŷb)/3, b̃ likewise
    expect(out[1]).toBeCloseTo(4 + 1 / 3, 12);
    expect(out[2]).toBeCloseTo(5 + 1 / 3, 12);
    expect(out[0]).toBeCloseTo(out[1] + out[2], 12);
  });

  it('with nonNegative, a negative reconciled bottom forecast is floored at zero before summing: still coherent, never negative', () => {
    const G = minTrace({ method: 'ols' }).projection({ S }).G;
    const skewed = Float64Array.of(2, -3, 4); // OLS gives a = -3 + (2 + 3 - 4)/3 < 0
    expect(reconcile(S, G, skewed)[1]).toBeLessThan(0);
    const out = reconcile(S, G, skewed, true);
    expect(out[1]).toBe(0);
    expect(out[2]).toBeCloseTo(4 + 1 / 3, 12);
    expect(out[0]).toBeCloseTo(out[1] + out[2], 12);
  });

  it('reconcileBounds gives a never-negative node the truncated normal\'s bounds, around its mean, and leaves the others symmetric', () => {
    const id = { rows: 3, cols: 3, data: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) };
    const projection = { rows: 3, cols: 3, data: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) }; // P = I: each node keeps its own variance
    const mean = Float64Array.of(1, 0.5, 0.5);
    const z = normalQuantile(0.975);
    const lo = Float64Array.of(1 - 4 * z, 0.5 - 2 * z, 0.5 - 2 * z);
    const hi = Float64Array.of(1 + 4 * z, 0.5 + 2 * z, 0.5 + 2 * z);
    const plain = reconcileBounds(projection, id, mean, lo, hi, 95);
    expect(plain.lo[1]).toBeLessThan(0);
    const truncated = reconcileBounds(projection, id, mean, lo, hi, 95, [true, true, false]);
    expect(Math.min(...truncated.lo.subarray(0, 2))).toBeGreaterThanOrEqual(0);
    expect(truncated.lo[0]).toBeLessThanOrEqual(mean[0]);
    expect(truncated.lo[2]).toBeCloseTo(plain.lo[2], 12);
  });

  it('bottomUp() keeps the bottom forecasts and sums them', () => {
    expect(Array.from(reconcile(S, bottomUp().projection({ S }).G, base))).toEqual([9, 4, 5]);
  });

  it('topDown() splits the total by the average historical proportions', () => {
    const insample = [Float64Array.of(10, 20), Float64Array.of(2, 10), Float64Array.of(8, 10)];
    const out = reconcile(S, topDown().projection({ S, insample }).G, base);
    // proportions of a: mean(2/10, 10/20) = 0.35; of b: 0.65
    expect(out[1]).toBeCloseTo(3.5, 12);
    expect(out[2]).toBeCloseTo(6.5, 12);
    expect(out[0]).toBeCloseTo(10, 12);
  });

  it('shrinkCovariance(residuals) and MinT-shrink match R (hts shrink.estim transcribed, then solve())', () => {
    const residuals = [
      Float64Array.of(1.0, -0.5, 0.3, 0.8, -1.2, 0.4),
      Float64Array.of(0.6, -0.2, 0.5, 0.1, -0.9, 0.2),
      Float64Array.of(0.4, -0.3, -0.2, 0.7, -0.3, 0.2),
    ];
    const { covariance, lambda } = shrinkCovariance(residuals);
    expect(lambda).toBeCloseTo(0.212015142703027, 12);
    const expected = [0.596666666666667, 0.274481391958445, 0.195682906228748, 0.274481391958445, 0.251666666666667, 0.0761718695387073, 0.195682906228748, 0.0761718695387073, 0.151666666666667];
    Array.from(covariance.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    const out = reconcile(S, minTrace().projection({ S, residuals }).G, base);
    // R: S %*% solve(t(S) %*% solve(W) %*% S) %*% t(S) %*% solve(W) %*% c(10, 4, 5)
    expect(out[0]).toBeCloseTo(9.40333333333333, 10);
    expect(out[1]).toBeCloseTo(4.25166666666667, 10);
    expect(out[2]).toBeCloseTo(5.15166666666667, 10);
  });

  it('reconcileBounds(P, R, …) under bottom_up and independent errors: the total\'s half-width is the root of the summed squares (normal sums)', () => {
    const P = { rows: 3, cols: 3, data: Float64Array.of(0, 1, 1, 0, 1, 0, 0, 0, 1) }; // S·G of bottom_up for total = a + b
    const identity = correlationOf({ rows: 3, cols: 3, data: Float64Array.of(2, 0, 0, 0, 3, 0, 0, 0, 4) });
    const z = normalQuantile(0.9);
    // base 80 % bounds: total ±10 (ignored by bottom_up), a ±3z, b ±4z
    const { lo, hi } = reconcileBounds(P, identity, Float64Array.of(9, 4, 5), Float64Array.of(0, 4 - 3 * z, 5 - 4 * z), Float64Array.of(20, 4 + 3 * z, 5 + 4 * z), 80);
    expect(hi[0] - 9).toBeCloseTo(5 * z, 10); // √(3² + 4²) = 5 standard deviations
    expect(lo[1]).toBeCloseTo(4 - 3 * z, 10);
    expect(hi[2]).toBeCloseTo(5 + 4 * z, 10);
    // perfectly correlated children: the widths add up
    const together = reconcileBounds(P, { rows: 3, cols: 3, data: new Float64Array(9).fill(1) }, Float64Array.of(9, 4, 5), Float64Array.of(0, 4 - 3 * z, 5 - 4 * z), Float64Array.of(20, 4 + 3 * z, 5 + 4 * z), 80);
    expect(together.hi[0] - 9).toBeCloseTo(7 * z, 10);
  });

  it('minTraceProjection(S, W) survives a singular W (two identical series) with a ridge', () => {
    const W = { rows: 3, cols: 3, data: Float64Array.of(1, 1, 0, 1, 1, 0, 0, 0, 1) };
    const out = reconcile(S, minTraceProjection(S, W), base);
    expect(out.every(Number.isFinite)).toBe(true);
    expect(out[0]).toBeCloseTo(out[1] + out[2], 9);
  });
});

describe('forecastHierarchy(frame, hierarchy, options)', () => {
  const frame = generated();
  const results = new Map<ReconcileMethod, Promise<HierarchyResult>>();
  const run = (method: ReconcileMethod) => {
    if (!results.has(method)) results.set(method, forecastHierarchy(frame, ['region', 'store', 'category'], { ...options, reconcile: method }));
    return results.get(method)!;
  };

  it.each(['mint_shrink', 'bottom_up', 'top_down'] as const)('forecastHierarchy(…, { reconcile: %s }) gives coherent means: every parent = the sum of its children', async (method) => {
    const result = await run(method);
    expect(result.method).toBe(method);
    expect(result.S.ids).toHaveLength(1 + 2 + 3 + 9);
    expect(result.forecasts.height).toBe(15 * 4);
    expect(incoherence(result)).toBeLessThan(1e-9);
    expect(incoherence(result, result.result.best)).toBeLessThan(1e-9);
    // the base forecasts were not coherent to start with (else the test proves nothing)
    expect(incoherence(result, result.base.best)).toBeGreaterThan(1e-3);
    const bounds = result.forecasts.toRecords() as Array<Record<string, number>>;
    for (const r of bounds) {
      expect(r['lo-95']).toBeLessThanOrEqual(r['lo-80']);
      expect(r['lo-80']).toBeLessThanOrEqual(r.mean);
      expect(r['hi-80']).toBeGreaterThanOrEqual(r.mean);
      expect(r['hi-95']).toBeGreaterThanOrEqual(r['hi-80']);
    }
  });

  it('forecastHierarchy(…, { reconcile: bottom_up }) equals the sums of the bottom base forecasts', async () => {
    const result = await run('bottom_up');
    const base = meansOf(result.base.best);
    const reconciled = meansOf(result.forecasts);
    for (const [key, value] of reconciled) {
      const [id, ds] = key.split('@');
      const under = result.S.bottom.filter((b) => id === 'total' || b === id || b.startsWith(`${id}/`));
      expect(value).toBeCloseTo(under.reduce((acc, b) => acc + base.get(`${b}@${ds}`)!, 0), 9);
    }
  });

  it('forecastHierarchy reports base and reconciled backtest WAPE and MAPE per level', async () => {
    const result = await run('mint_shrink');
    expect(result.errors.columns).toEqual(['level', 'series', 'base_wape', 'reconciled_wape', 'base_mape', 'reconciled_mape', 'base_mase', 'reconciled_mase']);
    expect(result.errors.getColumn('level').toArray()).toEqual(['total', 'region', 'region/store', 'region/store/category']);
    const rows = result.errors.toRecords() as Array<Record<string, number>>;
    for (const r of rows) {
      expect(r.base_wape).toBeGreaterThan(0);
      expect(r.reconciled_wape).toBeGreaterThan(0);
    }
    // the base bottom errors are the engine's own scores of the selected models
    const bottom = rows[3];
    const engine = result.base.leaderboard.join(result.base.selected.select('unique_id', 'model'), { on: ['unique_id', 'model'] })
      .filter(pl.col('unique_id').str.contains('/.*/'));
    expect(bottom.base_wape).toBeCloseTo((engine.getColumn('wape').toArray() as number[]).reduce((a, b) => a + b, 0) / 9, 12);
    expect(result.lambda).toBeGreaterThanOrEqual(0);
    expect(result.lambda).toBeLessThanOrEqual(1);
  });

  it('forecastHierarchy validates the method and the options before any work', async () => {
    await expect(forecastHierarchy(frame, ['store', 'category'], { reconcile: 'middle_out' as never })).rejects.toThrow(/^reconcile: got "middle_out", allowed: mint_shrink, bottom_up, top_down$/);
    await expect(forecastHierarchy(frame, ['store', 'category'], { h: 0 })).rejects.toThrow(/^h: got 0/);
  });

  it.each(['top_down', 'mint_shrink'] as const)('forecastHierarchy(…, { reconcile: %s }) reconciles each backtest window from its training data only', async (method) => {
    // the last h weeks (after every window's training) changed a lot: no reconciled backtest may move
    const weeks = 70;
    const changed = generated(weeks).withColumns(
      pl.when(pl.col('ds').gt(pl.lit(new Date(Date.UTC(2023, 0, 2) + (weeks - 5) * 7 * 86_400_000).toISOString().slice(0, 10))).and(pl.col('store').eq(pl.lit('S01'))))
        .then(pl.col('y').mul(5)).otherwise(pl.col('y')).alias('y'),
    );
    const single = { h: 4, models: ['naive'], windows: 3, step: 4, parallel: false, ensemble: false } as const;
    const levels = ['store', 'category'];
    const backtests = async (frame: pl.DataFrame) => {
      const aggregated = aggregateHierarchy(frame, levels);
      const base = await forecast(aggregated.series, single);
      const result = reconcileHierarchy(aggregated, base, { ...single, reconcile: method });
      return result.seriesErrors;
    };
    const before = await backtests(generated(weeks));
    const after = await backtests(changed);
    // same forecasts over the windows: the errors differ only where the window's actuals changed (S01 and the total)
    const untouched = (frame: pl.DataFrame) => frame.filter(pl.col('unique_id').str.contains('^S0[23]'));
    expect(untouched(after).getColumn('reconciled_wape').toArray()).toEqual(untouched(before).getColumn('reconciled_wape').toArray());
    expect(after.getColumn('reconciled_wape').toArray()).not.toEqual(before.getColumn('reconciled_wape').toArray());
  });

  it('reconcileHierarchy(aggregated, base) refuses a base forecast of other series', async () => {
    const aggregated = aggregateHierarchy(frame, ['store', 'category']);
    const other = await forecast(aggregated.series.slice(1), { h: 4, models: ['naive'], parallel: false });
    expect(() => reconcileHierarchy(aggregated, other, { h: 4 })).toThrow(/reconcileHierarchy: base is not the forecast of these nodes/);
  });
});
