/**
 * The series' one cache: fitted models and the kernel fits models share, passed explicitly to
 * every fit (ModelOptions.cache). A fit taken from it is the fit made before on the same values
 * (Holt–Winters' Holt fallback, Theta's SES); without a cache nothing is kept between fits.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSeries, FitCache, holt, holtWinters, ses, theta, type EvaluateConfig, type FitMemo } from '../../src/index.js';
import { fitEtsForm, fitEtsForms } from '../../src/forecast/kernels/ets-optimise.js';
import type { EtsFittedModel } from '../../src/forecast/kernels/ets-model.js';

// A trending weekly series with a yearly swing and a deterministic jitter (as fit-windows.test.ts).
const weekly = Float64Array.from({ length: 160 }, (_, t) => 100 + 0.5 * t + 10 * Math.sin((2 * Math.PI * t) / 52) + ((t * 7919) % 11) - 5);
const ANN = { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 } as const;

/** A FitCache that counts what it is asked: lookups that found a fit, lookups that did not, fits kept. */
function counting(): { memo: FitMemo; counts: { hits: number; misses: number; kept: number } } {
  const cache = new FitCache();
  const counts = { hits: 0, misses: 0, kept: 0 };
  const memo: FitMemo = {
    recall(key, y) {
      const known = cache.recall(key, y);
      if (known) counts.hits++;
      else counts.misses++;
      return known;
    },
    remember(key, y, fit) {
      counts.kept++;
      cache.remember(key, y, fit);
    },
  };
  return { memo, counts };
}

describe('FitCache', () => {
  it('recall(key, y) finds a fit only under its key and for exactly the values it was made on', () => {
    const cache = new FitCache();
    const y = Float64Array.of(1, NaN, 3);
    const fit = { alpha: 0.5 };
    cache.remember('k', y, fit);
    expect(cache.recall('k', Float64Array.of(1, NaN, 3))?.fit).toBe(fit);
    expect(cache.recall('other', y)).toBeUndefined();
    expect(cache.recall('k', Float64Array.of(1, NaN, 4))).toBeUndefined();
    expect(cache.recall('k', Float64Array.of(1, NaN))).toBeUndefined();
    cache.remember('z', Float64Array.of(0), 'zero');
    expect(cache.recall('z', Float64Array.of(-0))).toBeUndefined();
  });

  it('keeps a copy of the values: changing the array after remember does not move the fit to the new values', () => {
    const cache = new FitCache();
    const y = Float64Array.of(1, 2, 3);
    cache.remember('k', y, 'fit');
    y[2] = 4;
    expect(cache.recall('k', y)).toBeUndefined();
    expect(cache.recall('k', Float64Array.of(1, 2, 3))?.fit).toBe('fit');
  });

  it('remembers "no fit" too, and clear() forgets kernel fits with the fitted models', () => {
    const cache = new FitCache();
    cache.remember('k', Float64Array.of(1), undefined);
    expect(cache.recall('k', Float64Array.of(1))).toEqual({ y: Float64Array.of(1), fit: undefined });
    cache.set('ses/1/1', ses.fit(weekly));
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.recall('k', Float64Array.of(1))).toBeUndefined();
  });
});

describe('ETS fits with and without a cache', () => {
  it('without a cache every fit is searched afresh: two fits of the same form are equal but not the same object', () => {
    const first = fitEtsForm(weekly, ANN, 'mse')!;
    const second = fitEtsForm(weekly, ANN, 'mse')!;
    expect(second).not.toBe(first);
    expect([second.alpha, second.evaluations, ...second.lastState]).toEqual([first.alpha, first.evaluations, ...first.lastState]);
  });

  it('with a cache the second fit of the same form on the same values is the first, on its own or side by side', () => {
    const { memo, counts } = counting();
    const first = fitEtsForm(weekly, ANN, 'mse', { cache: memo })!;
    expect(counts).toEqual({ hits: 0, misses: 1, kept: 1 });
    expect(fitEtsForm(weekly, ANN, 'mse', { cache: memo })).toBe(first);
    const [window, full] = fitEtsForms([weekly.subarray(0, 120), weekly], ANN, 'mse', { cache: memo });
    expect(full).toBe(first);
    expect(counts).toEqual({ hits: 2, misses: 2, kept: 2 });
    // another criterion or iteration cap is another fit
    expect(fitEtsForm(weekly, ANN, 'lik', { cache: memo })).not.toBe(first);
    expect(fitEtsForm(weekly, ANN, 'mse', { cache: memo, maxit: 50 })).not.toBe(first);
    expect(window!.alpha).toBe(fitEtsForm(weekly.subarray(0, 120), ANN, 'mse')!.alpha);
  });

  it('holt_winters with a season of 52 takes holt\'s ETS(A,A,N) fit from the cache, forecasts unchanged', () => {
    const cache = new FitCache();
    const holtFit = holt.fit(weekly, { seasonLength: 52, cache });
    const shared = holtWinters.fit(weekly, { seasonLength: 52, cache });
    const alone = holtWinters.fit(weekly, { seasonLength: 52 });
    expect(shared.ets).toBe(holtFit.ets);
    expect(alone.ets).not.toBe(holtFit.ets);
    expect([...shared.forecast(13, [80]).mean]).toEqual([...alone.forecast(13, [80]).mean]);
    expect([...shared.forecast(13, [80]).intervals[0].hi]).toEqual([...alone.forecast(13, [80]).intervals[0].hi]);
  });

  it('theta on a non-seasonal series takes ses\'s SES fit from the cache: no new search, forecasts unchanged', () => {
    const { memo, counts } = counting();
    ses.fit(weekly, { cache: memo });
    expect(counts.kept).toBe(1);
    const shared = theta.fit(weekly, { cache: memo });
    expect(counts).toEqual({ hits: 1, misses: 1, kept: 1 });
    const alone = theta.fit(weekly);
    expect([...shared.forecast(13, [80]).mean]).toEqual([...alone.forecast(13, [80]).mean]);
    expect([...shared.forecast(13, [80]).intervals[0].lo]).toEqual([...alone.forecast(13, [80]).intervals[0].lo]);
  });
});

describe('evaluateSeries(id, values, config, resolve, fits)', () => {
  it('passes its cache to every fit: holt_winters\' fallback on the full history is holt\'s fit itself', () => {
    const config: EvaluateConfig = {
      h: 13, models: ['holt', 'holt_winters'], levels: [80], metric: 'mase', windows: 2, step: 13, seasonLength: 52, maseSeason: 1, ensemble: null,
    };
    const fits = new FitCache();
    // the raw models (getModel's guarded ones wrap the fit and hide `ets`)
    const outcome = evaluateSeries('s', weekly, config, (name) => (name === 'holt' ? holt : holtWinters), fits);
    const holtFit = fits.get(`holt/52/${weekly.length}`) as EtsFittedModel;
    const hwFit = fits.get(`holt_winters/52/${weekly.length}`) as EtsFittedModel;
    expect(hwFit.ets).toBeDefined();
    expect(hwFit.ets).toBe(holtFit.ets);
    const [holtOutcome, hwOutcome] = outcome.outcomes;
    expect([...hwOutcome.mean]).toEqual([...holtOutcome.mean]);
    expect([...hwOutcome.backtest]).toEqual([...holtOutcome.backtest]);
  });
});
