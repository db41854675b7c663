import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import { errorSchema } from '../request.js';

/** `GET /api/health`: the server answers, which warehouse it reads, its version and last load, the cache. */
export function registerHealth(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/health', {
    schema: {
      summary: 'the server answers: warehouse kind, last load, version, cache',
      querystring: { type: 'object', properties: {}, additionalProperties: false },
      response: {
        200: {
          type: 'object',
          required: ['status', 'warehouse', 'version', 'last_load'],
          properties: {
            status: { type: 'string', enum: ['ok'] },
            warehouse: { type: 'object', properties: { kind: { type: 'string', enum: ['pglite', 'postgres'] }, target: { type: 'string' }, read_only: { type: 'boolean' } } },
            version: { type: 'string' },
            last_load: {
              type: ['object', 'null'],
              properties: { run_id: { type: 'integer' }, file: { type: 'string' }, table: { type: 'string' }, status: { type: 'string' }, finished_at: { type: ['string', 'null'] } },
            },
            locale: { type: 'string' },
            cache: { type: 'object', additionalProperties: { type: 'number' } },
            queries: { type: 'object', additionalProperties: { type: 'number' } },
          },
        },
        '4xx': errorSchema,
        '5xx': errorSchema,
      },
    },
  }, async () => ({
    status: 'ok' as const,
    warehouse: { kind: ctx.backend, target: ctx.target, read_only: ctx.readOnly },
    version: await ctx.version(),
    last_load: await ctx.lastLoad(),
    locale: ctx.locale,
    cache: ctx.cacheStats(),
    queries: ctx.queryStats(),
  }));
}
