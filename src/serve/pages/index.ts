import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';

/** The dashboard pages (a placeholder until the pages land): `/` says what the API offers. */
export async function registerPages(app: FastifyInstance, ctx: ServeContext): Promise<void> {
  app.get('/', { schema: { hide: true } as Record<string, unknown> }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="${ctx.locale}"><head><meta charset="utf-8"><title>kpicast</title></head>` +
      `<body><h1>kpicast</h1><p>Models: ${Object.keys(ctx.models).join(', ')}. API: <a href="/api/openapi.json">/api/openapi.json</a></p></body></html>`;
  });
}
