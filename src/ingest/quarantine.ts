import type { Queryable } from '../warehouse/types.js';
import { copyField, type QuarantineEntry } from './validate.js';

/**
 * Writes quarantined rows to the `quarantine` table (source file, line, raw text, reason,
 * column) under run `runId`, by COPY into a temp table then one INSERT. A row already
 * quarantined from the same file and line for the same reason is not written again, so a
 * re-load leaves the quarantine as it was. Returns the number of rows written.
 */
export async function writeQuarantine(tx: Queryable, runId: number, file: string, table: string, entries: QuarantineEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  await tx.query('CREATE TEMP TABLE kpicast_quarantine_stage (line_number bigint, raw_text text, reason text, column_name text) ON COMMIT DROP');
  const text = entries.map((e) => `${e.line},${copyField(e.raw)},${copyField(e.reason)},${copyField(e.column)}`).join('\n') + '\n';
  await tx.copyFrom('COPY kpicast_quarantine_stage FROM STDIN WITH (FORMAT csv)', text);
  const result = await tx.query(
    `INSERT INTO quarantine (run_id, source_file, target_table, line_number, raw_text, reason, column_name)
     SELECT $1, $2, $3, q.line_number, q.raw_text, q.reason, q.column_name FROM kpicast_quarantine_stage q
      WHERE NOT EXISTS (SELECT 1 FROM quarantine x WHERE x.source_file = $2 AND x.target_table = $3
                          AND x.line_number = q.line_number AND x.raw_text = q.raw_text AND x.reason = q.reason)
      ORDER BY q.line_number`,
    [runId, file, table],
  );
  return result.affectedRows;
}
