/**
 * Cross-check against R's forecast package (8.20): fixtures written by
 * tests/fixtures/r/make-reference.R for twelve series (six M4 weekly at
 * frequency 52, AirPassengers, USAccDeaths, UKgas, a 24-point JohnsonJohnson,
 * Nile, lynx). Point forecasts must agree within 2 %, interval bounds within
 * 5 % of R's interval width, and automatic ETS must pick R's form. Every one of these series has
 * never been negative, so where R's normal interval reaches below zero the reference is the same
 * normal truncated at zero (kernels/intervals.ts), R's mean floored at 0.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dampedHolt, ets, holt, holtWinters, holtWintersMultiplicative, ses, theta } from '../../../src/index.js';
import type { ForecastModel } from '../../../src/index.js';
import { neverNegative, nonNegativeForecast } from '../../../src/forecast/kernels/intervals.js';

interface Reference {
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
  form?: string;
}
interface Fixture {
  name: string;
  frequency: number;
  h: number;
  y: number[];
  models: Record<string, Reference>;
}

const dir = fileURLToPath(new URL('../../fixtures/r/', import.meta.url));
const fixtures: Fixture[] = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(dir + file, 'utf8')) as Fixture);

const models: Record<string, ForecastModel> = {
  ses,
  holt,
  damped: dampedHolt,
  hw: holtWinters,
  hwMultiplicative: holtWintersMultiplicative,
  ets,
  theta,
};

const cases = fixtures.flatMap((fixture) =>
  Object.keys(fixture.models).filter((key) => key in models).map((key) => ({ fixture, key })));

/** Largest |ours − R| relative to `scale[i]`. */
function worst(ours: Float64Array, reference: number[], scale: (i: number) => number): number {
  let max = 0;
  for (let i = 0; i < reference.length; i++) max = Math.max(max, Math.abs(ours[i] - reference[i]) / scale(i));
  return max;
}

describe('models against R forecast 8.20', () => {
  it('has a dozen fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases.map(({ fixture, key }) => [fixture.name, key, fixture, key] as const))(
    '%s: %s(y).forecast(h, [80, 95]) matches R within 2 % (mean) and 5 % (intervals)',
    (_name, _key, fixture, key) => {
      const r = fixture.models[key];
      const truncated = neverNegative(fixture.y)
        ? nonNegativeForecast({
          mean: Float64Array.from(r.mean),
          intervals: [
            { level: 80, lo: Float64Array.from(r.lower80), hi: Float64Array.from(r.upper80) },
            { level: 95, lo: Float64Array.from(r.lower95), hi: Float64Array.from(r.upper95) },
          ],
        })
        : undefined;
      const reference: Reference = truncated
        ? { ...r, mean: [...truncated.mean], lower80: [...truncated.intervals[0].lo], upper80: [...truncated.intervals[0].hi], lower95: [...truncated.intervals[1].lo], upper95: [...truncated.intervals[1].hi] }
        : r;
      const fit = models[key].fit(Float64Array.from(fixture.y), { seasonLength: fixture.frequency });
      const forecast = fit.forecast(fixture.h, [80, 95]);
      expect(fit.fallback).toBeUndefined();
      expect(worst(forecast.mean, reference.mean, (i) => Math.abs(reference.mean[i]))).toBeLessThan(0.02);
      const [i80, i95] = forecast.intervals;
      // tolerances relative to R's own (untruncated) widths
      const width80 = (i: number) => r.upper80[i] - r.lower80[i];
      const width95 = (i: number) => r.upper95[i] - r.lower95[i];
      expect(worst(i80.lo, reference.lower80, width80)).toBeLessThan(0.05);
      expect(worst(i80.hi, reference.upper80, width80)).toBeLessThan(0.05);
      expect(worst(i95.lo, reference.lower95, width95)).toBeLessThan(0.05);
      expect(worst(i95.hi, reference.upper95, width95)).toBeLessThan(0.05);
      if (key === 'ets') expect(fit.alias).toBe(r.form);
      if (truncated) for (const interval of forecast.intervals) expect(Math.min(...interval.lo)).toBeGreaterThanOrEqual(0);
    },
  );
});
