/**
 * Holiday calendar bench: on the generator's own retail revenue (it closes stores on 1 January,
 * 1 May and 25 December and runs the other French public holidays at 0.45 of a normal day), the
 * backtest WAPE of each model without the calendar beside its holiday-adjusted twin (`<model>_hol`,
 * engine option holidays: 'FR'), on the periods holding a public holiday and on the others, for a
 * daily and a weekly series set (the chain and each store).
 *
 * Run: npm run bench:calendar
 */
import pl from 'nodejs-polars';
import { crossValidation, holidayCalendar, openSampleWarehouse, retail, series } from '../src/index.js';
import { eventWeights } from '../src/forecast/calendar.js';

const pairs = ['snaive', 'ets', 'theta'];
const calendar = holidayCalendar('FR');

async function bench(name: string, frame: pl.DataFrame, period: 'day' | 'week', h: number, windows: number): Promise<void> {
  const cv = await crossValidation(frame, { h, step: h, windows, models: [...pairs, ...pairs.map((m) => `${m}_hol`)], holidays: 'FR', parallel: 2, period });
  const ds = [...new Set(cv.getColumn('ds').toArray() as string[])].sort();
  const weights = eventWeights(ds, period, calendar.between(ds[0], `${ds.at(-1)!.slice(0, 8)}28`));
  const holiday = new Set(ds.filter((_, i) => weights.rows.some((row) => row[i] > 0)));
  const sums = new Map<string, { err: number; abs: number }>();
  for (const r of cv.toRecords() as Array<{ ds: string; model: string; y: number | null; mean: number }>) {
    if (r.y === null) continue;
    const key = `${r.model}/${holiday.has(r.ds) ? 'holiday' : 'other'}`;
    const s = sums.get(key) ?? { err: 0, abs: 0 };
    s.err += Math.abs(r.y - r.mean);
    s.abs += Math.abs(r.y);
    sums.set(key, s);
  }
  const wape = (key: string) => (100 * sums.get(key)!.err) / sums.get(key)!.abs;
  const ids = new Set(cv.getColumn('unique_id').toArray()).size;
  process.stdout.write(`\n## ${name}: ${ids} series, h = ${h}, ${windows} backtest windows (${ds[0]} to ${ds.at(-1)}), ${holiday.size} of ${ds.length} ${period}s hold a public holiday\n\n`);
  process.stdout.write('| model | holiday WAPE without | with | ratio | other WAPE without | with | ratio |\n| --- | --- | --- | --- | --- | --- | --- |\n');
  for (const m of pairs) {
    const [hw, hh, ow, oh] = [wape(`${m}/holiday`), wape(`${m}_hol/holiday`), wape(`${m}/other`), wape(`${m}_hol/other`)];
    process.stdout.write(`| ${m} | ${hw.toFixed(2)} | ${hh.toFixed(2)} | ${(hh / hw).toFixed(3)} | ${ow.toFixed(2)} | ${oh.toFixed(2)} | ${(oh / ow).toFixed(3)} |\n`);
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
