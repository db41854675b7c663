/**
 * The warehouse side of alerts: the inputs of the rules (KPI frames from kpis(), stored
 * forecasts, the sources' last new data), and the `alerts` table (migration 003) where an alert
 * opens when it fires and closes when it clears, so each is sent once either way.
 */
import { kpis } from '../analysis/kpis.js';
import { latestDate } from '../analysis/series.js';
import type { AlertRule } from '../pipeline/types.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';
import type { AlertNotice } from './email-body.js';
import { evaluateRule, lastFinishedPeriod, periodEnd, reconcileAlerts, type AlertChanges, type AlertCheck, type OpenAlert, type StoredForecast } from './alerts.js';

/**
 * One alert not delivered yet, as the email and the webhook show it ({@link AlertNotice}: fired or
 * cleared, the rule, the series, the period, the value, the threshold, the comparison in words),
 * with its row id so that it can be marked as sent.
 */
export interface PendingAlert extends AlertNotice {
  alertId: number;
  condition: string;
  firedAt: Date;
}

/** One row of the `alerts` table. */
export interface AlertRow extends OpenAlert {
  pipeline: string;
  condition: string;
  clearedAt: Date | null;
}

/** The first day after the source's last load that brought a new or changed row (from `load_runs`). */
async function lastNewData(db: Queryable, table: string): Promise<Date | null> {
  const { rows } = await db.query<{ t: Date | null }>(
    `SELECT max(coalesce(finished_at, started_at)) AS t FROM load_runs
     WHERE target_table = $1 AND status = 'succeeded' AND rows_loaded + rows_updated > 0`,
    [table],
  );
  return rows[0]?.t ?? null;
}

/**
 * Evaluates `rules` on the warehouse at the end of a run. For a KPI rule: the last finished
 * period of its metric (as series() decides it, settled rows only where the model says),
 * then one kpis() query for that period at the rule's grain and `by` (with `compare` for change
 * rules), then the pure check; `outside_forecast` also reads the latest stored forecast of each
 * series for that period; `missing_data` reads `load_runs`. Cost: one or two queries per rule.
 *
 * @example
 * const checks = await checkAlerts(warehouse, config.alerts, { now: new Date() });
 * checks.filter((c) => c.firing).map((c) => c.series); // => ['store=S02']
 */
export async function checkAlerts(warehouse: Queryable, rules: readonly AlertRule[], options: { now?: Date } = {}): Promise<AlertCheck[]> {
  const now = options.now ?? new Date();
  const checks: AlertCheck[] = [];
  for (const rule of rules) {
    if (rule.condition === 'missing_data') {
      checks.push(...evaluateRule(rule, { lastNewData: await lastNewData(warehouse, rule.table), now }));
      continue;
    }
    const latest = await latestDate(warehouse, rule.model, rule.metric);
    if (!latest) continue;
    const period = lastFinishedPeriod(latest, rule.grain);
    const { frame } = await kpis(warehouse, rule.model, {
      metrics: [rule.metric], grain: rule.grain, by: rule.by, from: period, to: periodEnd(period, rule.grain),
      ...(rule.condition === 'change_pct_below' || rule.condition === 'change_pct_above' ? { compare: rule.compare } : {}),
    });
    let forecasts: StoredForecast[] | undefined;
    if (rule.condition === 'outside_forecast') {
      const { rows } = await warehouse.query<StoredForecast>(
        `SELECT DISTINCT ON (unique_id) unique_id, ds::text AS ds, mean, lo_80, hi_80, lo_95, hi_95
         FROM forecasts WHERE ds = $1::date AND (unique_id = $2 OR unique_id LIKE $3) ORDER BY unique_id, run_at DESC`,
        [period, rule.metric, `${rule.metric.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`],
      );
      forecasts = rows;
    }
    checks.push(...evaluateRule(rule, { frame, period, forecasts, now }));
  }
  return checks;
}

