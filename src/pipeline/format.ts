import { basename } from 'node:path';
import { textTable } from '../util/text-table.js';
import { formatDuration } from '../util/log.js';
import type { AlertRow } from '../deliver/alert-store.js';
import type { PipelineSummary } from './run.js';
import type { RunRow, StepRow } from './runs.js';

const n = (v: number) => v.toLocaleString('en-US');
const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '');
const num = (v: number | null) => (v === null ? '' : Number.isInteger(v) ? n(v) : String(Number(v.toPrecision(4))));

/**
 * A pipeline run as text for stdout: the run id and status, one line per file (loaded with
 * its counts, or skipped and why), the build, the forecasts, the report, the alerts that
 * fired or cleared, and each delivery.
 *
 * @example
 * formatPipelineSummary(summary).split('\n')[0]; // => 'run 7 of pipeline kpicast: succeeded in 12.40 s'
 */
export function formatPipelineSummary(summary: PipelineSummary): string {
  const out = [`run ${summary.runId} of pipeline ${summary.pipeline}: ${summary.status} in ${formatDuration(summary.durationMs)}`];
  if (summary.error) out.push(`first failure: ${summary.error}`);
  out.push('');
  if (summary.loads.length) {
    const rows = summary.loads.map((l) => {
      const r = l.report;
      return [basename(l.file), l.source, l.status, r ? n(r.rowsRead) : '', r ? n(r.loaded) : '', r ? n(r.updated) : '', r ? n(r.duplicates) : '', r ? n(r.quarantined) : ''];
    });
    out.push(...textTable(['file', 'source', 'status', 'read', 'loaded', 'updated', 'duplicates', 'quarantined'], rows, { right: [false, false, false, true, true, true, true, true] }));
    for (const l of summary.loads.filter((x) => x.status !== 'loaded' && x.reason)) out.push(`${basename(l.file)}: ${l.status}, ${l.reason}`);
    if (summary.nothingNew) out.push('nothing new: no file brought a new or changed row');
    out.push('');
  }
  if (summary.build) out.push(`marts: ${summary.build.models.length} models built; data tests: ${summary.build.tests.filter((t) => t.ok).length}/${summary.build.tests.length} passed`);
  for (const f of summary.forecasts) out.push(`forecast ${f.name}: ${n(f.rows)} rows for ${f.series} series stored in table forecasts`);
  if (summary.report) out.push(`report: ${summary.report.index}${summary.report.pdf ? `, ${summary.report.pdf}` : ''}`);
  const { fired, cleared, open } = summary.alerts;
  if (summary.alerts.checks.length || open) {
    out.push(`alerts: ${fired.length} fired, ${cleared.length} cleared, ${open} open`);
    for (const c of fired) out.push(`  fired   ${c.rule}${c.series ? ` [${c.series}]` : ''} ${c.period ?? ''}: ${c.comparison}`);
    for (const c of cleared) out.push(`  cleared ${c.rule}${c.series ? ` [${c.series}]` : ''} ${c.period ?? ''}: ${c.comparison}`);
  }
  for (const d of summary.deliveries) {
    out.push(d.error ? `delivery ${d.channel}: ${d.error}` : `delivery ${d.channel} → ${d.target}: ${d.status}${summary.notices.length ? ` with ${summary.notices.length} alert notice(s)` : ''}`);
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/**
 * The last runs as a text table: id, pipeline, trigger, start, duration, status.
 *
 * @example
 * formatRuns(await listRuns(warehouse)).split('\n')[0]; // => 'run  pipeline  trigger  started  duration  status'
 */
export function formatRuns(runs: readonly RunRow[]): string {
  if (runs.length === 0) return 'no runs yet: kpicast run (or kpicast run --pipeline kpicast.yml) records one\n';
  const rows = runs.map((r) => [
    String(r.runId), r.pipeline, r.trigger, when(r.startedAt),
    r.finishedAt ? formatDuration(r.finishedAt.getTime() - r.startedAt.getTime()) : '', r.status, r.error ?? '',
  ]);
  return textTable(['run', 'pipeline', 'trigger', 'started (UTC)', 'duration', 'status', 'error'], rows, { right: [true, false, false, false, true, false, false] }).join('\n') + '\n';
}

/** One run and its steps as text: the run line, then one line per step with status, duration, rows and error. */
export function formatRun(run: RunRow & { steps: readonly StepRow[] }): string {
  const head = `run ${run.runId} of pipeline ${run.pipeline} (${run.trigger}): ${run.status}, started ${when(run.startedAt)} UTC` +
    (run.finishedAt ? `, ${formatDuration(run.finishedAt.getTime() - run.startedAt.getTime())}` : ', still running');
  const rows = run.steps.map((s) => [
    String(s.stepNo), s.kind, s.name, s.status, formatDuration(s.durationMs), s.rowsRead === null ? '' : n(s.rowsRead), s.rowsWritten === null ? '' : n(s.rowsWritten),
    [s.detail, s.error].filter(Boolean).join('; '),
  ]);
  const lines = [head, ...(run.error ? [`error: ${run.error}`] : []), ''];
  lines.push(...textTable(['step', 'kind', 'name', 'status', 'duration', 'rows read', 'rows written', 'detail'], rows, { right: [true, false, false, false, true, true, true, false] }));
  return lines.join('\n') + '\n';
}

/** Open alerts as a text table: rule, series, period, value, threshold, comparison, fired at. */
export function formatAlerts(alerts: readonly AlertRow[]): string {
  if (alerts.length === 0) return 'no open alert\n';
  const rows = alerts.map((a) => [String(a.alertId), a.pipeline, a.rule, a.series, a.period ?? '', num(a.value), num(a.threshold), a.comparison, when(a.firedAt)]);
  return textTable(['alert', 'pipeline', 'rule', 'series', 'period', 'value', 'threshold', 'comparison', 'fired (UTC)'], rows, { right: [true, false, false, false, false, true, true, false, false] }).join('\n') + '\n';
}
