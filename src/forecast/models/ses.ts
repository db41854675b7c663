/**
 * Simple exponential smoothing as the state-space model ETS(A,N,N), fitted as
 * R's `forecast::ses` does (alpha and the initial level chosen to minimise the
 * one-step mean squared error; bounds alpha ∈ [1e-4, 0.9999]). Forecasts are
 * flat at the last level; intervals in closed form, σ²·(1 + (h−1)·α²).
 */
import { fitSmoothing, fitSmoothingWindows } from '../kernels/ets-model.js';
import type { EtsForm } from '../kernels/ets-core.js';
import type { EtsForecastModel } from '../kernels/ets-model.js';
import { seasonLengthOf } from '../kernels/model-support.js';

const ANN: EtsForm = { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 };

/**
 * Fits SES to y (NaN/Infinity interpolated). Series of fewer than 4 points fall
 * back to the last value.
 * Business meaning: a level that adapts to recent weeks, no trend, no season.
 * Cost O(n) per evaluation, a few hundred evaluations.
 *
 * @example
 * ses.fit(Float64Array.of(10, 12, 11, 13, 12, 12)).forecast(2).mean; // => two equal values near 12
 */
export const ses: EtsForecastModel = {
  name: 'ses',
  fit(y, options) {
    seasonLengthOf(options);
    return fitSmoothing('ses', 'SES', y, [ANN], 'mse', [], options);
  },
  fitWindows(ys, options) {
    seasonLengthOf(options);
    return fitSmoothingWindows('ses', 'SES', ys, [ANN], 'mse', [], options);
  },
};
