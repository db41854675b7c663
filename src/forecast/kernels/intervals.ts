/**
 * The one place prediction intervals are built from a distribution: the standard normal
 * quantile and distribution function, normal bands mean ± z·sd, and the same bands for a series
 * that has never been negative, whose predictive distribution is the normal truncated at zero.
 *
 * The quantile is Wichura's algorithm AS 241 (PPND16), the same algorithm as R's `qnorm`: about
 * 16 significant digits. The coefficients are the paper's, each written as the double it rounds
 * to (the paper prints up to 21 digits, more than a double holds; the values are unchanged).
 *
 * Never below zero: a model's predictive distribution N(μ, σ²) gives a never-negative series
 * negative bounds whenever μ is within a few σ of zero. For such a series the bounds are the
 * quantiles of N(μ, σ²) conditional on Y ≥ 0 (the truncated normal), so an 80 % interval still
 * holds 80 % of the probability of the distribution it reports — clamping the normal's bounds at
 * zero would not (its lower tail would hold the whole mass below zero). The point forecast stays
 * the model's, floored at 0 where it is negative (the truncated distribution's mean would move
 * every forecast of a series near zero upward, changing accuracy, not only the intervals).
 */
import type { Forecast, Interval } from '../types.js';
import { quantile, quantileSorted } from 'simple-statistics';

/**
 * The `p` quantile of values sorted ascending, R type 7 (linear interpolation between order
 * statistics): simple-statistics' `quantileSorted`, which only reads `sorted[i]` and `length`, so a
 * sorted Float64Array serves as well as an array (typed-array `sort()` is numeric, no comparator).
 * The one sample quantile of the models whose intervals are read from a sample (NPTS, Croston, SBA, TSB).
 *
 * @example
 * sortedQuantile(Float64Array.of(1, 2, 3, 4), 0.5); // => 2.5
 */
export const sortedQuantile = quantileSorted as (sorted: ArrayLike<number>, p: number) => number;

/**
 * The `ps` quantiles of an unsorted sample, each as {@link sortedQuantile} reads it from the sorted
 * sample: simple-statistics' `quantile`, which moves the order statistics they read into place in
 * a copy (Floyd–Rivest selection) instead of sorting it — a few passes over the sample instead of
 * n·log n comparisons, for the one forecast of a fit that asks for intervals. The same values
 * (a zero may come out as −0 where the sorted sample has +0 or the reverse: the selection does
 * not order zeros by sign).
 *
 * @example
 * sampleQuantiles(Float64Array.of(4, 1, 3, 2), [0.5, 0.9]); // => [2.5, 3.7]
 */
export const sampleQuantiles = quantile as unknown as (sample: Float64Array, ps: number[]) => number[];

/**
 * Inverse of the standard normal distribution function: the z with P(Z ≤ z) = p.
 * Business meaning: turns an interval level into a number of standard deviations.
 *
 * @example
 * qnorm(0.975); // => 1.959963984540054
 */
export function qnorm(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r
      + 45921.95393154987) * r + 13731.69376550946) * r + 1971.5909503065513) * r + 133.14166789178438) * r
      + 3.3871328727963665))
      / (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r
        + 21213.794301586597) * r + 5394.196021424751) * r + 687.1870074920579) * r + 42.31333070160091) * r + 1);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = (((((((r * 7.745450142783414e-4 + 0.022723844989269184) * r + 0.2417807251774506) * r
      + 1.2704582524523684) * r + 3.6478483247632045) * r + 5.769497221460691) * r + 4.630337846156546) * r
      + 1.4234371107496835)
      / (((((((r * 1.0507500716444169e-9 + 5.475938084995345e-4) * r + 0.015198666563616457) * r
        + 0.14810397642748008) * r + 0.6897673349851) * r + 1.6763848301838038) * r + 2.053191626637759) * r + 1);
  } else {
    r -= 5;
    value = (((((((r * 2.0103343992922881e-7 + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r
      + 0.026532189526576124) * r + 0.29656057182850487) * r + 1.7848265399172913) * r + 5.463784911164114) * r
      + 6.657904643501103)
      / (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r
        + 7.868691311456133e-4) * r + 0.014875361290850615) * r + 0.1369298809227358) * r + 0.599832206555888) * r + 1);
  }
  return q < 0 ? -value : value;
}

/**
 * The z multiplier of a two-sided `level` % interval.
 *
 * @example
 * zForLevel(95); // => 1.959963984540054
 */
export function zForLevel(level: number): number {
  return qnorm(0.5 + level / 200);
}

