import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { runMainJob } from '../job.js';
import { loadPipelineFile } from '../pipeline/config.js';
import { formatPipelineSummary } from '../pipeline/format.js';
import { distributedTarget, runPipeline } from '../pipeline/run.js';
import { defaultTarget, warehouseKind } from '../warehouse/open.js';
import { RUN_TRIGGERS, type RunTrigger } from '../pipeline/runs.js';
import { globals, withWarehouse } from './context.js';
import { formatJobSummary } from './format-job.js';

/**
 * `kpicast run` (`npm start`): the built-in pipeline (the main job) on the warehouse of `--db`,
 * recorded in `runs` as pipeline `main`; the summary on stdout. `kpicast run --pipeline kpicast.yml`: that pipeline file's sources, build,
 * forecasts, report, alerts and delivery, validated before anything runs.
 */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('the built-in pipeline: load the sample data (generated if missing), build, forecast, report; print what was done. With --pipeline: run a pipeline file')
    .option('--sample <dir>', 'data directory to load (default: data/sample, else .kpicast/sample)')
    .option('--load-only', 'stop after loading the sample: no marts, forecasts or report')
    .option('--pipeline <file>', 'a pipeline file (kpicast.yml): sources, build, forecast, report, deliver, alerts')
    .option('--trigger <trigger>', `what started the run, as runs records it: ${RUN_TRIGGERS.join(', ')}`, 'manual')
    .action(async (options: { sample?: string; loadOnly?: boolean; pipeline?: string; trigger: string }, command: Command) => {
      if (!RUN_TRIGGERS.includes(options.trigger as RunTrigger)) throw new OptionError('--trigger', options.trigger, RUN_TRIGGERS.join(', '));
      const trigger = options.trigger as RunTrigger;
      if (options.pipeline !== undefined) {
        if (options.sample !== undefined || options.loadOnly) throw new OptionError('--pipeline', options.pipeline, 'alone: --sample and --load-only are for the main job');
        const config = loadPipelineFile(options.pipeline); // validated before the warehouse is opened
        const db = globals(command).db ?? defaultTarget();
        // distributed forecasts hand the workers the URL as given (the warehouse keeps it masked)
        const url = distributedTarget(config, warehouseKind(db) === 'postgres' ? 'postgres' : 'pglite', db, db);
        await withWarehouse(command, async (warehouse, log) => {
          const summary = await runPipeline(warehouse, config, { trigger, log, ...(url ? { url } : {}) });
          process.stdout.write(formatPipelineSummary(summary));
          if (summary.status === 'failed') process.exitCode = 1;
        });
        return;
      }
      await withWarehouse(command, async (warehouse, log) => {
        const summary = await runMainJob(warehouse, { sampleDir: options.sample, loadOnly: options.loadOnly === true, log, trigger });
        process.stdout.write(formatJobSummary(summary));
      });
    });
}
