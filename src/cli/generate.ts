import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast generate` (placeholder until its issue lands). */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast generate is not available yet');
    });
}
