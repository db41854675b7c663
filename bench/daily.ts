/**
 * Long daily series: the library's defaults, which add `mstl` (the week and the year at once) to a
 * daily series of more than two years (engine.ts `addedModels`), beside the same defaults without
 * it (labelled: a configuration of this bench, not the defaults). WAPE of the selected forecasts of
 * 28 days from several cuts of the history, and the seconds each takes.
 *  - Validation, where the default was chosen: the generator's daily retail revenue, the chain and
 *    its 8 stores over three years, 13 cuts 28 days apart.
 *  - Test, not used to choose: three years of daily L-train boardings at Chicago's Clark/Lake
 *    (modeldata::Chicago, the R fixture tests/fixtures/r/mstl/chicago3y.json), 8 cuts.
 *
 * Run: npm run bench:daily
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pl from 'nodejs-polars';
import { median } from 'simple-statistics';
import { closeThreadPool, defaultModels, forecast, openSampleWarehouse, retail, series, wape } from '../src/index.js';

const h = 28;

interface Cut { without: number; defaults: number; picked: number }

/** The library's WAPE (%) of the `best` forecasts pooled over the days of `actual` they cover. */
function pooledWape(best: pl.DataFrame, actual: Map<string, number>): number {
  const actuals: number[] = [];
  const forecasts: number[] = [];
  for (const row of best.toRecords() as Array<{ unique_id: string; ds: string; mean: number }>) {
    const a = actual.get(`${row.unique_id}/${row.ds}`);
    if (a === undefined) continue;
    actuals.push(a);
    forecasts.push(row.mean);
  }
  return wape(actuals, forecasts) ?? NaN;
}

async function bench(title: string, frame: pl.DataFrame, cuts: number): Promise<void> {
  const days = [...new Set(frame.getColumn('ds').toArray() as string[])].sort();
  const ids = new Set(frame.getColumn('unique_id').toArray()).size;
  process.stdout.write(`\n## ${title}: ${ids} series, ${days.length} days (${days[0]} to ${days.at(-1)}), h = ${h}, ${cuts} cuts ${h} days apart\n\n`);
  process.stdout.write('| cut | defaults WAPE | [without mstl] WAPE | ratio | series selecting mstl or an ensemble with it |\n| --- | --- | --- | --- | --- |\n');
  const rows: Cut[] = [];
  const seconds = { defaults: 0, without: 0 };
  for (let k = 0; k < cuts; k++) {
    const cut = days[days.length - 1 - h - k * h];
    const train = frame.filter(pl.col('ds').lessThanEquals(pl.lit(cut)));
    const actual = new Map((frame.filter(pl.col('ds').greaterThan(pl.lit(cut))).toRecords() as Array<{ unique_id: string; ds: string; y: number }>).map((r) => [`${r.unique_id}/${r.ds}`, r.y]));
    let started = performance.now();
    const defaults = await forecast(train, { h });
    seconds.defaults += (performance.now() - started) / 1000;
    started = performance.now();
    const without = await forecast(train, { h, models: defaultModels });
    seconds.without += (performance.now() - started) / 1000;
    const withMstl = defaults.outcomes.filter((o) => o.selected === 'mstl' || o.outcomes.find((m) => m.model === o.selected)?.members?.includes('mstl')).length;
    const row = { defaults: pooledWape(defaults.best, actual), without: pooledWape(without.best, actual), picked: withMstl };
    rows.push(row);
    process.stdout.write(`| ${cut} | ${row.defaults.toFixed(2)} | ${row.without.toFixed(2)} | ${(row.defaults / row.without).toFixed(3)} | ${row.picked} of ${ids} |\n`);
  }
  const [d, w] = [median(rows.map((r) => r.defaults)), median(rows.map((r) => r.without))];
  const better = rows.filter((r) => r.defaults < r.without).length;
  process.stdout.write(`\nmedian cut: defaults ${d.toFixed(2)} %, [without mstl] ${w.toFixed(2)} %, ratio ${(d / w).toFixed(3)}; defaults better at ${better} of ${rows.length} cuts; seconds: defaults ${seconds.defaults.toFixed(1)}, [without mstl] ${seconds.without.toFixed(1)} (ratio ${(seconds.defaults / seconds.without).toFixed(2)})\n`);
}

const warehouse = await openSampleWarehouse('memory');
let retailFrame: pl.DataFrame;
try {
  const stores = await series(warehouse, retail, 'revenue', { grain: 'day', by: ['store'] });
  const chain = await series(warehouse, retail, 'revenue', { grain: 'day' });
  retailFrame = pl.concat([chain.select('unique_id', 'ds', 'y'), stores.select('unique_id', 'ds', 'y')]);
} finally {
  await warehouse.close();
}
process.stdout.write('# Long daily series: the defaults (mstl added beyond two years) against the same without mstl\n');
await bench('Validation: generator daily retail revenue, chain and stores', retailFrame, 13);
const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../../tests/fixtures/r/mstl/chicago3y.json', import.meta.url)), 'utf8')) as { y: number[] };
const end = Date.UTC(2016, 7, 28);
const chicago = pl.DataFrame({
  unique_id: fixture.y.map(() => 'clark_lake'),
  ds: fixture.y.map((_, t) => new Date(end - (fixture.y.length - 1 - t) * 86_400_000).toISOString().slice(0, 10)),
  y: fixture.y,
});
await bench('Test: Chicago L-train boardings at Clark/Lake (thousands)', chicago, 8);
await closeThreadPool();