type RawAlert = {
  alert_id: number; pipeline: string; rule: string; condition: string; series: string; period: string | null;
  value: number | null; threshold: number | null; comparison: string; fired_at: Date; cleared_at: Date | null;
};
const toRow = (r: RawAlert): AlertRow => ({
  alertId: Number(r.alert_id), pipeline: r.pipeline, rule: r.rule, condition: r.condition, series: r.series, period: r.period,
  value: r.value, threshold: r.threshold, comparison: r.comparison, firedAt: r.fired_at, clearedAt: r.cleared_at,
});
const columns = 'alert_id, pipeline, rule, condition, series, period, value, threshold, comparison, fired_at, cleared_at';

/**
 * The open alerts (fired, not cleared), of one pipeline or of all, oldest first.
 *
 * @example
 * (await openAlerts(warehouse)).map((a) => `${a.rule} ${a.series}`); // => ['low conversion store=S02']
 */
export async function openAlerts(db: Queryable, pipeline?: string): Promise<AlertRow[]> {
  const { rows } = await db.query<RawAlert>(
    `SELECT ${columns} FROM alerts WHERE cleared_at IS NULL AND ($1::text IS NULL OR pipeline = $1) ORDER BY fired_at, alert_id`,
    [pipeline ?? null],
  );
  return rows.map(toRow);
}

/**
 * Applies this run's checks to the `alerts` table of `pipeline`, in one transaction: new firings
 * inserted, cleared ones closed (cleared_at, the value and period that cleared them). Returns
 * what changed.
 */
export async function recordAlerts(warehouse: Warehouse, pipeline: string, runId: number | null, checks: readonly AlertCheck[], now = new Date()): Promise<AlertChanges> {
  return warehouse.transaction(async (tx) => {
    const changes = reconcileAlerts(await openAlerts(tx, pipeline), checks);
    for (const c of changes.fire) {
      await tx.query(
        `INSERT INTO alerts (pipeline, rule, condition, series, period, value, threshold, comparison, fired_at, fired_run)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [pipeline, c.rule, c.condition, c.series, c.period, c.value, c.threshold, c.comparison, now, runId],
      );
    }
    for (const { alert, check } of changes.clear) {
      await tx.query('UPDATE alerts SET cleared_at = $2, cleared_run = $3, cleared_value = $4, cleared_period = $5 WHERE alert_id = $1', [
        alert.alertId, now, runId, check.value, check.period,
      ]);
    }
    return changes;
  });
}

/**
 * The notices not delivered yet for `pipeline`: each open alert whose firing was not sent, and
 * each cleared alert whose firing was sent but not its clearing (with the value that cleared it).
 * An alert that fired and cleared before any delivery succeeded is not sent at all.
 */
export async function pendingNotices(db: Queryable, pipeline: string): Promise<PendingAlert[]> {
  const { rows } = await db.query<RawAlert & { notified_at: Date | null; cleared_value: number | null; cleared_period: string | null }>(
    `SELECT ${columns}, notified_at, cleared_value, cleared_period FROM alerts
     WHERE pipeline = $1 AND ((cleared_at IS NULL AND notified_at IS NULL) OR (cleared_at IS NOT NULL AND notified_at IS NOT NULL AND clear_notified_at IS NULL))
     ORDER BY alert_id`,
    [pipeline],
  );
  return rows.map((r) => {
    const cleared = r.cleared_at !== null;
    return {
      state: cleared ? 'cleared' : 'fired', alertId: Number(r.alert_id), rule: r.rule, condition: r.condition, series: r.series,
      period: (cleared ? r.cleared_period : r.period) ?? undefined, value: cleared ? r.cleared_value : r.value, threshold: r.threshold,
      comparison: cleared ? `cleared: was ${r.comparison}` : r.comparison, firedAt: r.fired_at,
    };
  });
}

/** Marks `notices` as delivered, so no later run sends them again. */
export async function markNotified(db: Queryable, notices: readonly PendingAlert[], at = new Date()): Promise<void> {
  const fired = notices.filter((n) => n.state === 'fired').map((n) => n.alertId);
  const cleared = notices.filter((n) => n.state === 'cleared').map((n) => n.alertId);
  if (fired.length) await db.query('UPDATE alerts SET notified_at = $2 WHERE alert_id = ANY($1::bigint[])', [fired, at]);
  if (cleared.length) await db.query('UPDATE alerts SET clear_notified_at = $2 WHERE alert_id = ANY($1::bigint[])', [cleared, at]);
}
