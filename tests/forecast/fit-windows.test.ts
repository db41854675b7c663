/**
 * Fitting once and side by side must not change a number: the batched fits
 * (fitWindows, fitEtsForms, NelderMeadSearch) and the shared fits of
 * evaluateEach are compared to the one-by-one path, value for value.
 */
import { describe, expect, it } from 'vitest';
import { evaluateEach, evaluateInProcess, FitCache, getModel, modelNames, type EvaluateConfig, type SeriesJob } from '../../src/index.js';
import { fitEtsForm, fitEtsForms, fitEtsTogether } from '../../src/forecast/kernels/ets-optimise.js';
import { etsCandidates } from '../../src/forecast/models/ets.js';
import { nelderMead, NelderMeadSearch } from '../../src/forecast/optim.js';

// A trending weekly series with a yearly swing and a deterministic jitter (as contract.test.ts).
const weekly = Float64Array.from({ length: 160 }, (_, t) => 100 + 0.5 * t + 10 * Math.sin((2 * Math.PI * t) / 52) + ((t * 7919) % 11) - 5);
const windows = [121, 134, 147, 160].map((end) => weekly.subarray(0, end));

describe('fitWindows(ys, options) equals fit(y, options) on each window', () => {
  const batched = modelNames.filter((name) => getModel(name).fitWindows !== undefined);

  it('the smoothing models and theta fit windows side by side', () => {
    expect(batched).toEqual(expect.arrayContaining(['ses', 'holt', 'damped', 'theta']));
  });

  it.each(batched.map((name) => [name]))('%s.fitWindows(windows) forecasts exactly as %s.fit on each window', (name) => {
    const model = getModel(name);
    // each side with a cache of its own: every fit is searched, none taken from the other side
    const together = model.fitWindows!(windows, { seasonLength: 52, cache: new FitCache() });
    const aloneCache = new FitCache();
    windows.forEach((window, i) => {
      const alone = model.fit(window, { seasonLength: 52, cache: aloneCache });
      expect(together[i].alias).toBe(alone.alias);
      expect([...together[i].fitted]).toEqual([...alone.fitted]);
      expect([...together[i].forecast(13, [80]).mean]).toEqual([...alone.forecast(13, [80]).mean]);
      expect([...together[i].forecast(13, [80]).intervals[0].hi]).toEqual([...alone.forecast(13, [80]).intervals[0].hi]);
    });
  });

  it('ses.fitWindows keeps the fallback of a window too short to fit (3 points: the last value)', () => {
    const [short, long] = getModel('ses').fitWindows!([weekly.subarray(0, 3), weekly], {});
    expect(short.fallback).toBe(getModel('ses').fit(weekly.subarray(0, 3)).fallback);
    expect(short.forecast(1).mean[0]).toBe(weekly[2]);
    expect(long.alias).toBe('SES');
  });
});

describe('fitEtsForms(ys, form, criterion)', () => {
  it('gives the fits of fitEtsForm, evaluation counts included, for additive and multiplicative forms', () => {
    for (const form of [
      { error: 'A', trend: 'A', season: 'N', damped: true, m: 1 },
      { error: 'M', trend: 'N', season: 'N', damped: false, m: 1 },
      { error: 'M', trend: 'A', season: 'N', damped: true, m: 1 },
    ] as const) {
      const together = fitEtsForms(windows, form, 'lik', { cache: new FitCache() });
      windows.forEach((window, i) => {
        const alone = fitEtsForm(window, form, 'lik', { cache: new FitCache() })!;
        expect(together[i]!.evaluations).toBe(alone.evaluations);
        expect([together[i]!.alpha, together[i]!.beta, together[i]!.phi, together[i]!.loglik]).toEqual([alone.alpha, alone.beta, alone.phi, alone.loglik]);
        expect([...together[i]!.lastState]).toEqual([...alone.lastState]);
      });
    }
  });
});

