/** A cell of a generated table: text, a number, a boolean, or null (an empty field). */
export type Cell = string | number | boolean | null;

/**
 * One CSV field: null is empty, text is quoted when it holds the delimiter, a quote or a line break.
 *
 * @example
 * csvField('Hôtel "Le Lac", Annecy', ','); // => '"Hôtel ""Le Lac"", Annecy"'
 */
export function csvField(value: Cell, delimiter = ','): string {
  if (value === null) return '';
  const text = String(value);
  if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/**
 * A whole CSV text: header line, one line per row, `\n` line ends, a final line end.
 *
 * @example
 * csvText(['a', 'b'], [[1, null]]); // => 'a,b\n1,\n'
 */
export function csvText(header: readonly string[], rows: readonly Cell[][], delimiter = ','): string {
  const lines = [header.map((h) => csvField(h, delimiter)).join(delimiter)];
  for (const row of rows) lines.push(row.map((cell) => csvField(cell, delimiter)).join(delimiter));
  return lines.join('\n') + '\n';
}

/**
 * NDJSON text: one JSON object per line, keys in `header` order, a final line end.
 *
 * @example
 * ndjsonText(['a', 'b'], [[1, null]]); // => '{"a":1,"b":null}\n'
 */
export function ndjsonText(header: readonly string[], rows: readonly Cell[][]): string {
  return rows.map((row) => JSON.stringify(Object.fromEntries(header.map((name, i) => [name, row[i]])))).join('\n') + '\n';
}
