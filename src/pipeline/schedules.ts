import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import type CronParser from 'cron-parser';
import type PgBoss from 'pg-boss';
import { OptionError } from '../errors.js';
import { migrate } from '../warehouse/migrate.js';
import { openWarehouse } from '../warehouse/open.js';
import type { Queryable } from '../warehouse/types.js';
import { openQueue } from './queue.js';

/** A pipeline run on a schedule, as kept in the warehouse table `schedules`. */
export interface Schedule {
  name: string;
  /** Five-field cron: minute hour day-of-month month day-of-week (`0 6 * * 1`: Mondays at 06:00). */
  cron: string;
  /** IANA time zone the cron is read in (default UTC). */
  timezone: string;
  /** Absolute path of the pipeline file, as the workers will read it. */
  pipeline: string;
  createdAt: Date;
  /** When a worker last started a run of it (null: never). */
  lastRunAt: Date | null;
  /** The next time it is due. */
  nextRunAt: Date;
}

/** The queue of a schedule's runs: one queue each, so at most one run of a pipeline is active at a time. */
export const scheduleQueue = (name: string): string => `kpicast-schedule-${name}`;
/** The single key every run of a schedule carries: the queue's stately policy keeps one queued and one active. */
const RUN_KEY = 'run';

/** The next and previous times `cron` is due in `timezone`; refused in one line naming the cron. */
export function cronTimes(cron: string, timezone = 'UTC', now = new Date()): { previous: Date; next: Date } {
  if (cron.trim().split(/\s+/).length !== 5) {
    throw new OptionError('cron', cron, 'five fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1" (Mondays at 06:00)');
  }
  // loaded by the commands that read a schedule, not by every command
  const cronParser = createRequire(import.meta.url)('cron-parser') as typeof CronParser;
  try {
    const interval = cronParser.parseExpression(cron, { tz: timezone, currentDate: now });
    const next = interval.next().toDate();
    const previous = cronParser.parseExpression(cron, { tz: timezone, currentDate: now }).prev().toDate();
    return { previous, next };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new OptionError('cron', cron, `a valid cron expression (${reason})`);
  }
}

function checkName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(name)) throw new OptionError('name', name, 'letters, digits, - and _, at most 63 characters');
}

function isServer(target: string | undefined): target is string {
  return target !== undefined && /^postgres(ql)?:\/\//i.test(target);
}

/**
 * What to do instead on an embedded warehouse, which one process opens at a time (so no worker
 * can wait on it): the crontab line that runs the pipeline at the same times, and why.
 *
 * @example
 * crontabAdvice('weekly', '0 6 * * 1', 'kpicast.yml', '/home/me/shop', './.kpicast/db').line;
 * // => '0 6 * * 1 cd /home/me/shop && npx kpicast --db ./.kpicast/db run --pipeline kpicast.yml >> kpicast-weekly.log 2>&1'
 */
