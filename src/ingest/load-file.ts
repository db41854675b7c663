import { migrate } from '../warehouse/migrate.js';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { parseDateFormat } from '../util/dates.js';
import { createLogger, silentLogger } from '../util/log.js';
import { createProgress } from '../util/progress.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';
import { pseudonymKey, pseudonymiseSource } from './pseudonymise.js';
import { finishRun, recordFailedRun, startRun } from './load-runs.js';
import { planLoad } from './plan.js';
import { writeQuarantine } from './quarantine.js';
import { readSource } from './read-source.js';
import { mergeStage, removeViolations, stageRows } from './stage.js';
import { parseTableName, quoteIdent, readTableSchema } from './table-schema.js';
import type { LoadOptions, LoadReport, Source } from './types.js';
import { validateChunks, type QuarantineEntry, type Validated } from './validate.js';

/** Rows above which a progress bar is shown. */
const PROGRESS_THRESHOLD = 100_000;

function readBytes(file: string): Buffer {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError('is a directory, expected a file to load (give one file inside it)', { file });
    if (!stat.isFile()) throw new InputError('not a regular file, expected a file to load', { file });
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('file not found', { file });
  }
  if (size === 0) throw new InputError('empty file: 0 bytes', { file });
  return readFileSync(file);
}

/**
 * Loads one file into a warehouse table so that nothing is lost: every row read ends up
 * loaded, updated, counted as a duplicate, or in the `quarantine` table with a reason — see
 * the rules at the top of src/ingest/index.ts. Parses and validates in JS, COPYs the good rows
 * into a TEMP staging table, checks foreign keys and CHECKs set-based in SQL, then merges in
 * one statement; all of it in ONE transaction, so a failure leaves the warehouse as before
 * (the failure is then recorded in `load_runs` with status 'failed'). Cost: linear in the
 * file, about 0.6 × the speed of `psql \copy` of the same file on a PostgreSQL server (the
 * merge with its foreign-key checks takes as long as psql's whole copy); see bench/load.ts.
 *
 * @example
 * const report = await loadFile(warehouse, 'tests/fixtures/ingest/order_lines.csv', { table: 'order_lines', quiet: true });
 * // => { rowsRead: 12, loaded: 3, updated: 0, duplicates: 1, quarantined: 8, ... } (stores, products, customers loaded first)
 */
export async function loadFile(warehouse: Warehouse, file: string, options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (options.quiet ? silentLogger : createLogger());
  const target = parseTableName(options.table);
  if (options.pseudonymise?.length || options.pseudonymiseIfPresent?.length) pseudonymKey(); // refused before anything is read
  await migrate(warehouse); // load_runs and quarantine exist before the first load (idempotent)
  const bytes = readBytes(file);
  const checksum = createHash('sha256').update(bytes).digest('hex');
  const source = await log.step(`read ${basename(file)}`, () => readSource(bytes, file, { ...options, tableName: target.name }));
  return loadSource(warehouse, source, { file, path: resolve(file), checksum }, { ...options, log });
}

/** Where the rows of a {@link loadSource} come from: a file, or a source database's table. */
export interface SourceOrigin {
  /** As reported back (the file as given, or a masked URL with its table). */
  file: string;
  /** As recorded in `load_runs` and `quarantine` (an absolute path, or the same masked label). */
  path: string;
  /** sha256 of what was read, hex. */
  checksum: string;
}

/** Options of {@link loadSource}: those of {@link loadFile}, and a step inside the load's transaction. */
export interface LoadSourceOptions extends LoadOptions {
  /**
   * Runs inside the load's transaction after the merge, before the commit: what must move
   * only when the rows are in (an extraction's cursor).
   */
  beforeCommit?: (tx: Queryable, report: LoadReport) => Promise<void>;
}

/**
 * Loads rows already read (a {@link Source}) into a warehouse table under the same contract as
 * {@link loadFile}: every row loaded, updated, a duplicate or quarantined, in one transaction.
 * The readers of files and of source databases both end here.
 *
 * @example
 * const source = readCsv('id,name\n1,Nord\n', 'regions.csv');
 * await loadSource(warehouse, source, { file: 'regions.csv', path: '/tmp/regions.csv', checksum: 'abc' }, { table: 'regions', quiet: true });
 * // => { rowsRead: 1, loaded: 1, updated: 0, duplicates: 0, quarantined: 0, ... }
 */
