/**
 * Does a long daily series gain from a yearly season on top of the weekly one? (not a test; run by hand):
 *
 *   Rscript -e 'data(Chicago, package = "modeldata"); jsonlite::write_json(list(ds = format(Chicago$date), y = Chicago$ridership), "/tmp/chicago.json", digits = NA)'
 *   npx tsx tests/forecast/models/daily-yearly.bench.ts [/tmp/chicago.json] [h=28]
 *
 * modeldata::Chicago: daily L-train boardings at Clark/Lake (thousands), 2001-01-22 to 2016-08-28.
 * 13 origins 28 days apart over the last year, each fitted on the three years (3 × 364 days) before it;
 * mean absolute error over h days, per model: the weekly season (7) alone, seasonal naive on 364 days
 * (same weekday a year back: weekly and yearly season at once, each holiday where it fell a year ago),
 * and the _hol models on US-IL public holidays (kernels of models/holiday-adjusted.ts).
 */
import { readFileSync } from 'node:fs';
import { ets, holidayAdjusted, holidayCalendar, holidayRegressors, seasonalNaive, theta } from '../../../src/index.js';
import type { ForecastModel, ModelOptions, Series } from '../../../src/index.js';

const file = process.argv[2] ?? '/tmp/chicago.json';
const h = Number(process.argv[3] ?? 28);
const { ds, y } = JSON.parse(readFileSync(file, 'utf8')) as { ds: string[]; y: number[] };
const calendar = holidayCalendar('US-IL');

const runs: [string, ForecastModel, number, boolean][] = [
  ['snaive (7)', seasonalNaive, 7, false],
  ['snaive (364)', seasonalNaive, 364, false],
  ['ets (7)', ets, 7, false],
  ['theta (7)', theta, 7, false],
  ['ets_hol (7)', holidayAdjusted(ets), 7, true],
  ['snaive_hol (7)', holidayAdjusted(seasonalNaive), 7, true],
  ['snaive_hol (364)', holidayAdjusted(seasonalNaive), 364, true],
];
for (const [label, model, seasonLength, holidays] of runs) {
  let total = 0;
  let origins = 0;
  for (let o = 0; o < 13; o++) {
    const end = y.length - h - o * 28;
    const start = end - 3 * 364;
    const train = Float64Array.from(y.slice(start, end));
    const series: Series = { id: 'chicago', period: 'day', timestamps: ds.slice(start, end), values: train };
    const options: ModelOptions = holidays ? { seasonLength, regressors: holidayRegressors(series, h, calendar) } : { seasonLength };
    const mean = model.fit(train, options).forecast(h).mean;
    let ae = 0;
    for (let i = 0; i < h; i++) ae += Math.abs(y[end + i] - mean[i]);
    total += ae / h;
    origins++;
  }
  console.log(`${label.padEnd(16)} MAE ${(total / origins).toFixed(3)} (thousand boardings a day, ${origins} origins, h = ${h})`);
}
