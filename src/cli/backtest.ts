import type { Command } from 'commander';
import { KpicastError } from '../errors.js';

/** `kpicast backtest` (placeholder until its issue lands). */
export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new KpicastError('kpicast backtest is not available yet');
    });
}