/**
 * The standard normal distribution function Φ(x) = P(Z ≤ x), from the complementary error
 * function of Numerical Recipes (`erfcc`, Chebyshev fit, relative error below 1.2e-7 everywhere,
 * the far tails included, which the truncated quantiles below need).
 *
 * @example
 * pnorm(1.959963984540054); // => 0.975 (to 1e-7)
 */
export function pnorm(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const tail = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  // tail = erfc(|x|/√2) = 2·Φ(−|x|)
  return x >= 0 ? 1 - tail / 2 : tail / 2;
}

/** Whether every finite value of `values` is ≥ 0 and at least one is finite: a series that has never been negative. */
export function neverNegative(values: ArrayLike<number>): boolean {
  let seen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < 0) return false;
    seen = true;
  }
  return seen;
}

/**
 * The `p` quantile of N(mu, sd²) truncated to [0, ∞). Computed from the upper tail,
 * x = mu + sd·Φ⁻¹(1 − (1 − p)·Φ((mu − 0)/sd)) written as −Φ⁻¹((1 − p)·Φ(mu/sd)), so a mean far below
 * zero (upper tail mass near 1e-300) keeps its precision; where even that mass underflows, the
 * truncated normal's exponential limit (rate |mu|/sd²). sd = 0: max(mu, 0).
 *
 * @example
 * truncatedQuantile(0, 1, 0.5); // => 0.6744897501960817 (the median of a half-normal)
 */
export function truncatedQuantile(mu: number, sd: number, p: number): number {
  if (!(sd > 0)) return Math.max(mu, 0);
  const above = pnorm(mu / sd); // P(Y ≥ 0)
  if (above > 0) return Math.max(0, mu - sd * qnorm((1 - p) * above));
  return (-Math.log(1 - p) * sd * sd) / Math.abs(mu);
}

/**
 * Below this many standard deviations from zero a mean's normal puts mass below zero that counts
 * (Φ(−7) ≈ 1.3e-12): a never-negative series' bounds there are truncated; above, the normal's and
 * the truncated normal's quantiles agree to about 1e-12 and the normal's are kept as they are.
 */
const TRUNCATE_WITHIN = 7;

/** The `level` % bounds of N(mu, sd²), truncated at zero when `nonNegative` and mu is within {@link TRUNCATE_WITHIN} sd of it. */
function bounds(mu: number, sd: number, level: number, z: number, nonNegative: boolean): [number, number] {
  if (nonNegative && mu < TRUNCATE_WITHIN * sd) {
    // in units of the larger of |mu| and sd, so subnormal or huge values keep their precision
    // (the quantile scales: q(s·mu, s·sd) = s·q(mu, sd)); rounding back keeps the order
    const unit = Math.max(Math.abs(mu), sd);
    return [unit * truncatedQuantile(mu / unit, sd / unit, 0.5 - level / 200), unit * truncatedQuantile(mu / unit, sd / unit, 0.5 + level / 200)];
  }
  return [mu - z * sd, mu + z * sd];
}

/** `v`, or ±Number.MAX_VALUE where it overflowed. */
export function pinned(v: number): number {
  return v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
}

/**
 * Normal intervals mean ± z·sd per level; a non-finite or negative sd counts as 0; bounds that
 * overflow are left infinite (the guard then falls back, model-support.ts). With `nonNegative` (a series
 * that has never been negative), the quantiles of N(mean, sd²) truncated at zero where the
 * normal puts mass below zero ({@link truncatedQuantile}).
 *
 * @example
 * normalBands(Float64Array.of(10), Float64Array.of(1), [95])[0].hi[0]; // => 11.959963984540054
 * normalBands(Float64Array.of(1), Float64Array.of(1), [95], true)[0].lo[0] >= 0; // => true
 */
export function normalBands(mean: ArrayLike<number>, sd: ArrayLike<number>, levels: readonly number[], nonNegative = false): Interval[] {
  return levels.map((level) => {
    const z = zForLevel(level);
    const lo = new Float64Array(mean.length);
    const hi = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      const s = Number.isFinite(sd[i]) && sd[i] > 0 ? sd[i] : 0;
      const [a, b] = bounds(mean[i], s, level, z, nonNegative);
      lo[i] = a;
      hi[i] = b;
    }
    return { level, lo, hi };
  });
}

/**
 * A forecast of a never-negative series made never negative: a negative mean floored at 0, and
 * the bounds of every interval that reaches below zero replaced by the truncated normal's
 * quantiles (module comment), at every level of that step. Such an interval is read as the normal it was built from: its
 * centre (lo + hi)/2 as μ and its half-width over z as σ — exact for the normal bands the models
 * here build. Steps where every interval is at or above zero are left as they are (sample quantiles — NPTS's draws
 * from a never-negative past, Croston's censored errors — never reach below it). Bounds are then ordered around the mean (lo ≤ mean ≤ hi). Cost O(h · levels).
 *
 * @example
 * nonNegativeForecast({ mean: Float64Array.of(-1), intervals: [{ level: 80, lo: Float64Array.of(-3), hi: Float64Array.of(1) }] }).mean; // => [0]
 */
