import { describe, expect, it } from 'vitest';
import { forecastOnce, modelNames, getModel, OptionError, type ForecastModel } from '../../src/index.js';
import { rawModels } from '../../src/forecast/models/registry.js';

// One contract for every registered model, raw (as written) and guarded (as the registry serves
// it), after statsforecast's model tests.
const weekly = Float64Array.from({ length: 120 }, (_, t) => 100 + 0.5 * t + 10 * Math.sin((2 * Math.PI * t) / 52) + ((t * 7919) % 11) - 5);
/** Ten years of a season of 12 over a trend: every seasonal model has enough of it to use the season. */
const seasonal = Float64Array.from({ length: 120 }, (_, t) => 200 + t + 40 * Math.sin((2 * Math.PI * t) / 12) + 15 * (t % 12 === 3 ? 1 : 0) + ((t * 7919) % 7) - 3);

const cases: Array<[string, string, ForecastModel]> = [
  ...rawModels.map((model): [string, string, ForecastModel] => [model.name, 'raw', model]),
  ...modelNames.map((name): [string, string, ForecastModel] => [name, 'guarded', getModel(name)]),
];

describe.each(cases)('contract of %s (%s)', (name, kind, model) => {
  it(`${name}.fit(y) has fitted and residuals as long as y, residuals = y − fitted`, () => {
    const fitted = model.fit(weekly, { seasonLength: 52 });
    expect(fitted.fitted.length).toBe(weekly.length);
    for (let t = 0; t < weekly.length; t++) {
      if (Number.isFinite(fitted.fitted[t])) expect(fitted.residuals[t]).toBeCloseTo(weekly[t] - fitted.fitted[t], 6);
    }
    expect(typeof fitted.alias).toBe('string');
  });

  it(`${name}: fit then forecast equals a one-shot forecast, and a longer horizon extends a shorter one`, () => {
    const a = model.fit(weekly, { seasonLength: 52 }).forecast(6, [80, 95]);
    const b = forecastOnce(model, weekly, 6, [80, 95], { seasonLength: 52 });
    expect([...a.mean]).toEqual([...b.mean]);
    expect([...a.intervals[1].hi]).toEqual([...b.intervals[1].hi]);
    const fitted = model.fit(weekly, { seasonLength: 52 });
    const short = fitted.forecast(4).mean;
    const long = fitted.forecast(8).mean;
    if (!name.includes('npts')) for (let i = 0; i < 4; i++) expect(long[i]).toBeCloseTo(short[i], 9);
  });

  it(`${name}.fit(y, { seasonLength: 0 }) throws the OptionError naming seasonLength${kind === 'raw' ? ', or the model does not use seasons' : ''}`, () => {
    let thrown: unknown;
    try {
      model.fit(weekly, { seasonLength: 0 });
    } catch (error) {
      thrown = error;
    }
    if (thrown !== undefined || kind === 'guarded') {
      expect(thrown).toBeInstanceOf(OptionError);
      expect((thrown as OptionError).message).toBe('seasonLength: got 0, allowed: an integer >= 1');
    } else {
      expect(model.accepts ?? []).not.toContain('seasonLength');
    }
  });

  it(`${name}.fit(y).forecast(0) and forecast(4, [100]) throw the one OptionError every model gives`, () => {
    const fitted = model.fit(weekly, { seasonLength: 52 });
    expect(() => fitted.forecast(0)).toThrow(OptionError);
    expect(() => fitted.forecast(0)).toThrow(/^h: got 0, allowed: an integer >= 1$/);
    expect(() => fitted.forecast(4, [100])).toThrow(/^levels: got 100, allowed: numbers in \(0, 100\)$/);
  });

  it(`${name} uses every option it accepts (${(model.accepts ?? []).join(', ') || 'none'}), and only those`, () => {
    const one = model.fit(seasonal, { seasonLength: 1 }).forecast(12, [80]);
    const twelve = model.fit(seasonal, { seasonLength: 12 }).forecast(12, [80]);
    const same = [...one.mean].every((v, i) => v === twelve.mean[i]) && [...one.intervals[0].hi].every((v, i) => v === twelve.intervals[0].hi[i]);
    expect(same).toBe(!(model.accepts ?? []).includes('seasonLength'));
  });

  it(`${name}.fit(y) without a season length fits as with seasonLength: 1, the one default of every model`, () => {
    const unset = model.fit(seasonal).forecast(12, [80]);
    const one = model.fit(seasonal, { seasonLength: 1 }).forecast(12, [80]);
    expect([...unset.mean]).toEqual([...one.mean]);
    expect([...unset.intervals[0].hi]).toEqual([...one.intervals[0].hi]);
  });

  it(`${name}: a guarded model and its raw one list the same options`, () => {
    expect(getModel(name).accepts ?? []).toEqual(rawModels.find((m) => m.name === name)!.accepts ?? []);
  });

  // the guard hands a finite series to the model as it is, not a copy (model-support.ts finiteSeries):
  // no model may write into the values it is given
  it(`${name} never writes into its input: fit, fitWindows, forecast, fitted values and update leave every value as it was`, () => {
    const sparse = Float64Array.from({ length: 120 }, (_, t) => (t % 5 === 0 ? 3 + (t % 7) : 0));
    for (const [original, m] of [[weekly, 52], [seasonal, 12], [sparse, 12]] as const) {
      const y = original.slice();
      const longer = Float64Array.from([...original, ...original.subarray(0, 13)]);
      const kept = longer.slice();
      const fitted = model.fit(y.subarray(0, 107), { seasonLength: m });
      fitted.forecast(13, [80, 95]);
      void fitted.fitted[0];
      void fitted.residuals[0];
      const updated = fitted.update?.(longer);
      updated?.forecast(13, [80]);
      void updated?.residuals[0];
      for (const window of model.fitWindows?.([y.subarray(0, 94), y], { seasonLength: m }) ?? []) {
        window.forecast(13, [80]);
        void window.fitted[0];
      }
      expect([...y].every((v, t) => Object.is(v, original[t]))).toBe(true);
      expect([...longer].every((v, t) => Object.is(v, kept[t]))).toBe(true);
    }
  });
});

