/**
 * Event columns bench: weekly sales of 20 stores over four years, a yearly season, 3 % noise, and
 * promotions on about a third of the weeks (2 to 7 days of the week, its `promo_share`) lifting
 * the week by 1 + LIFT × promo_share. For each model and its holiday-adjusted twin it prints the
 * mean backtest WAPE without the column and with it (engine option eventColumns), and the lift the
 * effect regression estimates per store (holidayEffects, the `_hol` models' own estimate).
 *
 * Run: npm run bench:events
 */
import pl from 'nodejs-polars';
import { forecast, seriesWithColumns } from '../src/index.js';
import { addPeriods, formatDay, toUtcMs } from '../src/forecast/calendar.js';
import { holidayEffects } from '../src/forecast/models/holiday-adjusted.js';

const LIFT = 0.6;
const WEEKS = 208;
const H = 8;
const STORES = 20;
const pairs = ['snaive', 'ets', 'theta'];

/** mulberry32: the same data on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function salesFrame(): pl.DataFrame {
  const next = random(11);
  const rows = { unique_id: [] as string[], ds: [] as string[], y: [] as (number | null)[], promo_share: [] as number[] };
  for (let s = 0; s < STORES; s++) {
    const level = 200 + 100 * s;
    const phase = next() * 52;
    for (let t = 0; t < WEEKS + H; t++) {
      const share = next() < 0.35 ? Math.round(2 + next() * 5) / 7 : 0;
      const base = level * (1 + 0.25 * Math.sin((2 * Math.PI * (t + phase)) / 52)) * (1 + 0.03 * (next() - 0.5));
      rows.unique_id.push(`S${String(s).padStart(2, '0')}`);
      rows.ds.push(formatDay(addPeriods(toUtcMs('2021-01-04'), 'week', t)));
      rows.y.push(t < WEEKS ? base * (1 + LIFT * share) : null);
      rows.promo_share.push(share);
    }
  }
  return pl.DataFrame({ ...rows, y: pl.Series('y', rows.y, pl.Float64) });
}

const df = salesFrame();
const options = { h: H, windows: 3, ensemble: false as const, parallel: 2, models: [...pairs, ...pairs.map((m) => `${m}_hol`)] };
const without = await forecast(df.filter(pl.col('y').isNotNull()), options);
const withColumn = await forecast(df, { ...options, eventColumns: ['promo_share'] });
const wape = (overall: pl.DataFrame, model: string) => (overall.toRecords().find((r) => r.model === model)!.wape as number);
console.log(`${STORES} weekly series, ${WEEKS} weeks, h ${H}, 3 windows, true lift ${LIFT} per unit of promo_share`);
console.log('model        WAPE without  WAPE with promo_share  ratio');
for (const model of options.models) {
  const a = wape(without.overall, model);
  const b = wape(withColumn.overall, model);
  console.log(`${model.padEnd(12)} ${a.toFixed(2).padStart(12)}  ${b.toFixed(2).padStart(21)}  ${(b / a).toFixed(3)}`);
}
const { series, regressors } = seriesWithColumns(df, ['promo_share'], H, {});
const lifts = series.map((s, i) => holidayEffects(s.values, regressors[i], 52).effects[0]);
const mean = lifts.reduce((x, y) => x + y, 0) / lifts.length;
console.log(`estimated lift: mean ${mean.toFixed(4)}, min ${Math.min(...lifts).toFixed(4)}, max ${Math.max(...lifts).toFixed(4)} (true ${LIFT})`);
