import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import { sendTable, type TableFormat } from '../download.js';
import { QUARANTINE_COLUMNS, quarantinedRows } from '../reads.js';
import { errorSchema, formatParam, rowsSchema } from '../request.js';

/** `GET /api/quarantine?file=`: the rows the loads set aside, with their reasons (not their raw text). */
export function registerQuarantine(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/quarantine', {
    schema: {
      summary: 'quarantined rows with their reasons: ?file=order_lines.csv',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          file: { type: 'string', maxLength: 1000, description: 'a file name (or full path) as loaded' },
          run_id: { type: 'integer', minimum: 1 },
          limit: { type: 'integer', minimum: 1, maximum: 100000, default: 1000 },
          format: formatParam,
        },
      },
      response: { 200: rowsSchema, '4xx': errorSchema, '5xx': errorSchema },
    },
  }, async (request, reply) => {
    const query = request.query as { file?: string; run_id?: number; limit: number; format: TableFormat };
    const options = { file: query.file, runId: query.run_id, limit: query.limit };
    const rows = await ctx.cached(JSON.stringify(['quarantine', options]), () => quarantinedRows(ctx.warehouse, options));
    return sendTable(reply, rows, QUARANTINE_COLUMNS, query.format, 'quarantine');
  });
}
