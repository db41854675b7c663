/**
 * Accuracy and CPU time of the exponential-smoothing family and Theta on the
 * 359 M4 weekly series (not a test; run by hand):
 *
 *   npx tsx tests/forecast/models/m4-smoothing.bench.ts [h=13] [path to m4 folder]
 *
 * sMAPE and MASE as the M4 competition defines them for weekly data (MASE
 * scaled by the in-sample naive, frequency 1). The R reference figures of the
 * same models come from tests/fixtures/r/time-m4.R.
 */
import { readFileSync } from 'node:fs';
import { dampedHolt, ets, holt, ses, theta } from '../../../src/index.js';
import type { ForecastModel } from '../../../src/index.js';

const h = Number(process.argv[2] ?? 13);
const folder = process.argv[3] ?? '/work/shared/data/m4';
const read = (file: string): Float64Array[] => readFileSync(`${folder}/${file}`, 'utf8').trim().split('\n').slice(1)
  .map((line) => Float64Array.from(line.split(',').slice(1).map((cell) => cell.replace(/"/g, '')).filter((cell) => cell !== '' && cell !== 'NA').map(Number)));
const train = read('Weekly-train.csv');
const test = read('Weekly-test.csv');

const runs: [string, ForecastModel, number][] = [
  ['ses', ses, 52], ['holt', holt, 52], ['damped', dampedHolt, 52],
  ['theta (m=52)', theta, 52], ['theta (m=1)', theta, 1], ['ets', ets, 52],
];
for (const [label, model, seasonLength] of runs) {
  let smape = 0;
  let mase = 0;
  const start = process.cpuUsage().user;
  for (let s = 0; s < train.length; s++) {
    const y = train[s];
    const mean = model.fit(y, { seasonLength }).forecast(h, [80, 95]).mean;
    let scale = 0;
    for (let t = 1; t < y.length; t++) scale += Math.abs(y[t] - y[t - 1]);
    scale /= y.length - 1;
    let sm = 0;
    let ae = 0;
    for (let i = 0; i < h; i++) {
      sm += (200 * Math.abs(test[s][i] - mean[i])) / (Math.abs(test[s][i]) + Math.abs(mean[i]));
      ae += Math.abs(test[s][i] - mean[i]);
    }
    smape += sm / h / train.length;
    mase += ae / h / scale / train.length;
  }
  const seconds = (process.cpuUsage().user - start) / 1e6;
  process.stdout.write(`${label.padEnd(13)} h=${h} sMAPE ${smape.toFixed(3)} MASE ${mase.toFixed(3)} CPU ${seconds.toFixed(2)} s\n`);
}
