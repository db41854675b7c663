import type { Command } from 'commander';
import { formatJobSummary, runMainJob } from '../job.js';
import { withWarehouse } from './context.js';

/** `kpicast run` (`npm start`): the main job on the warehouse of `--db`; the summary on stdout. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('the main job: load the sample data (generated if missing), build, forecast, report; print what was done')
    .option('--sample <dir>', 'data directory to load (default: data/sample, else .kpicast/sample)')
    .option('--load-only', 'stop after loading the sample: no marts, forecasts or report')
    .action(async (options: { sample?: string; loadOnly?: boolean }, command: Command) => {
      await withWarehouse(command, async (warehouse, log) => {
        const summary = await runMainJob(warehouse, { sampleDir: options.sample, loadOnly: options.loadOnly === true, log });
        process.stdout.write(formatJobSummary(summary));
      });
    });
}
