import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import type { ForecastOptions } from '../forecast/engine.js';
import { hierarchyLevels } from '../forecast/hierarchy-aggregate.js';
import { readHierarchyCsv } from '../forecast/hierarchy-csv.js';
import { checkReconcileMethod, reconcileMethods, type ReconcileMethod } from '../forecast/hierarchy-reconcile.js';
import { forecastHierarchy } from '../forecast/hierarchy.js';
import { formatTable } from '../forecast/table.js';
import { fallbackLines } from '../forecast/fallbacks.js';
import { createProgress } from '../util/progress.js';
import { checkOutput } from '../util/output.js';
import { loggerFor } from './context.js';

/** `kpicast forecast --hierarchy <levels>`: flags and help, for `command.option(...hierarchyOption)`. */
export const hierarchyOption = [
  '--hierarchy <levels>',
  'forecast a hierarchy: its level columns from the top down, comma-separated (store,category: total ← store ← store × category); ' +
    'the input then has these columns beside ds and y (store,category,ds,y), or unique_id paths S01/cheese; every node is forecast and reconciled, ids are paths (total, S01, S01/cheese)',
] as const;

/** `kpicast forecast --reconcile <method>`. */
export const reconcileOption = ['--reconcile <method>', `with --hierarchy: ${reconcileMethods.join(', ')} (default ${reconcileMethods[0]})`] as const;

/**
 * The --hierarchy and --reconcile flags checked before any file is read: the levels, the method,
 * and the flags that do not go with a hierarchy. Undefined without --hierarchy (and --reconcile).
 */
export function parseHierarchyFlags(opts: Record<string, string | boolean | undefined>): { levels: string[]; method: ReconcileMethod } | undefined {
  if (opts.hierarchy === undefined) {
    if (opts.reconcile !== undefined) throw new OptionError('--reconcile', opts.reconcile, 'only with --hierarchy <levels>');
    return undefined;
  }
  const list = String(opts.hierarchy).split(',').map((s) => s.trim());
  let levels: string[];
  try {
    levels = hierarchyLevels(list);
  } catch (error) {
    throw error instanceof OptionError ? error.renamed('--hierarchy') : error;
  }
  const method = checkReconcileMethod(opts.reconcile ?? reconcileMethods[0], '--reconcile');
  if (opts.all) throw new OptionError('--all', true, 'not with --hierarchy (the reconciled forecasts are those of the selected models)');
  if (opts.distributed) throw new OptionError('--distributed', true, 'not with --hierarchy (one reconciliation needs every node in one process)');
  return { levels, method };
}

/**
 * `kpicast forecast --hierarchy store,category`: the reconciled forecasts of every node as CSV
 * (unique_id, level, ds, model, mean, bounds; stdout or --out), the base and reconciled backtest
 * errors per level on stderr (stdout with --out).
 */
export async function runHierarchyForecast(
  opts: Record<string, string | undefined>, options: ForecastOptions, hierarchy: { levels: string[]; method: ReconcileMethod }, command: Command, rename: (error: unknown) => unknown,
): Promise<void> {
  const log = loggerFor(command);
  const out = opts.out === undefined ? undefined : checkOutput(opts.out); // before any work
  const df = readHierarchyCsv(opts.input!, hierarchy.levels);
  const progress = createProgress('forecast', 0, { quiet: log.quiet, unit: 'series' });
  const result = await log.step(`forecast ${opts.input} (${['total', ...hierarchy.levels].join(' ← ')}), reconciled by ${hierarchy.method}`, () =>
    forecastHierarchy(df, hierarchy.levels, {
      ...options,
      // the reconciliation reads the backtests' means, and no leaderboard is written: no interval scores
      intervalScores: false,
      reconcile: hierarchy.method,
      onProgress: (done, total) => {
        progress.setTotal(total);
        progress.tick(1);
        void done;
      },
    }).catch((error: unknown) => {
      throw rename(error);
    }),
  ).finally(() => progress.stop());
  const summary = `reconciliation: ${result.method}${result.lambda !== undefined ? ` (shrinkage λ = ${result.lambda.toFixed(3)})` : ''}\nbacktest errors per level, base and reconciled (mean over the level's series)\n${formatTable(result.errors)}\n`;
  if (out) {
    out.write(result.forecasts.writeCSV());
    process.stdout.write(`${summary}${result.forecasts.height} rows → ${out.path}\n`);
  } else {
    process.stdout.write(result.forecasts.writeCSV().toString());
    if (!log.quiet) process.stderr.write(summary);
  }
  for (const note of result.notes) log.warn(note);
  for (const line of fallbackLines(result.base.fallbacks)) log.warn(line);
}
