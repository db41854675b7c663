import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Queryable } from '../warehouse/types.js';
import type { FileSource, InboxSource } from './types.js';

/** `*` and `?` of a file-name pattern as a regular expression (nothing else is special). */
function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * The files an inbox source matches now, sorted by name (the order they are loaded in): the
 * regular files of its folder whose name matches its pattern. A missing folder is an InputError.
 *
 * @example
 * inboxFiles({ dir: '/data/incoming', glob: '*.csv', … }); // => ['/data/incoming/week-01.csv', '/data/incoming/week-02.csv']
 */
export function inboxFiles(source: Pick<InboxSource, 'dir' | 'glob' | 'name'>): string[] {
  if (!existsSync(source.dir) || !statSync(source.dir).isDirectory()) {
    throw new InputError(`source ${source.name}: inbox folder not found`, { file: source.dir });
  }
  const pattern = globRegExp(source.glob);
  return readdirSync(source.dir)
    .filter((name) => pattern.test(name))
    .map((name) => join(source.dir, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

/** The files of a file or inbox source, as they are now. */
export function sourceFiles(source: FileSource | InboxSource): string[] {
  return source.kind === 'file' ? [source.path] : inboxFiles(source);
}

/** sha256 of a file's bytes, hex, as ingest records it in `load_runs.checksum`. */
export function fileChecksum(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** `orders` → `raw.orders`, as ingest names its target in `load_runs`. */
export function tableLabel(table: string): string {
  const parts = table.toLowerCase().split('.');
  return parts.length === 2 ? parts.join('.') : `raw.${parts[0]}`;
}

/**
 * The succeeded load of these exact bytes into `table`, if any: a file whose SHA-256 was
 * loaded into the table before is not loaded again (a changed file has another checksum).
 */
export async function previousLoad(db: Queryable, table: string, checksum: string): Promise<{ runId: number; at: Date } | undefined> {
  const { rows } = await db.query<{ run_id: number; at: Date }>(
    `SELECT run_id, coalesce(finished_at, started_at) AS at FROM load_runs
     WHERE target_table = $1 AND checksum = $2 AND status = 'succeeded' ORDER BY run_id DESC LIMIT 1`,
    [tableLabel(table), checksum],
  );
  return rows[0] ? { runId: Number(rows[0].run_id), at: rows[0].at } : undefined;
}

/**
 * True when any of these files was loaded before, by its SHA-256 (`checksums`) or by its path
 * (`paths`): the warehouse's data came, at least in part, from them.
 */
export async function loadedBefore(db: Queryable, checksums: readonly string[], paths: readonly string[]): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM load_runs WHERE status = 'succeeded' AND (checksum = ANY($1::text[]) OR source_file = ANY($2::text[]))`,
    [checksums, paths],
  );
  return rows[0].n > 0;
}
