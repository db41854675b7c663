/**
 * arima with calendar regressors is a regression with ARIMA errors (models/arima.ts): the effect of
 * an event is estimated beside the ARIMA, taken out of the history before the search, and put back
 * on the periods of the horizon the event falls in.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/index.js';
import { arima } from '../../../src/forecast/models/arima.js';

const n = 160;
const h = 13;
// a promotion every 10th period, in the history and the horizon (periods 160 and 170)
const promo = Float64Array.from({ length: n + h }, (_, t) => (t % 10 === 0 ? 1 : 0));
const lift = 40;
/** AR(1) errors around 200 plus the promotion's lift. */
function series(): Float64Array {
  const u = seededRandom(7);
  const y = new Float64Array(n + h);
  let e = 0;
  for (let t = 0; t < n + h; t++) {
    e = 0.6 * e + 8 * (u() - 0.5);
    y[t] = 200 + e + lift * promo[t];
  }
  return y;
}

describe('arima with regressors: a regression with ARIMA errors', () => {
  const all = series();
  const history = all.subarray(0, n);
  const actual = all.subarray(n);

  it('says so in its alias, puts the effect back on the promoted periods and misses less than without it', () => {
    const withEvents = arima.fit(history, { regressors: [promo] });
    const without = arima.fit(history);
    expect(withEvents.alias).toMatch(/^Regression with ARIMA\([^)]*\)(\([^)]*\)\[\d+\])? errors( with (mean|drift))?$/);
    expect(without.alias).not.toMatch(/Regression/);
    const f = withEvents.forecast(h, [80]).mean;
    // periods 160 and 170 carry the promotion: about 40 above the periods around them
    expect(f[0] - (f[1] + f[2]) / 2).toBeGreaterThan(lift * 0.8);
    expect(f[10] - (f[9] + f[11]) / 2).toBeGreaterThan(lift * 0.8);
    const mae = (m: Float64Array) => m.reduce((s, v, i) => s + Math.abs(v - actual[i]), 0) / h;
    expect(mae(f)).toBeLessThan(0.6 * mae(without.forecast(h).mean));
  });

  it('is the plain ARIMA when no regressor is active in the history', () => {
    const silent = Float64Array.from({ length: n + h }, (_, t) => (t >= n ? 1 : 0));
    const a = arima.fit(history, { regressors: [silent] }).forecast(h, [80]);
    const b = arima.fit(history).forecast(h, [80]);
    expect([...a.mean]).toEqual([...b.mean]);
    expect([...a.intervals[0].hi]).toEqual([...b.intervals[0].hi]);
  });
});
