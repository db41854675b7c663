import type { FastifyInstance } from 'fastify';
import { OptionError } from '../../errors.js';
import { missionsToAssign, suggestExtras, type ExtraSuggestions } from '../../analysis/staffing-pilot.js';
import type { ServeContext } from '../context.js';
import { sendTable, type TableColumn, type TableFormat } from '../download.js';
import { dateParam, errorSchema, formatParam, rowsSchema } from '../request.js';

const MISSION_COLUMNS: TableColumn[] = [
  { name: 'mission_id', type: 'string' },
  { name: 'mission_date', type: 'date' },
  { name: 'hotel_id', type: 'string' },
  { name: 'hotel_name', type: 'string' },
  { name: 'city', type: 'string' },
  { name: 'region', type: 'string' },
  { name: 'hours', type: 'number' },
  { name: 'hourly_rate', type: 'number' },
  { name: 'amount', type: 'number' },
  { name: 'days_ahead', type: 'number' },
];

const EXTRA_COLUMNS: TableColumn[] = [
  { name: 'rank', type: 'number' },
  { name: 'extra_id', type: 'string' },
  { name: 'extra_name', type: 'string' },
  { name: 'city', type: 'string' },
  { name: 'done_at_hotel', type: 'number' },
  { name: 'done', type: 'number' },
  { name: 'cancelled', type: 'number' },
  { name: 'raw_reliability', type: 'number' },
  { name: 'reliability', type: 'number' },
  { name: 'familiarity', type: 'number' },
  { name: 'score', type: 'number' },
  { name: 'reason', type: 'string' },
];

/**
 * Staffing piloting: `GET /api/staffing/missions-to-assign` (planned missions without an extra,
 * soonest first: missionsToAssign) and `GET /api/staffing/suggestions?mission=` (the extras free
 * that day, ranked by the documented score, each with its reason: suggestExtras).
 */
export function registerStaffing(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/staffing/missions-to-assign', {
    schema: {
      summary: 'planned missions without an extra, soonest first: ?from=2026-01-05&limit=100',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: dateParam('first day (default: the day after the last mission done)'),
          limit: { type: 'integer', minimum: 1, maximum: 10000, default: 100 },
          format: formatParam,
        },
      },
      response: { 200: rowsSchema, '4xx': errorSchema, '5xx': errorSchema },
    },
  }, async (request, reply) => {
    const query = request.query as { from?: string; limit: number; format: TableFormat };
    const options = { from: query.from, limit: query.limit };
    const rows = await ctx.cached(JSON.stringify(['missions-to-assign', options]), async () =>
      (await missionsToAssign(ctx.warehouse, options)) as unknown as Record<string, unknown>[]);
    return sendTable(reply, rows, MISSION_COLUMNS, query.format, 'missions-to-assign');
  });

  app.get('/api/staffing/suggestions', {
    schema: {
      summary: 'extras to suggest for a mission, best first, each with the reason: ?mission=M000123',
      querystring: {
        type: 'object',
        required: ['mission'],
        additionalProperties: false,
        properties: {
          mission: { type: 'string', minLength: 1, maxLength: 200, description: 'a mission_id' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
          format: formatParam,
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['rows'],
          properties: {
            mission: { type: 'object', additionalProperties: true },
            busy: { type: 'integer', description: 'extras left out: on another mission that day' },
            rows: rowsSchema.properties.rows,
          },
        },
        '4xx': errorSchema,
        '5xx': errorSchema,
      },
    },
  }, async (request, reply) => {
    const query = request.query as { mission: string; limit: number; format: TableFormat };
    const result = await ctx.cached<ExtraSuggestions>(JSON.stringify(['suggestions', query.mission, query.limit]), () =>
      suggestExtras(ctx.warehouse, query.mission, { limit: query.limit }).catch((error: unknown) => {
        if (error instanceof OptionError && error.option.endsWith('missionId')) throw new OptionError('mission', query.mission, 'the mission_id of a mission (see /api/staffing/missions-to-assign)');
        throw error;
      }),
    );
    const rows = result.extras as unknown as Record<string, unknown>[];
    if (query.format === 'json') return reply.type('application/json; charset=utf-8').send({ mission: result.mission, busy: result.busy, rows });
    return sendTable(reply, rows, EXTRA_COLUMNS, query.format, `suggestions-${query.mission}`);
  });
}
