/** Options of {@link textTable}. */
export interface TextTableOptions {
  /**
   * Right-aligned columns (numbers), one flag per column; default: a column is right-aligned
   * when every cell is a number (`12`, `-3.5`, `0.250`) or `n/a`.
   */
  right?: readonly boolean[];
  /** Spaces between columns; default 2. */
  gap?: number;
}

const NUMBER = /^-?[\d.]+$/;

/**
 * A plain text table as lines: the header, then one line per row; each column padded to its
 * widest cell, right-aligned where `right` says so (or, without it, where every cell is a
 * number), columns joined by `gap` spaces, trailing spaces trimmed. The one table formatter of
 * the terminal output (job summary, pipeline runs, leaderboards).
 *
 * @example
 * textTable(['table', 'rows'], [['raw.stores', '2']], { right: [false, true] }); // => ['table       rows', 'raw.stores     2']
 */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TextTableOptions = {}): string[] {
  const right = options.right ?? header.map((_, i) => rows.every((row) => row[i] === 'n/a' || NUMBER.test(row[i])));
  const gap = ' '.repeat(options.gap ?? 2);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(gap).trimEnd();
  return [line(header), ...rows.map(line)];
}
