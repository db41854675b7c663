/**
 * Historic mean: every future value equals the mean of the history. Good for
 * series that wander around a level. Intervals in closed form as R's `meanf`:
 * mean ± t(T − 1)·s·√(1 + 1/T), s the sample standard deviation and t Student's
 * quantile with T − 1 degrees of freedom (wider than the normal's on short series).
 */
import type { ForecastModel, Interval } from '../types.js';
import { qt } from '../kernels/student.js';
import { constant, fittedModel, refitOnUpdate } from './shared.js';
import { checkRequest } from '../kernels/model-support.js';

/**
 * Fits the historic mean.
 *
 * @example
 * historicMean.fit(Float64Array.of(1, 2, 3)).forecast(1).mean; // => Float64Array [2]
 */
export const historicMean: ForecastModel = refitOnUpdate({
  name: 'mean',
  fit(y) {
    const n = y.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += y[i];
    const mu = n > 0 ? sum / n : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (y[i] - mu) * (y[i] - mu);
    const s = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    const fitted = constant(n, mu);
    return fittedModel('Mean', y, fitted, (h, levels) => {
      checkRequest(h, levels);
      const mean = constant(h, mu);
      const sd = n > 0 ? s * Math.sqrt(1 + 1 / n) : 0;
      const intervals: Interval[] = levels.map((level) => {
        const half = n > 1 ? qt(0.5 + level / 200, n - 1) * sd : 0;
        return { level, lo: constant(h, mu - half), hi: constant(h, mu + half) };
      });
      return { mean, intervals };
    });
  },
});
