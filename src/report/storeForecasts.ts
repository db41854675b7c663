import type { Queryable } from '../warehouse/types.js';
import type { ForecastRun } from './reportData.js';

/**
 * Writes the selected forecast of every series of `runs` into the warehouse's
 * `forecasts` table (migration 001): one row per series and week with the
 * model, the 80 % and 95 % bounds, the backtest MAPE of the model, the metric
 * selection used and its error, all stamped `runAt`. A `prefix` names the
 * series of a run (`revenue` → `revenue/S01/Bakery`); a run whose series ids
 * already say what they are can go without. One INSERT per run. Returns the rows written.
 *
 * @example
 * await storeForecasts(warehouse, [{ run: missions }, { prefix: 'revenue', run: sales }], new Date());
 * // => 52
 */
export async function storeForecasts(warehouse: Queryable, runs: ReadonlyArray<{ prefix?: string; run: ForecastRun }>, runAt: Date): Promise<number> {
  let written = 0;
  for (const { prefix, run } of runs) {
    const selected = new Map<string, { metric: string; error: number | null }>();
    for (const r of run.result.selected.toRecords() as Array<Record<string, unknown>>) {
      selected.set(String(r.unique_id), { metric: String(r.metric), error: typeof r.error === 'number' && Number.isFinite(r.error) ? r.error : null });
    }
    const mape = new Map<string, number | null>();
    for (const r of run.result.leaderboard.toRecords() as Array<Record<string, unknown>>) {
      const id = String(r.unique_id);
      const best = (run.result.best.toRecords() as Array<Record<string, unknown>>).find((b) => b.unique_id === id);
      if (best && best.model === r.model) mape.set(id, typeof r.mape === 'number' && Number.isFinite(r.mape) ? r.mape : null);
    }
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    const rows = (run.result.best.toRecords() as Array<Record<string, unknown>>).map((r) => {
      const id = String(r.unique_id);
      return [
        runAt,
        prefix ? `${prefix}/${id}` : id,
        String(r.ds),
        String(r.model),
        Number(r.mean),
        num(r['lo-80']),
        num(r['hi-80']),
        num(r['lo-95']),
        num(r['hi-95']),
        mape.get(id) ?? null,
        selected.get(id)?.metric ?? null,
        selected.get(id)?.error ?? null,
      ];
    });
    if (rows.length === 0) continue;
    const width = rows[0].length;
    const values = rows.map((_, i) => `(${Array.from({ length: width }, (_, j) => `$${i * width + j + 1}`).join(', ')})`).join(', ');
    await warehouse.query(
      `INSERT INTO forecasts (run_at, unique_id, ds, model, mean, lo_80, hi_80, lo_95, hi_95, backtest_mape, backtest_metric, backtest_error) VALUES ${values}`,
      rows.flat(),
    );
    written += rows.length;
  }
  return written;
}
