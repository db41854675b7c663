import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  crossValidation,
  evaluateSeries,
  FitCache,
  forecast,
  getModel,
  guarded,
  naive,
  modelNames,
  resolveOptions,
  seededRandom,
  ses,
  theta,
  croston,
  sba,
  tsb,
  type EvaluateConfig,
  type ForecastModel,
  type Series,
} from '../../src/index.js';
import { parseForecastFlags } from '../../src/cli/forecast.js';
import { tsbByHand } from '../helpers/intermittent.js';

/** 80 weeks of level 100 with noise, then 30 weeks that jump wildly between 0 and 1000. */
function calmThenWild(): Float64Array {
  const random = seededRandom(7);
  const y = new Float64Array(110);
  for (let t = 0; t < 80; t++) y[t] = 100 + 10 * (random() - 0.5);
  for (let t = 80; t < 110; t++) y[t] = t % 2 === 0 ? 1000 * random() : 0;
  return y;
}

/** 80 weeks of intermittent demand of about 10, then 40 of demand every week growing by 4 a week: the smoothing optimum moves. */
function steadyThenGrowing(): Float64Array {
  const random = seededRandom(5);
  const y = new Float64Array(120);
  for (let t = 0; t < 80; t++) y[t] = random() < 0.4 ? 10 + 4 * (random() - 0.5) : 0;
  for (let t = 80; t < 120; t++) y[t] = 10 + 4 * (t - 80) + 4 * (random() - 0.5);
  return y;
}

/** 160 weeks of the same intermittent demand of about 10: fitted on its first 100 or on all, Croston and TSB choose the same parameters. */
function steadyIntermittent(): Float64Array {
  const random = seededRandom(5);
  return Float64Array.from({ length: 160 }, () => (random() < 0.4 ? 10 + 4 * (random() - 0.5) : 0));
}

/** Croston's forecast of `y` by hand: SES of the demand sizes and of the intervals between demands (the first from the start), size over interval. */
function crostonByHand(y: Float64Array, alphaZ: number, alphaP: number): number {
  let z = NaN;
  let p = NaN;
  let last = -1;
  for (let t = 0; t < y.length; t++) {
    if (y[t] === 0) continue;
    if (Number.isNaN(z)) [z, p] = [y[t], t - last];
    else [z, p] = [z + alphaZ * (y[t] - z), p + alphaP * (t - last - p)];
    last = t;
  }
  return z / p;
}

/** A positive trending series with a season of 4 (Holt–Winters and Theta's seasonal path apply). */
function seasonalTrend(n = 64): Float64Array {
  const random = seededRandom(11);
  return Float64Array.from({ length: n }, (_, t) => 50 + 0.8 * t + 12 * [1, -0.5, 0.3, -0.8][t % 4] + 4 * (random() - 0.5));
}

function weekly(id: string, values: Float64Array): Series {
  const start = Date.UTC(2023, 0, 2);
  const timestamps = Array.from(values, (_, i) => new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10));
  return { id, period: 'week', timestamps, values };
}

/** `model` that records the length of every series it is fitted to. */
function recording(model: ForecastModel, lengths: number[]): ForecastModel {
  return { name: model.name, fit: (y, options) => (lengths.push(y.length), model.fit(y, options)) };
}

const config = (refit: boolean | number, windows = 3): EvaluateConfig => ({
  h: 6, models: ['ses'], levels: [80], metric: 'mase', windows, step: 6, seasonLength: 1, maseSeason: 1, ensemble: null, refit,
});

