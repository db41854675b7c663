/**
 * Holiday calendar bench: on the generator's own retail revenue (it closes stores on 1 January,
 * 1 May and 25 December and runs the other French public holidays at 0.45 of a normal day), the
 * backtest WAPE of each model without the calendar beside its holiday-adjusted twin (`<model>_hol`,
 * engine option holidays: 'FR'), on the periods holding a public holiday and on the others, for a
 * daily and a weekly series set (the chain and each store). For the weekly set it adds the oracle: the
 * same models on the history divided by the generator's exact holiday factor of each week, their
 * forecasts multiplied by the factor of the week forecast. No estimate of the effects can do better
 * than that, so its ratio is the floor of what a holiday adjustment can reach with these models.
 *
 * Run: npm run bench:calendar
 */
import pl from 'nodejs-polars';
import { crossValidation, holidayCalendar, openSampleWarehouse, retail, series } from '../src/index.js';
import { eventWeights } from '../src/forecast/calendar.js';
import { dayNumber, holidaysBetween } from '../src/generate/calendar.js';
import { ordinaryDayFactor, retailDayFactor } from '../src/generate/retail-sales.js';

const pairs = ['snaive', 'ets', 'theta'];
const calendar = holidayCalendar('FR');

/** The generator's exact holiday effect on the week starting `monday`: its activity with the holidays over without. */
function weekHolidayFactor(monday: string): number {
  const first = dayNumber(monday);
  const holidays = holidaysBetween(first, first + 6);
  let actual = 0;
  let ordinary = 0;
  for (let day = first; day < first + 7; day++) {
    actual += retailDayFactor(day, holidays);
    ordinary += ordinaryDayFactor(day);
  }
  return actual / ordinary;
}

type Row = { unique_id: string; ds: string; cutoff: string; model: string; y: number | null; mean: number };

async function bench(name: string, frame: pl.DataFrame, period: 'day' | 'week', h: number, windows: number): Promise<void> {
  // every window refitted (not the library's default refit: false): each window's effects are
  // estimated from its own history, as a forecast made on that day would estimate them
  const options = { h, step: h, windows, parallel: 2, period, refit: true } as const;
  const cv = await crossValidation(frame, { ...options, models: [...pairs, ...pairs.map((m) => `${m}_hol`)], holidays: 'FR' });
  const records = cv.toRecords() as Row[];
  const withOracle = period === 'week';
  if (withOracle) {
    // the oracle: the plain models on the history deflated by the exact weekly factors, forecasts inflated back
    const factor = new Map<string, number>();
    const ys = frame.getColumn('y').toArray() as number[];
    const deflated = (frame.getColumn('ds').toArray() as string[]).map((d, i) => {
      if (!factor.has(d)) factor.set(d, weekHolidayFactor(d));
      return ys[i] / factor.get(d)!;
    });
    const oracle = await crossValidation(frame.withColumn(pl.Series('y', deflated)), { ...options, models: pairs });
    const actual = new Map(records.map((r) => [`${r.unique_id}/${r.ds}/${r.cutoff}`, r.y]));
    for (const r of oracle.toRecords() as Row[]) {
      const f = factor.get(r.ds) ?? weekHolidayFactor(r.ds);
      records.push({ ...r, model: `${r.model}_oracle`, mean: r.mean * f, y: actual.get(`${r.unique_id}/${r.ds}/${r.cutoff}`) ?? null });
    }
  }
  const ds = [...new Set(cv.getColumn('ds').toArray() as string[])].sort();
  const weights = eventWeights(ds, period, calendar.between(ds[0], `${ds.at(-1)!.slice(0, 8)}28`));
  const holiday = new Set(ds.filter((_, i) => weights.rows.some((row) => row[i] > 0)));
  const sums = new Map<string, { err: number; abs: number }>();
  for (const r of records) {
    if (r.y === null) continue;
    const key = `${r.model}/${holiday.has(r.ds) ? 'holiday' : 'other'}`;
    const s = sums.get(key) ?? { err: 0, abs: 0 };
    s.err += Math.abs(r.y - r.mean);
    s.abs += Math.abs(r.y);
    sums.set(key, s);
  }
  const wape = (key: string) => (100 * sums.get(key)!.err) / sums.get(key)!.abs;
  const ids = new Set(cv.getColumn('unique_id').toArray()).size;
  process.stdout.write(`\n## ${name}: ${ids} series, h = ${h}, ${windows} backtest windows, every one refitted (refit: true, not the library default false) (${ds[0]} to ${ds.at(-1)}), ${holiday.size} of ${ds.length} ${period}s hold a public holiday\n\n`);
  process.stdout.write(`| model | holiday WAPE without | with | ratio |${withOracle ? ' oracle | oracle ratio |' : ''} other WAPE without | with | ratio |${withOracle ? ' oracle | oracle ratio |' : ''}\n`);
  process.stdout.write(`| --- | --- | --- | --- |${withOracle ? ' --- | --- |' : ''} --- | --- | --- |${withOracle ? ' --- | --- |' : ''}\n`);
  for (const m of pairs) {
    const cells = [m];
    for (const part of ['holiday', 'other']) {
      const [without, adjusted] = [wape(`${m}/${part}`), wape(`${m}_hol/${part}`)];
      cells.push(without.toFixed(2), adjusted.toFixed(2), (adjusted / without).toFixed(3));
      if (withOracle) {
        const oracle = wape(`${m}_oracle/${part}`);
        cells.push(oracle.toFixed(2), (oracle / without).toFixed(3));
      }
    }
    process.stdout.write(`| ${cells.join(' | ')} |\n`);
  }
}

const warehouse = await openSampleWarehouse('memory');
try {
  process.stdout.write('# Backtest WAPE (%) with the French holiday calendar vs without, generator retail revenue (chain and stores)\n');
  const only = process.argv[2];
  for (const [grain, h, windows] of [['week', 4, 26], ['day', 7, 52]] as const) {
    if (only && only !== grain) continue;
    const stores = await series(warehouse, retail, 'revenue', { grain, by: ['store'] });
    const chain = await series(warehouse, retail, 'revenue', { grain });
    const frame = pl.concat([chain.select('unique_id', 'ds', 'y'), stores.select('unique_id', 'ds', 'y')]);
    await bench(grain === 'week' ? 'weekly' : 'daily', frame, grain, h, windows);
  }
} finally {
  await warehouse.close();
}
