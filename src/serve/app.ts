import { createReadStream } from 'node:fs';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { Logger as PinoLogger } from 'pino';
import { KpicastError } from '../errors.js';
import { plotlyPath } from '../charts/plotlySource.js';
import type { ServeContext } from './context.js';
import { requireToken } from './auth.js';
import { maskSecrets } from '../util/secrets.js';
import { validationMessage } from './request.js';
import { registerPages } from './pages/index.js';
import { collectSchemas, openApiDocument } from './openapi.js';
import { registerHealth } from './routes/health.js';
import { registerModels } from './routes/models.js';
import { registerKpis } from './routes/kpis.js';
import { registerPeriods } from './routes/periods.js';
import { registerSeries } from './routes/series.js';
import { registerForecasts } from './routes/forecasts.js';
import { registerRuns } from './routes/runs.js';
import { registerQuarantine } from './routes/quarantine.js';
import { registerStaffing } from './routes/staffing.js';

/** A route kept out of the OpenAPI document (a key fastify's schema type does not declare). */
const hidden: Record<string, unknown> = { hide: true };

/** Options of {@link buildApp}. */
export interface AppOptions {
  /** The token every request must carry (see requireToken); none: no authentication (loopback only). */
  token?: string;
  /** A pino logger for requests and errors (stderr); default: none (tests). */
  logger?: PinoLogger;
}

/**
 * The Content-Security-Policy of every response: scripts, styles, fonts and data only from the
 * server itself (plotly.js is served from node_modules at /assets/plotly.min.js, no CDN); inline
 * styles (plotly sets them) and data:/blob: images (chart PNG downloads); no framing by other sites.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Builds the server over `ctx` without listening: security headers, authentication when a token is
 * given, one error handler, the data API routes under /api, plotly.js at /assets/plotly.min.js, the
 * dashboard pages, and /api/openapi.json generated from the routes' schemas. Only server.ts listens.
 *
 * @example
 * const app = await buildApp(ctx);
 * (await app.inject('/api/health')).json().status; // => 'ok'
 */
export async function buildApp(ctx: ServeContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const secrets = options.token ? [options.token] : [];
  const logRequests = options.logger?.isLevelEnabled('info') ?? false;
  const fastifyOptions: FastifyServerOptions = {
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    logController: new LogController({ disableRequestLogging: true }),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
  };
  const app = Fastify(fastifyOptions) as unknown as FastifyInstance;
  await app.register(fastifyCookie);
  const routes = collectSchemas(app);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Frame-Options', 'DENY');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (logRequests) request.log.info({ method: request.method, url: maskSecrets(request.url, secrets), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  if (options.token) requireToken(app, options.token);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const context = { method: request.method, url: maskSecrets(request.url, secrets), params: request.params };
    if (error.validation) {
      const querystring = (request.routeOptions.schema?.querystring ?? {}) as { properties?: Record<string, unknown> };
      const message = validationMessage(error, request.query as Record<string, unknown>, Object.keys(querystring.properties ?? {}));
      request.log.info({ ...context, problem: message }, 'bad request');
      return reply.code(400).send({ error: message });
    }
    if (error instanceof KpicastError && (error.code === 'E_OPTION' || error.code === 'E_INPUT')) {
      const message = maskSecrets(error.message, secrets);
      request.log.info({ ...context, problem: message }, 'bad request');
      return reply.code(400).send({ error: message });
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: maskSecrets(error.message, secrets) });
    }
    if ((error as { code?: unknown }).code === '42P01') {
      // A page or route read a table the warehouse does not have yet: the marts are built by `kpicast build`.
      request.log.warn({ ...context, problem: error.message }, 'warehouse not built');
      return reply.code(503).send({ error: `${maskSecrets(error.message.split('\n')[0], secrets)}: build the marts first (kpicast build, or npm start)` });
    }
    request.log.error({ ...context, err: { type: error.name, code: error.code, message: maskSecrets(error.message, secrets), stack: maskSecrets(error.stack ?? '', secrets) } }, 'request failed');
    const known = error instanceof KpicastError;
    return reply.code(known ? 503 : 500).send({ error: known ? maskSecrets(error.message.split('\n')[0], secrets) : 'internal error: see the server log' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `no route ${request.method} ${maskSecrets(request.url.split('?')[0], secrets)}` });
  });

  registerHealth(app, ctx);
  registerModels(app, ctx);
  registerKpis(app, ctx);
  registerPeriods(app, ctx);
  registerSeries(app, ctx);
  registerForecasts(app, ctx);
  registerRuns(app, ctx);
  registerQuarantine(app, ctx);
  registerStaffing(app, ctx);
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify sends what an async handler resolves to
  app.get('/api/openapi.json', { schema: hidden }, async () => openApiDocument(routes));
  app.get('/assets/plotly.min.js', { schema: hidden }, async (_request, reply) => {
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=86400');
    return reply.send(createReadStream(plotlyPath()));
  });
  registerPages(app, ctx);
  await app.ready();
  return app;
}
