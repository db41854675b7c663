import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast load` (placeholder until its issue lands). */
export function registerLoad(program: Command): void {
  program
    .command('load')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast load is not available yet');
    });
}