export function nonNegativeForecast(forecast: Forecast): Forecast {
  const mean = forecast.mean.map((v) => (v < 0 ? 0 : v));
  const h = mean.length;
  // a step is truncated at every level when any level's interval reaches below zero there, so
  // the intervals stay nested (a 95 % interval holds the 80 % one)
  const below = new Uint8Array(h);
  for (const interval of forecast.intervals) for (let i = 0; i < h; i++) if (interval.lo[i] < 0) below[i] = 1;
  // every level of a step from one normal, read from the widest interval: the levels stay nested
  const widest = forecast.intervals.reduce<Interval | undefined>((w, interval) => (!w || interval.level > w.level ? interval : w), undefined);
  const zWidest = widest ? zForLevel(widest.level) : 1;
  const intervals = forecast.intervals.map((interval) => {
    const z = zForLevel(interval.level);
    const lo = new Float64Array(interval.lo);
    const hi = new Float64Array(interval.hi);
    for (let i = 0; i < h; i++) {
      if (!below[i] || !widest) continue;
      const mu = widest.lo[i] / 2 + widest.hi[i] / 2;
      const sd = Math.max(0, widest.hi[i] / 2 - widest.lo[i] / 2) / zWidest;
      const [a, b] = bounds(mu, sd, interval.level, z, true);
      lo[i] = Math.min(pinned(a), mean[i]);
      hi[i] = Math.max(pinned(b), mean[i]);
    }
    return { level: interval.level, lo, hi };
  });
  return { mean, intervals };
}

/**
 * How much wider than its one-step error a flat forecast's error is k steps ahead, read from the
 * series itself, for k = 1..h: √(Σ (y[s] − f[s−k+1])² / Σ (y[s] − f[s])²) over the same targets
 * y[s], where f[t] is the in-sample one-step forecast of y[t] (made from y[0..t), held flat after),
 * so f[s−k+1] is the flat forecast made k steps before s. The models whose forecast is one flat
 * level with intervals read from one-step errors (Croston, SBA, TSB, NPTS) scale those errors by
 * it at step k. On an intermittent series whose level holds, the forecast made earlier is about
 * the same and it stays 1 (the errors of a flat forecast do not accumulate); on a series that
 * wanders (a level that moves, a trend) it grows as the wandering does, where keeping the one-step
 * width would cover far less than its level (on M4 weekly, 52 % inside Croston's 80 % intervals
 * at h = 13). Never below 1 nor decreasing with k (noise would otherwise narrow a later step); a
 * step with fewer than `minPairs` targets keeps the step before's value.
 *
 * @example
 * flatErrorGrowth(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(NaN, 1, 2, 3, 4, 5), 3); // => Float64Array [1, 2, 3]
 */
export function flatErrorGrowth(y: ArrayLike<number>, fitted: ArrayLike<number>, h: number, minPairs = 3): Float64Array {
  return growthFromSums(errorGrowthSums(y, fitted, h), h, minPairs);
}

/**
 * The sums {@link flatErrorGrowth} reads, at index k − 1 for k = 2..h: Σ (y[s] − f[s−k+1])², Σ (y[s] − f[s])²
 * and their count over the targets s < n where both errors are finite.
 */
export interface ErrorGrowthSums {
  readonly n: number;
  readonly ahead: Float64Array;
  readonly oneStep: Float64Array;
  readonly pairs: Float64Array;
}

/**
 * The sums of {@link flatErrorGrowth} of `y` and `fitted` up to step h. With `from`, the sums of a
 * series whose first `from.n` values and fitted values are those of y and fitted, up to step h at
 * least: they are continued over the targets s ≥ from.n, in the order a computation from the start
 * would add them, so the sums are the same to the last bit.
 */
