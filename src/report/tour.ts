import type { Queryable } from '../warehouse/types.js';

/**
 * Every table of the warehouse with its row count, schema by schema (kpicast's
 * own tables in `public`, then `raw`, `staging`, `intermediate`, `marts`), views
 * included. Cost: one `count(*)` per table.
 *
 * @example
 * (await warehouseTables(warehouse)).find((t) => t.table === 'raw.stores'); // => { table: 'raw.stores', kind: 'table', rows: 2 }
 */
export async function warehouseTables(warehouse: Queryable): Promise<Array<{ table: string; kind: 'table' | 'view'; rows: number }>> {
  const order = ['public', 'raw', 'staging', 'intermediate', 'marts'];
  const { rows } = await warehouse.query<{ schema: string; name: string; kind: string }>(
    `SELECT table_schema AS schema, table_name AS name, table_type AS kind FROM information_schema.tables
     WHERE table_schema = ANY($1::text[]) ORDER BY table_schema, table_name`,
    [order],
  );
  rows.sort((a, b) => order.indexOf(a.schema) - order.indexOf(b.schema) || (a.name < b.name ? -1 : 1));
  const out: Array<{ table: string; kind: 'table' | 'view'; rows: number }> = [];
  for (const r of rows) {
    const name = `"${r.schema}"."${r.name}"`;
    const count = await warehouse.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
    out.push({ table: `${r.schema}.${r.name}`, kind: r.kind === 'VIEW' ? 'view' : 'table', rows: count.rows[0].n });
  }
  return out;
}

/**
 * The load history, latest first: each file loaded, into which table, when, with
 * its counts (read, loaded, updated, duplicates, quarantined) and status.
 *
 * @example
 * (await loadHistory(warehouse))[0].status; // => 'succeeded'
 */
export async function loadHistory(warehouse: Queryable, limit = 50): Promise<Array<Record<string, unknown>>> {
  const { rows } = await warehouse.query(
    `SELECT run_id, regexp_replace(source_file, '^.*/', '') AS file, target_table AS "table", started_at::text AS started_at,
            round(extract(epoch FROM finished_at - started_at)::numeric, 2)::float8 AS seconds,
            rows_read, rows_loaded, rows_updated, rows_duplicate, rows_quarantined, status
     FROM load_runs ORDER BY run_id DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

/**
 * What was quarantined and why: one row per quarantined line with its file,
 * line number, column, reason and raw text.
 *
 * @example
 * (await quarantined(warehouse)).map((q) => q.reason); // => ['quantity: -2 breaks CHECK (quantity >= 0)', ...]
 */
export async function quarantined(warehouse: Queryable, limit = 100): Promise<Array<Record<string, unknown>>> {
  const { rows } = await warehouse.query(
    `SELECT regexp_replace(source_file, '^.*/', '') AS file, target_table AS "table", line_number AS line, column_name AS "column", reason, raw_text
     FROM quarantine ORDER BY quarantine_id LIMIT $1`,
    [limit],
  );
  return rows;
}
