import pl from 'nodejs-polars';
import { InputError } from '../errors.js';
import { fieldText } from './read-json.js';
import type { Source, SourceRow } from './types.js';

/**
 * Reads a Parquet file with nodejs-polars. Dates become `YYYY-MM-DD`, datetimes ISO text;
 * a row's line number is its position (1-based).
 *
 * @example
 * readParquet('tests/fixtures/ingest/stores.parquet').columns; // => ['store_id', 'name', ...]
 */
export function readParquet(file: string): Source {
  let df: pl.DataFrame;
  try {
    df = pl.readParquet(file);
  } catch (error) {
    throw new InputError(`unreadable Parquet: ${(error as Error).message.split('\n')[0]}`, { file });
  }
  // Decimals (which the JavaScript binding cannot hand over) and 64-bit integers (which would
  // lose digits as JavaScript numbers) are read as their exact text, then typed like CSV fields.
  const exact = df.columns.filter((_, i) => /^(DataType\()?(Decimal|Int64|UInt64)/.test(String(df.dtypes[i])));
  if (exact.length) {
    try {
      df = df.withColumns(...exact.map((c) => pl.col(c).cast(pl.Utf8)));
    } catch (error) {
      throw new InputError(`Parquet columns ${exact.join(', ')}: cannot read them exactly: ${(error as Error).message.split('\n')[0]}`, { file });
    }
  }
  const columns = df.columns;
  const isDate = df.dtypes.map((t) => /^(DataType\()?Date\)?$/.test(String(t)));
  const data = df.rows();
  const rows: SourceRow[] = data.map((row, i) => {
    const values = row.map((v, c) => (isDate[c] && v instanceof Date ? v.toISOString().slice(0, 10) : fieldText(v)));
    const object: Record<string, string | null> = {};
    columns.forEach((c, k) => (object[c] = values[k]));
    return { line: i + 1, raw: JSON.stringify(object), values };
  });
  return { format: 'parquet', columns, rows, decimal: '.' };
}
