import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast export` (placeholder until its issue lands). */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast export is not available yet');
    });
}
