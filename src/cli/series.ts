import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { series, type SeriesGrain } from '../analysis/series.js';
import { parseDateOption } from '../util/dates.js';
import { checkOutput } from '../util/output.js';
import { withWarehouse } from './context.js';
import { dateRangeOption, filterOption, modelFlags, modelOption } from './kpi.js';

/**
 * `kpicast series <metric>`: one metric of a model as forecasting input — the long CSV
 * `unique_id,ds,y` that `kpicast forecast --input` reads, one series per value of `--by`, every
 * period present, stopping at the last finished period (or the last settled one, for facts that
 * declare it). To stdout, or to `--out`.
 */
export function registerSeries(program: Command): void {
  const cmd = program
    .command('series')
    .description('a metric as series to forecast (unique_id,ds,y): kpicast series --model retail revenue --grain week --by store --out weekly.csv')
    .argument('<metric>', 'metric name of the model');
  modelFlags(cmd, { help: 'day, week, month, quarter or year', default: 'week' }, 'one series per value of these dimensions (comma-separated, repeatable)')
    .option('--fill <policy>', 'periods without data: zero or missing', 'zero')
    .option('--as-of <date>', 'the day after the last complete day (default: after the latest date in the data)')
    .option('-o, --out <file>', 'write the CSV here (default: stdout)')
    .action(async (metric: string, options: Record<string, unknown>, command: Command) => {
      const model = modelOption(options);
      const grain = options.grain as SeriesGrain;
      if (!['day', 'week', 'month', 'quarter', 'year'].includes(grain)) throw new OptionError('--grain', grain, 'day, week, month, quarter, year');
      const fill = options.fill as 'zero' | 'missing';
      if (fill !== 'zero' && fill !== 'missing') throw new OptionError('--fill', fill, 'zero, missing');
      const asOf = options.asOf === undefined ? undefined : parseDateOption('--as-of', options.asOf);
      const { from, to } = dateRangeOption(options);
      const filters = filterOption(options);
      const out = options.out === undefined ? undefined : checkOutput(options.out as string); // before the query (commander gives <file> as a string)
      await withWarehouse(command, async (warehouse, log) => {
        const frame = await series(warehouse, model, metric, {
          grain,
          by: options.by as string[] | undefined,
          filters,
          from,
          to,
          fill,
          ...(asOf ? { asOf } : {}),
        });
        const ids = frame.height ? new Set(frame.getColumn('unique_id').toArray()).size : 0;
        if (out) {
          out.write(frame.writeCSV());
          process.stdout.write(`${ids} series, ${frame.height} rows → ${out.path}\n`);
        } else {
          process.stdout.write(frame.writeCSV().toString());
          if (!log.quiet) process.stderr.write(`${ids} series, ${frame.height} rows\n`);
        }
      });
    });
}