describe.each(modelNames.map((name) => [name]))('the guarded %s and the caller\'s array', (name) => {
  // a notebook may fill one buffer per store and fit each in turn: a fit keeps its own copy,
  // unless the caller promises (inPlace, as the engine does) to leave the array as it is
  it('forecasts the same after the caller overwrites the array it was fitted on, and its update too', () => {
    const y = weekly.slice();
    const fitted = getModel(name).fit(y, { seasonLength: 52 });
    const before = fitted.forecast(6, [80]);
    const longer = Float64Array.from([...weekly, ...weekly.subarray(0, 6)]);
    const updated = fitted.update?.(longer);
    const updatedBefore = updated?.forecast(6, [80]);
    y.fill(1000);
    longer.fill(1000);
    const after = fitted.forecast(6, [80]);
    expect([...after.mean, ...after.intervals[0].lo, ...after.intervals[0].hi]).toEqual([...before.mean, ...before.intervals[0].lo, ...before.intervals[0].hi]);
    if (updated && updatedBefore) {
      const again = updated.forecast(6, [80]);
      expect([...again.mean, ...again.intervals[0].hi]).toEqual([...updatedBefore.mean, ...updatedBefore.intervals[0].hi]);
    }
  });
});

describe('the guarded models on a series that has never been negative', () => {
  // sales falling towards zero, with weeks of none: every normal band would reach below zero
  const falling = Float64Array.from({ length: 60 }, (_, t) => Math.max(0, 60 - t + ((t * 7919) % 13) - 6));
  it.each(modelNames.map((name) => [name]))('%s forecasts no negative mean and no negative bound', (name) => {
    const f = getModel(name).fit(falling, { seasonLength: 12 }).forecast(8, [80, 95]);
    expect(Math.min(...f.mean)).toBeGreaterThanOrEqual(0);
    for (const interval of f.intervals) expect(Math.min(...interval.lo)).toBeGreaterThanOrEqual(0);
  });
});
