import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import { sendTable, type TableFormat } from '../download.js';
import { LOAD_RUN_COLUMNS, loadRuns } from '../reads.js';
import { errorSchema, formatParam, rowsSchema } from '../request.js';

/** `GET /api/runs`: the load runs, newest first. */
export function registerRuns(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/runs', {
    schema: {
      summary: 'the load runs, newest first',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { limit: { type: 'integer', minimum: 1, maximum: 10000, default: 100 }, format: formatParam },
      },
      response: { 200: rowsSchema, '4xx': errorSchema, '5xx': errorSchema },
    },
  }, async (request, reply) => {
    const query = request.query as { limit: number; format: TableFormat };
    const rows = await ctx.cached(JSON.stringify(['runs', query.limit]), () => loadRuns(ctx.warehouse, { limit: query.limit }));
    return sendTable(reply, rows, LOAD_RUN_COLUMNS, query.format, 'runs');
  });
}
