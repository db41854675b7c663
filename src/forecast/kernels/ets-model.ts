/**
 * Turns ETS fits into FittedModels with a fallback chain: the first form in
 * the list that can be fitted wins, and each skipped form leaves its reason.
 */
import type { FittedModel, ForecastModel, ModelOptions } from '../types.js';
import { etsFormName } from './ets-core.js';
import type { EtsForm } from './ets-core.js';
import { etsParameterCount, refilterEts, type EtsCriterion, type EtsFit } from './ets-criterion.js';
import { etsForecast } from './ets-forecast.js';
import { fitEtsForm, fitEtsForms } from './ets-optimise.js';
import { fitSmallSample, isSmallSample } from './ets-small-sample.js';
import { assemble, factsOf, finiteSeries, flatFitted, inputReasons } from './model-support.js';
import type { SeriesFacts } from './series-facts.js';

/** A fitted ETS model plus the fit itself (for tests and the automatic selection). */
export interface EtsFittedModel extends FittedModel {
  /** The ETS fit behind the model; undefined when the flat fallback was used. */
  readonly ets?: EtsFit;
}

/** A ForecastModel whose fits expose the ETS fit behind them. */
export interface EtsForecastModel extends ForecastModel {
  fit(y: Float64Array, options?: ModelOptions): EtsFittedModel;
  fitWindows?(ys: readonly Float64Array[], options?: ModelOptions): EtsFittedModel[];
}

/**
 * The FittedModel of an ETS fit to `y` (`values`: y made finite and divided by `scale`), with its
 * `update`: the same weights and initial state run over a longer series ({@link refilterEts}),
 * nothing re-estimated. `reasons` are the fallback notes other than those about the input;
 * `inPlace`: an update reads its longer series in place (ModelOptions.inPlace, as the fit did), with
 * the same `facts` (ModelOptions.facts).
 *
 * @example
 * etsFitted('ses', 'SES', y, values, 0, fit, [], 1).update!(longer).forecast(1).mean; // => SES with the same alpha, one step after longer
 */
export function etsFitted(name: string, alias: string, y: Float64Array, values: Float64Array, missing: number, fit: EtsFit, reasons: readonly string[], scale: number, inPlace = false, facts?: SeriesFacts): EtsFittedModel {
  const notes = [...inputReasons(name, y, missing), ...reasons];
  const model = assemble(alias, y, values, () => fit.fitted, (h, levels) => etsForecast(fit, h, levels), notes, scale, alias, facts);
  return Object.assign(model, {
    ets: fit,
    update(longer: Float64Array): EtsFittedModel {
      const next = finiteSeries(longer, scale, inPlace, facts);
      return etsFitted(name, alias, longer, next.values, next.missing, refilterEts(fit, next.values), reasons, scale, inPlace, facts);
    },
  });
}

/** Whether `form` on n points takes R's small-sample route (3 points at least; fewer go down the fallback chain). */
export function smallSample(n: number, form: EtsForm): boolean {
  return n >= 3 && isSmallSample(n, form);
}

/**
 * R's small-sample fit of `form` ({@link fitSmallSample}) when the series is that short (6 points
 * or fewer for SES, 8 for Holt, 9 for damped Holt), with the note saying so; else undefined.
 *
 * @example
 * smallSampleFit('holt', Float64Array.of(23, 19, 27, 25, 30, 26, 33, 31), 0, AAN)?.note; // => 'holt: 8 points, …'
 */
export function smallSampleFit(name: string, values: Float64Array, missing: number, form: EtsForm | undefined): { fit: EtsFit; note: string } | undefined {
  const n = values.length;
  if (!form || missing >= n || !smallSample(n, form)) return undefined;
  const fit = fitSmallSample(values, form.trend !== 'N');
  const note = `${name}: ${n} points, too few to fit ${etsFormName(form)} by likelihood; level${form.trend !== 'N' ? ' and trend' : ''} by least squares from the first values, as R's ets does${form.damped ? ' (without damping)' : ''}`;
  return { fit, note };
}

