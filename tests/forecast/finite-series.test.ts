import { describe, expect, it } from 'vitest';
import { finiteSeries } from '../../src/forecast/kernels/model-support.js';
import { fillMissing } from '../../src/index.js';

describe('finiteSeries, the missing-data rule every fit goes through', () => {
  it('returns a copy, and with inPlace a finite series at scale 1 as it is', () => {
    const y = Float64Array.of(3, -0, 5, 1e99);
    const copied = finiteSeries(y);
    expect(copied.values).not.toBe(y);
    expect([...copied.values].every((v, t) => Object.is(v, y[t]))).toBe(true);
    const { values, missing, scale } = finiteSeries(y, undefined, true);
    expect(values).toBe(y);
    expect([missing, scale]).toEqual([0, 1]);
    expect(finiteSeries(Float64Array.of(NaN, 1), undefined, true).values).not.toBeInstanceOf(Array);
    expect(finiteSeries(Float64Array.of(1e101), undefined, true).values[0]).toBe(1);
  });

  it('fills a series with missing values into a new array, its input left as it was', () => {
    const y = Float64Array.of(NaN, 2, Infinity, 4, NaN);
    const { values, missing, scale } = finiteSeries(y);
    expect(values).not.toBe(y);
    expect([...values]).toEqual([2, 2, 3, 4, 4]);
    expect([...values]).toEqual([...fillMissing(y).values]);
    expect([...fillMissing(y, true).values]).toEqual([2, 2, 3, 4, 4]);
    const complete = Float64Array.of(1, 2);
    expect(fillMissing(complete, true).values).toBe(complete);
    expect(fillMissing(complete).values).not.toBe(complete);
    expect([missing, scale]).toEqual([3, 1]);
    expect(Number.isNaN(y[0]) && y[2] === Infinity).toBe(true);
  });

  it('scales a huge series (largest |value| over 1e100) into a new array, and keeps an imposed scale', () => {
    const y = Float64Array.of(1e101, -2e101);
    const huge = finiteSeries(y);
    expect(huge.values).not.toBe(y);
    expect([...huge.values]).toEqual([0.5, -1]);
    expect(huge.scale).toBe(2e101);
    expect([...y]).toEqual([1e101, -2e101]);
    const imposed = finiteSeries(Float64Array.of(4, 8), 4);
    expect([...imposed.values, imposed.scale]).toEqual([1, 2, 4]);
    const filledAndHuge = finiteSeries(Float64Array.of(NaN, 1e101, -2e101));
    expect([...filledAndHuge.values, filledAndHuge.missing, filledAndHuge.scale]).toEqual([0.5, 0.5, -1, 1, 2e101]);
  });

  it('makes a series with nothing finite all zeros', () => {
    const { values, missing, scale } = finiteSeries(Float64Array.of(NaN, -Infinity));
    expect([...values, missing, scale]).toEqual([0, 0, 2, 1]);
  });
});
