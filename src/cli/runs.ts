import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { formatRun, formatRuns } from '../pipeline/format.js';
import { getRun, listRuns } from '../pipeline/runs.js';
import { withWarehouse } from './context.js';

/** `kpicast runs [id]`: the last runs (pipeline, trigger, start, duration, status), or one run's steps. */
export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('the last runs (kpicast run, pipelines) with their status; with an id, that run step by step')
    .argument('[id]', 'a run id: its steps, statuses, durations, row counts and errors')
    .option('-n, --limit <n>', 'how many runs to list', '20')
    .action(async (id: string | undefined, options: { limit: string }, command: Command) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new OptionError('--limit', options.limit, 'a whole number of 1 or more');
      if (id !== undefined && !/^\d+$/.test(id)) throw new OptionError('id', id, 'a run id (a whole number) from kpicast runs');
      await withWarehouse(command, async (warehouse) => {
        process.stdout.write(id === undefined ? formatRuns(await listRuns(warehouse, limit)) : formatRun(await getRun(warehouse, Number(id))));
      });
    });
}
