/**
 * Theta as forecast::thetaf: SES with half the linear drift, multiplicative
 * seasonal adjustment when the 90 % autocorrelation test says so.
 */
import { describe, expect, it } from 'vitest';
import { theta } from '../../../src/index.js';
import { thetaSeasonalTest } from '../../../src/forecast/models/theta.js';

describe('theta', () => {
  it('theta.fit(straight line).forecast(2) continues the line at half slope plus SES catch-up', () => {
    // y = 1..20: SES (alpha ≈ 1) ends near 20; drift b/2 = 0.5 per step (thetaf's formula)
    const y = Float64Array.from({ length: 20 }, (_, t) => t + 1);
    const fit = theta.fit(y);
    const mean = fit.forecast(2).mean;
    expect(mean[1] - mean[0]).toBeCloseTo(0.5, 10);
    expect(fit.drift).toBeCloseTo(0.5, 12);
  });

  it('thetaSeasonalTest(sine of period 12, 12) is true, and false for the same length of noise-free line', () => {
    const sine = Float64Array.from({ length: 60 }, (_, t) => 10 + Math.sin((2 * Math.PI * t) / 12));
    expect(thetaSeasonalTest(sine, 12)).toBe(true);
    expect(thetaSeasonalTest(Float64Array.from({ length: 60 }, (_, t) => t), 1)).toBe(false);
  });

  it('theta.fit(seasonal, { seasonLength: 12 }) reseasonalises: the forecast repeats the seasonal shape', () => {
    const y = Float64Array.from({ length: 72 }, (_, t) => 100 * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)));
    const fit = theta.fit(y, { seasonLength: 12 });
    expect(fit.seasonal).toBe(true);
    const mean = fit.forecast(24).mean;
    expect(mean[0] / mean[12]).toBeCloseTo(1, 2);
    expect(Math.max(...mean) / Math.min(...mean)).toBeGreaterThan(1.5);
  });
});
