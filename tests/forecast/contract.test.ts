import { describe, expect, it } from 'vitest';
import { forecastOnce, modelNames, getModel, OptionError } from '../../src/index.js';

// One contract for every registered model (after statsforecast's model tests).
const weekly = Float64Array.from({ length: 120 }, (_, t) => 100 + 0.5 * t + 10 * Math.sin((2 * Math.PI * t) / 52) + ((t * 7919) % 11) - 5);

describe.each(modelNames.map((name) => [name]))('contract of %s', (name) => {
  const model = getModel(name);

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
    const b = forecastOnce(name, weekly, 6, [80, 95], { seasonLength: 52 });
    expect([...a.mean]).toEqual([...b.mean]);
    expect([...a.intervals[1].hi]).toEqual([...b.intervals[1].hi]);
    const fitted = model.fit(weekly, { seasonLength: 52 });
    const short = fitted.forecast(4).mean;
    const long = fitted.forecast(8).mean;
    if (!name.includes('npts')) for (let i = 0; i < 4; i++) expect(long[i]).toBeCloseTo(short[i], 9);
  });

  it(`${name}.fit(y, { seasonLength: 0 }) throws OptionError naming seasonLength, or ignores seasons`, () => {
    let thrown: unknown;
    try {
      model.fit(weekly, { seasonLength: 0 });
    } catch (error) {
      thrown = error;
    }
    if (thrown !== undefined) {
      expect(thrown).toBeInstanceOf(OptionError);
      expect((thrown as OptionError).option).toMatch(/seasonLength$/);
    } else {
      expect(['naive', 'mean', 'ma', 'drift', 'croston', 'sba', 'tsb', 'npts', 'ses', 'holt', 'damped']).toContain(name);
    }
  });

  it(`${name}.fit(y).forecast(0) and forecast(4, [100]) throw the OptionError naming the option`, () => {
    const fitted = model.fit(weekly, { seasonLength: 52 });
    expect(() => fitted.forecast(0)).toThrow(OptionError);
    expect(() => fitted.forecast(0)).toThrow(/^h: got 0, allowed: an integer >= 1$/);
    expect(() => fitted.forecast(4, [100])).toThrow(/^levels: got 100, allowed: numbers in \(0, 100\)$/);
  });
});
