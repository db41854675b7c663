/**
 * The standard Theta method of Assimakopoulos & Nikolopoulos (2000) as R's
 * `forecast::thetaf` computes it (Hyndman & Billah 2003: SES with drift):
 * 1. if the series is seasonal — lag-m autocorrelation significant at 90 %
 *    (|r_m| / √((1 + 2Σ_{k<m} r_k²)/n) > 1.645), tested only when n > 2m —
 *    divide by the classical multiplicative seasonal indices;
 * 2. fit SES (ETS(A,N,N), one-step MSE) to the adjusted series;
 * 3. add a drift of half the least-squares slope b:
 *    ŷ_{n+h} = SES_{n+h} + b/2 · (h − 1 + (1 − (1 − α)^n)/α);
 * 4. multiply the seasonal indices back.
 * Intervals as thetaf: σ̂·√(1 + (h−1)α²) around the mean, σ̂² from the SES fit.
 *
 * `update(longer)` extends a fit as thetaf would with its SES weights fixed: the seasonal decision
 * of the fit is kept (the test is not run again), the seasonal indices, the adjusted series and the
 * drift are recomputed on the longer series, and SES runs again from the same alpha and initial
 * level (nothing is searched, so alpha and the initial level never see the new points).
 */
import type { ForecastModel, ModelOptions } from '../types.js';
import { autocorrelations, classicalSeasonal, lineFit } from '../kernels/decompose.js';
import { refilterEts, type EtsFit } from '../kernels/ets-criterion.js';
import { fitEtsForm, fitEtsForms } from '../kernels/ets-optimise.js';
import type { EtsForm } from '../kernels/ets-core.js';
import { assemble, factsOf, finiteSeries, flatFitted, inputReasons, seasonLengthOf } from '../kernels/model-support.js';
import { normalBands, qnorm } from '../kernels/intervals.js';
import { smallSample, smallSampleFit } from '../kernels/ets-model.js';
import type { FittedModel } from '../types.js';

/**
 * Whether thetaf would treat the series as seasonal with period m (90 % test on the lag-m autocorrelation).
 *
 * @example
 * thetaSeasonalTest(Float64Array.from({ length: 48 }, (_, t) => 10 + Math.sin(t * Math.PI / 6)), 12); // => true
 */
export function thetaSeasonalTest(values: Float64Array, m: number): boolean {
  const n = values.length;
  if (m <= 1 || n <= 2 * m) return false;
  let constant = true;
  for (let i = 1; i < n; i++) if (values[i] !== values[0]) constant = false;
  if (constant) return false;
  const r = autocorrelations(values, m);
  let sum = 0;
  for (let k = 0; k < m - 1; k++) sum += r[k] * r[k];
  const stat = Math.sqrt((1 + 2 * sum) / n);
  return Math.abs(r[m - 1]) / stat > qnorm(0.95);
}

const ANN: EtsForm = { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 };

/** A Theta fit: whether it adjusted for season, the SES alpha and the drift (half the slope); absent on fallback. */
export interface ThetaFittedModel extends FittedModel {
  readonly seasonal?: boolean;
  readonly alpha?: number;
  readonly drift?: number;
}

/** The Theta ForecastModel, its fits typed as ThetaFittedModel. */
export interface ThetaModel extends ForecastModel {
  fit(y: Float64Array, options?: ModelOptions): ThetaFittedModel;
  fitWindows(ys: readonly Float64Array[], options?: ModelOptions): ThetaFittedModel[];
}

/**
 * Theta forecasts: SES on the (seasonally adjusted) series plus half the
 * linear trend. Falls back to the last value below 4 points.
 * Business meaning: a robust, hard-to-beat benchmark (winner of M3).
 *
 * @example
 * theta.fit(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).forecast(1).mean[0]; // => ≈ 10.5
 */
export const theta: ThetaModel = {
  name: 'theta',
  accepts: ['seasonLength'],
  fit(y, options) {
    const prepared = prepareTheta(y, options);
    return finishTheta(prepared, prepared.fitted ? sesOf(prepared) : undefined);
  },
  fitWindows(ys, options) {
    const prepared = ys.map((y) => prepareTheta(y, options));
    // short windows take the small-sample fit one by one (sesOf); the others are fitted side by side
    const eligible = prepared.filter((p) => p.fitted && !smallSample(p.adjusted.length, ANN));
    const fits = fitEtsForms(eligible.map((p) => p.adjusted), ANN, 'mse', { cache: options?.cache });
    const fitOf = new Map(eligible.map((p, k) => [p, fits[k]]));
    return prepared.map((p) => finishTheta(p, fitOf.has(p) ? fitOf.get(p) : p.fitted ? sesOf(p) : undefined));
  },
};