describe('fitEtsTogether(items, criterion)', () => {
  it('fits the candidate forms of automatic ETS side by side exactly as fitEtsForm one by one', () => {
    const series = weekly.subarray(0, 150);
    const forms = etsCandidates(series, 52);
    expect(forms.map((form) => `${form.error}${form.trend}${form.damped ? 'd' : ''}`)).toEqual(['AN', 'AAd', 'AA', 'MN', 'MAd', 'MA']);
    const together = fitEtsTogether(forms.map((form) => ({ y: series, form })), 'lik', { cache: new FitCache() });
    forms.forEach((form, i) => {
      const alone = fitEtsForm(series, form, 'lik', { cache: new FitCache() })!;
      expect(together[i]!.evaluations).toBe(alone.evaluations);
      expect([together[i]!.alpha, together[i]!.beta, together[i]!.phi, together[i]!.aicc]).toEqual([alone.alpha, alone.beta, alone.phi, alone.aicc]);
      expect([...together[i]!.lastState]).toEqual([...alone.lastState]);
    });
  });
});

describe('NelderMeadSearch(start, options)', () => {
  it('driven by hand, visits the points and returns the result of nelderMead', () => {
    const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;
    const search = new NelderMeadSearch(Float64Array.of(-1.2, 1), { maxit: 500 });
    let visited = 0;
    while (!search.result) {
      visited++;
      search.tell(rosenbrock(search.point));
    }
    const direct = nelderMead(rosenbrock, Float64Array.of(-1.2, 1), { maxit: 500 });
    expect([...search.result.x]).toEqual([...direct.x]);
    expect(search.result.evaluations).toBe(direct.evaluations);
    expect(visited).toBeLessThanOrEqual(direct.evaluations);
  });
});

describe('evaluateEach(jobs, configs)', () => {
  const jobs: SeriesJob[] = [0, 1, 2].map((s) => ({ id: `s${s}`, values: weekly.subarray(s * 10), seasonLength: 52 }));
  const base: EvaluateConfig = {
    h: 13, models: ['naive', 'ses', 'damped', 'theta', 'holt_winters', 'npts'], candidates: ['ses', 'damped', 'theta'], levels: [80],
    metric: 'mase', windows: 3, step: 13, seasonLength: 52, maseSeason: 1, ensemble: { k: 2, combine: 'mean' },
  };

  it('gives per configuration what evaluateInProcess gives for it alone (h = 13 and h = 4 sharing fits)', async () => {
    // each evaluation makes its own cache per series: the two runs share no fit
    const [long, short] = await evaluateEach(jobs, [base, { ...base, h: 4, step: 4 }], { threads: 1 });
    const alone = [evaluateInProcess(jobs, base), evaluateInProcess(jobs, { ...base, h: 4, step: 4 })];
    [long, short].forEach((outcomes, c) => {
      outcomes.forEach((outcome, i) => {
        expect(outcome.selected).toBe(alone[c][i].selected);
        outcome.outcomes.forEach((o, k) => {
          expect(o.model).toBe(alone[c][i].outcomes[k].model);
          expect([...o.mean]).toEqual([...alone[c][i].outcomes[k].mean]);
          expect([...o.backtest]).toEqual([...alone[c][i].outcomes[k].backtest]);
          expect([...o.hi[0]]).toEqual([...alone[c][i].outcomes[k].hi[0]]);
        });
      });
    });
  });

  it('on 2 worker threads gives the outcomes of one thread, series in input order', async () => {
    const configs = [base, { ...base, h: 4, step: 4 }];
    const one = await evaluateEach(jobs, configs, { threads: 1 });
    const two = await evaluateEach(jobs, configs, { threads: 2 });
    expect(two.map((outcomes) => outcomes.map((o) => o.id))).toEqual([['s0', 's1', 's2'], ['s0', 's1', 's2']]);
    two.forEach((outcomes, c) => outcomes.forEach((o, i) => expect([...o.outcomes[2].mean]).toEqual([...one[c][i].outcomes[2].mean])));
  });
});
