/**
 * NPTS, the non-parametric time series forecaster of GluonTS: each future value
 * is drawn from the past values, the value `d` periods back chosen with weight
 * exp(−λ·d); drawn values join the history, so paths are sampled one step at a
 * time. The seasonal variant draws only from the same season (`d` counted in
 * seasons). The mean and the intervals are the average and the quantiles of the
 * sample paths; the random generator is seeded, so results repeat. Each bound reaches at least
 * as far as the in-sample errors of the kernel-weighted mean reach k steps ahead (the draws alone
 * ignore how far the level moves, kernels/intervals.ts `flatErrorGrowth`).
 *
 * The intervals are quantiles of draws from past values, so they need enough of them
 * (`minIntervalSamples`, 3, kernels/interval-width.ts): the seasonal variant needs 3 seasons of
 * history (with one past value per week of the year every draw is that value, and the interval
 * has zero width) and otherwise is NPTS; NPTS needs 3 points and otherwise is naive. Each says so
 * in `fallback`.
 */
import type { ForecastModel, ModelOptions } from '../types.js';
import { finiteErrors, fittedModel } from './shared.js';
import { growthOf, neverNegative, sampleQuantiles } from '../kernels/intervals.js';
import { checkRequest, seasonLengthOf } from '../kernels/model-support.js';
import { checkPositiveInteger } from './options.js';
import { OptionError } from '../../errors.js';
import { minIntervalSamples } from '../kernels/interval-width.js';
import { naive } from './naive.js';

/** Options of NPTS: decay `lambda` ≥ 0 (default 1; 0 samples uniformly), `paths` (default 100, as GluonTS), `seed` (default 42). */
export interface NptsOptions {
  lambda?: number;
  paths?: number;
  seed?: number;
  seasonal?: boolean;
}

/** A small, fast, seeded generator of uniforms in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws d in 1..count with P(d) ∝ r^d (r = e^−λ), by inverting the truncated geometric CDF. */
function drawDistance(u: number, r: number, logR: number, rPowCount: number, count: number): number {
  if (r >= 1) return 1 + Math.min(count - 1, Math.floor(u * count));
  const d = Math.ceil(Math.log(1 - u * (1 - rPowCount)) / logR);
  return d < 1 ? 1 : d > count ? count : d;
}

/**
 * An NPTS model (GluonTS's NPTSPredictor with the exponential kernel). Cost O(paths·h) per forecast.
 *
 * @example
 * npts().fit(Float64Array.of(5, 5, 5)).forecast(2).mean; // => Float64Array [5, 5]
 */
