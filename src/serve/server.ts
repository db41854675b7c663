import pino from 'pino';
import { createServeContext, type ServeContext, type ServeContextOptions } from './context.js';
import { buildApp } from './app.js';
import { isLoopback, serverToken } from './auth.js';
import { maskSecrets } from '../util/secrets.js';
import type { FastifyInstance } from 'fastify';

/** Options of {@link startServer}. */
export interface ServerOptions extends ServeContextOptions {
  /** Port; 0 for any free one. Default 8080. */
  port?: number;
  /** Address to bind. Default `127.0.0.1`; any other requires a token (KPICAST_TOKEN, or one generated). */
  host?: string;
  /** Environment to read KPICAST_TOKEN from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Log level of the request log on stderr. Default `info`; `silent` for none. */
  logLevel?: string;
}

/** A running server: its URL, the token it requires (if any, and whether it was generated), and how to stop it. */
export interface RunningServer {
  url: string;
  token?: { token: string; generated: boolean };
  app: FastifyInstance;
  ctx: ServeContext;
  close(): Promise<void>;
}

/**
 * Opens the warehouse and serves the dashboard and the API on `host:port` (the only place that
 * listens). Bound to a non-loopback host, every request needs the token. Logs (JSON lines, secrets
 * masked) go to stderr.
 *
 * @example
 * const server = await startServer({ port: 0, target: 'memory' });
 * server.url; // => 'http://127.0.0.1:41234/'
 * await server.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = serverToken(host, options.env ?? process.env);
  const secrets = token ? [token.token] : [];
  const logger = pino(
    {
      level: options.logLevel ?? 'info',
      base: undefined,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.authorization', '*.cookie'], censor: '***' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskSecrets(a, secrets) : a)) as Parameters<typeof method>);
        },
      },
    },
    pino.destination(2),
  );
  const ctx = await createServeContext(options);
  let app: FastifyInstance;
  try {
    app = await buildApp(ctx, { token: token?.token, logger });
    await app.listen({ port: options.port ?? 8080, host });
  } catch (error) {
    await ctx.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 8080;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' || host === '::' ? host : host;
  return {
    url: `http://${shown}:${port}/`,
    token,
    app,
    ctx,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

export { isLoopback };
