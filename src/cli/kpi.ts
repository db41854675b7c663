import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { kpis } from '../analysis/kpis.js';
import { loadModelFile } from '../analysis/model-file.js';
import { builtinModel } from '../analysis/models/index.js';
import { formatFrame, type OutputFormat } from '../analysis/format.js';
import type { Compare, FilterValue, Grain } from '../analysis/compile.js';
import type { SemanticModel } from '../analysis/model.js';
import { parseDateOption } from '../util/dates.js';
import { parseFilters } from '../analysis/filters.js';
import { withWarehouse } from './context.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
const collectRaw = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The model of `--model <name>` or `--model-file <file>`, exactly one of them. */
export function modelOption(options: Record<string, unknown>): SemanticModel {
  if (!options.model === !options.modelFile) throw new OptionError(options.model ? '--model / --model-file' : '--model', options.model ?? options.modelFile ?? null, options.model ? 'one of --model and --model-file, not both' : 'retail, vehicles, staffing (or --model-file <file>)');
  // commander gives `<file>` and `<name>` values as strings.
  return options.modelFile ? loadModelFile(options.modelFile as string) : builtinModel(options.model as string);
}

/** `--filter dim=a|b`, repeatable, as the request's filters (parseFilters). */
export function filterOption(options: Record<string, unknown>): Record<string, FilterValue[]> {
  return parseFilters((options.filter as string[] | undefined) ?? []);
}

/** `--from` and `--to` as `YYYY-MM-DD`, read by the one date parser (`--from 2024-99-99` is refused, naming the option). */
export function dateRangeOption(options: Record<string, unknown>): { from?: string; to?: string } {
  return {
    ...(options.from !== undefined ? { from: parseDateOption('--from', options.from) } : {}),
    ...(options.to !== undefined ? { to: parseDateOption('--to', options.to) } : {}),
  };
}

/**
 * The options that choose a model and cut its data, shared by `kpi` and `series`: --model or
 * --model-file, --grain (its help and default per command), --by, --filter, --from, --to.
 */
export function modelFlags(command: Command, grain: { help: string; default: string }, byHelp: string): Command {
  return command
    .option('--model <name>', 'built-in model: retail, vehicles, staffing')
    .option('--model-file <file>', 'a model declared in YAML or JSON')
    .option('--grain <grain>', grain.help, grain.default)
    .option('--by <dims>', byHelp, collect)
    .option('--filter <dim=value>', 'keep rows whose dimension equals value (repeatable; a|b for several values)', collectRaw)
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD');
}

/** `kpicast kpi`: computes metrics of a built-in model or a model file and prints them. */
export function registerKpi(program: Command): void {
  const kpi = program
    .command('kpi')
    .description('compute KPIs: kpicast kpi --model retail revenue orders --grain month --by region')
    .argument('<metrics...>', 'metric names of the model');
  modelFlags(kpi, { help: 'day, week, month, quarter, year or none', default: 'none' }, 'dimensions to group by (comma-separated, repeatable)')
    .option('--compare <what>', 'previous_period or previous_year')
    .option('--share', "add each metric's share of its total (within the period and the by dimensions but the last)")
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--sql', 'print the SQL query and its parameters on stderr')
    .action(async (metrics: string[], options: Record<string, unknown>, command: Command) => {
      const model = modelOption(options);
      const format = options.format as OutputFormat;
      if (!['table', 'csv', 'json'].includes(format)) throw new OptionError('--format', format, 'table, csv, json');
      const filters = filterOption(options);
      const { from, to } = dateRangeOption(options);
      await withWarehouse(command, async (warehouse) => {
        const result = await kpis(warehouse, model, {
          metrics,
          grain: options.grain as Grain,
          by: options.by as string[] | undefined,
          filters,
          from,
          to,
          compare: options.compare as Compare | undefined,
          share: options.share === true ? true : undefined,
        });
        if (options.sql) process.stderr.write(`${result.sql}\n-- params: ${JSON.stringify(result.params)}\n`);
        process.stdout.write(formatFrame(result.frame, format, { formats: result.formats }));
      });
    });
}
