import type { FastifyInstance } from 'fastify';
import { PERIOD_PRESETS, periodRange } from '../../analysis/periods.js';
import type { ServeContext } from '../context.js';
import { errorSchema, listParam, metricsParam } from '../request.js';

const range = { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } };

/**
 * `GET /api/periods?model=&metrics=`: the last date with data for those metrics and the date range
 * of every period preset relative to it (resolvePeriod), as the pages show them.
 */
export function registerPeriods(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/periods', {
    schema: {
      summary: 'the date range of each period preset, relative to the last date with data',
      querystring: {
        type: 'object',
        required: ['model'],
        additionalProperties: false,
        properties: {
          model: { type: 'string', maxLength: 200 },
          metrics: listParam('metrics whose facts give the last date (default: every metric of the model)'),
        },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            last_date: { type: ['string', 'null'] },
            periods: { type: 'object', properties: Object.fromEntries(PERIOD_PRESETS.map((p) => [p, range])) },
          },
        },
        '4xx': errorSchema,
        '5xx': errorSchema,
      },
    },
  }, async (request) => {
    const query = request.query as Record<string, unknown>;
    const model = ctx.model(query.model);
    const metrics = query.metrics === undefined ? Object.keys(model.measures) : metricsParam(model, query.metrics);
    return ctx.cached(JSON.stringify(['periods', model.name, metrics]), async () => {
      const periods: Record<string, { from: string; to: string }> = {};
      let last: string | null = null;
      for (const preset of PERIOD_PRESETS) {
        const r = await periodRange(ctx.warehouse, model, metrics, preset);
        if (!r) break;
        last = r.lastDate;
        periods[preset] = { from: r.from, to: r.to };
      }
      return { last_date: last, periods };
    });
  });
}
