/**
 * Turns ETS fits into FittedModels with a fallback chain: the first form in
 * the list that can be fitted wins, and each skipped form leaves its reason.
 */
import type { FittedModel, ForecastModel, ModelOptions } from '../types.js';
import { etsFormName } from './ets-core.js';
import type { EtsForm } from './ets-core.js';
import { etsForecast, etsParameterCount, fitEtsForm } from './ets-fit.js';
import type { EtsCriterion, EtsFit } from './ets-fit.js';
import { assemble, finiteSeries, flatFit, inputReasons } from './model-support.js';

/** A fitted ETS model plus the fit itself (for tests and the automatic selection). */
export interface EtsFittedModel extends FittedModel {
  /** The ETS fit behind the model; undefined when the flat fallback was used. */
  readonly ets?: EtsFit;
}

/** A ForecastModel whose fits expose the ETS fit behind them. */
export interface EtsForecastModel extends ForecastModel {
  fit(y: Float64Array, options?: ModelOptions): EtsFittedModel;
}

/**
 * Fits the first form of `forms` that the series supports (criterion as R's
 * ses/holt/hw "mse" or ets "lik"); when none does, the last value with a
 * random-walk spread. `reasons` are earlier fallback notes to keep.
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
): EtsFittedModel {
  const { values, missing, scale } = finiteSeries(y);
  const notes = [...inputReasons(name, y, missing), ...reasons];
  const n = values.length;
  if (n > 0 && missing < n) {
    for (let i = 0; i < forms.length; i++) {
      const form = forms[i];
      const fit = fitEtsForm(values, form, criterion);
      if (fit) {
        const label = i === 0 && alias ? alias : fit.alias;
        const model = assemble(label, y, values, fit.fitted, (h, levels) => etsForecast(fit, h, levels), notes, scale);
        return Object.assign(model, { ets: fit });
      }
      const next = forms[i + 1];
      const used = next ? etsFormName(next) : 'the last value';
      const needed = etsParameterCount(form) + 2;
      notes.push(n < needed
        ? `${name}: ${etsFormName(form)} needs at least ${needed} points, got ${n}; used ${used}`
        : `${name}: ${etsFormName(form)} could not be fitted (no finite likelihood); used ${used}`);
    }
  }
  const flat = flatFit(values);
  return assemble('Naive', y, values, flat.fitted, flat.predict, notes, scale);
}
