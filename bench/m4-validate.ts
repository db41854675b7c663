/**
 * How the library's forecast defaults were chosen: a grid of selection configurations scored on
 * validation windows cut from the M4 weekly *training* series (the last h values of each training
 * series held out, everything before it the history), never on the M4 test values. Prints, per
 * configuration, the OWA of automatic selection and of the ensemble on those held-out values
 * (relative to the naive forecast of the same windows, Naive2 for weekly data), and its CPU seconds.
 *
 * `npm run build && node dist/bench/m4-validate.js [--h 13] [--only 'label prefix|label prefix']`
 */
import { availableParallelism } from 'node:os';
import { defaultModelNames, evaluateEach, mase, smape, type EvaluateConfig, type MetricName, type SeriesJob } from '../src/index.js';
import { argument, loadM4Weekly, owa, validationSplit } from './m4-data.js';

interface Setting {
  label: string;
  candidates: readonly string[];
  metric: MetricName;
  windows: number;
  refit: boolean | number;
  k?: number;
}

const smooth = ['theta', 'damped', 'ses', 'naive', 'drift'];
const business = [...smooth, 'snaive', 'croston', 'tsb', 'npts'];
// every registered model but the opt-in arima and mstl (the daily model, added only to daily series of more than two years)
const all = defaultModelNames.filter((name) => name !== 'mstl');
const withoutEts = all.filter((name) => name !== 'ets');

const grid: Setting[] = [
  { label: 'all 17, mape, refit (the defaults before)', candidates: all, metric: 'mape', windows: 3, refit: true },
  { label: 'all 17, mase, no refit', candidates: all, metric: 'mase', windows: 3, refit: false },
  { label: 'all but ets, mase, no refit', candidates: withoutEts, metric: 'mase', windows: 3, refit: false },
  { label: 'smooth 5, mase, no refit', candidates: smooth, metric: 'mase', windows: 3, refit: false },
  { label: 'business 9, mase, no refit', candidates: business, metric: 'mase', windows: 3, refit: false },
  { label: 'business 9, mape, no refit', candidates: business, metric: 'mape', windows: 3, refit: false },
  { label: 'business 9, smape, no refit', candidates: business, metric: 'smape', windows: 3, refit: false },
  { label: 'business 9, mase, refit', candidates: business, metric: 'mase', windows: 3, refit: true },
  { label: 'business 9, mase, no refit, 2 windows', candidates: business, metric: 'mase', windows: 2, refit: false },
  { label: 'business 9, mase, no refit, 5 windows', candidates: business, metric: 'mase', windows: 5, refit: false },
  { label: 'business 9, mase, no refit, 4 windows', candidates: business, metric: 'mase', windows: 4, refit: false },
  { label: 'business 9, smape, no refit, 4 windows', candidates: business, metric: 'smape', windows: 4, refit: false },
  { label: 'business 9, smape, no refit, 5 windows', candidates: business, metric: 'smape', windows: 5, refit: false },
  { label: 'business 9, mase, refit, 5 windows', candidates: business, metric: 'mase', windows: 5, refit: true },
  { label: 'smooth 5 + snaive, mase, no refit', candidates: [...smooth, 'snaive'], metric: 'mase', windows: 3, refit: false },
  { label: 'w4: business 9 + holt, ma, sba, mase, no refit', candidates: [...business, 'holt', 'ma', 'sba'], metric: 'mase', windows: 4, refit: false },
  { label: 'w4: business 9 + ets, mase, no refit', candidates: [...business, 'ets'], metric: 'mase', windows: 4, refit: false },
  { label: 'w4: all 17, mase, no refit', candidates: all, metric: 'mase', windows: 4, refit: false },
  { label: 'w4: smooth 5 + snaive + npts, mase, no refit', candidates: [...smooth, 'snaive', 'npts'], metric: 'mase', windows: 4, refit: false },
  { label: 'business 9 + ets, mase, no refit', candidates: [...business, 'ets'], metric: 'mase', windows: 3, refit: false },
  { label: 'business 9 + holt, mase, no refit', candidates: [...business, 'holt'], metric: 'mase', windows: 3, refit: false },
  { label: 'business 9, mase, no refit, ensemble of 3', candidates: business, metric: 'mase', windows: 3, refit: false, k: 3 },
];

async function main(): Promise<void> {
  const data = loadM4Weekly('bench:m4-validate');
  if (!data) {
    process.exitCode = 1;
    return;
  }
  const h = Number(argument('h', '13'));
  const only = argument('only', '');
  const settings = only ? grid.filter((s) => only.split('|').some((label) => s.label.startsWith(label))) : grid;
  const { train, test } = validationSplit(data.train, h);
  const jobs: SeriesJob[] = train.map((s) => ({ id: s.id, values: s.values, seasonLength: 52 }));
  // the naive forecast of the same held-out windows: the OWA's reference (Naive2 is naive for weekly)
  let naiveSmape = 0;
  let naiveMase = 0;
  train.forEach((s, i) => {
    const last = s.values[s.values.length - 1];
    const flat = new Float64Array(h).fill(last);
    naiveSmape += smape(test[i].values, flat) ?? 0;
    naiveMase += mase(test[i].values, flat, s.values, 1) ?? 0;
  });
  naiveSmape /= train.length;
  naiveMase /= train.length;
  process.stdout.write(`M4 Weekly validation: ${train.length} training series without their last ${h} weeks, scored on those weeks (naive there: sMAPE ${naiveSmape.toFixed(3)}, MASE ${naiveMase.toFixed(3)}); ${availableParallelism()} threads\n\n`);
  process.stdout.write(`${'configuration'.padEnd(44)}${'auto OWA'.padStart(9)}${'ens. OWA'.padStart(9)}${'CPU s'.padStart(8)}${'wall s'.padStart(8)}\n`);
  for (const setting of settings) {
    const config: EvaluateConfig = {
      h, models: setting.candidates, candidates: setting.candidates, levels: [80, 95], metric: setting.metric, windows: setting.windows,
      step: h, refit: setting.refit, seasonLength: 52, maseSeason: 1, ensemble: { k: setting.k ?? 2, combine: 'mean' },
    };
    const cpu = process.cpuUsage();
    const started = performance.now();
    const [outcomes] = await evaluateEach(jobs, [config]);
    const wall = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const score = { auto: [0, 0], ensemble: [0, 0] };
    outcomes.forEach((outcome, i) => {
      const actual = test[i].values;
      for (const [key, name] of [['auto', outcome.selected], ['ensemble', 'ensemble']] as const) {
        const o = outcome.outcomes.find((x) => x.model === name) ?? outcome.outcomes.find((x) => x.model === outcome.selected)!;
        score[key][0] += smape(actual, o.mean) ?? 0;
        score[key][1] += mase(actual, o.mean, train[i].values, 1) ?? 0;
      }
    });
    const n = outcomes.length;
    const auto = owa(score.auto[0] / n, score.auto[1] / n, naiveSmape, naiveMase);
    const ensemble = owa(score.ensemble[0] / n, score.ensemble[1] / n, naiveSmape, naiveMase);
    process.stdout.write(`${setting.label.padEnd(44)}${auto.toFixed(3).padStart(9)}${ensemble.toFixed(3).padStart(9)}${((used.user + used.system) / 1e6).toFixed(2).padStart(8)}${wall.toFixed(2).padStart(8)}\n`);
  }
}

await main();
