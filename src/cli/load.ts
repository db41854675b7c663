import type { Command } from 'commander';
import { loadFile } from '../ingest/load-file.js';
import type { LoadOptions, LoadReport } from '../ingest/types.js';
import { OptionError } from '../errors.js';
import { withWarehouse } from './context.js';

/** The four numbers of a load, one line, for stdout. */
export function formatLoadReport(report: LoadReport): string {
  return `${report.file} → ${report.table}: read ${report.rowsRead}, loaded ${report.loaded} (+${report.updated} updated), ` +
    `duplicates ${report.duplicates}, quarantined ${report.quarantined}  (run ${report.runId})`;
}

const FORMATS = ['csv', 'json', 'ndjson', 'parquet', 'sqlite'];

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
    .option('--delimiter <char>', 'CSV delimiter (default: detected among , ; tab)')
    .option('--encoding <name>', 'text encoding (default: UTF-8, else Windows-1252)')
    .option('--decimal <sep>', 'decimal separator of CSV numbers, . or , (default: detected)')
    .action(async (file: string, opts: Record<string, string | undefined>, command: Command) => {
      if (opts.format !== undefined && !FORMATS.includes(opts.format)) throw new OptionError('--format', opts.format, FORMATS.join(', '));
      if (opts.decimal !== undefined && opts.decimal !== '.' && opts.decimal !== ',') throw new OptionError('--decimal', opts.decimal, '. or ,');
      const delimiter = opts.delimiter === '\\t' || opts.delimiter === 'tab' ? '\t' : opts.delimiter;
      await withWarehouse(command, async (warehouse, log) => {
        const options: LoadOptions = {
          table: opts.table!,
          key: opts.key ? opts.key.split(',').map((k) => k.trim()) : undefined,
          format: opts.format as LoadOptions['format'],
          sqliteTable: opts.sqliteTable,
          delimiter,
          encoding: opts.encoding,
          decimal: opts.decimal as LoadOptions['decimal'],
          log,
          quiet: log.quiet,
        };
        const report = await loadFile(warehouse, file, options);
        process.stdout.write(formatLoadReport(report) + '\n');
      });
    });
}
