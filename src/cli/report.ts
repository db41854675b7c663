import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast report` (placeholder until its issue lands). */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast report is not available yet');
    });
}
