import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/index.js';

describe('createRandom', () => {
  it('createRandom(seed) gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('next() stays in [0, 1) and int(min, max) in [min, max], reaching both ends', () => {
    const r = createRandom(7);
    const ints = new Set<number>();
    for (let i = 0; i < 10_000; i += 1) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      ints.add(r.int(1, 6));
    }
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('poisson(lambda) and normal(mean, sd) have the asked mean and spread (20,000 draws, 4 % tolerance)', () => {
    const r = createRandom(1);
    const n = 20_000;
    for (const lambda of [0.3, 2.5, 45]) {
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i += 1) {
        const k = r.poisson(lambda);
        sum += k;
        squares += k * k;
      }
      const mean = sum / n;
      // A Poisson law's variance equals its mean.
      expect(Math.abs(mean / lambda - 1)).toBeLessThan(0.04);
      expect(Math.abs((squares / n - mean * mean) / lambda - 1)).toBeLessThan(0.06);
    }
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i += 1) {
      const x = r.normal(10, 2);
      sum += x;
      squares += x * x;
    }
    expect(Math.abs(sum / n - 10)).toBeLessThan(0.05);
    expect(Math.abs(Math.sqrt(squares / n - (sum / n) ** 2) - 2)).toBeLessThan(0.05);
  });
});
