/**
 * Bad and degenerate input for the exponential-smoothing family and Theta:
 * no model returns NaN or Infinity, too-short series fall back and say why,
 * bad options throw OptionError naming the option.
 */
import { describe, expect, it } from 'vitest';
import { dampedHolt, ets, holt, holtWinters, holtWintersMultiplicative, OptionError, ses, theta } from '../../../src/index.js';
import type { Forecast, ForecastModel } from '../../../src/index.js';

const family: ForecastModel[] = [ses, holt, dampedHolt, holtWinters, holtWintersMultiplicative, ets, theta];

function expectFinite(forecast: Forecast, h: number): void {
  expect(forecast.mean.length).toBe(h);
  for (const v of forecast.mean) expect(Number.isFinite(v)).toBe(true);
  for (const interval of forecast.intervals) {
    for (let i = 0; i < h; i++) {
      expect(Number.isFinite(interval.lo[i]) && Number.isFinite(interval.hi[i])).toBe(true);
      expect(interval.lo[i]).toBeLessThanOrEqual(interval.hi[i]);
    }
  }
}

const seasonal = Float64Array.from({ length: 48 }, (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12));
const inputs: Record<string, Float64Array> = {
  empty: new Float64Array(0),
  'all NaN': Float64Array.of(NaN, NaN, NaN),
  'one point': Float64Array.of(5),
  'two points': Float64Array.of(5, 7),
  'three points': Float64Array.of(5, 7, 6),
  constant: new Float64Array(30).fill(42),
  zeros: new Float64Array(30),
  'zeros and spikes': Float64Array.from({ length: 40 }, (_, t) => (t % 7 === 0 ? 3 : 0)),
  negatives: Float64Array.from({ length: 30 }, (_, t) => -50 + Math.sin(t) * 5 - t),
  'NaN and Infinity inside': Float64Array.from(seasonal, (v, t) => (t === 5 ? NaN : t === 20 ? Infinity : v)),
  'huge values': Float64Array.from(seasonal, (v) => v * 1e250),
  seasonal,
};

describe('exponential smoothing family on bad input', () => {
  for (const model of family) {
    it.each(Object.entries(inputs))(`${model.name}.fit(%s).forecast(6, [80, 95]) is finite`, (_label, y) => {
      const forecast = model.fit(y, { seasonLength: 12 }).forecast(6, [80, 95]);
      expectFinite(forecast, 6);
    });
  }

  it('ses.fit(three points) takes R\'s small-sample fit and says why (R: alpha 0.5, forecast 6, 6)', () => {
    const fit = ses.fit(Float64Array.of(5, 7, 6));
    expect(fit.fallback).toMatch(/ses: 3 points, too few to fit ETS\(A,N,N\) by likelihood; level by least squares/);
    expect(Array.from(fit.forecast(2).mean).map((v) => Number(v.toFixed(9)))).toEqual([6, 6]);
  });

  it('dampedHolt.fit(6 points) takes R\'s small-sample Holt fit without damping (R: alpha 1, beta 0, forecast 7, 8)', () => {
    const fit = dampedHolt.fit(Float64Array.of(1, 2, 3, 4, 5, 6));
    expect(fit.fallback).toMatch(/damped: 6 points, too few to fit ETS\(A,Ad,N\) by likelihood; .* \(without damping\)/);
    expect(fit.alias).toBe('ETS(A,A,N)');
    expect(Array.from(fit.forecast(2).mean).map((v) => Number(v.toFixed(6)))).toEqual([7, 8]);
  });

  it('holtWinters.fit(y, { seasonLength: 52 }) falls back to Holt: R refuses seasons above 24', () => {
    const y = Float64Array.from({ length: 200 }, (_, t) => 100 + t);
    const fit = holtWinters.fit(y, { seasonLength: 52 });
    expect(fit.fallback).toMatch(/season length 52 above 24/);
    expect(fit.alias).toBe('ETS(A,A,N)');
  });

  it('holtWintersMultiplicative.fit(negative data) uses the additive form and says so', () => {
    const y = Float64Array.from(seasonal, (v) => v - 150);
    const fit = holtWintersMultiplicative.fit(y, { seasonLength: 12 });
    expect(fit.fallback).toMatch(/not all positive/);
    expect(fit.alias).toBe('HoltWinters');
  });

  it('ets.fit(values near 1e250) fits the same form as on the unscaled values, without fallback', () => {
    const small = ets.fit(seasonal, { seasonLength: 12 });
    const huge = ets.fit(Float64Array.from(seasonal, (v) => v * 1e250), { seasonLength: 12 });
    expect(huge.fallback).toBeUndefined();
    expect(huge.alias).toBe(small.alias);
    expect(huge.forecast(1).mean[0] / 1e250).toBeCloseTo(small.forecast(1).mean[0], 0);
  });

  it('ets.fit(constant) forecasts the constant with zero-width intervals', () => {
    const forecast = ets.fit(new Float64Array(30).fill(42)).forecast(3, [95]);
    expect(Array.from(forecast.mean)).toEqual([42, 42, 42]);
    expect(Array.from(forecast.intervals[0].hi)).toEqual([42, 42, 42]);
  });

  it('ets.fit(y with NaN inside) keeps NaN fitted values where y was missing', () => {
    const y = Float64Array.from(seasonal, (v, t) => (t === 10 ? NaN : v));
    const fit = ets.fit(y, { seasonLength: 12 });
    expect(Number.isNaN(fit.fitted[10])).toBe(true);
    expect(Number.isFinite(fit.fitted[11])).toBe(true);
  });

  it.each(family.map((model) => [model.name, model] as const))('%s.fit(y, { seasonLength: 0 }) throws OptionError naming seasonLength', (_name, model) => {
    expect(() => model.fit(seasonal, { seasonLength: 0 })).toThrow(OptionError);
    expect(() => model.fit(seasonal, { seasonLength: 0 })).toThrow(/seasonLength: got 0, allowed: an integer >= 1/);
  });

  it('forecast(0) throws OptionError naming h, with the message every model gives (kernels/model-support.ts checkRequest)', () => {
    expect(() => ses.fit(seasonal).forecast(0)).toThrow(/^h: got 0, allowed: an integer >= 1$/);
  });
});