export function crontabAdvice(name: string, cron: string, pipeline: string, cwd: string, db: string): { line: string; why: string } {
  cronTimes(cron);
  checkName(name);
  const quote = (s: string) => (/^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return {
    line: `${cron} cd ${quote(cwd)} && npx kpicast --db ${quote(db)} run --pipeline ${quote(pipeline)} >> ${quote(`kpicast-${name}.log`)} 2>&1`,
    why: 'an embedded warehouse is opened by one process at a time, so no worker can wait on it for the schedule: ' +
      'let cron start `kpicast run` at those times (add the line with `crontab -e`), or use a PostgreSQL server warehouse (--db postgres://…) and `kpicast worker`',
  };
}

async function withServer<T>(target: string | undefined, fn: (db: Queryable, boss: PgBoss) => Promise<T>): Promise<T> {
  if (!isServer(target)) throw new OptionError('db', target ?? null, 'a PostgreSQL server URL postgres://… (on an embedded warehouse, use the crontab line `kpicast schedule add` prints)');
  const warehouse = await openWarehouse(target);
  let boss: PgBoss | undefined;
  try {
    await migrate(warehouse);
    boss = await openQueue(target, {}, { supervise: false, schedule: false });
    return await fn(warehouse, boss);
  } finally {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await warehouse.close();
  }
}

/**
 * Adds (or replaces) a schedule on a PostgreSQL server warehouse: the pipeline `pipeline` runs
 * at the times of `cron` (in `timezone`), started by whichever `kpicast worker` is up — pg-boss's
 * cron, deduplicated in Postgres, so many workers never start it twice; at most one run of it
 * is active at a time; a run missed while no worker was up is done once when one comes back.
 *
 * @example
 * await addSchedule('postgres://kpicast@db/warehouse', { name: 'weekly', cron: '0 6 * * 1', pipeline: 'kpicast.yml', timezone: 'Europe/Paris' });
 */
export async function addSchedule(target: string | undefined, spec: { name: string; cron: string; pipeline: string; timezone?: string }): Promise<Schedule> {
  checkName(spec.name);
  const timezone = spec.timezone ?? 'UTC';
  cronTimes(spec.cron, timezone);
  const pipeline = resolve(spec.pipeline);
  if (!existsSync(pipeline) || !statSync(pipeline).isFile()) throw new OptionError('pipeline', spec.pipeline, 'an existing pipeline file (kpicast.yml)');
  return withServer(target, async (db, boss) => {
    const queue = scheduleQueue(spec.name);
    await boss.createQueue(queue, { name: queue, policy: 'stately', retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 6 * 3600 });
    await boss.schedule(queue, spec.cron, { schedule: spec.name, pipeline }, { tz: timezone, singletonKey: RUN_KEY });
    await db.query(
      `INSERT INTO schedules (name, cron, timezone, pipeline) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET cron = EXCLUDED.cron, timezone = EXCLUDED.timezone, pipeline = EXCLUDED.pipeline, created_at = now()`,
      [spec.name, spec.cron, timezone, pipeline],
    );
    return (await readSchedules(db)).find((s) => s.name === spec.name)!;
  });
}

async function readSchedules(db: Queryable): Promise<Schedule[]> {
  const { rows } = await db.query<{ name: string; cron: string; timezone: string; pipeline: string; created_at: Date; last_run_at: Date | null }>(
    'SELECT name, cron, timezone, pipeline, created_at, last_run_at FROM schedules ORDER BY name',
  );
  return rows.map((r) => ({
    name: r.name, cron: r.cron, timezone: r.timezone, pipeline: r.pipeline, createdAt: r.created_at, lastRunAt: r.last_run_at,
    nextRunAt: cronTimes(r.cron, r.timezone).next,
  }));
}

/** The schedules of a PostgreSQL server warehouse, by name. */
export async function listSchedules(target: string | undefined): Promise<Schedule[]> {
  return withServer(target, (db) => readSchedules(db));
}

/** Removes a schedule; refused naming the schedules there are when it does not exist. */
export async function removeSchedule(target: string | undefined, name: string): Promise<void> {
  await withServer(target, async (db, boss) => {
    const { rows } = await db.query<{ name: string }>('DELETE FROM schedules WHERE name = $1 RETURNING name', [name]);
    if (rows.length === 0) {
      const names = (await readSchedules(db)).map((s) => s.name);
      throw new OptionError('name', name, names.length ? names.join(', ') : '(no schedule yet: kpicast schedule add)');
    }
    await boss.unschedule(scheduleQueue(name));
  });
}

/** What a worker does with the runs of schedules: run the pipeline file, with trigger `schedule`. */
export type PipelineRunner = (pipeline: string, schedule: string) => Promise<void>;

/**
 * Makes a worker's queue run the schedules: works every schedule's queue (and those added later,
 * looked for every `rescanSeconds`), and sends once the run of any schedule that was due while no
 * worker was up. Returns a function that stops looking for new schedules.
 */
export async function serveSchedules(
  db: Queryable,
  boss: PgBoss,
  run: PipelineRunner,
  options: { rescanSeconds?: number; onError?: (schedule: string, error: unknown) => void; now?: () => Date } = {},
): Promise<() => void> {
  const working = new Set<string>();
  const now = options.now ?? (() => new Date());
  const scan = async () => {
    for (const schedule of await readSchedules(db)) {
      const queue = scheduleQueue(schedule.name);
      if (!working.has(schedule.name)) {
        working.add(schedule.name);
        await boss.work<{ schedule: string; pipeline: string }>(queue, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
          await db.query('UPDATE schedules SET last_run_at = now() WHERE name = $1', [job.data.schedule]);
          try {
            await run(job.data.pipeline, job.data.schedule);
          } catch (error) {
            options.onError?.(job.data.schedule, error);
            throw error;
          }
        });
      }
      // a tick older than the timekeeper's minute, after the schedule was made and after its last run: missed
      const { previous } = cronTimes(schedule.cron, schedule.timezone, now());
      const since = Math.max(schedule.createdAt.getTime(), schedule.lastRunAt?.getTime() ?? 0);
      if (previous.getTime() > since && now().getTime() - previous.getTime() > 60_000) {
        // the one worker whose update claims this missed tick queues its run: several workers
        // coming back together must not queue it twice
        const claimed = await db.query(
          `UPDATE schedules SET missed_tick = $2 WHERE name = $1 AND missed_tick IS DISTINCT FROM $2
             AND (last_run_at IS NULL OR last_run_at < $2) RETURNING name`,
          [schedule.name, previous],
        );
        if (claimed.rows.length === 1) await boss.send(queue, { schedule: schedule.name, pipeline: schedule.pipeline }, { singletonKey: RUN_KEY });
      }
    }
  };
  await scan();
  const timer = setInterval(() => void scan().catch((error: unknown) => options.onError?.('(scan)', error)), (options.rescanSeconds ?? 60) * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/** One line for a schedule in `kpicast schedule list`. */
export function describeSchedule(s: Schedule): string {
  const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'never');
  return `${s.name}  "${s.cron}" (${s.timezone})  ${s.pipeline}  next ${when(s.nextRunAt)}  last ${when(s.lastRunAt)}`;
}

