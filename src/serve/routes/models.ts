import type { FastifyInstance } from 'fastify';
import { COMPARES, GRAINS } from '../../analysis/compile.js';
import { PERIOD_PRESETS } from '../../analysis/periods.js';
import { dimensionNames, factOf, isRatio, isShare, type SemanticModel } from '../../analysis/model.js';
import type { ServeContext } from '../context.js';
import { errorSchema } from '../request.js';

/** A model as a client needs it to build a request: metrics (kind, description, facts), dimensions (facts), grains. */
export function describeModel(model: SemanticModel) {
  const factsOf = (name: string, seen = new Set<string>()): string[] => {
    const m = model.measures[name];
    if (seen.has(name)) return [];
    seen.add(name);
    if (isRatio(m)) return [...new Set(m.ratio.flatMap((p) => factsOf(p, seen)))];
    if (isShare(m)) return factsOf(m.shareOf, seen);
    return [factOf(model, name, m)];
  };
  return {
    name: model.name,
    description: model.description ?? null,
    metrics: Object.entries(model.measures).map(([name, m]) => ({
      name,
      kind: isRatio(m) ? 'ratio' : isShare(m) ? 'share' : 'agg' in m ? m.agg : 'sql',
      description: m.description ?? null,
      facts: factsOf(name),
    })),
    dimensions: dimensionNames(model).map((name) => ({
      name,
      facts: Object.entries(model.facts).filter(([, f]) => name in f.dimensions).map(([f]) => f),
    })),
    grains: [...GRAINS],
    compares: [...COMPARES],
    periods: [...PERIOD_PRESETS],
  };
}

const nullableString = { type: ['string', 'null'] };

/** `GET /api/models`: the semantic models served, with their metrics, dimensions and grains. */
export function registerModels(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/api/models', {
    schema: {
      summary: 'the semantic models: metrics, dimensions, grains, compares, period presets',
      querystring: { type: 'object', properties: {}, additionalProperties: false },
      response: {
        200: {
          type: 'object',
          required: ['models'],
          properties: {
            models: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  description: nullableString,
                  metrics: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, kind: { type: 'string' }, description: nullableString, facts: { type: 'array', items: { type: 'string' } } } } },
                  dimensions: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, facts: { type: 'array', items: { type: 'string' } } } } },
                  grains: { type: 'array', items: { type: 'string' } },
                  compares: { type: 'array', items: { type: 'string' } },
                  periods: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
        '4xx': errorSchema,
        '5xx': errorSchema,
      },
    },
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify sends what an async handler resolves to
  }, async () => ({ models: Object.values(ctx.models).map(describeModel) }));
}
