import type { Command } from 'commander';
import { extract } from '../ingest/extract.js';
import { OptionError } from '../errors.js';
import { withWarehouse } from './context.js';
import { formatLoadReport, splitList } from './load.js';

/**
 * `kpicast extract --from <url> --table <t> --into <table> [--cursor <col>] [--key <cols>]`:
 * one table (or query) of a MariaDB/MySQL or PostgreSQL database into the warehouse, only what
 * is new past the cursor; prints the same counts line as `load`.
 */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract a table of a MariaDB/MySQL or PostgreSQL database into a warehouse table, incrementally past a cursor column')
    .requiredOption('--from <url>', 'source database: mysql://user@host:3306/db or postgres://user@host:5432/db (password: $KPICAST_SOURCE_PASSWORD)')
    .option('--table <name>', 'source table (or schema.table)')
    .option('--query <sql>', 'a SELECT whose rows are the source, instead of --table')
    .requiredOption('--into <table>', 'target table: orders → raw.orders, or schema.table')
    .option('--cursor <column>', 'a column that only grows (updated_at, an increasing id): each run reads only past where the last stopped')
    .option('-k, --key <columns>', 'natural key, comma-separated (default: the target table primary key)')
    .option('--pseudonymise <columns>', 'columns replaced by keyed pseudonyms before anything is written (key: $KPICAST_PSEUDONYM_KEY)')
    .action(async (opts: Record<string, string | undefined>, command: Command) => {
      if ((opts.table === undefined) === (opts.query === undefined)) throw new OptionError('--table', opts.table ?? null, 'a source table or --query, one of the two');
      await withWarehouse(command, async (warehouse, log) => {
        const report = await extract(warehouse, {
          from: opts.from!,
          sourceTable: opts.table,
          query: opts.query,
          table: opts.into!,
          cursor: opts.cursor,
          key: splitList(opts.key),
          pseudonymise: splitList(opts.pseudonymise),
          password: process.env.KPICAST_SOURCE_PASSWORD || undefined,
          log,
          quiet: log.quiet,
        });
        process.stdout.write(formatLoadReport(report) + (report.cursorValue !== null ? `; cursor ${opts.cursor} = ${report.cursorValue}` : '') + '\n');
      });
    });
}
