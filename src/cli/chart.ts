import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast chart` (placeholder until its issue lands). */
export function registerChart(program: Command): void {
  program
    .command('chart')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast chart is not available yet');
    });
}
