import type { FastifyInstance } from 'fastify';

/** A route as the OpenAPI document describes it. */
interface RouteSchema {
  method: string;
  url: string;
  schema: { summary?: string; querystring?: { properties?: Record<string, Record<string, unknown>>; required?: string[] }; response?: Record<string, unknown> };
}

/** Records the schema of every route registered on `app` from now on (hidden ones left out). */
export function collectSchemas(app: FastifyInstance): RouteSchema[] {
  const routes: RouteSchema[] = [];
  app.addHook('onRoute', (route) => {
    const schema = route.schema as (RouteSchema['schema'] & { hide?: boolean }) | undefined;
    if (!schema || schema.hide) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method: method.toLowerCase(), url: route.url, schema });
  });
  return routes;
}

/**
 * The OpenAPI 3.1 document of the API, generated from the schemas the routes validate with: each
 * query parameter with its type, enum and description; each response with its JSON schema; CSV and
 * XLSX where the route has `format`.
 */
export function openApiDocument(routes: readonly RouteSchema[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const query = route.schema.querystring ?? {};
    const parameters = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: (query.required ?? []).includes(name),
      ...(schema.description ? { description: schema.description } : {}),
      schema: Object.fromEntries(Object.entries(schema).filter(([k]) => k !== 'description')),
      ...(schema.type === 'array' ? { style: 'form', explode: true } : {}),
    }));
    const downloads = Boolean(query.properties?.format);
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.schema.response ?? {})) {
      const content: Record<string, unknown> = { 'application/json': { schema } };
      if (status === '200' && downloads) {
        content['text/csv'] = { schema: { type: 'string' } };
        content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] = { schema: { type: 'string', format: 'binary' } };
      }
      responses[status.toUpperCase()] = { description: status === '200' ? 'OK' : status.startsWith('4') ? 'bad request: {"error": "<parameter>: got <value>, allowed: ..."}' : 'server error', content };
    }
    paths[route.url] ??= {};
    paths[route.url][route.method] = { summary: route.schema.summary ?? route.url, parameters, responses };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'kpicast data API', version: '1', description: 'KPIs, series, forecasts and load history of a kpicast warehouse. With a token: Authorization: Bearer <token>.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
