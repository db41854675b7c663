/** The formats the generator writes (each one ingest reads). */
export type SampleFormat = 'csv' | 'ndjson' | 'sqlite' | 'parquet';

/** One file of a generated data set and the raw table it loads into. */
export interface SampleFile {
  /** File name inside the data directory. */
  file: string;
  /** Raw table (schema `raw`) it loads into. */
  table: string;
  format: SampleFormat;
  /** For a SQLite file: the table inside it. */
  sqliteTable?: string;
  /** How the file is written, for readers of the data directory. */
  note: string;
}

/**
 * Every file `generate` writes, in foreign-key order: load them in this order and every
 * reference points at a row already there.
 *
 * @example
 * sampleFiles.map((f) => f.file).slice(0, 3); // => ['stores.csv', 'products.csv', 'customers.csv']
 */
export const sampleFiles: readonly SampleFile[] = [
  { file: 'stores.csv', table: 'stores', format: 'csv', note: 'UTF-8 CSV' },
  { file: 'products.csv', table: 'products', format: 'csv', note: 'UTF-8 CSV' },
  { file: 'customers.csv', table: 'customers', format: 'csv', note: 'UTF-8 CSV' },
  { file: 'order_lines.parquet', table: 'order_lines', format: 'parquet', note: 'Parquet (zstd), every column text as an export would give it, with three deliberately bad rows' },
  { file: 'store_traffic.csv', table: 'store_traffic', format: 'csv', note: 'UTF-8 CSV' },
  { file: 'stock.sqlite', table: 'stock_movements', format: 'sqlite', sqliteTable: 'stock_movements', note: 'SQLite database, table stock_movements' },
  { file: 'supplies.csv', table: 'supplies', format: 'csv', note: 'French export: Windows-1252, `;` delimiter, decimal comma, dates DD/MM/YYYY' },
  { file: 'dealers.csv', table: 'dealers', format: 'csv', note: 'UTF-8 CSV' },
  { file: 'vehicle_models.csv', table: 'vehicle_models', format: 'csv', note: 'UTF-8 CSV' },
  { file: 'vehicle_sales.csv', table: 'vehicle_sales', format: 'csv', note: 'UTF-8 CSV' },
  { file: 'hotels.ndjson', table: 'hotels', format: 'ndjson', note: 'NDJSON, one object per line' },
  { file: 'extras.csv', table: 'extras', format: 'csv', note: 'UTF-8 CSV' },
  { file: 'missions.csv', table: 'missions', format: 'csv', note: 'UTF-8 CSV' },
];
