/**
 * Holt's linear trend method as ETS(A,A,N) and its damped variant ETS(A,Ad,N),
 * fitted as R's `forecast::holt` (one-step MSE; alpha ∈ [1e-4, 0.9999],
 * beta ∈ [1e-4, alpha], phi ∈ [0.8, 0.98], initial level and slope optimised).
 * Intervals in closed form (class 1 of Hyndman et al. 2008).
 */
import { fitSmoothing, fitSmoothingWindows } from '../kernels/ets-model.js';
import type { EtsForecastModel } from '../kernels/ets-model.js';
import { seasonLengthOf } from '../kernels/model-support.js';
import type { EtsForm } from '../kernels/ets-core.js';

const ANN: EtsForm = { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 };
const AAN: EtsForm = { error: 'A', trend: 'A', season: 'N', damped: false, m: 1 };
const AAdN: EtsForm = { error: 'A', trend: 'A', season: 'N', damped: true, m: 1 };

/**
 * Holt's linear trend: level and slope that adapt; forecasts follow a straight line.
 * Falls back to SES below 6 points, to the last value below 4.
 *
 * @example
 * holt.fit(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8)).forecast(1).mean[0]; // => ≈ 9
 */
export const holt: EtsForecastModel = {
  name: 'holt',
  fit(y, options) {
    seasonLengthOf(options);
    return fitSmoothing('holt', 'Holt', y, [AAN, ANN], 'mse', [], options);
  },
  fitWindows(ys, options) {
    seasonLengthOf(options);
    return fitSmoothingWindows('holt', 'Holt', ys, [AAN, ANN], 'mse', [], options);
  },
};

/**
 * Damped Holt: the slope fades by phi each step, so long horizons level off —
 * the most reliable of the M competitions' simple benchmarks.
 * Falls back to Holt below 7 points, then SES.
 *
 * @example
 * dampedHolt.fit(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8)).forecast(1).mean[0]; // => a little under 9
 */
export const dampedHolt: EtsForecastModel = {
  name: 'damped',
  fit(y, options) {
    seasonLengthOf(options);
    return fitSmoothing('damped', 'DampedHolt', y, [AAdN, AAN, ANN], 'mse', [], options);
  },
  fitWindows(ys, options) {
    seasonLengthOf(options);
    return fitSmoothingWindows('damped', 'DampedHolt', ys, [AAdN, AAN, ANN], 'mse', [], options);
  },
};
