/**
 * `npm run bench:hierarchy`: coherent forecasts of the sample's weekly revenue, total ← store ←
 * store × category (and total ← region ← store ← store × category), with the library's defaults
 * (h = 4; engine.ts defaultModels and defaultSelection): the engine forecasts every node
 * once, then each reconciliation method makes them coherent. Prints, per level, the backtest WAPE
 * and MAPE of the base forecasts and of the reconciled ones (every window reconciled with a
 * projection from its own training data), the largest incoherence of the forecasts before and
 * after, and the time of each reconciliation as a ratio of the engine's in the same run.
 *
 * Data: the committed sample (data/sample) loaded into an in-memory warehouse and built, then
 * `series(retail, 'revenue', { grain: 'week', by: [region, store, category] })`.
 */
import pl from 'nodejs-polars';
import {
  aggregateHierarchy, forecast, formatTable, openSampleWarehouse, reconcileHierarchy, reconcileMethods, retail, series, type AggregatedHierarchy, type ForecastResult,
} from '../src/index.js';

/** The largest |parent − sum of its children| over nodes and dates of a forecast frame. */
function incoherence(aggregated: AggregatedHierarchy, frame: pl.DataFrame): number {
  const means = new Map<string, number>();
  for (const r of frame.toRecords() as Array<Record<string, unknown>>) means.set(`${String(r.unique_id)}@${String(r.ds)}`, Number(r.mean));
  const dates = [...new Set(frame.getColumn('ds').toArray() as string[])];
  const ids = aggregated.S.ids;
  const depth = (id: string) => (id === 'total' ? 0 : id.split('/').length);
  let worst = 0;
  for (const parent of ids) {
    const children = ids.filter((id) => depth(id) === depth(parent) + 1 && (parent === 'total' || id.startsWith(`${parent}/`)));
    if (children.length === 0) continue;
    for (const ds of dates) worst = Math.max(worst, Math.abs(means.get(`${parent}@${ds}`)! - children.reduce((a, id) => a + means.get(`${id}@${ds}`)!, 0)));
  }
  return worst;
}

async function run(name: string, frame: pl.DataFrame, levels: string[]): Promise<void> {
  const aggregated = aggregateHierarchy(frame, levels);
  const started = performance.now();
  const base: ForecastResult = await forecast(aggregated.series, { h: 4 });
  const engineMs = performance.now() - started;
  process.stdout.write(`\n## ${name}: ${aggregated.S.rows} nodes (${Object.entries(aggregated.tags).map(([level, ids]) => `${ids.length} ${level}`).join(', ')}), ${aggregated.series[0].values.length} weeks to ${aggregated.series[0].timestamps.at(-1)}\n`);
  process.stdout.write(`engine: ${(engineMs / 1000).toFixed(1)} s; base forecasts incoherent by up to ${incoherence(aggregated, base.best).toFixed(0)} €\n`);
  for (const method of reconcileMethods) {
    const t = performance.now();
    const result = reconcileHierarchy(aggregated, base, { h: 4, reconcile: method });
    const ratio = (performance.now() - t) / engineMs;
    process.stdout.write(`\n### ${method}${result.lambda !== undefined ? ` (λ = ${result.lambda.toFixed(3)})` : ''}: incoherence ${incoherence(aggregated, result.forecasts).toExponential(1)} €, time ${ratio.toFixed(3)} × the engine's\n`);
    const table = result.errors.select('level', 'series', 'base_wape', 'reconciled_wape', 'base_mape', 'reconciled_mape');
    process.stdout.write(`${formatTable(table)}\n`);
    for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
  }
}

const warehouse = await openSampleWarehouse('memory');
try {
  const frame = await series(warehouse, retail, 'revenue', { grain: 'week', by: ['region', 'store', 'category'] });
  process.stdout.write('# Coherent weekly revenue forecasts of the sample, h = 4, library defaults; backtest errors in % (mean over each level\'s series)\n');
  // store × category: the region dropped from the paths (a store is in one region)
  const storeCategory = frame.withColumns(pl.col('unique_id').str.replace('^[^/]*/', '').alias('unique_id'));
  await run('total ← store ← store × category', storeCategory, ['store', 'category']);
  await run('total ← region ← store ← store × category', frame, ['region', 'store', 'category']);
} finally {
  await warehouse.close();
}
