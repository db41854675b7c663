import { describe, expect, it } from 'vitest';
import { bias, coverage, mape, mase, msis, rmse, smape, wape, seasonalNaiveScale } from '../../src/index.js';

const f = (...values: number[]) => Float64Array.from(values);

describe('metrics', () => {
  it('mape(actual, forecast) is the mean absolute percentage error in % (hand computation: (10% + 10%) / 2)', () => {
    expect(mape(f(100, 200), f(110, 180))).toBeCloseTo(10, 12);
  });

  it('mape(actual, forecast) is undefined when an actual is zero, never Infinity', () => {
    expect(mape(f(0, 100), f(1, 100))).toBeUndefined();
  });

  it('mape(actual, forecast) skips non-finite pairs and is undefined with nothing left', () => {
    expect(mape(f(NaN, 100), f(1, 90))).toBeCloseTo(10, 12);
    expect(mape(f(NaN), f(1))).toBeUndefined();
  });

  it('smape(actual, forecast) follows M4: 200·|a−f|/(|a|+|f|), and a = f = 0 counts 0', () => {
    expect(smape(f(100), f(50))).toBeCloseTo(200 / 3, 12);
    expect(smape(f(0, 100), f(0, 100))).toBe(0);
  });

  it('smape overflowing the doubles (|a|+|f| beyond the largest double) is undefined, not NaN', () => {
    expect(smape(f(1.7e308), f(-1.7e308))).toBeUndefined();
  });

  it('mase(actual, forecast, insample, 1) scales by the in-sample naive MAE (hand computation: MAE 1.5 / scale 1)', () => {
    expect(mase(f(4, 5), f(3, 3), f(1, 2, 3), 1)).toBeCloseTo(1.5, 12);
    expect(seasonalNaiveScale(f(1, 3, 2), 1)).toBeCloseTo(1.5, 12);
  });

  it('mase(actual, forecast, insample) is undefined for a constant history (zero scale)', () => {
    expect(mase(f(4), f(3), f(2, 2, 2), 1)).toBeUndefined();
  });

  it('rmse, wape and bias match hand computations', () => {
    expect(rmse(f(0, 0), f(3, 4))).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(wape(f(0, 100), f(10, 90))).toBeCloseTo(20, 12);
    expect(wape(f(0, 0), f(1, 1))).toBeUndefined();
    expect(bias(f(10, 10), f(12, 11))).toBeCloseTo(1.5, 12);
  });

  it('coverage and msis(actual, lo, hi, insample, 1, 95) follow the M4 definitions', () => {
    expect(coverage(f(1, 5), f(0, 0), f(2, 2))).toBe(50);
    // width 2, actual inside: score 2, scale 1
    expect(msis(f(5), f(4), f(6), f(0, 1), 1, 95)).toBeCloseTo(2, 12);
    // actual 8 above hi 6: 2 + (2/0.05)·2 = 82
    expect(msis(f(8), f(4), f(6), f(0, 1), 1, 95)).toBeCloseTo(82, 9);
  });
});

describe('metrics never overflow to Infinity', () => {
  it('mape, mase and rmse are undefined or finite with denormal actuals and huge errors', () => {
    expect(mape(f(-1e-323), f(1e300))).toBeUndefined();
    expect(mase(f(1e300), f(0), f(0, 1e-323), 1)).toBeUndefined();
    expect(rmse(f(1e300, -1e300), f(-1e300, 1e300))).toBeCloseTo(2e300, -290);
  });
});
