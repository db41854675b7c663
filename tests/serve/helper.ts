/**
 * The server over a fresh warehouse holding the committed sample (loaded, built, forecast by
 * runMainJob, as `npm start` does), on either backend. Slow (the job): build it once per file.
 * - postgres: a fresh database; the app reads it through the read-only pool `kpicast serve` uses,
 *   and `writer` is a second, ordinary connection for the test's own loads;
 * - pglite: one in-memory database (one connection), shared by the app and `writer`.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, createServeContext, migrate, openWarehouse, runMainJob, type ServeContext, type Warehouse } from '../../src/index.js';
import { freshServerDatabase, type Backend } from '../helpers/backends.js';

export interface SampleServer {
  backend: Backend;
  app: FastifyInstance;
  ctx: ServeContext;
  /** A warehouse connection that may write (loads in tests) and answers library calls. */
  writer: Warehouse;
  /** The server database's URL (postgres only). */
  url?: string;
  close(): Promise<void>;
}

export async function sampleServer(backend: Backend, options: { token?: string } = {}): Promise<SampleServer> {
  let writer: Warehouse;
  let url: string | undefined;
  let drop = async (): Promise<void> => {};
  if (backend === 'postgres') {
    const db = await freshServerDatabase();
    url = db.url;
    drop = db.drop;
    writer = await openWarehouse(url);
  } else {
    writer = await openWarehouse('memory');
  }
  await migrate(writer);
  await runMainJob(writer, { report: false, png: false, quiet: true });
  // versionTtlMs 0: every request reads the version, so a load in a test is seen at once.
  const ctx = await createServeContext(backend === 'postgres' ? { target: url, versionTtlMs: 0 } : { warehouse: writer, versionTtlMs: 0 });
  const app = await buildApp(ctx, { token: options.token });
  return {
    backend,
    app,
    ctx,
    writer,
    url,
    async close() {
      await app.close();
      await ctx.close();
      await writer.close();
      await drop();
    },
  };
}