/** The SES fit of Theta's adjusted series: R's small-sample fit on 6 points or fewer (as thetaf's ses()), else by MSE. */
function sesOf(prepared: ThetaPrepared): EtsFit | undefined {
  const small = smallSampleFit('theta', prepared.adjusted, 0, ANN);
  if (small) {
    prepared.reasons.push(small.note);
    return small.fit;
  }
  return fitEtsForm(prepared.adjusted, ANN, 'mse', { cache: prepared.options?.cache });
}

/** Theta up to its SES fit: the finite series, the seasonal test and indices, the adjusted series. */
interface ThetaPrepared {
  y: Float64Array;
  m: number;
  options: ModelOptions | undefined;
  values: Float64Array;
  missing: number;
  scale: number;
  reasons: string[];
  /** The outcome of the seasonal test (before the positivity and index checks). */
  tested: boolean;
  seasonal: boolean;
  indices: Float64Array | undefined;
  adjusted: Float64Array;
  /** Whether SES is fitted at all (something finite to fit). */
  fitted: boolean;
}

/** `known`: the seasonal test's outcome and the scale of an earlier fit being extended (the test is then not run). */
function prepareTheta(y: Float64Array, options: ModelOptions | undefined, known?: { tested: boolean; scale: number }): ThetaPrepared {
  const m = seasonLengthOf(options);
  const { values, missing, scale } = finiteSeries(y, known?.scale, options?.inPlace === true, factsOf(options));
  const reasons = inputReasons('theta', y, missing);
  const n = values.length;
  const tested = n > 0 && missing < n && (known ? known.tested : thetaSeasonalTest(values, m));
  let seasonal = tested;
  let indices: Float64Array | undefined;
  if (seasonal) {
    let positive = true;
    for (let i = 0; i < n; i++) if (!(values[i] > 0)) positive = false;
    if (!positive) {
      seasonal = false;
      reasons.push('theta: seasonal but not all positive, multiplicative adjustment skipped');
    } else {
      indices = classicalSeasonal(values, m, 'multiplicative');
      for (let i = 0; i < n; i++) if (!(Math.abs(indices[i]) >= 1e-4)) seasonal = false;
      if (!seasonal) reasons.push('theta: seasonal indices close to zero, used the non-seasonal method');
    }
  }
  const adjusted = new Float64Array(n);
  for (let i = 0; i < n; i++) adjusted[i] = seasonal && indices ? values[i] / indices[i] : values[i];
  return { y, m, options, values, missing, scale, reasons, tested, seasonal, indices, adjusted, fitted: n > 0 && missing < n };
}

/** Theta from its SES fit on the adjusted series (undefined: too short, the last value). */
function finishTheta(prepared: ThetaPrepared, fit: EtsFit | undefined): ThetaFittedModel {
  const { y, m, values, scale, reasons, seasonal, indices, adjusted } = prepared;
  const n = values.length;
  if (!fit) {
    const inputNotes = inputReasons('theta', y, prepared.missing);
    if (prepared.fitted) reasons.push(`theta: ${n} points are too few (needs 4), used the last value`);
    return flatFitted('theta', 'Naive', y, reasons.slice(inputNotes.length), scale);
  }
  const drift = lineFit(adjusted, 0, n, 0)[1] / 2;
  const alpha = Math.max(1e-10, fit.alpha);
  const level = fit.lastState[0];
  const sigma = Math.sqrt(Math.max(fit.sigma2, 0));
  // the fitted values, made when first read (a backtest window only forecasts)
  const fitted = () => {
    const ses = fit.fitted;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = seasonal && indices ? ses[i] * indices[i] : ses[i];
    return values;
  };
  const lastSeason = indices && seasonal ? indices.subarray(n - m) : undefined;
  const constantTerm = (1 - (1 - alpha) ** n) / alpha;
  const model = assemble('Theta', y, values, fitted, (h, levels) => {
    const mean = new Float64Array(h);
    const sd = new Float64Array(h);
    for (let i = 0; i < h; i++) {
      mean[i] = level + drift * (i + constantTerm);
      if (lastSeason) mean[i] *= lastSeason[i % m];
      sd[i] = sigma * Math.sqrt(i * alpha * alpha + 1);
    }
    return { mean, intervals: normalBands(mean, sd, levels) };
  }, reasons, scale, 'Theta', factsOf(prepared.options));
  const update = (longer: Float64Array): ThetaFittedModel => {
    const next = prepareTheta(longer, prepared.options, { tested: prepared.tested, scale });
    return finishTheta(next, refilterEts(fit, next.adjusted));
  };
  return Object.assign(model, { seasonal, alpha, drift, update });
}
