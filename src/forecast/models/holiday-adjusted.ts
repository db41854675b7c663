/**
 * Holiday adjustment around any model: estimates each event kind's multiplicative effect from the
 * history, removes it, fits the inner model on the adjusted series, forecasts, and puts the effect
 * of the future events back (`ets_hol` = ETS on the holiday-adjusted series).
 *
 * The effect: the series' ratio to a robust baseline (the median of the same position ±1..3
 * seasons away, or of the 6 nearest periods for non-seasonal fits, holiday periods left out) is
 * regressed on the event weights, ratio − 1 = Σ β_k w_k, by least squares with a ridge of 0.05 (it shrinks weekly effects, weights 1/7, estimated from few occurrences; daily weights of 1 barely feel it).
 * A period's factor is 1 + Σ β_k w_k, floored at 0; where it is below 0.2 (a closed day) the
 * adjusted value is the baseline itself.
 */
import type { FittedModel, Forecast, ForecastModel, ModelOptions } from '../types.js';

const MIN_FACTOR = 0.2;

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Solves (XᵀX + λI) β = Xᵀr by Gaussian elimination (k is the number of event kinds: small). */
function ridge(X: number[][], r: number[], k: number, lambda: number): number[] {
  const A = Array.from({ length: k }, (_, i) => Array.from({ length: k + 1 }, (_, j) => (j === i ? lambda : 0)));
  X.forEach((row, t) => {
    for (let i = 0; i < k; i++) {
      if (row[i] === 0) continue;
      for (let j = 0; j < k; j++) A[i][j] += row[i] * row[j];
      A[i][k] += row[i] * r[t];
    }
  });
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let i = c + 1; i < k; i++) if (Math.abs(A[i][c]) > Math.abs(A[p][c])) p = i;
    [A[c], A[p]] = [A[p], A[c]];
    if (Math.abs(A[c][c]) < 1e-12) continue;
    for (let i = 0; i < k; i++) {
      if (i === c) continue;
      const f = A[i][c] / A[c][c];
      for (let j = c; j <= k; j++) A[i][j] -= f * A[c][j];
    }
  }
  return A.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[k] / row[i]));
}

/** The robust baseline of each period of `y`: the median of up to 6 untouched neighbours ±1, 2, 3 seasons away. */
function holidayBaseline(y: Float64Array, regressors: readonly Float64Array[], seasonLength: number): Float64Array {
  const n = y.length;
  const touched = (t: number) => regressors.some((row) => row[t] !== 0);
  const baseline = new Float64Array(n);
  const lag = seasonLength > 1 ? seasonLength : 1;
  for (let t = 0; t < n; t++) {
    const near: number[] = [];
    for (let d = 1; d <= 3; d++) {
      for (const u of [t - d * lag, t + d * lag]) if (u >= 0 && u < n && Number.isFinite(y[u]) && !touched(u)) near.push(y[u]);
    }
    baseline[t] = median(near);
  }
  return baseline;
}

/** The estimated effect β of each regressor row on `y` (its first y.length entries), see the module doc. */
export function holidayEffects(y: Float64Array, regressors: readonly Float64Array[], seasonLength: number): { effects: number[]; baseline: Float64Array } {
  const n = y.length;
  const k = regressors.length;
  const touched = (t: number) => regressors.some((row) => row[t] !== 0);
  const baseline = holidayBaseline(y, regressors, seasonLength);
  const X: number[][] = [];
  const r: number[] = [];
  for (let t = 0; t < n; t++) {
    if (!touched(t) || !Number.isFinite(y[t]) || !(baseline[t] > 0)) continue;
    X.push(regressors.map((row) => row[t]));
    r.push(y[t] / baseline[t] - 1);
  }
  const effects = X.length === 0 ? new Array<number>(k).fill(0) : ridge(X, r, k, 0.05);
  return { effects: effects.map((b) => (Number.isFinite(b) ? b : 0)), baseline };
}

function factorAt(regressors: readonly Float64Array[], effects: readonly number[], t: number): number {
  let f = 1;
  regressors.forEach((row, i) => {
    f += effects[i] * (row[t] ?? 0);
  });
  return Math.max(0, f);
}

/**
 * `inner` on the holiday-adjusted series, named `<inner>_hol`. Without regressors (or with no event
 * in the history) it is exactly `inner`.
 */
export function holidayAdjusted(inner: ForecastModel): ForecastModel {
  const name = `${inner.name}_hol`;
  const fit = (y: Float64Array, options: ModelOptions = {}): FittedModel => {
    const regressors = options.regressors ?? [];
    const { regressors: _, ...innerOptions } = options;
    void _;
    const n = y.length;
    const active = regressors.length > 0 && regressors.some((row) => row.subarray(0, n).some((w) => w !== 0));
    if (!active) return inner.fit(y, innerOptions);
    const season = options.seasonLength ?? 1;
    const { effects, baseline } = holidayEffects(y, regressors, season);
    /** y with the effects taken out, and the factor of each period (closures, factor near 0, take their baseline). */
    const adjust = (values: Float64Array, base: Float64Array) => {
      const past = Float64Array.from(values, (_, t) => factorAt(regressors, effects, t));
      const adjusted = Float64Array.from(values, (v, t) => (past[t] >= MIN_FACTOR ? v / past[t] : Number.isFinite(base[t]) ? base[t] : v));
      return { past, adjusted };
    };
    /** The fitted model on `values`, whose adjusted series `innerFit` was fitted to or run over. */
    const wrap = (values: Float64Array, past: Float64Array, innerFit: FittedModel): FittedModel => {
      const length = values.length;
      const fittedValues = innerFit.fitted.map((v, t) => v * past[t]);
      const update = innerFit.update;
      return {
        alias: `${innerFit.alias}+hol`,
        fitted: fittedValues,
        residuals: fittedValues.map((v, t) => values[t] - v),
        ...(innerFit.fallback ? { fallback: innerFit.fallback } : {}),
        forecast(h: number, levels?: readonly number[]): Forecast {
          const f = innerFit.forecast(h, levels);
          const future = Float64Array.from({ length: h }, (_, j) => factorAt(regressors, effects, length + j));
          return {
            mean: f.mean.map((v, j) => v * future[j]),
            intervals: f.intervals.map((iv) => ({ level: iv.level, lo: iv.lo.map((v, j) => v * future[j]), hi: iv.hi.map((v, j) => v * future[j]) })),
          };
        },
        // backtests without refits (refit: false): the effects and the inner model's parameters of
        // this fit, run over the longer history (the baseline of a closure is data, read again)
        ...(update
          ? {
              update: (longer: Float64Array) => {
                const { past: longerPast, adjusted } = adjust(longer, holidayBaseline(longer, regressors, season));
                return wrap(longer, longerPast, update(adjusted));
              },
            }
          : {}),
      };
    };
    const { past, adjusted } = adjust(y, baseline);
    return wrap(y, past, inner.fit(adjusted, innerOptions));
  };
  return {
    name,
    ...(inner.empiricalIntervals ? { empiricalIntervals: true } : {}),
    accepts: [...(inner.accepts ?? []), 'regressors'],
    fit,
  };
}
