import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { modelNames, getModel } from '../../src/index.js';

// Random series of the kinds the issue lists: empty, all NaN, constant, 1–3 points, zeros,
// negatives, NaN or Infinity inside, huge values, and ordinary noise.
const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, NaN, Infinity, -Infinity, 1e300, -1e300, 1e-300) },
);
const series = fc.oneof(
  fc.constant<number[]>([]),
  fc.array(fc.constant(NaN), { minLength: 1, maxLength: 10 }),
  fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 30 })).map(([v, n]) => Array<number>(n).fill(v)),
  fc.array(value, { minLength: 1, maxLength: 3 }),
  fc.array(fc.constantFrom(0, 0, 0, 1, 5), { minLength: 1, maxLength: 40 }),
  fc.array(value, { minLength: 4, maxLength: 40 }),
  fc.array(fc.double({ min: 1e250, max: 1e300, noNaN: true }), { minLength: 1, maxLength: 20 }),
);

describe.each(modelNames.map((name) => [name]))('model %s over random series', (name) => {
  const model = getModel(name);
  it(`${name}.fit(y).forecast(h, [80, 95]) has no NaN or Infinity, right lengths, and lo ≤ mean ≤ hi`, () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 8 }), fc.constantFrom(1, 4, 7), (values, h, seasonLength) => {
        const y = Float64Array.from(values);
        const fitted = model.fit(y, { seasonLength });
        expect(fitted.fitted.length).toBe(y.length);
        expect(fitted.residuals.length).toBe(y.length);
        const f = fitted.forecast(h, [80, 95]);
        expect(f.mean.length).toBe(h);
        expect(f.intervals.map((i) => i.level)).toEqual([80, 95]);
        for (const interval of f.intervals) {
          expect(interval.lo.length).toBe(h);
          expect(interval.hi.length).toBe(h);
          for (let i = 0; i < h; i++) {
            expect(Number.isFinite(f.mean[i])).toBe(true);
            expect(Number.isFinite(interval.lo[i]) && Number.isFinite(interval.hi[i])).toBe(true);
            expect(interval.lo[i]).toBeLessThanOrEqual(f.mean[i]);
            expect(f.mean[i]).toBeLessThanOrEqual(interval.hi[i]);
          }
        }
      }),
      { numRuns: 60, seed: 20261121 },
    );
  });
});

// Non-constant series (finite values not all equal), among them the kinds that gave zero-width
// intervals: two points, one season, intermittent demand whose last values are all zero, exact
// lines and exact seasonal patterns, noise with NaN inside.
const nonConstant = fc
  .oneof(
    fc.array(value, { minLength: 2, maxLength: 60 }),
    fc.array(fc.constantFrom(0, 0, 0, 0, 1, 5), { minLength: 2, maxLength: 80 }),
    fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.5, max: 10, noNaN: true }), fc.integer({ min: 2, max: 40 }))
      .map(([a, b, n]) => Array.from({ length: n }, (_, t) => a + b * t)),
    fc.tuple(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 7 }), fc.integer({ min: 1, max: 12 }))
      .map(([season, repeats]) => Array.from({ length: season.length * repeats }, (_, t) => season[t % season.length])),
  )
  .filter((values) => new Set(values.filter((v) => Number.isFinite(v))).size >= 2);

/** Width at least the rounding left by an exact fit: a billionth of the series' range (kernels/interval-width.ts). */
function widthFloor(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  return 1e-9 * (Math.max(...finite) - Math.min(...finite));
}

describe.each(modelNames.map((name) => [name]))('model %s over random non-constant series', (name) => {
  const model = getModel(name);
  it(`${name}.fit(y).forecast(h, [80, 95]) never gives an interval of zero width`, () => {
    fc.assert(
      fc.property(nonConstant, fc.integer({ min: 1, max: 6 }), fc.constantFrom(1, 4, 7, 52), (values, h, seasonLength) => {
        const f = model.fit(Float64Array.from(values), { seasonLength }).forecast(h, [80, 95]);
        const floor = widthFloor(values);
        for (const interval of f.intervals) for (let i = 0; i < h; i++) {
          expect(interval.hi[i] - interval.lo[i]).toBeGreaterThan(0);
          expect(interval.hi[i] - interval.lo[i]).toBeGreaterThanOrEqual(floor);
        }
      }),
      { numRuns: 80, seed: 20261201 },
    );
  });
});
