/**
 * arima against R forecast 8.20's auto.arima (tests/fixtures/r/arima/reference.R writes the fixture):
 * the same orders, point forecasts within 2 % and 80/95 % bounds within 5 %.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arima } from '../../../src/forecast/models/arima.js';

interface Reference {
  name: string;
  values: number[];
  seasonLength: number;
  order: { p: number; d: number; q: number; P: number; D: number; Q: number };
  constant: boolean;
  mean: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
}

const references = JSON.parse(readFileSync(new URL('../../fixtures/r/arima/reference.json', import.meta.url), 'utf8')) as Reference[];

/**
 * Series left out of the asserted set, each for why. lynx: R's orders and point forecasts, but R's
 * lower bounds go below zero and the guard keeps forecasts of a never-negative series at or above zero
 * (a truncated normal), so the bounds differ by design; tests/forecast/kernels/arima-likelihood.test.ts
 * checks R's bounds on the kernel's normal intervals.
 */
const notYetMatched = new Set(['lynx']);

function orderOf(alias: string): number[] {
  const match = /^ARIMA\((\d),(\d),(\d)\)(?:\((\d),(\d),(\d)\)\[\d+\])?/.exec(alias);
  if (!match) throw new Error(`not an ARIMA alias: ${alias}`);
  return match.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
}

function expectWithin(actual: ArrayLike<number>, expected: number[], tolerance: number, what: string): void {
  expected.forEach((v, i) => {
    const rel = Math.abs(actual[i] - v) / Math.abs(v);
    expect(rel, `${what}[${i}]: ${actual[i]} vs R ${v}`).toBeLessThanOrEqual(tolerance);
  });
}

describe('arima against R auto.arima', () => {
  const asserted = references.filter((r) => !notYetMatched.has(r.name));

  it('covers at least twelve reference series', () => {
    expect(asserted.map((r) => r.name)).toEqual(['AirPassengersLog', 'AirPassengers', 'WWWusage', 'Nile', 'LakeHuron', 'USAccDeaths', 'wineind', 'woolyrnq', 'gold', 'W1', 'W2', 'W3']);
  });

  for (const ref of asserted) {
    it(`${ref.name}: R's orders, forecasts within 2 %, bounds within 5 %`, () => {
      const fit = arima.fit(Float64Array.from(ref.values), { seasonLength: ref.seasonLength });
      const o = ref.order;
      expect(orderOf(fit.alias)).toEqual([o.p, o.d, o.q, o.P, o.D, o.Q]);
      expect(/with (drift|mean)/.test(fit.alias)).toBe(ref.constant);
      const h = ref.mean.length;
      const fc = fit.forecast(h, [80, 95]);
      expectWithin(fc.mean, ref.mean, 0.02, 'mean');
      expectWithin(fc.intervals[0].lo, ref.lo80, 0.05, 'lo80');
      expectWithin(fc.intervals[0].hi, ref.hi80, 0.05, 'hi80');
      expectWithin(fc.intervals[1].lo, ref.lo95, 0.05, 'lo95');
      expectWithin(fc.intervals[1].hi, ref.hi95, 0.05, 'hi95');
    });
  }

  it('falls back, saying why, on a constant or too short series', () => {
    expect(arima.fit(new Float64Array(30).fill(5)).fallback).toMatch(/constant/);
    expect(arima.fit(Float64Array.of(1, 2, 3)).fallback).toMatch(/too few/);
  });
});
