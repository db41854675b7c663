/**
 * Schedules on the local PostgreSQL server (pg-boss's cron in the warehouse), and the crontab
 * advice on an embedded warehouse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { addSchedule, cronTimes, listSchedules, removeSchedule, scheduleQueue, startWorker, type ForecastWorker } from '../../src/index.js';
import { freshServerDatabase } from '../helpers/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-sched-'));
const pipeline = join(dir, 'kpicast.yml');
writeFileSync(pipeline, 'sources: []\n');
const cli = (args: string[]) => spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8', cwd: process.cwd() });

describe('kpicast schedule on an embedded warehouse', () => {
  it('schedule add prints the crontab line to use and why, and keeps nothing', () => {
    const db = join(dir, 'db');
    const result = cli(['--db', db, 'schedule', 'add', 'weekly', '0 6 * * 1', '--pipeline', pipeline]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`0 6 * * 1 cd ${process.cwd()} && npx kpicast --db ${db} run --pipeline ${pipeline} >> kpicast-weekly.log 2>&1\n`);
    expect(result.stderr).toMatch(/^kpicast: no schedule kept in the warehouse: an embedded warehouse is opened by one process at a time/);
  });

  it('a cron that is not one is refused in one line naming it', () => {
    const result = cli(['--db', join(dir, 'db2'), 'schedule', 'add', 'weekly', '0 6 * *', '--pipeline', pipeline]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('kpicast: cron: got "0 6 * *", allowed: five fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1" (Mondays at 06:00)');
    expect(() => cronTimes('0 25 * * *')).toThrow(/^cron: got "0 25 \* \* \*", allowed: a valid cron expression/);
  });
});

describe('schedules on a PostgreSQL server warehouse', () => {
  let url: string;
  let drop: () => Promise<void>;
  const workers: ForecastWorker[] = [];

  beforeAll(async () => {
    ({ url, drop } = await freshServerDatabase());
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await drop();
  });

  it('addSchedule, listSchedules and removeSchedule keep schedules in the warehouse', async () => {
    const added = await addSchedule(url, { name: 'weekly', cron: '0 6 * * 1', pipeline, timezone: 'Europe/Paris' });
    expect(added).toMatchObject({ name: 'weekly', cron: '0 6 * * 1', timezone: 'Europe/Paris', pipeline, lastRunAt: null });
    expect(added.nextRunAt.getTime()).toBe(cronTimes('0 6 * * 1', 'Europe/Paris').next.getTime());
    expect((await listSchedules(url)).map((s) => s.name)).toEqual(['weekly']);
    await removeSchedule(url, 'weekly');
    expect(await listSchedules(url)).toEqual([]);
    await expect(removeSchedule(url, 'weekly')).rejects.toThrow(/^name: got "weekly", allowed: \(no schedule yet: kpicast schedule add\)$/);
  });

  it('a run missed while no worker was up is done once when two workers come back', async () => {
    await addSchedule(url, { name: 'yearly', cron: '0 0 1 1 *', pipeline });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE schedules SET created_at = '2020-06-01' WHERE name = 'yearly'"); // made before last 1 January
    const runs: string[] = [];
    let done!: () => void;
    const ran = new Promise<void>((resolve) => (done = resolve));
    const runPipeline = (file: string, schedule: string) => {
      runs.push(`${schedule}:${file}`);
      done();
      return Promise.resolve();
    };
    workers.push(...(await Promise.all([startWorker(url, { runPipeline }), startWorker(url, { runPipeline })])));
    await ran;
    // wait until the queue holds nothing more for the schedule: then no second run can come
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM kpicast_queue.job WHERE name = $1 AND state IN ('created', 'retry', 'active')", [scheduleQueue('yearly')]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const last = await client.query<{ last_run_at: Date | null }>("SELECT last_run_at FROM schedules WHERE name = 'yearly'");
    await client.end();
    expect(runs).toEqual([`yearly:${pipeline}`]);
    expect(last.rows[0].last_run_at).not.toBeNull();
  }, 120_000);
});
