import { quoted } from '../util/clip.js';
import { InputError } from '../errors.js';
import { fieldText } from './read-json.js';
import type { Source, SourceRow } from './types.js';

/**
 * Reads table `table` of a SQLite file (sql.js, WebAssembly: no native build). A row's line
 * number is its position (1-based, in rowid order when the table has one). Errors: not a
 * SQLite file, no such table (the message lists the tables there are).
 *
 * @example
 * (await readSqlite(bytes, 'stock.sqlite', 'stock')).columns; // => ['product_id', 'qty']
 */
export async function readSqlite(bytes: Uint8Array, file: string, table: string): Promise<Source> {
  const { default: initSqlJs } = await import('sql.js'); // loaded for SQLite files only
  const SQL = await initSqlJs();
  let db: InstanceType<typeof SQL.Database>;
  let tables: string[];
  try {
    db = new SQL.Database(bytes);
    tables = (db.exec("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")[0]?.values ?? []).map((r) => String(r[0]));
  } catch (error) {
    throw new InputError(`not a SQLite database: ${(error as Error).message}`, { file });
  }
  try {
    const name = tables.find((t) => t === table) ?? tables.find((t) => t.toLowerCase() === table.toLowerCase());
    if (!name) throw new InputError(`no table ${quoted(table)} in the SQLite file; tables: ${tables.join(', ') || '(none)'}`, { file });
    const statement = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
    const columns = statement.getColumnNames();
    const rows: SourceRow[] = [];
    let line = 0;
    while (statement.step()) {
      line++;
      // integers as BigInt: beyond 2^53 a JavaScript number would lose digits
      // (sql.js takes the option since 1.9; its type declarations do not list it)
      const row = (statement.get as unknown as (params: null, config: { useBigInt: boolean }) => unknown[]).call(statement, null, { useBigInt: true });
      const values = row.map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : fieldText(v)));
      const object: Record<string, string | null> = {};
      columns.forEach((c, k) => (object[c] = values[k]));
      rows.push({ line, raw: JSON.stringify(object), values });
    }
    statement.free();
    return { format: 'sqlite', columns, rows, decimal: '.' };
  } finally {
    db.close();
  }
}
