import { describe, expect, it } from 'vitest';
import { croston, tsb } from '../../src/index.js';
import { goldenSectionPair } from '../../src/forecast/models/croston.js';
import { tsbByHand } from '../helpers/intermittent.js';

// The searches one at a time, as written before they were run side by side: the side-by-side
// searches must find the same parameters to the bit.
function goldenSection(f: (x: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let [a, b] = [lo, hi];
  let [c, d] = [b - g * (b - a), a + g * (b - a)];
  let [fc, fd] = [f(c), f(d)];
  for (let i = 0; i < 30; i++) {
    if (fc < fd) {
      [b, d, fd] = [d, c, fc];
      c = b - g * (b - a);
      fc = f(c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}
function sesMse(x: number[], alpha: number): number {
  let [level, sse] = [x[0], 0];
  for (let t = 1; t < x.length; t++) {
    const e = x[t] - level;
    sse += e * e;
    level += alpha * e;
  }
  return sse / (x.length - 1);
}

const demand = Float64Array.from({ length: 300 }, (_, t) => ((t * 7919) % 5 < 2 ? 1 + ((t * 104729) % 13) : 0));
const smooth = Float64Array.from({ length: 300 }, (_, t) => 50 + 10 * Math.sin(t / 9) + ((t * 7919) % 17));

describe('the intermittent models\' parameter searches, run side by side', () => {
  it('goldenSectionPair finds each function\'s minimum as a search of it alone does, to the bit', () => {
    const f1 = (x: number) => (x - 0.17) ** 2;
    const f2 = (x: number) => Math.abs(x - 0.29) + 1;
    const [m1, m2] = goldenSectionPair((x1, x2, out) => {
      out[0] = f1(x1);
      out[1] = f2(x2);
    }, 0.1, 0.3);
    expect(m1).toBe(goldenSection(f1, 0.1, 0.3));
    expect(m2).toBe(goldenSection(f2, 0.1, 0.3));
    expect(m1).toBeCloseTo(0.17, 6);
  });

  it.each([['intermittent', demand], ['smooth', smooth]])('croston on a %s series: each smoothing parameter that of its own golden-section search', (_, y) => {
    const sizes: number[] = [];
    const intervals: number[] = [];
    let last = -1;
    y.forEach((v, t) => {
      if (v !== 0) [sizes[sizes.length], intervals[intervals.length], last] = [v, t - last, t];
    });
    const fit = croston.fit(y);
    expect(fit.alphaZ).toBe(goldenSection((a) => sesMse(sizes, a), 0.1, 0.3));
    expect(fit.alphaP).toBe(goldenSection((a) => sesMse(intervals, a), 0.1, 0.3));
  });

  it.each([['intermittent', demand], ['smooth', smooth]])('tsb on a %s series: the grid point then the refinement of lowest MSE, the first of equals', (_, y) => {
    let best = { mse: Infinity, alphaD: 0.1, alphaP: 0.1 };
    const tryPair = (alphaD: number, alphaP: number) => {
      const { mse } = tsbByHand(y, alphaD, alphaP);
      if (mse < best.mse) best = { mse, alphaD, alphaP };
    };
    for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) tryPair(i * 0.1, j * 0.1);
    const { alphaD, alphaP } = best;
    for (const dd of [-0.05, 0, 0.05]) for (const dp of [-0.05, 0, 0.05]) if (dd !== 0 || dp !== 0) tryPair(alphaD + dd, alphaP + dp);
    const fit = tsb.fit(y);
    expect([fit.alphaD, fit.alphaP]).toEqual([best.alphaD, best.alphaP]);
  });
});
