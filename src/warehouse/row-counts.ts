import type { Queryable } from './types.js';

/** Rows in one table. */
export interface TableCount {
  table: string;
  rows: number;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * The row count of each table of `schema`, in the order given, named `schema.table`. The names
 * are checked (lower-case SQL identifiers) since they go into the SQL as written.
 *
 * @example
 * await tableRowCounts(warehouse, 'raw', ['stores', 'products']); // => [{ table: 'raw.stores', rows: 8 }, { table: 'raw.products', rows: 120 }]
 */
export async function tableRowCounts(db: Queryable, schema: string, tables: readonly string[]): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const name of [schema, ...tables]) if (!IDENT.test(name)) throw new Error(`tableRowCounts: not a table name: ${JSON.stringify(name)}`);
  for (const table of tables) {
    const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.${table}`);
    counts.push({ table: `${schema}.${table}`, rows: result.rows[0].n });
  }
  return counts;
}