/**
 * Fits the first form of `forms` that the series supports (criterion as R's
 * ses/holt/hw "mse" or ets "lik"); when none does, the last value with a
 * random-walk spread. `reasons` are earlier fallback notes to keep; of `options`, `cache`
 * (ModelOptions.cache) holds fits other models made on the same values, looked up instead of
 * searched again, and `inPlace` (ModelOptions.inPlace) lets the fit and its updates read their
 * series in place.
 * The fitted model's `update(longer)` keeps the form, weights and initial state (see {@link etsFitted}).
 *
 * @example
 * fitSmoothing('ses', 'SES', y, [{ error: 'A', trend: 'N', season: 'N', damped: false, m: 1 }], 'mse', []).alias; // => 'SES'
 */
export function fitSmoothing(
  name: string,
  alias: string | undefined,
  y: Float64Array,
  forms: EtsForm[],
  criterion: EtsCriterion,
  reasons: string[],
  options?: Pick<ModelOptions, 'cache' | 'inPlace' | 'facts'>,
): EtsFittedModel {
  const inPlace = options?.inPlace === true;
  const facts = factsOf(options);
  const cache = options?.cache;
  const { values, missing, scale } = finiteSeries(y, undefined, inPlace, facts);
  const chain = [...reasons];
  const n = values.length;
  const small = smallSampleFit(name, values, missing, forms[0]);
  // the alias names what was fitted: damped Holt's small-sample fit has no damping
  if (small) return etsFitted(name, alias && !forms[0].damped ? alias : small.fit.alias, y, values, missing, small.fit, [...chain, small.note], scale, inPlace, facts);
  if (n > 0 && missing < n) {
    for (let i = 0; i < forms.length; i++) {
      const form = forms[i];
      const fit = fitEtsForm(values, form, criterion, { cache });
      if (fit) return etsFitted(name, i === 0 && alias ? alias : fit.alias, y, values, missing, fit, chain, scale, inPlace, facts);
      const next = forms[i + 1];
      const used = next ? etsFormName(next) : 'the last value';
      const needed = etsParameterCount(form) + 2;
      chain.push(n < needed
        ? `${name}: ${etsFormName(form)} needs at least ${needed} points, got ${n}; used ${used}`
        : `${name}: ${etsFormName(form)} could not be fitted (no finite likelihood); used ${used}`);
    }
  }
  return flatFitted(name, 'Naive', y, chain, scale);
}

/**
 * {@link fitSmoothing} on several series at once (the training windows of a backtest), with the
 * same results: the first form is fitted to every window side by side (`fitEtsForms`); a window
 * it does not fit goes through `fitSmoothing`'s fallback chain on its own.
 *
 * @example
 * fitSmoothingWindows('ses', 'SES', [y.subarray(0, 90), y], [ANN], 'mse', [])[1].alias; // => 'SES'
 */
export function fitSmoothingWindows(
  name: string,
  alias: string | undefined,
  ys: readonly Float64Array[],
  forms: EtsForm[],
  criterion: EtsCriterion,
  reasons: string[],
  options?: Pick<ModelOptions, 'cache' | 'inPlace' | 'facts'>,
): EtsFittedModel[] {
  const inPlace = options?.inPlace === true;
  const facts = factsOf(options);
  const cache = options?.cache;
  const prepared = ys.map((y) => finiteSeries(y, undefined, inPlace, facts));
  const eligible = ys
    .map((_, i) => i)
    .filter((i) => prepared[i].values.length > 0 && prepared[i].missing < prepared[i].values.length && !(forms.length > 0 && smallSample(prepared[i].values.length, forms[0])));
  const fits = forms.length > 0 ? fitEtsForms(eligible.map((i) => prepared[i].values), forms[0], criterion, { cache }) : [];
  const fitOf = new Map(eligible.map((i, k) => [i, fits[k]]));
  return ys.map((y, i) => {
    const fit = fitOf.get(i);
    if (!fit) return fitSmoothing(name, alias, y, forms, criterion, reasons, options);
    const { values, missing, scale } = prepared[i];
    return etsFitted(name, alias ? alias : fit.alias, y, values, missing, fit, reasons, scale, inPlace, facts);
  });
}
