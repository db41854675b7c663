/**
 * Ingest: files into warehouse tables, losing nothing.
 *
 * The load invariant. Every row read from a file ends in exactly one place, and
 * `rowsRead = loaded + updated + duplicates + quarantined`, always:
 * - loaded: inserted, its key was not in the table;
 * - updated: its key was in the table with different content; the row is replaced (upsert);
 * - duplicate: its key was in the table with the same content, or the same row appeared
 *   earlier in the file: counted, not loaded twice;
 * - quarantined: written to the `quarantine` table with the source file, line number, raw
 *   text, reason and column: wrong field count, unparsable number/date/boolean, missing
 *   required value, a value breaking a CHECK (a negative quantity), an unknown foreign key,
 *   or a key repeated in the file with different content.
 *
 * Duplicate and upsert rules. The key is `--key`, else the table's primary key; without
 * either, whole rows are compared. Within one file the FIRST row with a key wins: a later
 * row with the same key and the same content is a duplicate, with different content it is
 * quarantined (nothing in a file silently overwrites another line of the same file). Across
 * loads the latest file wins: a key already in the table with new content is updated.
 * Loading the same file twice changes nothing: the second report counts every good row as a
 * duplicate, the bad rows are counted as quarantined again but not written twice.
 *
 * One load is one transaction (table creation, staging, quarantine rows, merge, its
 * `load_runs` row): killed or failed midway, the warehouse is as before, and a failure is
 * recorded afterwards as a `load_runs` row with status 'failed'.
 *
 * Sources: CSV (`,` `;` or tab detected; decimal comma detected; UTF-8 with or without BOM,
 * else Windows-1252), JSON arrays of objects, NDJSON, Parquet, a table of a SQLite file.
 * Dates `YYYY-MM-DD`, or slash dates whose day/month order is decided per column from all its
 * values (`11/28/2017` month first, `19/02/10` day first; two-digit years 00-68 → 20xx, 69-99 →
 * 19xx), or given by `dateFormat`; a column that nothing settles is refused, never guessed. Into a new table, column types are inferred (integer,
 * bigint, numeric, boolean, date, timestamptz, text) and `--key` becomes its primary key.
 * Errors that stop a load before anything is written, one line each: missing file, empty
 * file, no header, required columns missing (named), columns unknown to the table,
 * undecodable bytes, a new table with no rows to infer types from, a SQLite table not found, a
 * date column ambiguous throughout or in both orders, a key column repeated, a directory.
 *
 * How: parse and validate in JS, stream the good rows with COPY into a TEMP staging table,
 * find foreign-key and CHECK violations in one set-based query, then UPDATE changed rows and
 * INSERT new ones. `npm run bench:load` compares it with `psql \copy` of the same file.
 */
export { loadFile, loadSource, type SourceOrigin, type LoadSourceOptions } from './load-file.js';
export { extract, sourceKind, sourceLabel, type ExtractOptions, type ExtractReport, type SourceKind } from './extract.js';
export { pseudonym, pseudonymKey, pseudonymiseSource, PSEUDONYM_KEY_VARIABLE } from './pseudonymise.js';
export type { LoadOptions, LoadReport, ColumnType, Source, SourceRow } from './types.js';
export { readSource } from './read-source.js';
export { readCsv, detectDelimiter, detectDecimal } from './read-csv.js';
export { parseCsvRecords, type CsvRecord } from './parse-csv.js';
export { readJson, readNdjson } from './read-json.js';
export { readParquet } from './read-parquet.js';
export { readSqlite } from './read-sqlite.js';
export { decodeText } from './decode.js';
export { inferType, convertValue, parseDateText, normaliseNumber, readNumber, decideDateOrder, ValueError, type TypeSpec, type ColumnDateOrder } from './values/index.js';
export { keyColumns, INDEX_KEY_BYTES_MAX } from './plan.js';
export { readTableSchema, parseTableName, isSystemSchema, type TableSchema } from './table-schema.js';
