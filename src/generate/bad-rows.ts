/** A row written wrong on purpose, so that ingest's quarantine has something to show. */
export interface BadRow {
  file: string;
  table: string;
  /** 1-based line in the file, the header being line 1 (for a Parquet file: the 1-based row, no header). */
  line: number;
  /** What is wrong with it, in words. */
  problem: string;
}

/**
 * Adds three deliberately bad order lines to `lines` (CSV lines of raw.order_lines, no header),
 * each as an extra line of a real order at about 25 %, 50 % and 75 % of the file:
 * a negative quantity (-2), an unknown product id (P9999), a malformed date (a letter O typed for a zero).
 * Returns the new lines and where the bad rows are: as lines of a file whose header is line 1,
 * or, with `header: false` (a Parquet file), as 1-based rows. The input is not changed.
 *
 * @example
 * withBadOrderLines(lines, 'order_lines.csv').badRows.map((b) => b.problem);
 * // => ['negative quantity', 'unknown product_id P9999', 'malformed order_date']
 */
export function withBadOrderLines(lines: readonly string[], file: string, header = true): { lines: string[]; badRows: BadRow[] } {
  const result = [...lines];
  const badRows: BadRow[] = [];
  const edits: Array<{ fraction: number; problem: string; edit: (fields: string[]) => void }> = [
    { fraction: 0.25, problem: 'negative quantity', edit: (f) => (f[6] = '-2') },
    { fraction: 0.5, problem: 'unknown product_id P9999', edit: (f) => (f[4] = 'P9999') },
    { fraction: 0.75, problem: 'malformed order_date', edit: (f) => (f[2] = f[2].replace('0', 'O')) },
  ];
  if (result.length < 8) return { lines: result, badRows };
  for (const { fraction, problem, edit } of edits) {
    // The last line of the order found at `fraction` of the file.
    let i = Math.floor(result.length * fraction);
    const orderOf = (line: string) => line.slice(0, line.indexOf(','));
    while (i + 1 < result.length && orderOf(result[i + 1]) === orderOf(result[i])) i += 1;
    const fields = result[i].split(',');
    fields[1] = String(Number(fields[1]) + 1);
    edit(fields);
    result.splice(i + 1, 0, fields.join(','));
    // With a header on line 1, result[i + 1] is line i + 3 (row i + 2 without one); later inserts go after it and do not move it.
    badRows.push({ file, table: 'order_lines', line: i + (header ? 3 : 2), problem });
  }
  return { lines: result, badRows };
}
