import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast run` (placeholder until its issue lands). */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast run is not available yet');
    });
}
