/**
 * Intermittent-demand models for series with many zeros (spare parts, rare
 * missions): Croston, its bias-corrected variant SBA, and TSB. Each smooths
 * demand sizes and demand intervals (or probability) separately; smoothing
 * parameters are optimised by in-sample MSE, as statsforecast's optimised
 * variants do.
 *
 * Intervals from the sample, not a normal band: a demand forecast of 84 with errors of ±1,000
 * is not a normal distribution around 84 but mostly zeros and a few spikes. The future demand of
 * every step is the forecast plus an in-sample one-step error: the bootstrap of those errors,
 * censored at zero when the series has never been negative (demand is never negative; a
 * censored quantile is the quantile floored at zero, which keeps its coverage: P(max(Y, 0) ≤
 * max(q, 0)) = P(Y ≤ q)). The bounds are the empirical quantiles of that sample (R type 7,
 * simple-statistics' quantileSorted) — the bootstrap's quantiles computed exactly rather than
 * drawn, so they repeat. At step k the errors are scaled by how much a flat forecast's error
 * grows k steps ahead on this series (kernels/intervals.ts `flatErrorGrowth`): about 1 on
 * intermittent demand, whose errors do not accumulate, more on a series whose level wanders.
 * With fewer than `minIntervalSamples` (3) finite errors there is no sample to read an interval from: the forecast keeps its mean and takes naive's interval
 * (σ̂·√h), and `fallback` says so.
 */
import type { FittedModel, Forecast, ForecastModel, Interval, ModelOptions } from '../types.js';
import { constant, finiteErrors, fittedModel, mergeSorted, sortedFiniteErrors } from './shared.js';
import { checkRequest } from '../kernels/model-support.js';
import { minIntervalSamples } from '../kernels/interval-width.js';
import { growthOf, neverNegative, sampleQuantiles, sortedQuantile, type GrowthMemo } from '../kernels/intervals.js';
import { naive } from './naive.js';

/**
 * What the intervals read of a fit's one-step errors: the series and fitted values, how many
 * errors are finite, the finite errors sorted and their growth with the horizon (kernels/intervals.ts
 * `growthOf`), both made when a forecast with intervals first reads them (a backtest window that
 * scores no intervals never does). An update of the fit runs the same recursion with the same
 * parameters, so the longer series' first values and fitted values are this fit's, and their
 * sorted errors and sums are this fit's continued rather than made again. `quantiles` reads the
 * errors' quantiles from the sorted errors where they are made (or continued), else by selection
 * (sampleQuantiles), without sorting them.
 */
interface ErrorSample {
  readonly y: Float64Array;
  readonly fitted: Float64Array;
  readonly count: number;
  readonly errors: Float64Array;
  quantiles(ps: number[]): number[];
  readonly growth: GrowthMemo;
}

/** Whether `y` and `fitted` begin with `earlier`'s series and fitted values, value for value (Object.is). */
function continues(earlier: ErrorSample, y: Float64Array, fitted: Float64Array): boolean {
  const m = earlier.y.length;
  if (m === 0 || m > y.length) return false;
  for (let t = 0; t < m; t++) if (!Object.is(earlier.y[t], y[t]) || !Object.is(earlier.fitted[t], fitted[t])) return false;
  return true;
}

/** The error sample of `y` and `fitted`, continued from `earlier` (the fit this one extends) where they begin with its values. */
function errorSample(y: Float64Array, fitted: Float64Array, earlier?: ErrorSample): ErrorSample {
  let count = 0;
  for (let t = 0; t < y.length; t++) if (Number.isFinite(y[t] - fitted[t])) count++;
  let continued: boolean | undefined;
  const continuesEarlier = () => (continued ??= earlier !== undefined && continues(earlier, y, fitted));
  let errors: Float64Array | undefined;
  return {
    y,
    fitted,
    count,
    get errors(): Float64Array {
      if (errors) return errors;
      const m = earlier?.y.length ?? 0;
      errors = continuesEarlier() ? mergeSorted(earlier!.errors, sortedFiniteErrors(y.subarray(m), fitted.subarray(m))) : sortedFiniteErrors(y, fitted);
      return errors;
    },
    quantiles(ps: number[]): number[] {
      if (errors || continuesEarlier()) {
        const sorted = this.errors;
        return ps.map((p) => sortedQuantile(sorted, p));
      }
      return sampleQuantiles(finiteErrors(y, fitted), ps);
    },
    growth: growthOf(y, fitted, () => (continuesEarlier() ? earlier!.growth.sums : undefined)),
  };
}