export function errorGrowthSums(y: ArrayLike<number>, fitted: ArrayLike<number>, h: number, from?: ErrorGrowthSums): ErrorGrowthSums {
  const n = y.length;
  const start = from ? from.n : 0;
  const ahead = new Float64Array(Math.max(h, 0));
  const oneStep = new Float64Array(ahead.length);
  const pairs = new Float64Array(ahead.length);
  if (from) {
    ahead.set(from.ahead.subarray(0, h));
    oneStep.set(from.oneStep.subarray(0, h));
    pairs.set(from.pairs.subarray(0, h));
  }
  if (h < 2) return { n, ahead, oneStep, pairs };
  // the squared one-step errors, the same at every k: computed once, NaN where the error is not finite
  const oneStepSquares = new Float64Array(n);
  for (let s = start; s < n; s++) {
    const e1 = y[s] - fitted[s];
    oneStepSquares[s] = Number.isFinite(e1) ? e1 * e1 : NaN;
  }
  /** Adds the targets s in [from, to) to the sums of step k, in the order of s. */
  const addTargets = (k: number, from: number, to: number) => {
    let sumAhead = ahead[k - 1];
    let sumOneStep = oneStep[k - 1];
    let count = pairs[k - 1];
    for (let s = from; s < to; s++) {
      const square = oneStepSquares[s];
      if (Number.isNaN(square)) continue;
      const e = y[s] - fitted[s - k + 1];
      if (Number.isFinite(e)) {
        sumAhead += e * e;
        sumOneStep += square;
        count++;
      }
    }
    ahead[k - 1] = sumAhead;
    oneStep[k - 1] = sumOneStep;
    pairs[k - 1] = count;
  };
  // steps k and k + 1 in one pass over their common targets (s ≥ k), k's first target before;
  // each sum adds its terms in the order of s, as a pass per step does, and the two steps'
  // sums are independent chains of additions the processor overlaps
  let k = 2;
  for (; k + 1 <= h; k += 2) {
    const common = Math.max(k, start);
    addTargets(k, Math.max(k - 1, start), Math.min(common, n));
    let aheadK = ahead[k - 1];
    let oneStepK = oneStep[k - 1];
    let countK = pairs[k - 1];
    let aheadNext = ahead[k];
    let oneStepNext = oneStep[k];
    let countNext = pairs[k];
    for (let s = common; s < n; s++) {
      const square = oneStepSquares[s];
      if (Number.isNaN(square)) continue;
      const ys = y[s];
      const eK = ys - fitted[s - k + 1];
      const eNext = ys - fitted[s - k];
      if (Number.isFinite(eK)) {
        aheadK += eK * eK;
        oneStepK += square;
        countK++;
      }
      if (Number.isFinite(eNext)) {
        aheadNext += eNext * eNext;
        oneStepNext += square;
        countNext++;
      }
    }
    ahead[k - 1] = aheadK;
    oneStep[k - 1] = oneStepK;
    pairs[k - 1] = countK;
    ahead[k] = aheadNext;
    oneStep[k] = oneStepNext;
    pairs[k] = countNext;
  }
  if (k <= h) addTargets(k, Math.max(k - 1, start), n);
  return { n, ahead, oneStep, pairs };
}

/** {@link flatErrorGrowth} for k = 1..h from its sums (made up to step h at least). */
export function growthFromSums(sums: ErrorGrowthSums, h: number, minPairs = 3): Float64Array {
  const growth = new Float64Array(h).fill(1);
  let previous = 1;
  for (let k = 2; k <= h; k++) {
    const oneStep = sums.oneStep[k - 1];
    if (sums.pairs[k - 1] >= minPairs && oneStep > 0) previous = Math.max(previous, Math.sqrt(sums.ahead[k - 1] / oneStep));
    growth[k - 1] = previous;
  }
  return growth;
}

/** {@link growthOf}'s memo: the growth for any h, and the sums it was last read from. */
export interface GrowthMemo {
  (h: number): Float64Array;
  readonly sums?: ErrorGrowthSums;
}

/**
 * `flatErrorGrowth(y, fitted, h)` of one fit, computed once for the longest h asked so far: the
 * growth at step k does not depend on h, so a shorter horizon reads a prefix of a longer one.
 * `continued` gives the sums of an earlier fit whose series and fitted values this one's begin
 * with (an update of it), read when a horizon is first asked: where they reach h they are
 * continued rather than made again ({@link errorGrowthSums}), to the same bits.
 */
export function growthOf(y: ArrayLike<number>, fitted: ArrayLike<number>, continued?: () => ErrorGrowthSums | undefined): GrowthMemo {
  let longest: Float64Array = new Float64Array(0);
  let sums: ErrorGrowthSums | undefined;
  const memo = (h: number): Float64Array => {
    if (h > longest.length) {
      const earlier = continued?.();
      sums = errorGrowthSums(y, fitted, h, earlier && earlier.ahead.length >= h ? earlier : undefined);
      longest = growthFromSums(sums, h);
    }
    return longest.subarray(0, h);
  };
  Object.defineProperty(memo, 'sums', { get: () => sums });
  return memo;
}
