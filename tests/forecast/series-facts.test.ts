/**
 * SeriesFacts (ModelOptions.facts): what the guard reads of a series and of each prefix of it —
 * finite, to be scaled, never negative, range — answered from one pass, the same as the scans it
 * replaces, and only for the series and its prefixes (never for another array, nor for a window
 * that does not start at the series' first value).
 */
import { describe, expect, it } from 'vitest';
import { SeriesFacts } from '../../src/forecast/kernels/series-facts.js';
import { finiteSeries, guarded } from '../../src/forecast/kernels/model-support.js';
import { seriesRange } from '../../src/forecast/kernels/interval-width.js';
import { neverNegative } from '../../src/forecast/kernels/intervals.js';
import { seededRandom } from '../../src/forecast/models/npts.js';
import { getModel } from '../../src/index.js';

const sameValues = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('SeriesFacts(values)', () => {
  it('answers for every prefix what the scans find (2,000 random series with gaps, infinities, negatives, huge values)', () => {
    const random = seededRandom(11);
    const pick = (): number => {
      const u = random();
      if (u < 0.04) return NaN;
      if (u < 0.06) return random() < 0.5 ? Infinity : -Infinity;
      if (u < 0.07) return (random() < 0.5 ? -1 : 1) * 1e101;
      if (u < 0.1) return -random() * 5;
      if (u < 0.12) return random() < 0.5 ? 0 : -0;
      return random() * 100;
    };
    let unscaledPrefixes = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const n = Math.floor(random() * 30);
      const values = Float64Array.from({ length: n }, () => (trial % 3 === 0 ? random() * 10 : pick()));
      const facts = new SeriesFacts(values);
      for (let end = 0; end <= n; end++) {
        const prefix = values.subarray(0, end);
        expect(facts.covers(prefix)).toBe(true);
        expect(facts.neverNegative(end)).toBe(neverNegative(prefix));
        expect(Object.is(facts.range(end), seriesRange(prefix))).toBe(true);
        const scanned = finiteSeries(prefix, undefined, true);
        const unscaled = scanned.missing === 0 && scanned.scale === 1;
        expect(facts.finiteUnscaled(end)).toBe(unscaled);
        if (unscaled) unscaledPrefixes++;
        const read = finiteSeries(prefix, undefined, true, facts);
        expect(sameValues(read.values, scanned.values)).toBe(true);
        expect([read.missing, read.scale]).toEqual([scanned.missing, scanned.scale]);
        for (const fixed of [1, 4]) {
          const a = finiteSeries(prefix, fixed, true, facts);
          const b = finiteSeries(prefix, fixed, true);
          expect(sameValues(a.values, b.values) && a.scale === b.scale && a.missing === b.missing).toBe(true);
        }
      }
    }
    expect(unscaledPrefixes).toBeGreaterThan(5000);
  });

  it('covers the series and its prefixes only: not a copy, not a window that starts later, not a longer view', () => {
    const buffer = new Float64Array(10).fill(1);
    const series = buffer.subarray(2, 8);
    const facts = new SeriesFacts(series);
    expect(facts.covers(series)).toBe(true);
    expect(facts.covers(series.subarray(0, 3))).toBe(true);
    expect(facts.covers(series.slice())).toBe(false);
    expect(facts.covers(series.subarray(1))).toBe(false);
    expect(facts.covers(buffer)).toBe(false);
    expect(facts.covers(buffer.subarray(2, 9))).toBe(false);
  });

  it('never speaks for an array it does not cover: a fit of a series with other values reads its own', () => {
    const engine = Float64Array.of(5, 6, 7, 8, 9, 10, 11, 12);
    const facts = new SeriesFacts(engine);
    const other = Float64Array.of(5, -6, 7, NaN, 9, 10, 11, -12);
    const withFacts = guarded(getModel('naive')).fit(other, { inPlace: true, facts }).forecast(3, [80]);
    const without = guarded(getModel('naive')).fit(other, { inPlace: true }).forecast(3, [80]);
    expect(sameValues(withFacts.intervals[0].lo, without.intervals[0].lo)).toBe(true);
    expect(withFacts.intervals[0].lo.some((v) => v < 0)).toBe(true); // the other series has been negative: no floor at zero
  });

  it('are read only with inPlace: facts of an earlier state of the array do not floor a series that has since gone negative', () => {
    const y = Float64Array.of(5, 6, 7, 6, 5, 6, 7, 8, 7, 6, 7, 8);
    const facts = new SeriesFacts(y);
    y[10] = -40;
    y[11] = -50;
    for (const name of ['naive', 'ses', 'theta', 'croston']) {
      const withStale = getModel(name).fit(y, { facts }).forecast(2, [80]);
      const without = getModel(name).fit(y).forecast(2, [80]);
      expect(sameValues(withStale.mean, without.mean) && sameValues(withStale.intervals[0].lo, without.intervals[0].lo), name).toBe(true);
    }
    expect(getModel('naive').fit(y, { facts }).forecast(1).mean[0]).toBe(-50);
  });

  it('do not cover a length-tracking view that has grown past the series they were made of', () => {
    // a resizable ArrayBuffer (ES2024, in Node 20), beyond the library's TypeScript lib
    type Resizable = ArrayBuffer & { resize(byteLength: number): void };
    const ResizableBuffer = ArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => Resizable;
    const buffer = new ResizableBuffer(4 * 8, { maxByteLength: 16 * 8 });
    const view = new Float64Array(buffer);
    view.set([1, 2, 3, 4]);
    const facts = new SeriesFacts(view);
    expect(facts.covers(view)).toBe(true);
    buffer.resize(8 * 8);
    expect(view.length).toBe(8);
    expect(facts.covers(view)).toBe(false);
    expect(facts.covers(view.subarray(0, 4))).toBe(true);
  });

  it('gives every registry model the forecasts, bounds and updates it gives without them', () => {
    const random = seededRandom(5);
    const values = Float64Array.from({ length: 160 }, (_, t) => Math.max(0, 50 + 20 * Math.sin(t / 8) + 10 * (random() - 0.5)));
    values[30] = 0;
    const facts = new SeriesFacts(values);
    for (const name of ['naive', 'snaive', 'ses', 'holt', 'damped', 'theta', 'drift', 'croston', 'tsb', 'npts', 'ets', 'holt_winters']) {
      const model = getModel(name);
      const options = { seasonLength: 12, inPlace: true };
      for (const end of [100, 160]) {
        const y = values.subarray(0, end);
        const a = model.fit(y, { ...options, facts });
        const b = model.fit(y, options);
        const fa = a.forecast(6, [80, 95]);
        const fb = b.forecast(6, [80, 95]);
        expect(sameValues(fa.mean, fb.mean), name).toBe(true);
        fa.intervals.forEach((interval, l) => expect(sameValues(interval.lo, fb.intervals[l].lo) && sameValues(interval.hi, fb.intervals[l].hi), name).toBe(true));
        expect(a.fallback).toBe(b.fallback);
        if (a.update && end === 100) {
          const ua = a.update(values.subarray(0, 140)).forecast(6, [80]);
          const ub = b.update!(values.subarray(0, 140)).forecast(6, [80]);
          expect(sameValues(ua.mean, ub.mean) && sameValues(ua.intervals[0].lo, ub.intervals[0].lo), name).toBe(true);
        }
      }
    }
  });
});
