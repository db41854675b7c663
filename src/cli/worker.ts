import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { startWorker } from '../pipeline/distributed.js';
import type { Logger } from '../util/log.js';
import { globals, loggerFor } from './context.js';
import { maskUrl } from '../util/secrets.js';

/**
 * Runs a scheduled pipeline as its own `kpicast run --pipeline` process (its failures and memory
 * stay its own), with the trigger `schedule` for the run history; its output goes to this stderr.
 */
function runPipelineProcess(target: string, pipeline: string, schedule: string, log: Logger): Promise<void> {
  log.info(`schedule ${schedule}: running ${pipeline}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1], '--db', target, 'run', '--pipeline', pipeline, '--trigger', 'schedule'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kpicast run --pipeline ${pipeline} exited with ${code}`))));
  });
}

/**
 * `kpicast worker --db postgres://…`: forecasts the batches of series queued on that server's
 * warehouse by `kpicast forecast --distributed` (or a pipeline), and runs the pipelines of its
 * schedules when they are due until SIGTERM or SIGINT, which
 * let the batch in hand finish. Any number of workers, on any number of machines.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('forecast batches of series queued on a PostgreSQL server warehouse, until stopped (SIGTERM finishes the batch in hand)')
    .option('--poll <seconds>', 'how often an idle worker asks for a batch', '2')
    .action(async (opts: { poll: string }, command: Command) => {
      const log = loggerFor(command);
      const target = globals(command).db ?? process.env.KPICAST_DB;
      const poll = Number(opts.poll);
      const worker = await startWorker(target ?? '', {
        pollingIntervalSeconds: Number.isFinite(poll) && poll >= 0.5 ? poll : 2,
        runPipeline: (pipeline, schedule) => runPipelineProcess(target ?? '', pipeline, schedule, log),
        onScheduleError: (schedule, error) => log.warn(`schedule ${schedule}: ${error instanceof Error ? error.message : String(error)}`),
        onBatch: ({ runId, batch, state, error }) => {
          if (state === 'started') log.info(`batch ${batch} of run ${runId}: started`);
          else if (state === 'succeeded') log.info(`batch ${batch} of run ${runId}: done`);
          else log.warn(`batch ${batch} of run ${runId}: ${error ?? 'failed'}`);
        },
      });
      log.info(`worker ${worker.id} waiting for forecast batches on ${maskUrl(target ?? '')}`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log.info(`${signal}: finishing the batch in hand`);
          void worker.stop().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
