/**
 * Cross-check against R's forecast package (8.20): fixtures written by
 * tests/fixtures/r/make-reference.R for eighteen series of every period: six M4 weekly at
 * frequency 52; daily at 7 (forecast::taylor summed per day, 52 weeks of modeldata::Chicago);
 * monthly AirPassengers, USAccDeaths, gas, wineind; quarterly UKgas, a 24-point JohnsonJohnson,
 * austres, woolyrnq; yearly Nile, lynx. Each is fitted with the season length kpicast gives its
 * period (defaultSeasonLength), which must be R's frequency. Point forecasts must agree within 2 %, interval bounds within
 * 5 % of R's interval width, and automatic ETS must pick R's form. Every one of these series has
 * never been negative, so where R's normal interval reaches below zero the reference is the same
 * normal truncated at zero (kernels/intervals.ts), R's mean floored at 0.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dampedHolt, defaultSeasonLength, ets, holt, holtWinters, holtWintersMultiplicative, naive, seasonalNaive, ses, theta } from '../../../src/index.js';
import type { ForecastModel, Period } from '../../../src/index.js';
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
  naive,
  snaive: seasonalNaive,
  ses,
  holt,
  damped: dampedHolt,
  hw: holtWinters,
  hwMultiplicative: holtWintersMultiplicative,
  ets,
  theta,
};

/**
 * naive and snaive are the plain benchmarks: their bands are the normal ones, never truncated at
 * zero (they do not go through the fit guard of kernels/model-support.ts), so R's own bands are theirs.
 */
const untruncated = new Set(['naive', 'snaive']);

const cases = fixtures.flatMap((fixture) =>
  Object.keys(fixture.models).filter((key) => key in models).map((key) => ({ fixture, key })));

/** The period whose data R holds at each frequency of the fixtures. */
const periodOf: Record<number, Period> = { 7: 'day', 52: 'week', 12: 'month', 4: 'quarter', 1: 'year' };

/**
 * Largest |ours − R| relative to `scale[i]`. An exact match counts 0 even where the scale is 0
 * (R's mean below zero, floored at 0 in the reference and here), which would otherwise be 0/0.
 */
function worst(ours: Float64Array, reference: number[], scale: (i: number) => number): number {
  let max = 0;
  for (let i = 0; i < reference.length; i++) {
    const diff = Math.abs(ours[i] - reference[i]);
    max = Math.max(max, diff === 0 ? 0 : diff / scale(i));
  }
  return max;
}

describe('models against R forecast 8.20', () => {
  it('has a dozen fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  it('covers every period with at least two series, each at the season length of its period', () => {
    const count = new Map<Period, number>();
    for (const fixture of fixtures) {
      const period = periodOf[fixture.frequency];
      expect(period, `${fixture.name}: frequency ${fixture.frequency}`).toBeDefined();
      expect(defaultSeasonLength(period)).toBe(fixture.frequency);
      count.set(period, (count.get(period) ?? 0) + 1);
    }
    for (const period of ['day', 'week', 'month', 'quarter', 'year'] as const) expect(count.get(period) ?? 0, period).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.map(({ fixture, key }) => [fixture.name, key, fixture, key] as const))(
    '%s: %s(y).forecast(h, [80, 95]) matches R within 2 % (mean) and 5 % (intervals)',
    (_name, _key, fixture, key) => {
      const r = fixture.models[key];
      const truncated = neverNegative(fixture.y) && !untruncated.has(key)
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
      const fit = models[key].fit(Float64Array.from(fixture.y), { seasonLength: defaultSeasonLength(periodOf[fixture.frequency]) });
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
