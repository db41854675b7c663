import type { Command } from 'commander';
import { formatJobSummary, runMainJob } from '../job.js';
import { withWarehouse } from './context.js';

/** `kpicast run` (`npm start`): the main job on the warehouse of `--db`; the summary on stdout. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('the main job: load the sample data (generated if missing) into the warehouse and print what is there')
    .option('--sample <dir>', 'data directory to load (default: data/sample, else .kpicast/sample)')
    .action(async (options: { sample?: string }, command: Command) => {
      await withWarehouse(command, async (warehouse, log) => {
        const summary = await runMainJob(warehouse, { sampleDir: options.sample, log });
        process.stdout.write(formatJobSummary(summary));
      });
    });
}
