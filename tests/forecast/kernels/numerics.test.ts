/**
 * The numeric kernels behind the smoothing family, against R's own values.
 */
import { describe, expect, it } from 'vitest';
import { qnorm } from '../../../src/forecast/kernels/intervals.js';
import { autocorrelations, classicalSeasonal } from '../../../src/forecast/kernels/decompose.js';
import { admissible, etsPointForecast, etsRecursion, etsWorkspace, rootsInsideUnitCircle } from '../../../src/forecast/kernels/ets-core.js';
import type { EtsForm } from '../../../src/forecast/kernels/ets-core.js';

describe('forecast kernels', () => {
  it('qnorm(p) equals R qnorm to 1e-15', () => {
    // R: qnorm(c(0.975, 0.9, 1e-10)) = 1.959963984540054, 1.281551565544601, -6.361340902404056
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(qnorm(0.9)).toBeCloseTo(1.281551565544601, 14);
    expect(qnorm(1e-10)).toBeCloseTo(-6.361340902404056, 13);
  });

  it('classicalSeasonal(y, 4, multiplicative) equals R decompose(ts(y, frequency = 4), "multiplicative")$seasonal', () => {
    // R: y <- c(10, 20, 30, 40, 12, 22, 33, 41, 11, 23, 31, 44); decompose(ts(y, f = 4), "multiplicative")$figure
    // = 0.4311760807 0.8334986597 1.2026587921 1.5326664674
    const y = Float64Array.of(10, 20, 30, 40, 12, 22, 33, 41, 11, 23, 31, 44);
    const s = classicalSeasonal(y, 4, 'multiplicative');
    expect(Array.from(s.subarray(0, 4)).map((v) => Number(v.toFixed(6)))).toEqual([0.431176, 0.833499, 1.202659, 1.532666]);
  });

  it.each([
    [52, 'additive'],
    [52, 'multiplicative'],
    [12, 'additive'],
    [7, 'multiplicative'],
    [5, 'additive'],
  ] as const)('classicalSeasonal with season %i (%s) on 2,600 points equals the centred moving average summed term by term', (m, type) => {
    // the running window sum must not drift from the direct sum over a long, large-valued series
    const n = 2600;
    const y = new Float64Array(n);
    let state = 7;
    for (let t = 0; t < n; t++) {
      state = (state * 48271) % 2147483647;
      y[t] = 1e5 + 30 * t + 5000 * Math.sin((2 * Math.PI * t) / m) + (state / 2147483647) * 2000;
    }
    const even = m % 2 === 0;
    const width = even ? m + 1 : m;
    const half = Math.floor(width / 2);
    const sums = new Float64Array(m);
    const counts = new Float64Array(m);
    for (let t = half; t < n - half; t++) {
      let trend = 0;
      for (let k = 0; k < width; k++) trend += (even && (k === 0 || k === width - 1) ? 0.5 : 1) * y[t - half + k];
      trend /= m;
      sums[t % m] += type === 'additive' ? y[t] - trend : y[t] / trend;
      counts[t % m] += 1;
    }
    const figure = Array.from(sums, (s, i) => s / counts[i]);
    const mean = figure.reduce((a, b) => a + b, 0) / m;
    const expected = figure.map((f) => (type === 'additive' ? f - mean : f / mean));
    const actual = classicalSeasonal(y, m, type);
    for (let t = 0; t < n; t++) expect(Math.abs(actual[t] - expected[t % m])).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected[t % m])));
  });

  it('autocorrelations(1..4, 2) equals R acf: 0.25, -0.3', () => {
    const r = autocorrelations(Float64Array.of(1, 2, 3, 4), 2);
    expect(r[0]).toBeCloseTo(0.25, 12);
    expect(r[1]).toBeCloseTo(-0.3, 12);
  });

  it('rootsInsideUnitCircle: roots ±0.5 inside, root 2 outside', () => {
    expect(rootsInsideUnitCircle(Float64Array.of(-0.25, 0, 1))).toBe(true);
    expect(rootsInsideUnitCircle(Float64Array.of(-2, 1))).toBe(false);
  });

  it('admissible(alpha, beta, gamma, phi, m) rejects gamma > 1 + 1/phi − alpha', () => {
    expect(admissible(0.5, 0.1, 0.1, 1, 12)).toBe(true);
    expect(admissible(0.5, 0.1, 1.6, 1, 12)).toBe(false);
  });

  it('etsPointForecast(damped state) adds φ + φ² + … times the trend', () => {
    const f = etsPointForecast(Float64Array.of(10, 1), { error: 'A', trend: 'A', season: 'N', damped: true, m: 1 }, 0.5, 3);
    expect(Array.from(f)).toEqual([10.5, 10.75, 10.875]);
  });

  it.each([1, 1e-30, 1e25])('etsRecursion fast path (no stored errors) equals the full recursion for every non-seasonal form, values of scale %s', (scale) => {
    const y = Float64Array.from({ length: 101 }, (_, t) => scale * (50 + t + 10 * Math.sin(t)));
    const forms: EtsForm[] = ['A', 'M'].flatMap((error) => [
      { error, trend: 'N', season: 'N', damped: false, m: 1 },
      { error, trend: 'A', season: 'N', damped: false, m: 1 },
      { error, trend: 'A', season: 'N', damped: true, m: 1 },
    ] as EtsForm[]);
    for (const form of forms) {
      const state = Float64Array.of(50 * scale, scale);
      const full = etsWorkspace(y.length, 1);
      const fast = etsWorkspace(y.length, 1);
      fast.keepErrors = false;
      const a = etsRecursion(y, state, form, 0.3, 0.1, 0, form.damped ? 0.9 : 1, full);
      const b = etsRecursion(y, state, form, 0.3, 0.1, 0, form.damped ? 0.9 : 1, fast);
      expect(Math.abs(a - b)).toBeLessThan(1e-9 * Math.max(1, Math.abs(a)));
      expect(fast.last[0] / full.last[0]).toBeCloseTo(1, 10);
      expect(fast.mse / full.mse).toBeCloseTo(1, 10);
    }
  });
});
