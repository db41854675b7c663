import { extname } from 'node:path';
import { OptionError } from '../errors.js';
import { decodeText } from './decode.js';
import { readCsv } from './read-csv.js';
import { readJson, readNdjson } from './read-json.js';
import { readParquet } from './read-parquet.js';
import { readSqlite } from './read-sqlite.js';
import type { LoadOptions, Source } from './types.js';

const BY_EXTENSION: Record<string, NonNullable<LoadOptions['format']>> = {
  '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson', '.jsonl': 'ndjson',
  '.parquet': 'parquet', '.pq': 'parquet',
  '.sqlite': 'sqlite', '.sqlite3': 'sqlite', '.db': 'sqlite',
};

/**
 * The format of `file` from `format`, else from its extension.
 *
 * @example
 * formatOf('orders.jsonl'); // => 'ndjson'
 */
export function formatOf(file: string, format?: LoadOptions['format']): NonNullable<LoadOptions['format']> {
  if (format !== undefined) {
    if (!['csv', 'json', 'ndjson', 'parquet', 'sqlite'].includes(format)) throw new OptionError('format', format, 'csv, json, ndjson, parquet, sqlite');
    return format;
  }
  const found = BY_EXTENSION[extname(file).toLowerCase()];
  if (!found) throw new OptionError('format', extname(file) || file, 'a file ending in .csv .tsv .json .ndjson .jsonl .parquet .sqlite .db, or --format');
  return found;
}

/** Reads `bytes` of `file` in its format into header + rows of texts. */
export async function readSource(bytes: Uint8Array, file: string, options: LoadOptions & { tableName: string }): Promise<Source> {
  const format = formatOf(file, options.format);
  switch (format) {
    case 'csv':
      return readCsv(decodeText(bytes, file, options.encoding), file, { delimiter: options.delimiter, decimal: options.decimal });
    case 'json':
      return readJson(decodeText(bytes, file, options.encoding), file);
    case 'ndjson':
      return readNdjson(decodeText(bytes, file, options.encoding), file);
    case 'parquet':
      return readParquet(file);
    case 'sqlite':
      return readSqlite(bytes, file, options.sqliteTable ?? options.tableName);
  }
}
