import type { DateFormat } from '../util/dates.js';
import type { Logger } from '../util/log.js';

/** Options of {@link loadFile}: where the rows go and how to read the file. */
export interface LoadOptions {
  /** Target table: `orders` → `raw.orders`; `schema.table` allowed. */
  table: string;
  /** Natural key columns, as column names (`row_id`) or as the header spells them (`Row ID`); default: the table's primary key if it exists. */
  key?: string[];
  /** Source format; default: from the file extension. */
  format?: 'csv' | 'json' | 'ndjson' | 'parquet' | 'sqlite';
  /** Table inside a SQLite file (default: the same name as `table`, without schema). */
  sqliteTable?: string;
  /** CSV field delimiter, one character; default: detected among `,` `;` tab and `|`. */
  delimiter?: string;
  /** Text encoding (any iconv-lite name); default: UTF-8, else Windows-1252 when the bytes are not valid UTF-8. */
  encoding?: string;
  /** Decimal separator of CSV numbers; default: detected (`,` in French-style `;` exports). */
  decimal?: '.' | ',';
  /**
   * Columns whose values are replaced by keyed pseudonyms before anything is written (header
   * names as in the file or as column names). The key comes from `KPICAST_PSEUDONYM_KEY`.
   */
  pseudonymise?: string[];
  /** Columns pseudonymised as `pseudonymise` where the source has them, and passed over where not (a pipeline's shared list). */
  pseudonymiseIfPresent?: string[];
  /**
   * How slash dates are read in every date column (`DD/MM/YYYY`, `MM/DD/YYYY`, `DD/MM/YY`,
   * `MM/DD/YY`; `YYYY-MM-DD` for ISO dates only); default: decided per column from its values,
   * and a column that nothing settles is refused naming this option.
   */
  dateFormat?: DateFormat;
  /** Where step lines go; default: stderr unless `quiet`. */
  log?: Logger;
  /** No progress bar and no step lines. */
  quiet?: boolean;
}

/** What one load did. Invariant: `rowsRead = loaded + updated + duplicates + quarantined`. */
export interface LoadReport {
  file: string;
  table: string;
  runId: number;
  /** sha256 of the file bytes, hex. */
  checksum: string;
  rowsRead: number;
  /** Rows inserted. */
  loaded: number;
  /** Rows whose key existed with different content, now updated. */
  updated: number;
  /** Rows already there with the same content, or repeated in the file: not loaded twice. */
  duplicates: number;
  /** Rows written to the `quarantine` table instead, with a reason. */
  quarantined: number;
  durationMs: number;
}

/** Column types kpicast infers and validates. */
export type ColumnType = 'integer' | 'bigint' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'timestamp' | 'text';

/** One data row of a source, before validation. `values` is null when the field count is wrong. */
export interface SourceRow {
  /** 1-based line in the file (header = line 1), or the row's position for JSON/Parquet/SQLite. */
  line: number;
  /** The row as it was in the file, for the quarantine. */
  raw: string;
  /** Field texts in header order; null for an empty field. */
  values: (string | null)[];
  /** Set when the row cannot be read at all (wrong field count, invalid JSON). */
  problem?: string;
}

/** A file read into header + rows of texts, whatever its format. */
export interface Source {
  format: NonNullable<LoadOptions['format']>;
  columns: string[];
  rows: SourceRow[];
  /** Decimal separator of the numbers in `rows`. */
  decimal: '.' | ',';
}