describe('FittedModel.update(y)', () => {
  const withUpdate = ['naive', 'snaive', 'ses', 'holt', 'damped', 'holt_winters', 'holt_winters_multiplicative', 'ets', 'theta', 'mean', 'ma', 'drift', 'croston', 'sba', 'tsb', 'mstl'];

  it('is offered by the smoothing models, the parameter-free ones, Croston, SBA, TSB and MSTL; NPTS refits', () => {
    const y = seasonalTrend();
    const offered = modelNames.filter((name) => getModel(name).fit(y, { seasonLength: 4 }).update !== undefined);
    expect(offered).toEqual(withUpdate);
  });

  it.each(withUpdate)('%s: update(y) on the fitted series gives the same fit back', (name) => {
    const y = seasonalTrend();
    const model = getModel(name);
    const fitted = model.fit(y, { seasonLength: 4 });
    const again = fitted.update!(y);
    expect(again.alias).toBe(fitted.alias);
    expect(again.fallback).toBe(fitted.fallback);
    expect(again.fitted).toEqual(fitted.fitted);
    expect(again.forecast(8, [80, 95])).toEqual(fitted.forecast(8, [80, 95]));
  });

  it('guarded(model): a finite mean with a non-finite bound keeps its mean, with naive\'s width around it, asked with intervals or not', () => {
    const model: ForecastModel = {
      name: 'loose',
      fit: (y) => {
        const inner = naive.fit(y);
        return { ...inner, forecast: (h: number, levels: readonly number[] = []) => ({ mean: new Float64Array(h).fill(10), intervals: levels.map((level) => ({ level, lo: new Float64Array(h).fill(NaN), hi: new Float64Array(h).fill(Infinity) })) }) };
      },
    };
    const fitted = guarded(model).fit(Float64Array.of(1, 2, 4, 3));
    const bare = fitted.forecast(3);
    const banded = fitted.forecast(3, [80]);
    expect(Array.from(bare.mean)).toEqual([10, 10, 10]);
    expect(Array.from(banded.mean)).toEqual([10, 10, 10]);
    const { lo, hi } = banded.intervals[0];
    // naive's random-walk width (σ·√k) around 10: finite, around the mean, wider step by step
    for (let k = 0; k < 3; k++) expect(lo[k] < 10 && hi[k] > 10 && Number.isFinite(lo[k]) && Number.isFinite(hi[k])).toBe(true);
    expect(hi[2] - lo[2]).toBeGreaterThan(hi[0] - lo[0]);
    expect(fitted.fallback).toBe("loose: non-finite interval bound, naive's width around its forecast");
  });

  it('guarded(model): an update that throws falls back to naive on the longer series and says why', () => {
    const failing: ForecastModel = { name: 'failing', fit: (y) => Object.assign(naive.fit(y), { update: (): never => { throw new Error('boom'); } }) };
    const extended = guarded(failing).fit(Float64Array.of(1, 2, 3)).update!(Float64Array.of(1, 2, 3, 7));
    expect(extended.fallback).toBe('failing: update failed (boom), used naive');
    expect(extended.forecast(1).mean).toEqual(Float64Array.of(7));
  });

  it('ses: update(longer) keeps alpha and the initial level and runs the recursion on (hand computation l_t = l_{t−1} + α(y_t − l_{t−1}))', () => {
    const y = calmThenWild();
    const first = ses.fit(y.subarray(0, 80));
    const extended = ses.fit(y.subarray(0, 80)).update!(y) as ReturnType<typeof ses.fit>;
    const { alpha, initialState } = first.ets!;
    expect(extended.ets!.alpha).toBe(alpha);
    expect(extended.ets!.initialState).toEqual(initialState);
    let level = initialState[0];
    for (let t = 0; t < y.length; t++) level += alpha * (y[t] - level);
    expect(extended.forecast(1).mean[0]).toBeCloseTo(level, 9);
    // fitting the whole series instead lets alpha see the wild part: a different alpha
    expect(ses.fit(y).ets!.alpha).not.toBeCloseTo(alpha, 3);
  });

  it('theta: update(longer) keeps alpha and the seasonal decision, recomputes the drift on the longer series', () => {
    const y = seasonalTrend(96);
    const first = theta.fit(y.subarray(0, 64), { seasonLength: 4 });
    const extended = first.update!(y) as ReturnType<typeof theta.fit>;
    expect(extended.alpha).toBe(first.alpha);
    expect(extended.seasonal).toBe(first.seasonal);
    expect(extended.drift).not.toBe(first.drift);
  });

  it.each([['croston', croston, 1], ['sba', sba, 0]] as const)('%s: update(longer) keeps both smoothing parameters and runs the recursion on (hand computation)', (_, model, croston1) => {
    const y = steadyThenGrowing();
    const first = model.fit(y.subarray(0, 80));
    const extended = first.update(y);
    expect(extended.alphaZ).toBe(first.alphaZ);
    expect(extended.alphaP).toBe(first.alphaP);
    const correction = croston1 ? 1 : 1 - first.alphaP / 2;
    expect(extended.forecast(1).mean[0]).toBeCloseTo(correction * crostonByHand(y, first.alphaZ, first.alphaP), 9);
    // fitting the whole series instead lets the parameters see the growing part: other parameters, another forecast
    const fresh = model.fit(y);
    expect(fresh.alphaZ).not.toBeCloseTo(first.alphaZ, 3);
    expect(fresh.forecast(1).mean[0]).not.toBeCloseTo(extended.forecast(1).mean[0], 3);
  });

  it('tsb: update(longer) keeps α_d and α_p and runs the recursion on (hand computation)', () => {
    const y = steadyThenGrowing();
    const first = tsb.fit(y.subarray(0, 80));
    const extended = first.update(y);
    expect(extended.alphaD).toBe(first.alphaD);
    expect(extended.alphaP).toBe(first.alphaP);
    expect(extended.forecast(1).mean[0]).toBeCloseTo(tsbByHand(y, first.alphaD, first.alphaP).forecast, 9);
    const fresh = tsb.fit(y);
    expect(fresh.alphaD).not.toBeCloseTo(first.alphaD, 3);
    expect(fresh.forecast(1).mean[0]).not.toBeCloseTo(extended.forecast(1).mean[0], 3);
  });

  it.each(['croston', 'sba', 'tsb'])('%s: where the longer series has the same optimum, update(longer) is the fit of the longer series, intervals included', (name) => {
    const y = steadyIntermittent();
    const model = { croston, sba, tsb }[name as 'croston' | 'sba' | 'tsb'];
    const first = model.fit(y.subarray(0, 100));
    const fresh = model.fit(y);
    const parameters = (fit: ReturnType<typeof model.fit>) => ('alphaZ' in fit ? [fit.alphaZ, fit.alphaP] : [fit.alphaD, fit.alphaP]);
    expect(parameters(fresh)).toEqual(parameters(first));
    // extended before and after the first fit's own forecast (which the update continues the error sums of), to a horizon within it and beyond
    expect(first.update(y).forecast(13, [80, 95])).toEqual(fresh.forecast(13, [80, 95]));
    first.forecast(13, [80, 95]);
    const extended = first.update(y);
    expect(extended.fitted).toEqual(fresh.fitted);
    expect(extended.forecast(13, [80, 95])).toEqual(fresh.forecast(13, [80, 95]));
    expect(extended.forecast(20, [50, 99])).toEqual(fresh.forecast(20, [50, 99]));
    expect(first.update(y).forecast(4, [80])).toEqual(fresh.forecast(4, [80]));
    // and the same through the guard the registry serves
    const guardedModel = getModel(name);
    expect(guardedModel.fit(y.subarray(0, 100)).update!(y).forecast(13, [80, 95])).toEqual(guardedModel.fit(y).forecast(13, [80, 95]));
  });
});

