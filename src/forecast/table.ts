/**
 * Plain-text tables for terminals: the leaderboard and selections printed by
 * the CLI and notebooks. Numbers get 3 decimals; null prints as "n/a"
 * (e.g. MAPE where actuals are zero), never Infinity; a text longer than 100
 * characters (a series id pasted by mistake) is clipped, the files keep it whole.
 */
import type pl from 'nodejs-polars';
import { clip } from '../util/clip.js';
import { textTable } from '../util/text-table.js';

/**
 * A DataFrame as an aligned text table, one line per row.
 *
 * @example
 * formatTable(pl.DataFrame({ model: ['naive'], mape: [12.3456] }));
 * // => 'model   mape\nnaive 12.346'
 */
export function formatTable(df: pl.DataFrame): string {
  const columns = df.columns;
  const cells = df.toRecords().map((row) =>
    columns.map((name) => {
      const value = row[name];
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return 'n/a';
      if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3);
      return clip(String(value), 100);
    }),
  );
  // one space between columns; numbers (and n/a) right-aligned
  return textTable(columns, cells, { gap: 1 }).join('\n');
}