export function npts(options: NptsOptions = {}): ForecastModel {
  const lambda = options.lambda ?? 1;
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new OptionError('lambda', lambda, 'a finite number >= 0');
  const paths = checkPositiveInteger('paths', options.paths, 100);
  const seed = options.seed ?? 42;
  const seasonal = options.seasonal ?? false;
  const r = Math.exp(-lambda);
  const logR = -lambda;
  return {
    name: seasonal ? 'snpts' : 'npts',
    ...(seasonal ? { accepts: ['seasonLength'] as const } : {}),
    fit(y, modelOptions: ModelOptions = {}) {
      const m = seasonal ? seasonLengthOf(modelOptions) : 1;
      const n = y.length;
      const useSeason = seasonal && m > 1 && n >= minIntervalSamples * m;
      const seasonReason = !seasonal || m <= 1 || useSeason
        ? undefined
        : n < m
          ? `snpts: ${n} points < one season of ${m}, used npts`
          : `snpts: ${n} points, ${Math.floor(n / m)} season${n < 2 * m ? '' : 's'} of ${m}: fewer than the ${minIntervalSamples} past values per season an interval is drawn from, used npts`;
      if (!useSeason && n > 0 && n < minIntervalSamples) {
        const fit = naive.fit(y);
        const reason = `${seasonal ? 'snpts' : 'npts'}: ${n} point${n === 1 ? '' : 's'}, fewer than the ${minIntervalSamples} past values an interval is drawn from, used naive`;
        return fittedModel(fit.alias, y, fit.fitted, (h, levels) => fit.forecast(h, levels), reason);
      }
      // fitted: the kernel-weighted mean of the past (same season when seasonal and available)
      const fitted = new Float64Array(n).fill(NaN);
      const slots = useSeason ? m : 1;
      const sum = new Float64Array(slots);
      const weight = new Float64Array(slots);
      for (let t = 0; t < n; t++) {
        const slot = t % slots;
        if (weight[slot] > 0) fitted[t] = sum[slot] / weight[slot];
        sum[slot] = r * (sum[slot] + y[t]);
        weight[slot] = r * (weight[slot] + 1);
      }
      const alias = seasonal ? (useSeason ? `SeasonalNPTS(${m})` : 'NPTS') : 'NPTS';
      const fallback = seasonReason;
      // what the intervals read of the in-sample errors, the same at every forecast of this fit: made at the first that asks
      // (made in the forecast itself, not by a closure of each fit: V8's optimised forecast would
      // take the first fit's closure for the only one, and be thrown away at the second fit's)
      let errorMemo: { errors: Float64Array; growthFor: (h: number) => Float64Array; nonNegative: boolean } | undefined;
      return fittedModel(alias, y, fitted, (h, levels) => {
        checkRequest(h, levels);
        const mean = new Float64Array(h);
        if (n === 0) {
          return { mean, intervals: levels.map((level) => ({ level, lo: new Float64Array(h), hi: new Float64Array(h) })) };
        }
        const random = seededRandom(seed);
        const samples = new Float64Array(paths * h);
        for (let j = 0; j < h; j++) {
          const now = n + j;
          const count = useSeason ? Math.floor(now / m) : now;
          const stride = useSeason ? m : 1;
          const rPowCount = Math.pow(r, count);
          let total = 0;
          for (let p = 0; p < paths; p++) {
            const index = now - stride * drawDistance(random(), r, logR, rPowCount, count);
            const value = index < n ? y[index] : samples[p * h + index - n];
            samples[p * h + j] = value;
            total += value;
          }
          mean[j] = total / paths;
        }
        // the quantiles every level reads, of each step's draws (lo, hi per level: at 2·l, 2·l + 1) and of the in-sample errors
        const ps = levels.flatMap((level) => [0.5 - level / 200, 0.5 + level / 200]);
        const column = new Float64Array(levels.length > 0 ? paths : 0);
        const drawn: number[][] = [];
        for (let j = 0; levels.length > 0 && j < h; j++) {
          for (let p = 0; p < paths; p++) column[p] = samples[p * h + j];
          drawn.push(sampleQuantiles(column, ps));
        }
        // The draws only ever repeat recent values, so on a series whose level moves the sampled
        // band is far narrower than where the series goes (27 % inside the 80 % band on M4 weekly
        // at h = 13): each bound reaches at least as far as the kernel mean's own in-sample errors
        // reach k steps ahead (flatErrorGrowth), floored at zero on a never-negative series.
        const sample = levels.length > 0 ? (errorMemo ??= { errors: finiteErrors(y, fitted), growthFor: growthOf(y, fitted), nonNegative: neverNegative(y) }) : undefined;
        const growth = sample && sample.errors.length >= minIntervalSamples ? sample.growthFor(h) : undefined;
        const errorQuantiles = growth && sample ? sampleQuantiles(sample.errors, ps) : undefined;
        const intervals = levels.map((level, l) => {
          const lo = new Float64Array(h);
          const hi = new Float64Array(h);
          const qLo = errorQuantiles ? errorQuantiles[2 * l] : 0;
          const qHi = errorQuantiles ? errorQuantiles[2 * l + 1] : 0;
          for (let j = 0; j < h; j++) {
            // R type 7, the quantile Croston's intervals use too (simple-statistics)
            lo[j] = drawn[j][2 * l];
            hi[j] = drawn[j][2 * l + 1];
            if (growth && sample) {
              const down = mean[j] + growth[j] * qLo;
              const up = mean[j] + growth[j] * qHi;
              lo[j] = Math.min(lo[j], mean[j], sample.nonNegative ? Math.max(0, down) : down);
              hi[j] = Math.max(hi[j], mean[j], sample.nonNegative ? Math.max(0, up) : up);
            }
          }
          return { level, lo, hi };
        });
        return { mean, intervals };
      }, fallback);
    },
  };
}

/** NPTS with default options (λ = 1, 100 paths, seed 42). */
export const nptsModel: ForecastModel = npts();

/** Seasonal NPTS with default options: draws only from the same season. */
export const seasonalNptsModel: ForecastModel = npts({ seasonal: true });
