import type { Command } from 'commander';
import { addSchedule, crontabAdvice, describeSchedule, listSchedules, removeSchedule } from '../pipeline/schedules.js';
import { defaultTarget } from '../warehouse/open.js';
import { globals } from './context.js';

const isServer = (target: string | undefined) => target !== undefined && /^postgres(ql)?:\/\//i.test(target);

/**
 * `kpicast schedule add|list|remove`: pipelines run on a cron by the workers of a PostgreSQL
 * server warehouse; on an embedded warehouse, `add` prints the crontab line to use instead.
 */
export function registerSchedule(program: Command): void {
  const schedule = program.command('schedule').description('run a pipeline on a schedule (server warehouse: by kpicast worker; embedded: prints the crontab line)');
  schedule
    .command('add')
    .description('add or replace a schedule: kpicast schedule add weekly "0 6 * * 1" --pipeline kpicast.yml')
    .argument('<name>', 'the schedule\'s name (letters, digits, - and _)')
    .argument('<cron>', 'five-field cron: minute hour day-of-month month day-of-week')
    .requiredOption('--pipeline <file>', 'the pipeline file to run')
    .option('--tz <zone>', 'time zone the cron is read in (IANA name)', 'UTC')
    .action(async (name: string, cron: string, opts: { pipeline: string; tz: string }, command: Command) => {
      const target = globals(command).db ?? process.env.KPICAST_DB;
      if (!isServer(target)) {
        const { line, why } = crontabAdvice(name, cron, opts.pipeline, process.cwd(), target ?? defaultTarget());
        process.stdout.write(`${line}\n`);
        process.stderr.write(`kpicast: no schedule kept in the warehouse: ${why}\n`);
        return;
      }
      const added = await addSchedule(target, { name, cron, pipeline: opts.pipeline, timezone: opts.tz });
      process.stdout.write(`${describeSchedule(added)}\n`);
    });
  schedule
    .command('list')
    .description('the schedules of the warehouse')
    .action(async (_opts: unknown, command: Command) => {
      const target = globals(command).db ?? process.env.KPICAST_DB;
      if (!isServer(target)) {
        process.stdout.write('no schedules: an embedded warehouse keeps none (see `crontab -l`)\n');
        return;
      }
      const all = await listSchedules(target);
      process.stdout.write(all.length ? all.map(describeSchedule).join('\n') + '\n' : 'no schedules (kpicast schedule add <name> "<cron>" --pipeline <file>)\n');
    });
  schedule
    .command('remove')
    .description('remove a schedule')
    .argument('<name>')
    .action(async (name: string, _opts: unknown, command: Command) => {
      await removeSchedule(globals(command).db ?? process.env.KPICAST_DB, name);
      process.stdout.write(`removed schedule ${name}\n`);
    });
}
