import type { Queryable } from '../warehouse/types.js';

/** Opens a `load_runs` row with status 'running' and returns its run id. */
export async function startRun(db: Queryable, file: string, table: string, checksum: string, startedAt: Date): Promise<number> {
  const { rows } = await db.query<{ run_id: number }>(
    `INSERT INTO load_runs (source_file, target_table, checksum, started_at, status) VALUES ($1, $2, $3, $4, 'running') RETURNING run_id`,
    [file, table, checksum, startedAt],
  );
  return Number(rows[0].run_id);
}

/** Closes run `runId` with its counts and status 'succeeded'. */
export async function finishRun(
  db: Queryable,
  runId: number,
  counts: { rowsRead: number; loaded: number; updated: number; duplicates: number; quarantined: number },
): Promise<void> {
  await db.query(
    `UPDATE load_runs SET rows_read = $2, rows_loaded = $3, rows_updated = $4, rows_duplicate = $5, rows_quarantined = $6,
            finished_at = now(), status = 'succeeded' WHERE run_id = $1`,
    [runId, counts.rowsRead, counts.loaded, counts.updated, counts.duplicates, counts.quarantined],
  );
}

/** Records a failed load (after its transaction rolled back), with the error's first line. Returns the run id. */
export async function recordFailedRun(db: Queryable, file: string, table: string, checksum: string, startedAt: Date, rowsRead: number, message: string): Promise<number> {
  const { rows } = await db.query<{ run_id: number }>(
    `INSERT INTO load_runs (source_file, target_table, checksum, rows_read, started_at, finished_at, status, message)
     VALUES ($1, $2, $3, $4, $5, now(), 'failed', $6) RETURNING run_id`,
    [file, table, checksum, rowsRead, startedAt, message.split('\n')[0]],
  );
  return Number(rows[0].run_id);
}
