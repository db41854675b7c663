import type { FastifyInstance } from 'fastify';
import { COMPARES, GRAINS, type Compare, type Grain } from '../../analysis/compile.js';
import { kpis } from '../../analysis/kpis.js';
import type { ServeContext } from '../context.js';
import { frameColumns, sendTable, type TableFormat } from '../download.js';
import { cutProperties, errorSchema, listParam, metricsParam, readCut, requestKey, rowsSchema, withParameter } from '../request.js';

/**
 * `GET /api/kpis`: the metrics of a model as `kpicast kpi --format json` prints them (same column
 * names, same numbers: both call `kpis()`), or as CSV or XLSX with `format=`.
 */
export function registerKpis(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/kpis', {
    schema: {
      summary: 'KPIs of a model: ?model=retail&metrics=revenue,orders&grain=month&by=region&period=last_13_weeks&compare=previous_period&filter=region=Nord',
      querystring: {
        type: 'object',
        required: ['model', 'metrics'],
        additionalProperties: false,
        properties: {
          ...cutProperties,
          metrics: listParam('metric names of the model (comma-separated or repeated)'),
          grain: { type: 'string', enum: [...GRAINS], default: 'none', description: 'period of each row; none: totals over the range' },
          compare: { type: 'string', enum: [...COMPARES], description: 'adds <metric>_previous, _delta, _delta_pct' },
          share: { type: 'boolean', description: "adds <metric>_share, the metric's share of its total within the period and the by dimensions but the last" },
        },
      },
      response: { 200: rowsSchema, '4xx': errorSchema, '5xx': errorSchema },
    },
  }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const cut = await readCut(ctx, query, (model) => metricsParam(model, query.metrics));
    const kpiRequest = {
      metrics: cut.metrics,
      grain: query.grain as Grain,
      by: cut.by,
      filters: cut.filters,
      from: cut.from,
      to: cut.to,
      compare: query.compare as Compare | undefined,
      share: query.share === true ? true : undefined,
    };
    const result = await ctx.cached(requestKey('kpis', { model: cut.model.name, ...kpiRequest }), async () => {
      const { frame } = await kpis(ctx.warehouse, cut.model, kpiRequest).catch((error: unknown) => {
        throw withParameter(error, cut);
      });
      return { rows: frame.toRecords(), columns: frameColumns(frame) };
    });
    return sendTable(reply, result.rows, result.columns, query.format as TableFormat, `kpis-${cut.model.name}`);
  });
}
