/**
 * kpicast's `mstl` against R forecast 8.20: `mstl(msts(y, periods))` then `forecast(fit, method =
 * "ets")`, fixtures written by tests/fixtures/r/make-mstl.R — three years of daily Chicago
 * boardings (week and year), half-hourly taylor demand (day and week), AirPassengers (one season)
 * and one year of Chicago (the year dropped: fewer than two cycles). The ETS form of the seasonally
 * adjusted series must be R's, the trend and the point forecasts within 2 %, the bounds within 5 %
 * of R's interval width.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getModel, mstl, mstlDecompose } from '../../../src/index.js';

interface Fixture {
  name: string;
  periods: number[];
  h: number;
  y: number[];
  method: string;
  seasonalColumns: string[];
  trend: number[];
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

const dir = fileURLToPath(new URL('../../fixtures/r/mstl/', import.meta.url));
const fixtures: Fixture[] = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as Fixture);

/** Largest |ours − R| relative to scale(i). */
function worst(ours: ArrayLike<number>, reference: number[], scale: (i: number) => number): number {
  let max = 0;
  for (let i = 0; i < reference.length; i++) max = Math.max(max, Math.abs(ours[i] - reference[i]) / scale(i));
  return max;
}

describe('mstl against R forecast 8.20', () => {
  it('has the four fixtures', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(['AirPassengers', 'chicago1y', 'chicago3y', 'taylor']);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: the periods R keeps, its ETS form, trend, forecasts and intervals', (_name, fixture) => {
    const y = Float64Array.from(fixture.y);
    const parts = mstlDecompose(y, fixture.periods);
    expect(parts.periods.map((p) => `Seasonal${p}`)).toEqual(fixture.seasonalColumns);
    expect(worst(parts.trend, fixture.trend, (i) => Math.abs(fixture.trend[i]))).toBeLessThan(0.02);
    const fit = mstl({ seasonLengths: fixture.periods }).fit(y);
    expect(fit.alias.split(' + ')[1]).toBe(fixture.method.replace(/^STL \+\s+/, ''));
    const forecast = fit.forecast(fixture.h, [80, 95]);
    expect(worst(forecast.mean, fixture.mean, (i) => Math.abs(fixture.mean[i]))).toBeLessThan(0.02);
    const width80 = (i: number) => fixture.upper80[i] - fixture.lower80[i];
    const width95 = (i: number) => fixture.upper95[i] - fixture.lower95[i];
    const [i80, i95] = forecast.intervals;
    expect(worst(i80.lo, fixture.lower80, width80)).toBeLessThan(0.05);
    expect(worst(i80.hi, fixture.upper80, width80)).toBeLessThan(0.05);
    expect(worst(i95.lo, fixture.lower95, width95)).toBeLessThan(0.05);
    expect(worst(i95.hi, fixture.upper95, width95)).toBeLessThan(0.05);
  });

  it('the registered mstl gives a daily series (season 7) its year once it holds more than two: the same forecasts as R with periods 7 and 365', () => {
    const fixture = fixtures.find((f) => f.name === 'chicago3y')!;
    const fit = getModel('mstl').fit(Float64Array.from(fixture.y), { seasonLength: 7 });
    expect(fit.alias).toMatch(/^MSTL\(7, 365\) \+ ETS/);
    expect(worst(fit.forecast(fixture.h).mean, fixture.mean, (i) => Math.abs(fixture.mean[i]))).toBeLessThan(0.02);
    const short = fixtures.find((f) => f.name === 'chicago1y')!;
    expect(getModel('mstl').fit(Float64Array.from(short.y), { seasonLength: 7 }).alias).toMatch(/^MSTL\(7\) \+ ETS/);
  });

  it('update(longer) keeps the ETS form and weights and decomposes the longer series again', () => {
    const fixture = fixtures.find((f) => f.name === 'chicago3y')!;
    const y = Float64Array.from(fixture.y);
    const first = mstl({ seasonLengths: [7, 365] }).fit(y.subarray(0, y.length - 28));
    const extended = first.update!(y);
    expect(extended.alias).toBe(first.alias);
    const mean = extended.forecast(fixture.h).mean;
    // the weights of four weeks earlier on the whole series: near R's refit on it (7 % at most
    // here), where the first fit's own forecast, four weeks behind, is far from it
    expect(worst(mean, fixture.mean, (i) => Math.abs(fixture.mean[i]))).toBeLessThan(0.1);
    expect(worst(first.forecast(fixture.h).mean, fixture.mean, (i) => Math.abs(fixture.mean[i]))).toBeGreaterThan(0.3);
  });
});
