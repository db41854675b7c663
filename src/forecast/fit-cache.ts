/**
 * The one cache of an evaluation, for one series: the fitted models by model, season length and
 * training end (a fit depends on its training window, not on the horizon, so evaluations of the
 * same series under several configurations — h = 13 then h = 4 — share every fit whose window
 * agrees), and the kernel fits models share on the same values ({@link FitMemo}, passed to every
 * fit as `ModelOptions.cache`: Holt–Winters' Holt fallback and Theta's SES are looked up, not
 * searched again). Made by the caller per series and passed explicitly (parallel.ts); never shared
 * between series, so it lives and dies with the series' evaluation and holds no global state.
 * Memory: one copy of the values per distinct kernel fit, plus the fitted models.
 */
import type { FitMemo, FittedModel } from './types.js';

/**
 * Fitted models keyed `model/seasonLength/end` (the Map itself), and kernel fits by key and values
 * (`recall`/`remember`).
 *
 * @example
 * const fits = new FitCache();
 * evaluateSeries('a', values, config, getModel, fits); // a second configuration on `fits` refits only new windows
 */
export class FitCache extends Map<string, FittedModel> implements FitMemo {
  /** Kernel fits: per key, the values fitted and the fit, in the order made. */
  private readonly kernelFits = new Map<string, Array<{ y: Float64Array; fit: unknown }>>();

  recall(key: string, y: Float64Array): { fit: unknown } | undefined {
    const entries = this.kernelFits.get(key);
    if (!entries) return undefined;
    for (const entry of entries) if (sameValues(entry.y, y)) return entry;
    return undefined;
  }

  remember(key: string, y: Float64Array, fit: unknown): void {
    let entries = this.kernelFits.get(key);
    if (!entries) this.kernelFits.set(key, (entries = []));
    entries.push({ y: new Float64Array(y), fit });
  }

  /** Forgets the fitted models and the kernel fits alike. */
  override clear(): void {
    super.clear();
    this.kernelFits.clear();
  }
}

/** Element-wise identity (Object.is: NaN equals NaN, 0 differs from −0), so a fit is reused only on the same input. */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
