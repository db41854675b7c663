import { afterAll, beforeAll } from 'vitest';
import { startWorker, type ForecastWorker } from '../../src/index.js';
import { freshServerDatabase } from './backends.js';

/**
 * For the tests of the enclosing describe block: a fresh database of the PostgreSQL server with one
 * forecast worker polling it, started before them, the worker stopped and the database dropped after.
 * `url()` is the database's URL once started.
 */
export function serverWithWorker(): { url: () => string } {
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  let worker: ForecastWorker | undefined;
  beforeAll(async () => {
    ({ url, drop } = await freshServerDatabase());
    worker = await startWorker(url, { pollingIntervalSeconds: 0.5 });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await drop?.();
  });
  return {
    url: () => {
      if (url === undefined) throw new Error('serverWithWorker: the server database is not started yet');
      return url;
    },
  };
}
