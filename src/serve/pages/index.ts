import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KpicastError, OptionError } from '../../errors.js';
import type { ServeContext } from '../context.js';
import { sendTable, type TableFormat } from '../download.js';
import { downloadColumns, escapeHtml, formatTimestamp, pageShell, tablePanel, PAGES, type PageId } from './html.js';
import { tablesOf, type Block, type Page, type PageInput } from './page.js';
import { pageQuery } from './state.js';
import { overviewPage } from './overview.js';
import { retailPage } from './retail.js';
import { vehiclesPage } from './vehicles.js';
import { staffingPage } from './staffing.js';
import { forecastsPage } from './forecasts.js';
import { warehousePage } from './warehouse.js';

/** A route kept out of the OpenAPI document (a key fastify's schema type does not declare). */
const hidden: Record<string, unknown> = { hide: true };

const pages: Record<PageId, Page> = {
  overview: overviewPage,
  retail: retailPage,
  vehicles: vehiclesPage,
  staffing: staffingPage,
  forecasts: forecastsPage,
  warehouse: warehousePage,
};

/** The folder of the client script and stylesheet: beside this module in the sources, or the package's `src/serve/assets` when run from `dist`. */
function assetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  const beside = join(dir, '..', 'assets');
  if (existsSync(join(beside, 'dashboard.js'))) return beside;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'src', 'serve', 'assets');
    if (existsSync(join(candidate, 'dashboard.js'))) return candidate;
    dir = dirname(dir);
  }
  throw new KpicastError('kpicast serve: the dashboard assets (src/serve/assets) are missing from the package');
}

function render(blocks: readonly Block[], input: PageInput): string {
  const here = { path: input.path, query: Object.fromEntries(Object.entries(input.query).filter(([k]) => k !== 'download' && k !== 'format')) };
  const one = (block: Block): string => {
    if (typeof block === 'string') return block;
    if ('pair' in block) return `<div class="grid2">${one(block.pair[0])}${one(block.pair[1])}</div>`;
    return tablePanel(block, here, input.locale);
  };
  return blocks.map(one).join('\n');
}

async function freshness(ctx: ServeContext): Promise<string> {
  const last = await ctx.lastLoad();
  return last ? `last load ${formatTimestamp(last.finished_at, ctx.locale)} (${last.file})` : 'nothing loaded yet';
}

function problemPage(ctx: ServeContext, title: string, message: string, active: PageId | 'error'): string {
  return pageShell({ active, title, body: `<p class="problem" role="alert">${escapeHtml(message)}</p><p><a href="/">Back to the overview</a></p>`, locale: ctx.locale });
}

/**
 * The dashboard: one GET route per page (`/`, `/retail`, `/vehicles`, `/staffing`, `/forecasts`,
 * `/warehouse`), server-rendered from library calls through the context's cache, the page state in
 * the URL. `?download=<table>&format=csv|xlsx` on a page's URL sends that table (the same rows)
 * through sendTable. A bad parameter gets HTTP 400 and a page naming it. The client script and
 * stylesheet are served from `/assets/` (plotly.js is the app's, at /assets/plotly.min.js).
 *
 * @example
 * registerPages(app, ctx);
 * (await app.inject('/retail?period=last_4_weeks&store=Halles%20Lyon')).statusCode; // => 200
 * (await app.inject('/retail?period=fortnight')).statusCode; // => 400, "period: got "fortnight", allowed: last_4_weeks, ..."
 */
export function registerPages(app: FastifyInstance, ctx: ServeContext): void {
  const dir = assetsDir();
  const assets: Record<string, { type: string; body: string }> = {
    'dashboard.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(dir, 'dashboard.js'), 'utf8') },
    'dashboard.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(dir, 'dashboard.css'), 'utf8') },
  };
  for (const [name, asset] of Object.entries(assets)) {
    app.get(`/assets/${name}`, { schema: hidden }, async (_request, reply) => {
      reply.type(asset.type).header('Cache-Control', 'public, max-age=300');
      return asset.body;
    });
  }

  for (const { path, id, label } of PAGES) {
    app.get(path, { schema: hidden }, async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const query = pageQuery(request.query);
        const input: PageInput = { ctx, query, path, locale: ctx.locale };
        const output = await pages[id](input);
        if (query.download !== undefined) {
          const format = (query.format ?? 'csv') as TableFormat;
          if (!['csv', 'xlsx', 'json'].includes(format)) throw new OptionError('format', query.format, 'csv, xlsx, json');
          const tables = tablesOf(output.blocks);
          const table = tables.find((t) => t.id === query.download);
          if (!table) throw new OptionError('download', query.download, `a table of this page: ${tables.map((t) => t.id).join(', ') || 'none'}`);
          return sendTable(reply, table.rows, downloadColumns(table), format, `${id}-${table.id}`);
        }
        reply.type('text/html; charset=utf-8');
        return pageShell({ active: id, title: output.title, lead: output.lead, body: render(output.blocks, input), locale: ctx.locale, freshness: await freshness(ctx) });
      } catch (error) {
        if (error instanceof KpicastError && (error.code === 'E_OPTION' || error.code === 'E_INPUT')) {
          request.log.info({ url: request.url.split('?')[0], problem: error.message }, 'bad page request');
          return reply.code(400).type('text/html; charset=utf-8').send(problemPage(ctx, `${label}: bad request`, error.message, id));
        }
        if (error instanceof KpicastError) {
          request.log.error({ url: request.url.split('?')[0], err: { code: error.code, message: error.message } }, 'page failed');
          return reply.code(503).type('text/html; charset=utf-8').send(problemPage(ctx, label, error.message.split('\n')[0], id));
        }
        request.log.error({ url: request.url.split('?')[0], err: { type: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack } }, 'page failed');
        return reply.code(500).type('text/html; charset=utf-8').send(problemPage(ctx, label, 'internal error: see the server log', id));
      }
    });
  }
}
