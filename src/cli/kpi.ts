import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast kpi` (placeholder until its issue lands). */
export function registerKpi(program: Command): void {
  program
    .command('kpi')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast kpi is not available yet');
    });
}