describe('evaluateSeries(id, values, { refit })', () => {
  it('refit: false fits once on the first window: no fit but the full-history one sees data past the first cutoff', () => {
    const y = calmThenWild();
    const lengths: number[] = [];
    const outcome = evaluateSeries('wild', y, config(false), () => recording(ses, lengths), new FitCache());
    expect(outcome.cutoffs).toEqual([92, 98, 104]);
    expect(lengths).toEqual([92, 110]);
    // each later window is the first window's fit extended, with its alpha
    const first = ses.fit(y.subarray(0, 92));
    for (const [w, end] of outcome.cutoffs.entries()) {
      const model = w === 0 ? first : first.update!(y.subarray(0, end));
      expect(outcome.outcomes[0].backtest.subarray(w * 6, (w + 1) * 6)).toEqual(model.forecast(6).mean);
    }
  });

  it('refit: true fits every window, refit: 2 every second window', () => {
    const y = calmThenWild();
    const every: number[] = [];
    evaluateSeries('wild', y, config(true), () => recording(ses, every), new FitCache());
    expect(every).toEqual([92, 98, 104, 110]);
    const second: number[] = [];
    evaluateSeries('wild', y, config(2, 4), () => recording(ses, second), new FitCache());
    expect(second).toEqual([86, 98, 110]);
  });

  it('refit: false changes the later windows of a model with parameters and scores them', () => {
    const y = calmThenWild();
    const refitted = evaluateSeries('wild', y, config(true), getModel, new FitCache());
    const kept = evaluateSeries('wild', y, config(false), getModel, new FitCache());
    expect(kept.outcomes[0].backtest.subarray(0, 6)).toEqual(refitted.outcomes[0].backtest.subarray(0, 6));
    expect(kept.outcomes[0].backtest.subarray(12)).not.toEqual(refitted.outcomes[0].backtest.subarray(12));
    expect(kept.outcomes[0].mean).toEqual(refitted.outcomes[0].mean);
    expect(kept.outcomes[0].scores.mase).toBeGreaterThan(0);
  });
});