/**
 * A flat forecast `level` for h steps with intervals from the empirical quantiles of
 * `level + errors` (censored at zero on a never-negative `y`), or naive's width around `level`
 * when there are fewer than `minIntervalSamples` finite errors (`reason` then says so). The sorted
 * errors are read once per fit, not per forecast, and continued from `earlier`'s when this fit
 * extends it ({@link ErrorSample}); `sample` is what an update of this fit continues from.
 */
function sampleForecast(y: Float64Array, fitted: Float64Array, level: number, earlier?: ErrorSample): { predict: (h: number, levels: readonly number[]) => Forecast; reason?: string; sample: ErrorSample } {
  const sample = errorSample(y, fitted, earlier);
  const { count } = sample;
  if (count < minIntervalSamples) {
    const spread = naive.fit(y);
    return {
      sample,
      reason: `${count} in-sample error${count === 1 ? '' : 's'}, fewer than the ${minIntervalSamples} an interval is read from, naive's interval around the forecast`,
      predict: (h, levels) => {
        const wide = spread.forecast(h, levels);
        const intervals = wide.intervals.map((interval) => ({
          level: interval.level,
          lo: interval.lo.map((v, i) => level - (wide.mean[i] - v)),
          hi: interval.hi.map((v, i) => level + (v - wide.mean[i])),
        }));
        return { mean: constant(h, level), intervals };
      },
    };
  }
  let nonNegative: boolean | undefined;
  return {
    sample,
    predict: (h, levels) => {
      const mean = constant(h, level);
      if (levels.length === 0) return { mean, intervals: [] };
      nonNegative ??= neverNegative(y);
      // step k: level + growth_k · e over the one-step errors e (censored at zero), whose quantiles
      // are level + growth_k · (the errors' quantiles): scaling by a positive factor and flooring keep the order
      const growth = sample.growth(h);
      const q = sample.quantiles(levels.flatMap((l) => [0.5 - l / 200, 0.5 + l / 200]));
      const intervals: Interval[] = levels.map((l, i) => {
        const qLo = q[2 * i];
        const qHi = q[2 * i + 1];
        const lo = new Float64Array(h);
        const hi = new Float64Array(h);
        for (let k = 0; k < h; k++) {
          const down = level + growth[k] * qLo;
          const up = level + growth[k] * qHi;
          lo[k] = Math.min(level, nonNegative ? Math.max(0, down) : down);
          hi[k] = Math.max(level, nonNegative ? Math.max(0, up) : up);
        }
        return { level: l, lo, hi };
      });
      return { mean, intervals };
    },
  };
}

/**
 * In-sample one-step MSEs of simple exponential smoothing of `x1[0..n)` with `alpha1` and of
 * `x2[0..n)` with `alpha2`, each level started at its first value, into `out[0]` and `out[1]`: two
 * independent recursions in one loop, which the processor overlaps (each alone waits on its own
 * previous step), each with the operations it has alone.
 */
function sesMsePair(x1: Float64Array, x2: Float64Array, n: number, alpha1: number, alpha2: number, out: Float64Array): void {
  let level1 = x1[0];
  let level2 = x2[0];
  let sse1 = 0;
  let sse2 = 0;
  for (let t = 1; t < n; t++) {
    const e1 = x1[t] - level1;
    const e2 = x2[t] - level2;
    sse1 += e1 * e1;
    sse2 += e2 * e2;
    level1 += alpha1 * e1;
    level2 += alpha2 * e2;
  }
  out[0] = n > 1 ? sse1 / (n - 1) : 0;
  out[1] = n > 1 ? sse2 / (n - 1) : 0;
}

/** One golden-section search's bracket: a < c < d < b, with the objective's values at c and d. */
interface Bracket {
  a: number;
  b: number;
  c: number;
  d: number;
  fc: number;
  fd: number;
}

/**
 * Narrows `s` to the side of its lower value (ratio `g`) and moves its inner points: true when the
 * new point to evaluate is `c`, false when it is `d`.
 */
function narrow(s: Bracket, g: number): boolean {
  if (s.fc < s.fd) {
    s.b = s.d;
    s.d = s.c;
    s.fd = s.fc;
    s.c = s.b - g * (s.b - s.a);
    return true;
  }
  s.a = s.c;
  s.c = s.d;
  s.fc = s.fd;
  s.d = s.a + g * (s.b - s.a);
  return false;
}

