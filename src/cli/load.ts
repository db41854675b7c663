import type { Command } from 'commander';
import iconv from 'iconv-lite';
import { loadFile } from '../ingest/load-file.js';
import { isValidDelimiter } from '../ingest/read-csv.js';
import { parseTableName } from '../ingest/table-schema.js';
import type { LoadOptions, LoadReport } from '../ingest/types.js';
import { OptionError } from '../errors.js';
import { DATE_FORMATS, parseDateFormat } from '../util/dates.js';
import { withWarehouse } from './context.js';

/** The four numbers of a load, one line, for stdout. */
export function formatLoadReport(report: LoadReport): string {
  return `${report.file} → ${report.table}: read ${report.rowsRead}, loaded ${report.loaded} (+${report.updated} updated), ` +
    `duplicates ${report.duplicates}, quarantined ${report.quarantined}  (run ${report.runId})`;
}

/** A comma-separated option as its trimmed, non-empty items; undefined when not given. */
export function splitList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

const FORMATS = ['csv', 'json', 'ndjson', 'parquet', 'sqlite'];
const DELIMITERS_ALLOWED = 'one character other than a quote or a line break, or tab (also written \\t)';

/** The flag a user types for each option the ingest library names in its OptionErrors. */
const FLAGS: Record<string, string> = {
  key: '--key', table: '--table', pseudonymise: '--pseudonymise', encoding: '--encoding', delimiter: '--delimiter', decimal: '--decimal', sqliteTable: '--sqlite-table', dateFormat: '--date-format',
};

/**
 * The ingest library names options as in its API (`key: got ...`); the CLI user typed `--key`.
 * Returns `error` renamed to the flag, or `error` itself when it is about no flag (a file's
 * extension, reported as `format`, is not something the user typed).
 */
function asTyped(error: unknown): unknown {
  if (!(error instanceof OptionError)) return error;
  const flag = FLAGS[error.option];
  return flag ? error.renamed(flag) : error;
}

/** `kpicast load <file> --table <name>`: loads a file into a warehouse table, losing nothing. */
export function registerLoad(program: Command): void {
  program
    .command('load')
    .description('load a CSV, JSON, NDJSON, Parquet or SQLite file into a table: every row loaded, updated, duplicate or quarantined')
    .argument('<file>', 'the file to load')
    .requiredOption('-t, --table <name>', 'target table: orders → raw.orders, or schema.table')
    .option('-k, --key <columns>', 'natural key, comma-separated (default: the table primary key)')
    .option('-f, --format <format>', `one of ${FORMATS.join(', ')} (default: from the extension)`)
    .option('--sqlite-table <name>', 'table inside the SQLite file (default: the --table name)')
    .option('--delimiter <char>', 'CSV delimiter: one character, or tab (default: detected among , ; tab |)')
    .option('--encoding <name>', 'text encoding (default: UTF-8, else Windows-1252)')
    .option('--decimal <sep>', 'decimal separator of CSV numbers, . or , (default: detected)')
    .option('--pseudonymise <columns>', 'columns replaced by keyed pseudonyms before anything is written (key: $KPICAST_PSEUDONYM_KEY)')
    .option('--date-format <format>', `how slash dates read: ${DATE_FORMATS.join(', ')} (default: decided per column from its values; two-digit years 00-68 are 20xx, 69-99 19xx)`)
    .action(async (file: string, opts: Record<string, string | undefined>, command: Command) => {
      if (opts.format !== undefined && !FORMATS.includes(opts.format)) throw new OptionError('--format', opts.format, FORMATS.join(', '));
      if (opts.decimal !== undefined && opts.decimal !== '.' && opts.decimal !== ',') throw new OptionError('--decimal', opts.decimal, '. or ,');
      const dateFormat = opts.dateFormat === undefined ? undefined : parseDateFormat('--date-format', opts.dateFormat);
      const delimiter = opts.delimiter === '\\t' || opts.delimiter === 'tab' ? '\t' : opts.delimiter;
      // Options that need no file nor warehouse are checked first, each named as typed.
      if (delimiter !== undefined && !isValidDelimiter(delimiter)) throw new OptionError('--delimiter', opts.delimiter, DELIMITERS_ALLOWED);
      try {
        parseTableName(opts.table!);
      } catch (error) {
        throw asTyped(error);
      }
      if (opts.encoding !== undefined && !iconv.encodingExists(opts.encoding)) {
        throw new OptionError('--encoding', opts.encoding, 'utf-8, windows-1252, latin1 or any iconv-lite encoding');
      }
      await withWarehouse(command, async (warehouse, log) => {
        const options: LoadOptions = {
          table: opts.table!,
          key: opts.key ? opts.key.split(',').map((k) => k.trim()) : undefined,
          format: opts.format as LoadOptions['format'],
          sqliteTable: opts.sqliteTable,
          delimiter,
          encoding: opts.encoding,
          decimal: opts.decimal as LoadOptions['decimal'],
          pseudonymise: splitList(opts.pseudonymise),
          dateFormat,
          log,
          quiet: log.quiet,
        };
        // --key is checked against the file's columns inside the load.
        const report = await loadFile(warehouse, file, options).catch((error: unknown) => {
          throw asTyped(error);
        });
        process.stdout.write(formatLoadReport(report) + '\n');
      });
    });
}
