import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import { sendTable, type TableFormat } from '../download.js';
import { FORECAST_COLUMNS, storedForecasts } from '../reads.js';
import { errorSchema, formatParam, listOf, listParam, rowsSchema } from '../request.js';

/** `GET /api/forecasts?series=`: the last stored forecast run (the `forecasts` table), for some series or all. */
export function registerForecasts(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/forecasts', {
    schema: {
      summary: 'the stored forecasts of the last run: ?series=missions (unique_ids, comma-separated or repeated; default all)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { series: listParam('unique_ids of the stored forecasts'), format: formatParam },
      },
      response: { 200: rowsSchema, '4xx': errorSchema, '5xx': errorSchema },
    },
  }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const series = listOf(query.series);
    const rows = await ctx.cached(JSON.stringify(['forecasts', series]), () => storedForecasts(ctx.warehouse, { series }));
    return sendTable(reply, rows, FORECAST_COLUMNS, query.format as TableFormat, 'forecasts');
  });
}