/**
 * Golden-section minima on [lo, hi] of two functions (each unimodal assumed), 30 iterations each
 * (width × 0.618^30 ≈ 5e-7 of the range), searched side by side: `f(x1, x2, out)` evaluates the
 * first at x1 and the second at x2 into `out[0]` and `out[1]`, in one pass. Each search visits
 * the points it visits alone, so its minimum is the same.
 */
export function goldenSectionPair(f: (x1: number, x2: number, out: Float64Array) => void, lo: number, hi: number): [number, number] {
  const g = (Math.sqrt(5) - 1) / 2;
  const out = new Float64Array(2);
  const c = hi - g * (hi - lo);
  const d = lo + g * (hi - lo);
  f(c, c, out);
  const s1: Bracket = { a: lo, b: hi, c, d, fc: out[0], fd: NaN };
  const s2: Bracket = { a: lo, b: hi, c, d, fc: out[1], fd: NaN };
  f(d, d, out);
  s1.fd = out[0];
  s2.fd = out[1];
  for (let i = 0; i < 30; i++) {
    const left1 = narrow(s1, g);
    const left2 = narrow(s2, g);
    f(left1 ? s1.c : s1.d, left2 ? s2.c : s2.d, out);
    if (left1) s1.fc = out[0];
    else s1.fd = out[0];
    if (left2) s2.fc = out[1];
    else s2.fd = out[1];
  }
  return [(s1.a + s1.b) / 2, (s2.a + s2.b) / 2];
}

interface CrostonParts {
  sizes: Float64Array;
  intervals: Float64Array;
  count: number;
}

/** Splits `y` into non-zero demand sizes and the intervals between them (first interval counts from the start). */
function split(y: Float64Array): CrostonParts {
  const sizes = new Float64Array(y.length);
  const intervals = new Float64Array(y.length);
  let count = 0;
  let last = -1;
  for (let t = 0; t < y.length; t++) {
    if (y[t] !== 0) {
      sizes[count] = y[t];
      intervals[count] = t - last;
      last = t;
      count++;
    }
  }
  return { sizes, intervals, count };
}

/** A fit that shows its smoothing parameters `P`, which its `update` keeps. */
export type SmoothingFit<P> = Omit<FittedModel, 'update'> & Readonly<P> & { update: (y: Float64Array) => SmoothingFit<P> };

/** A ForecastModel whose fits are {@link SmoothingFit}s of the parameters `P`. */
export interface SmoothingModel<P> extends ForecastModel {
  fit(y: Float64Array, options?: ModelOptions): SmoothingFit<P>;
}

/** A Croston or SBA fit: its smoothing parameters of the demand sizes (`alphaZ`) and intervals (`alphaP`). */
export type CrostonFittedModel = SmoothingFit<{ alphaZ: number; alphaP: number }>;

/** Croston's and SBA's ForecastModel. */
export type CrostonModel = SmoothingModel<{ alphaZ: number; alphaP: number }>;

/** The smoothing parameters of Croston and SBA when fewer than 3 demands leave nothing to optimise. */
const unoptimisedAlpha = 0.1;

/**
 * Croston's (or SBA's) fitted model of `y` with the smoothing parameters `alphaZ` (sizes) and
 * `alphaP` (intervals): the recursion, its final level and the intervals from its errors. Its
 * `update(longer)` is the same with the same parameters on the longer series.
 */
function crostonFitted(name: 'croston' | 'sba', alias: string, y: Float64Array, alphaZ: number, alphaP: number, earlier?: ErrorSample): CrostonFittedModel {
  // an update continues from this fit's error sample, when it has one
  const extend = (sample?: ErrorSample) => (longer: Float64Array): CrostonFittedModel => crostonFitted(name, alias, longer, alphaZ, alphaP, sample);
  const n = y.length;
  const correction = name === 'sba' ? 1 - alphaP / 2 : 1;
  const fitted = new Float64Array(n).fill(NaN);
  let z = NaN;
  let p = NaN;
  let last = -1;
  // in the same pass, the demands' count and the final SES levels of their sizes and of their
  // intervals (split(y)'s, started at the first of each), operation for operation
  let count = 0;
  let sizeLevel = 0;
  let intervalLevel = 0;
  for (let t = 0; t < n; t++) {
    if (!Number.isNaN(z)) fitted[t] = (correction * z) / p;
    if (y[t] !== 0) {
      const gap = t - last;
      last = t;
      if (count === 0) {
        sizeLevel = y[t];
        intervalLevel = gap;
      } else {
        sizeLevel += alphaZ * (y[t] - sizeLevel);
        intervalLevel += alphaP * (gap - intervalLevel);
      }
      count++;
      if (Number.isNaN(z)) {
        z = y[t];
        p = gap;
      } else {
        z += alphaZ * (y[t] - z);
        p += alphaP * (gap - p);
      }
    }
  }
  if (count === 0) {
    return Object.assign(fittedModel(alias, y, constant(n, 0), (h, levels) => {
      checkRequest(h, levels);
      const mean = constant(h, 0);
      return { mean, intervals: levels.map((level) => ({ level, lo: constant(h, 0), hi: constant(h, 0) })) };
    }), { alphaZ, alphaP, update: extend() });
  }
  const level = (correction * sizeLevel) / intervalLevel;
  const { predict, reason, sample } = sampleForecast(y, fitted, level, earlier);
  return Object.assign(fittedModel(alias, y, fitted, (h, levels) => {
    checkRequest(h, levels);
    return predict(h, levels);
  }, reason && `${name}: ${reason}`), { alphaZ, alphaP, update: extend(sample) });
}

