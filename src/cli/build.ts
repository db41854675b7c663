import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast build` (placeholder until its issue lands). */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast build is not available yet');
    });
}
