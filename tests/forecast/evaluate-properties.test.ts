import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateSeries, FitCache, getModel, type EvaluateConfig } from '../../src/index.js';

// The orchestration around the models (backtests, ensemble, empirical intervals) keeps the
// models' promise on bad input: finite means and bounds, lo ≤ mean ≤ hi, right lengths.
const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, NaN, Infinity, -Infinity, 1e300, -1e300) },
);
const config: EvaluateConfig = {
  h: 3, models: ['naive', 'drift', 'ma', 'croston', 'npts', 'ses'], levels: [80, 95], metric: 'mape',
  windows: 2, step: 1, seasonLength: 4, maseSeason: 1, ensemble: { k: 2, combine: 'mean' },
};

describe('evaluateSeries(id, values, config) over random series', () => {
  it.each([['mean'], ['median']] as const)('every outcome, the %s ensemble included, is finite with lo ≤ mean ≤ hi', (combine) => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 30 }), (values) => {
        const outcome = evaluateSeries('s', Float64Array.from(values), { ...config, ensemble: { k: 2, combine } }, getModel, new FitCache());
        expect(outcome.selected).not.toBe('');
        for (const o of outcome.outcomes) {
          expect(o.mean.length).toBe(3);
          for (let l = 0; l < 2; l++) {
            for (let j = 0; j < 3; j++) {
              expect(Number.isFinite(o.mean[j]) && Number.isFinite(o.lo[l][j]) && Number.isFinite(o.hi[l][j])).toBe(true);
              expect(o.lo[l][j]).toBeLessThanOrEqual(o.mean[j]);
              expect(o.mean[j]).toBeLessThanOrEqual(o.hi[l][j]);
            }
          }
          for (const score of Object.values(o.scores)) expect(Number.isFinite(score)).toBe(true);
        }
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});

describe('evaluateSeries(id, values, config) intervals over random non-constant series', () => {
  const nonConstant = fc
    .oneof(
      fc.array(value, { minLength: 2, maxLength: 40 }),
      fc.array(fc.constantFrom(0, 0, 0, 0, 1, 5), { minLength: 2, maxLength: 60 }),
      fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 5, max: 40 })).map(([a, n]) => Array.from({ length: n }, (_, t) => (t < n - 8 ? a : 2 * a))),
    )
    .filter((values) => new Set(values.filter((v) => Number.isFinite(v))).size >= 2);
  it('no outcome (empirical intervals and the ensemble included) has an interval of zero width', () => {
    fc.assert(
      fc.property(nonConstant, fc.integer({ min: 1, max: 4 }), (values, windows) => {
        const finite = values.filter((v) => Number.isFinite(v));
        const floor = 1e-9 * (Math.max(...finite) - Math.min(...finite));
        const outcome = evaluateSeries('s', Float64Array.from(values), { ...config, models: ['naive', 'drift', 'ma', 'croston', 'tsb', 'npts', 'snpts', 'snaive'], windows }, getModel, new FitCache());
        for (const o of outcome.outcomes) {
          for (let l = 0; l < 2; l++) {
            for (let j = 0; j < 3; j++) {
              expect(o.hi[l][j] - o.lo[l][j], `${o.model} ${o.intervals}`).toBeGreaterThan(0);
              expect(o.hi[l][j] - o.lo[l][j], `${o.model} ${o.intervals}`).toBeGreaterThanOrEqual(floor);
            }
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
