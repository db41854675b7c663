import type { Command } from 'commander';
import { openAlerts } from '../deliver/alert-store.js';
import { formatAlerts } from '../pipeline/format.js';
import { withWarehouse } from './context.js';

/** `kpicast alerts`: the open alerts (fired and not cleared) with their value, threshold and comparison. */
export function registerAlerts(program: Command): void {
  program
    .command('alerts')
    .description('the open alerts: fired by a pipeline run and not cleared since')
    .option('--pipeline <name>', 'only the alerts of this pipeline (its name: in runs)')
    .action(async (options: { pipeline?: string }, command: Command) => {
      await withWarehouse(command, async (warehouse) => {
        process.stdout.write(formatAlerts(await openAlerts(warehouse, options.pipeline)));
      });
    });
}
