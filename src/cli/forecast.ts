import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast forecast` (placeholder until its issue lands). */
export function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast forecast is not available yet');
    });
}