function crostonFamily(name: 'croston' | 'sba', alias: string): CrostonModel {
  return {
    name,
    fit(y) {
      const { sizes, intervals, count } = split(y);
      // the sizes' and the intervals' smoothing parameters, each by its own in-sample MSE, searched side by side
      const [alphaZ, alphaP] = count > 2
        ? goldenSectionPair((aZ, aP, out) => sesMsePair(sizes, intervals, count, aZ, aP, out), 0.1, 0.3)
        : [unoptimisedAlpha, unoptimisedAlpha];
      return crostonFitted(name, alias, y, alphaZ, alphaP);
    },
  };
}

/**
 * Croston's method with optimised smoothing (sizes and intervals each in [0.1, 0.3] by in-sample MSE;
 * 0.1 each with fewer than 3 demands). `update(longer)` keeps both smoothing parameters and runs the
 * recursion on the longer series, intervals from its errors: what a backtest with `refit: false`
 * promises (later windows keep the first window's parameters, which never see their data).
 *
 * @example
 * croston.fit(Float64Array.of(0, 2, 0, 2, 0, 2)).forecast(1).mean; // => Float64Array [1]
 */
export const croston: CrostonModel = crostonFamily('croston', 'Croston');

/**
 * Syntetos–Boylan approximation: Croston times (1 − α_p/2), removing Croston's upward bias.
 * `update(longer)` keeps the smoothing parameters, as Croston's does.
 *
 * @example
 * sba.fit(Float64Array.of(0, 2, 0, 2, 0, 2)).forecast(1).mean[0] < 1; // => true
 */
export const sba: CrostonModel = crostonFamily('sba', 'SBA');

/** A TSB fit: its smoothing parameters of the demand size (`alphaD`) and probability (`alphaP`). */
export type TsbFittedModel = SmoothingFit<{ alphaD: number; alphaP: number }>;

/** TSB's ForecastModel. */
export type TsbModel = SmoothingModel<{ alphaD: number; alphaP: number }>;

/** One pass of TSB over `y`: returns the in-sample MSE, fills `fitted` when given, and the final forecast. */
function tsbPass(y: Float64Array, alphaD: number, alphaP: number, fitted?: Float64Array): { mse: number; level: number } {
  let z = NaN;
  let p = 0;
  let sse = 0;
  let m = 0;
  for (let t = 0; t < y.length; t++) {
    const forecast = Number.isNaN(z) ? NaN : p * z;
    if (fitted) fitted[t] = forecast;
    if (!Number.isNaN(forecast)) {
      const e = y[t] - forecast;
      sse += e * e;
      m++;
    }
    const demand = y[t] !== 0 ? 1 : 0;
    if (Number.isNaN(z)) {
      if (demand) {
        z = y[t];
        p = 1 / (t + 1);
      }
    } else {
      p += alphaP * (demand - p);
      if (demand) z += alphaD * (y[t] - z);
    }
  }
  return { mse: m > 0 ? sse / m : 0, level: Number.isNaN(z) ? 0 : p * z };
}

/**
 * In-sample MSEs of TSB over `y` with two pairs of smoothing parameters (`a` = [α_d, α_p] of each),
 * into `out[0]` and `out[1]`: {@link tsbPass}'s MSE for each, its operations for each, the two
 * recursions in one loop, which the processor overlaps.
 */
