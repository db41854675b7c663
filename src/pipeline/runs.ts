import { maskSecrets } from '../util/secrets.js';
import { KpicastError } from '../errors.js';
import type { Queryable } from '../warehouse/types.js';

export type RunTrigger = 'manual' | 'schedule' | 'worker';
export const RUN_TRIGGERS: readonly RunTrigger[] = ['manual', 'schedule', 'worker'];
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed';
export type StepKind = 'load' | 'build' | 'data_tests' | 'kpis' | 'forecast' | 'report' | 'alerts' | 'delivery';
export type StepStatus = 'succeeded' | 'failed' | 'skipped';

/** One row of `runs`. */
export interface RunRow {
  runId: number;
  pipeline: string;
  trigger: RunTrigger;
  startedAt: Date;
  finishedAt: Date | null;
  status: RunStatus;
  error: string | null;
}

/** One row of `run_steps`: what one step of a run did. */
export interface StepRow {
  stepNo: number;
  kind: StepKind;
  name: string;
  status: StepStatus;
  startedAt: Date;
  durationMs: number;
  rowsRead: number | null;
  rowsWritten: number | null;
  detail: string | null;
  error: string | null;
}

/** What a step reports besides its status: row counts and a short detail line. */
export interface StepOutcome {
  rowsRead?: number | null;
  rowsWritten?: number | null;
  detail?: string | null;
}

/** One line of an error, masked: what a step row and a run row keep. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return maskSecrets(message.split('\n')[0]);
}

/** Opens a run (status `running`) and returns its id. */
export async function openRun(db: Queryable, pipeline: string, trigger: RunTrigger = 'manual', startedAt = new Date()): Promise<number> {
  const { rows } = await db.query<{ run_id: number }>(
    "INSERT INTO runs (pipeline, trigger, started_at, status) VALUES ($1, $2, $3, 'running') RETURNING run_id",
    [pipeline, trigger, startedAt],
  );
  return Number(rows[0].run_id);
}

/** Closes run `runId` with its final status and first error (masked). */
export async function closeRun(db: Queryable, runId: number, status: Exclude<RunStatus, 'running'>, error?: string | null): Promise<void> {
  await db.query('UPDATE runs SET finished_at = now(), status = $2, error = $3 WHERE run_id = $1', [runId, status, error ? maskSecrets(error) : null]);
}

/** Appends one step row to run `runId` (step numbers follow each other). */
export async function recordStep(
  db: Queryable,
  runId: number,
  step: { kind: StepKind; name: string; status: StepStatus; startedAt: Date; durationMs: number; error?: string | null } & StepOutcome,
): Promise<void> {
  await db.query(
    `INSERT INTO run_steps (run_id, step_no, kind, name, status, started_at, duration_ms, rows_read, rows_written, detail, error)
     VALUES ($1, (SELECT coalesce(max(step_no), 0) + 1 FROM run_steps WHERE run_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      runId, step.kind, maskSecrets(step.name), step.status, step.startedAt, step.durationMs,
      step.rowsRead ?? null, step.rowsWritten ?? null, step.detail ? maskSecrets(step.detail) : null, step.error ? maskSecrets(step.error) : null,
    ],
  );
}

/**
 * The history of one run as it happens: `step(kind, name, fn, outcome)` runs `fn`, times it and
 * appends its row (succeeded, or failed with the error's first line, masked, then rethrows);
 * `failures` collects the failed steps so the run can be closed `failed` or `partial`.
 */
export interface RunRecorder {
  readonly runId: number;
  readonly failures: Array<{ kind: StepKind; name: string; error: string }>;
  step<T>(kind: StepKind, name: string, fn: () => Promise<T> | T, outcome?: (result: T) => StepOutcome & { status?: StepStatus; error?: string }): Promise<T>;
  /** A row for a step that did not run its own code (a skipped file, a delivery outcome). */
  note(kind: StepKind, name: string, status: StepStatus, details?: StepOutcome & { error?: string; durationMs?: number }): Promise<void>;
}

/** A {@link RunRecorder} writing to run `runId` of `db`. */
export function runRecorder(db: Queryable, runId: number): RunRecorder {
  const failures: RunRecorder['failures'] = [];
  return {
    runId,
    failures,
    async step(kind, name, fn, outcome) {
      const startedAt = new Date();
      const started = performance.now();
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn();
      } catch (error) {
        const line = errorLine(error);
        failures.push({ kind, name, error: line });
        await recordStep(db, runId, { kind, name, status: 'failed', startedAt, durationMs: performance.now() - started, error: line });
        throw error;
      }
      const extra = outcome?.(result) ?? {};
      const status = extra.status ?? 'succeeded';
      if (status === 'failed') failures.push({ kind, name, error: extra.error ?? 'failed' });
      await recordStep(db, runId, { kind, name, startedAt, durationMs: performance.now() - started, ...extra, status });
      return result;
    },
    async note(kind, name, status, details = {}) {
      if (status === 'failed') failures.push({ kind, name, error: details.error ?? 'failed' });
      await recordStep(db, runId, { kind, name, status, startedAt: new Date(), durationMs: details.durationMs ?? 0, ...details });
    },
  };
}

const runColumns = 'run_id, pipeline, trigger, started_at, finished_at, status, error';
type RawRun = { run_id: number; pipeline: string; trigger: RunTrigger; started_at: Date; finished_at: Date | null; status: RunStatus; error: string | null };
const toRun = (r: RawRun): RunRow => ({
  runId: Number(r.run_id), pipeline: r.pipeline, trigger: r.trigger, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status, error: r.error,
});

/**
 * The last `limit` runs (default 20), newest first.
 *
 * @example
 * (await listRuns(warehouse, 1))[0].status; // => 'succeeded'
 */
export async function listRuns(db: Queryable, limit = 20): Promise<RunRow[]> {
  const { rows } = await db.query<RawRun>(`SELECT ${runColumns} FROM runs ORDER BY run_id DESC LIMIT $1`, [limit]);
  return rows.map(toRun);
}

/**
 * One run and its steps in order; throws a KpicastError (E_NOT_FOUND) when there is no such run.
 *
 * @example
 * (await getRun(warehouse, 3)).steps.map((s) => s.kind); // => ['load', 'build', 'data_tests', …]
 */
export async function getRun(db: Queryable, runId: number): Promise<RunRow & { steps: StepRow[] }> {
  const { rows } = await db.query<RawRun>(`SELECT ${runColumns} FROM runs WHERE run_id = $1`, [runId]);
  if (rows.length === 0) throw new KpicastError(`runs: no run ${runId}; kpicast runs lists the last ones`, 'E_NOT_FOUND');
  const steps = await db.query<{
    step_no: number; kind: StepKind; name: string; status: StepStatus; started_at: Date; duration_ms: number;
    rows_read: number | null; rows_written: number | null; detail: string | null; error: string | null;
  }>('SELECT step_no, kind, name, status, started_at, duration_ms, rows_read, rows_written, detail, error FROM run_steps WHERE run_id = $1 ORDER BY step_no', [runId]);
  return {
    ...toRun(rows[0]),
    steps: steps.rows.map((s) => ({
      stepNo: s.step_no, kind: s.kind, name: s.name, status: s.status, startedAt: s.started_at, durationMs: Number(s.duration_ms),
      rowsRead: s.rows_read === null ? null : Number(s.rows_read), rowsWritten: s.rows_written === null ? null : Number(s.rows_written),
      detail: s.detail, error: s.error,
    })),
  };
}