export async function loadSource(warehouse: Warehouse, source: Source, origin: SourceOrigin, options: LoadSourceOptions): Promise<LoadReport> {
  const started = performance.now();
  const startedAt = new Date();
  const log = options.log ?? (options.quiet ? silentLogger : createLogger());
  const quiet = options.quiet === true || log.quiet;
  const target = parseTableName(options.table);
  const dateFormat = options.dateFormat === undefined ? undefined : parseDateFormat('dateFormat', options.dateFormat);
  const tableLabel = `${target.schema}.${target.name}`;
  const { file, path, checksum } = origin;
  const name = basename(file);

  await migrate(warehouse);
  if (options.pseudonymise?.length || options.pseudonymiseIfPresent?.length) {
    pseudonymiseSource(source, options.pseudonymise ?? [], pseudonymKey(), options.pseudonymiseIfPresent ?? []);
  }
  const rowsRead = source.rows.length;
  const schema = await readTableSchema(warehouse, target.schema, target.name);
  const plan = planLoad(source, schema, tableLabel, file, { key: options.key, dateFormat });

  const validated: Validated = { good: [], quarantined: [], duplicateOf: new Map() };

  try {
    return await warehouse.transaction(async (tx) => {
      const runId = await startRun(tx, path, tableLabel, checksum, startedAt);
      if (plan.createSql) {
        await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`);
        await tx.query(plan.createSql);
      }
      // Validation feeds the COPY chunk by chunk: on a server the rows already checked are
      // copied while the next ones are checked.
      const progress = !quiet && rowsRead >= PROGRESS_THRESHOLD ? createProgress(`load ${name}`, rowsRead, { unit: 'rows' }) : undefined;
      const staged = await log.step(`validate ${rowsRead} rows and copy the good ones to staging`, async () => {
        try {
          return await stageRows(tx, plan, validateChunks(source, plan, validated, progress));
        } finally {
          progress?.stop();
        }
      });
      source.rows.length = 0; // free the texts; `validated` holds what is left to do
      const quarantined: QuarantineEntry[] = validated.quarantined;
      const violations = await log.step('check foreign keys and constraints', async () => {
        const violations = await removeViolations(tx, plan, schema);
        if (violations.length === 0) return violations;
        const byLine = new Map(violations.map((v) => [v.line, v]));
        const rawOf = new Map<number, string>();
        for (const row of validated.good) if (byLine.has(row.line)) rawOf.set(row.line, row.raw);
        for (const v of violations) quarantined.push({ line: v.line, raw: rawOf.get(v.line) ?? '', reason: v.reason, column: v.column });
        // A copy of a quarantined row shares its fate.
        for (const [line, copy] of validated.duplicateOf) {
          const v = byLine.get(copy.first);
          if (v) {
            validated.duplicateOf.delete(line);
            quarantined.push({ line, raw: copy.raw, reason: `${v.reason} (same row as line ${copy.first})`, column: v.column });
          }
        }
        return violations;
      });
      await log.step(`quarantine ${quarantined.length} rows`, () => writeQuarantine(tx, runId, path, tableLabel, quarantined));
      const { inserted, updated } = await log.step(`merge into ${tableLabel}`, () => mergeStage(tx, plan, target.qualified));
      const counts = {
        rowsRead,
        loaded: inserted,
        updated,
        duplicates: validated.duplicateOf.size + (staged - violations.length - inserted - updated),
        quarantined: quarantined.length,
      };
      const accounted = counts.loaded + counts.updated + counts.duplicates + counts.quarantined;
      if (accounted !== rowsRead) {
        throw new Error(`loadFile: ${rowsRead} rows read but ${accounted} accounted for; nothing was loaded`);
      }
      await finishRun(tx, runId, counts);
      const report: LoadReport = { file, table: tableLabel, runId, checksum, ...counts, durationMs: performance.now() - started };
      await options.beforeCommit?.(tx, report);
      return report;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordFailedRun(warehouse, path, tableLabel, checksum, startedAt, rowsRead, message).catch(() => undefined);
    throw error;
  }
}
