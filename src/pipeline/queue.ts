import type PgBoss from 'pg-boss';

/** The job queue of forecast batches (pg-boss, in the warehouse's schema `kpicast_queue`). */
export const FORECAST_QUEUE = 'kpicast-forecast-batch';
/** The schema of the warehouse that holds the queue's tables (jobs, schedules). */
export const QUEUE_SCHEMA = 'kpicast_queue';

/** How the queue behaves; the defaults suit production, tests shorten them. */
export interface QueueTimings {
  /** A batch not finished this long after a worker took it is given to another (default 900 s). */
  expireInSeconds?: number;
  /** How often expired batches are looked for (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** Attempts of a batch before the run fails (default 5). */
  retryLimit?: number;
  /** How often an idle worker asks for a batch (default 2 s, at least 0.5). */
  pollingIntervalSeconds?: number;
}

/**
 * Opens the job queue (pg-boss) in the PostgreSQL warehouse at `url`, creating its schema and
 * the forecast queue the first time. `supervise`: this process also expires and retries jobs;
 * `schedule`: it also sends the runs of schedules when their cron is due.
 */
export async function openQueue(url: string, timings: QueueTimings, roles: { supervise: boolean; schedule: boolean }): Promise<PgBoss> {
  // loaded when a queue is opened, not by every command
  const [{ default: Boss }, { default: pg }] = await Promise.all([import('pg-boss'), import('pg')]);
  const boss = new Boss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    supervise: roles.supervise,
    schedule: roles.schedule,
    maintenanceIntervalSeconds: timings.maintenanceIntervalSeconds ?? 60,
    max: 4,
  });
  boss.on('error', () => undefined); // connection errors surface in the calls that need the queue
  // Two processes starting on a new warehouse would both install the queue's schema and one
  // would fail on a duplicate name: installation (and the queue's creation) is serialised by an
  // advisory lock of the server.
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('kpicast_queue_install'))");
    await boss.start();
    await boss.createQueue(FORECAST_QUEUE, {
      name: FORECAST_QUEUE,
      retryLimit: timings.retryLimit ?? 5,
      retryDelay: 1,
      expireInSeconds: timings.expireInSeconds ?? 900,
    });
  } finally {
    await lock.end().catch(() => undefined); // the lock goes with the session
  }
  return boss;
}