describe('forecast(series, { refit }) and crossValidation', () => {
  const series = [weekly('wild', calmThenWild()), weekly('season', seasonalTrend(80))];
  const parameterFree = ['naive', 'snaive', 'mean', 'ma', 'drift', 'npts'];

  it('refit: false gives the same outcomes as refit: true for the models without parameters to keep', async () => {
    const options = { h: 4, windows: 3, models: parameterFree, levels: [80], parallel: false, seasonLength: 4 } as const;
    const every = await forecast(series, { ...options, refit: true });
    const once = await forecast(series, { ...options, refit: false });
    for (const [i, outcome] of once.outcomes.entries()) {
      expect(outcome.selected).toBe(every.outcomes[i].selected);
      for (const [j, o] of outcome.outcomes.entries()) {
        expect(o.backtest).toEqual(every.outcomes[i].outcomes[j].backtest);
        expect(o.mean).toEqual(every.outcomes[i].outcomes[j].mean);
        expect(o.scores).toEqual(every.outcomes[i].outcomes[j].scores);
      }
    }
  });

  it('refit: false keeps Croston\'s and TSB\'s smoothing parameters from the first window: later windows are its fit extended', async () => {
    const y = steadyThenGrowing();
    const options = { h: 6, windows: 3, step: 15, levels: [80], parallel: false } as const;
    const once = await forecast([weekly('growing', y)], { ...options, models: ['croston', 'tsb'], refit: false });
    const every = await forecast([weekly('growing', y)], { ...options, models: ['croston', 'tsb'], refit: true });
    const { cutoffs } = once.outcomes[0];
    for (const [j, model] of [croston, tsb].entries()) {
      const first = model.fit(y.subarray(0, cutoffs[0]));
      const kept = once.outcomes[0].outcomes[j];
      for (const [w, end] of cutoffs.entries()) {
        const windowModel = w === 0 ? first : first.update(y.subarray(0, end));
        expect(kept.backtest.subarray(w * 6, (w + 1) * 6)).toEqual(windowModel.forecast(6).mean);
      }
      // the first window and the forecast are fits either way; a later window differs where refitting moves the parameters
      const refitted = every.outcomes[0].outcomes[j];
      expect(kept.backtest.subarray(0, 6)).toEqual(refitted.backtest.subarray(0, 6));
      expect(kept.mean).toEqual(refitted.mean);
      expect(kept.backtest.subarray(12)).not.toEqual(refitted.backtest.subarray(12));
    }
  });

  it('crossValidation(series, { refit: false }) gives the first window\'s model extended to each cutoff', async () => {
    const cv = await crossValidation([series[0]], { h: 6, windows: 3, models: ['ses'], refit: false, parallel: false });
    const y = series[0].values;
    const first = ses.fit(y.subarray(0, 92));
    const expected = [first.forecast(6).mean, first.update!(y.subarray(0, 98)).forecast(6).mean, first.update!(y.subarray(0, 104)).forecast(6).mean];
    expect(cv.getColumn('mean').toArray()).toEqual(expected.flatMap((mean) => [...mean]));
  });

  it('resolveOptions({ refit }) accepts true, false and an integer >= 1, and names refit otherwise', () => {
    expect(resolveOptions({}).refit).toBe(false); // the default, chosen on M4 validation windows (engine.ts defaultSelection)
    expect(resolveOptions({ refit: true }).refit).toBe(true);
    expect(resolveOptions({ refit: false }).refit).toBe(false);
    expect(resolveOptions({ refit: 2 }).refit).toBe(2);
    const allowed = 'allowed: true \\(every window\\), false \\(first window only\\) or an integer >= 1 \\(every k windows\\)$';
    expect(() => resolveOptions({ refit: 0 })).toThrow(new RegExp(`^refit: got 0, ${allowed}`));
    expect(() => resolveOptions({ refit: 1.5 })).toThrow(new RegExp(`^refit: got 1.5, ${allowed}`));
    expect(() => resolveOptions({ refit: 'yes' as never })).toThrow(new RegExp(`^refit: got "yes", ${allowed}`));
  });

  it('parseForecastFlags({ refit }) reads --refit true|false|N and leaves anything else for the option check', () => {
    expect(parseForecastFlags({ refit: 'true' }).refit).toBe(true);
    expect(parseForecastFlags({ refit: 'false' }).refit).toBe(false);
    expect(parseForecastFlags({ refit: '3' }).refit).toBe(3);
    expect(() => parseForecastFlags({ refit: 'sometimes' })).toThrow(/^--refit: got "sometimes", allowed: true/);
  });
});

describe('kpicast backtest --refit', () => {
  // The CLI runs from dist/ (`npm test` builds first), as users run it.
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-refit-'));
  const input = join(dir, 'weekly.csv');
  const rows = ['unique_id,ds,y', ...weekly('a', seasonalTrend(40)).timestamps.map((ds, i) => `a,${ds},${seasonalTrend(40)[i]}`)];
  writeFileSync(input, rows.join('\n') + '\n');
  const kpicast = (...args: string[]) => spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8' });

  it('kpicast backtest --refit false runs the leaderboard; --refit maybe names the option and what is allowed', () => {
    const run = kpicast('backtest', '--input', input, '--models', 'naive,ses', '--refit', 'false');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nses +1 /);
    const bad = kpicast('backtest', '--input', input, '--models', 'naive,ses', '--refit', 'maybe');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/refit: got "maybe", allowed: true \(every window\), false/);
  });
});
