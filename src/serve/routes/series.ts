import type { FastifyInstance } from 'fastify';
import { series, type SeriesGrain } from '../../analysis/series.js';
import type { ServeContext } from '../context.js';
import { frameColumns, sendTable, type TableFormat } from '../download.js';
import { OptionError } from '../../errors.js';
import { cutProperties, listOf, dateParam, errorSchema, metricsParam, readCut, requestKey, rowsSchema, withParameter } from '../request.js';
import { scalarText } from '../../util/text.js';

/**
 * `GET /api/series`: one metric as forecasting input, the rows `unique_id, ds, y` of `kpicast series`
 * (both call `series()`): one series per value of `by`, every period present, up to the last finished one.
 */
export function registerSeries(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/series', {
    schema: {
      summary: 'a metric as series to forecast (unique_id, ds, y): ?model=retail&metric=revenue&grain=week&by=store_name',
      querystring: {
        type: 'object',
        required: ['model', 'metric'],
        additionalProperties: false,
        properties: {
          ...cutProperties,
          metric: { type: 'string', maxLength: 200, description: 'one metric of the model' },
          grain: { type: 'string', enum: ['day', 'week', 'month', 'quarter', 'year'], default: 'week' },
          fill: { type: 'string', enum: ['zero', 'missing'], default: 'zero', description: 'periods without data: 0 or null' },
          as_of: dateParam('the first day not yet known (default: the day after the last date in the data)'),
        },
      },
      response: { 200: rowsSchema, '4xx': errorSchema, '5xx': errorSchema },
    },
  }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const cut = await readCut(ctx, query, (model) => {
      const names = metricsParam(model, query.metric, 'metric');
      if (names.length !== 1) throw new OptionError('metric', listOf(query.metric).join(','), `one metric of model ${model.name}`);
      return names;
    });
    const options = {
      grain: query.grain as SeriesGrain,
      by: cut.by,
      filters: cut.filters,
      from: cut.from,
      to: cut.to,
      fill: query.fill as 'zero' | 'missing',
      ...(query.as_of ? { asOf: scalarText(query.as_of) } : {}),
    };
    const result = await ctx.cached(requestKey('series', { model: cut.model.name, metric: cut.metrics[0], ...options }), async () => {
      const frame = await series(ctx.warehouse, cut.model, cut.metrics[0], options).catch((error: unknown) => {
        throw withParameter(error, cut);
      });
      return { rows: frame.toRecords(), columns: frameColumns(frame) };
    });
    return sendTable(reply, result.rows, result.columns, query.format as TableFormat, `series-${cut.model.name}-${cut.metrics[0]}`);
  });
}