function tsbMsePair(y: Float64Array, alphaD1: number, alphaP1: number, alphaD2: number, alphaP2: number, out: Float64Array): void {
  let z1 = NaN;
  let p1 = 0;
  let sse1 = 0;
  let m1 = 0;
  let z2 = NaN;
  let p2 = 0;
  let sse2 = 0;
  let m2 = 0;
  for (let t = 0; t < y.length; t++) {
    const v = y[t];
    const demand = v !== 0 ? 1 : 0;
    const forecast1 = Number.isNaN(z1) ? NaN : p1 * z1;
    const forecast2 = Number.isNaN(z2) ? NaN : p2 * z2;
    if (!Number.isNaN(forecast1)) {
      const e = v - forecast1;
      sse1 += e * e;
      m1++;
    }
    if (!Number.isNaN(forecast2)) {
      const e = v - forecast2;
      sse2 += e * e;
      m2++;
    }
    if (Number.isNaN(z1)) {
      if (demand) {
        z1 = v;
        p1 = 1 / (t + 1);
      }
    } else {
      p1 += alphaP1 * (demand - p1);
      if (demand) z1 += alphaD1 * (v - z1);
    }
    if (Number.isNaN(z2)) {
      if (demand) {
        z2 = v;
        p2 = 1 / (t + 1);
      }
    } else {
      p2 += alphaP2 * (demand - p2);
      if (demand) z2 += alphaD2 * (v - z2);
    }
  }
  out[0] = m1 > 0 ? sse1 / m1 : 0;
  out[1] = m2 > 0 ? sse2 / m2 : 0;
}

/**
 * The parameter pair of lowest in-sample TSB MSE among `candidates` ([α_d, α_p] each), the first
 * of equals, starting from `best`: the candidates scored two to a pass ({@link tsbMsePair}), then
 * compared in their order.
 */
function bestTsbPair(y: Float64Array, candidates: ReadonlyArray<readonly [number, number]>, best: { mse: number; alphaD: number; alphaP: number }): { mse: number; alphaD: number; alphaP: number } {
  const out = new Float64Array(2);
  for (let k = 0; k < candidates.length; k += 2) {
    const [alphaD1, alphaP1] = candidates[k];
    const second = candidates[k + 1];
    if (second) tsbMsePair(y, alphaD1, alphaP1, second[0], second[1], out);
    else out[0] = tsbPass(y, alphaD1, alphaP1).mse;
    if (out[0] < best.mse) best = { mse: out[0], alphaD: alphaD1, alphaP: alphaP1 };
    if (second && out[1] < best.mse) best = { mse: out[1], alphaD: second[0], alphaP: second[1] };
  }
  return best;
}

/**
 * Teunter–Syntetos–Babai: smooths demand size and demand probability (updated every period, so
 * obsolescence shows). α_d and α_p chosen by in-sample MSE on a 0.1-step grid in [0.1, 0.5], refined by ±0.05. Cost O(33·n).
 * `update(longer)` keeps α_d and α_p and runs one pass over the longer series (O(n)), intervals from
 * its errors: later windows of a `refit: false` backtest keep the first window's parameters.
 *
 * @example
 * tsb.fit(Float64Array.of(0, 2, 0, 2, 0, 2)).forecast(1).mean[0] > 0; // => true
 */
export const tsb: TsbModel = {
  name: 'tsb',
  fit(y) {
    const grid: Array<[number, number]> = [];
    for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) grid.push([i * 0.1, j * 0.1]);
    const coarse = bestTsbPair(y, grid, { mse: Infinity, alphaD: 0.1, alphaP: 0.1 });
    const around: Array<[number, number]> = [];
    for (const dd of [-0.05, 0, 0.05]) for (const dp of [-0.05, 0, 0.05]) if (dd !== 0 || dp !== 0) around.push([coarse.alphaD + dd, coarse.alphaP + dp]);
    const best = bestTsbPair(y, around, coarse);
    return tsbFitted(y, best.alphaD, best.alphaP);
  },
};

/** TSB's fitted model of `y` with `alphaD` and `alphaP`; `update(longer)`: the same parameters on the longer series. */
function tsbFitted(y: Float64Array, alphaD: number, alphaP: number, earlier?: ErrorSample): TsbFittedModel {
  const fitted = new Float64Array(y.length);
  const { level } = tsbPass(y, alphaD, alphaP, fitted);
  const { predict, reason, sample } = sampleForecast(y, fitted, level, earlier);
  return Object.assign(fittedModel('TSB', y, fitted, (h, levels) => {
    checkRequest(h, levels);
    return predict(h, levels);
  }, reason && `tsb: ${reason}`), { alphaD, alphaP, update: (longer: Float64Array): TsbFittedModel => tsbFitted(longer, alphaD, alphaP, sample) });
}
