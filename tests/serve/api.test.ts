import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpis, latestDate, loadFile, missionsToAssign, resolvePeriod, retail, series, staffing, suggestExtras, type KpiRequest } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { backends } from '../helpers/backends.js';
import { sampleServer, type SampleServer } from './helper.js';

/** The parts of the OpenAPI document these tests read. */
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, { get: { parameters: Array<{ name: string; schema: { enum: string[] } }>; responses: Record<string, { content: Record<string, unknown> }> } }>;
}

/** Runs the CLI in this process, capturing stdout and the exit code. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  process.stderr.write = (() => true);
  try {
    return { code: await runCli(['node', 'kpicast', ...args]), out };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

const qs = (params: Record<string, string | string[]>): string =>
  Object.entries(params)
    .flatMap(([k, v]) => [v].flat().map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
    .join('&');

describe.each(backends)('the data API on %s', (backend) => {
  let s: SampleServer;
  let regions: string[];
  let stores: string[];
  const get = (url: string) => s.app.inject({ method: 'GET', url });
  const rows = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ rows: Array<Record<string, unknown>> }>().rows;
  };
  const library = async (request: KpiRequest) => (await kpis(s.writer, retail, request)).frame.toRecords();

  beforeAll(async () => {
    s = await sampleServer(backend);
    regions = (await s.writer.query<{ region: string }>('SELECT DISTINCT region FROM raw.stores ORDER BY 1')).rows.map((r) => r.region);
    stores = (await s.writer.query<{ name: string }>('SELECT name FROM raw.stores ORDER BY 1')).rows.map((r) => r.name);
  }, 900_000); // the whole sample loaded, built and forecast: minutes on a busy machine
  afterAll(async () => {
    await s?.close();
  });

  it('GET /api/health says ok, the warehouse kind and its last load', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ last_load: { file: string }; version: unknown }>();
    const last = (await s.writer.query<{ id: number }>('SELECT max(run_id)::int AS id FROM load_runs')).rows[0].id;
    expect(body).toMatchObject({ status: 'ok', warehouse: { kind: backend, read_only: backend === 'postgres' }, last_load: { run_id: last, status: 'succeeded' } });
    expect(body.last_load.file).not.toContain('/');
    expect(typeof body.version).toBe('string');
  });

  it('GET /api/models lists each model with its metrics, dimensions and grains', async () => {
    const { models } = (await get('/api/models')).json<{ models: Array<{ name: string; metrics: Array<{ name: string; kind: string }>; dimensions: Array<{ name: string }>; grains: string[]; periods: string[] }> }>();
    expect(models.map((m) => m.name)).toEqual(['retail', 'vehicles', 'staffing']);
    const r = models[0];
    expect(r.metrics.map((m) => m.name)).toEqual(Object.keys(retail.measures));
    expect(r.metrics.find((m) => m.name === 'margin_rate')?.kind).toBe('ratio');
    expect(r.dimensions.map((d) => d.name)).toContain('store_name');
    expect(r.grains).toEqual(['day', 'week', 'month', 'quarter', 'year', 'none']);
    expect(r.periods).toContain('last_13_weeks');
  });

  it('GET /api/kpis gives the rows of kpis() for the same request: by month and store, with a compare and a filter', async () => {
    const request: KpiRequest = { metrics: ['revenue', 'orders', 'margin_rate'], grain: 'month', by: ['store_name'], from: '2025-01-01', to: '2025-12-31', compare: 'previous_period', filters: { region: [regions[0]] } };
    const api = await rows(`/api/kpis?${qs({ model: 'retail', metrics: 'revenue,orders,margin_rate', grain: 'month', by: 'store_name', from: '2025-01-01', to: '2025-12-31', compare: 'previous_period', filter: `region=${regions[0]}` })}`);
    expect(api.length).toBeGreaterThan(0);
    expect(api).toEqual(await library(request));
    expect(Object.keys(api[0])).toEqual(['period', 'store_name', 'revenue', 'revenue_previous', 'revenue_delta', 'revenue_delta_pct', 'orders', 'orders_previous', 'orders_delta', 'orders_delta_pct', 'margin_rate', 'margin_rate_previous', 'margin_rate_delta', 'margin_rate_delta_pct']);
  });

  it('GET /api/kpis takes repeated list parameters, a|b filters and share as kpis() does', async () => {
    const api = await rows(`/api/kpis?${qs({ model: 'retail', metrics: ['revenue', 'units'], by: ['region', 'store_name'], filter: `region=${regions.join('|')}`, share: 'true' })}`);
    expect(api).toEqual(await library({ metrics: ['revenue', 'units'], by: ['region', 'store_name'], filters: { region: regions }, share: true }));
    expect(api.map((r) => r.store_name).sort()).toEqual(stores);
  });

  it('GET /api/kpis?period= resolves the preset relative to the last date of the data, as resolvePeriod', async () => {
    const last = (await latestDate(s.writer, retail, 'revenue'))!;
    for (const period of ['last_4_weeks', 'last_13_weeks', 'month_to_date', 'quarter_to_date', 'year_to_date', 'last_year'] as const) {
      const { from, to } = resolvePeriod(period, last);
      const api = await rows(`/api/kpis?${qs({ model: 'retail', metrics: 'revenue,visitors', period, compare: 'previous_period' })}`);
      expect(api, period).toEqual(await library({ metrics: ['revenue', 'visitors'], from, to, compare: 'previous_period' }));
    }
    const periods = (await get('/api/periods?model=retail&metrics=revenue')).json<{ last_date: string; periods: Record<string, unknown> }>();
    expect(periods.last_date).toBe(last);
    expect(periods.periods.last_4_weeks).toEqual(resolvePeriod('last_4_weeks', last));
  });

  it('GET /api/kpis has the column names and numbers of `kpicast kpi --format json`', async () => {
    if (backend === 'pglite') return; // an in-memory PGlite cannot be reached by a second client; the server backend checks the CLI
    const { code, out } = await cli('--db', s.url!, '--quiet', 'kpi', '--model', 'retail', 'revenue', 'average_basket', '--grain', 'quarter', '--by', 'region', '--compare', 'previous_year', '--format', 'json');
    expect(code).toBe(0);
    expect(await rows('/api/kpis?model=retail&metrics=revenue,average_basket&grain=quarter&by=region&compare=previous_year')).toEqual(JSON.parse(out));
  });

  it('GET /api/kpis&format=csv and &format=xlsx hold the rows and numbers of the JSON', async () => {
    const params = qs({ model: 'retail', metrics: 'revenue,margin_rate', grain: 'week', by: 'store_name', from: '2025-10-01', to: '2025-12-31' });
    const json = await rows(`/api/kpis?${params}`);
    expect(json.length).toBeGreaterThan(10);
    const csv = await get(`/api/kpis?${params}&format=csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="kpis-retail.csv"');
    const records = parse<Record<string, string>>(csv.body, { columns: true });
    expect(records.map((r) => ({ period: r.period, store_name: r.store_name, revenue: r.revenue === '' ? null : Number(r.revenue), margin_rate: r.margin_rate === '' ? null : Number(r.margin_rate) }))).toEqual(json);

    const xlsx = await get(`/api/kpis?${params}&format=xlsx`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['period', 'store_name', 'revenue', 'margin_rate']);
    const read: Array<Record<string, unknown>> = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const [period, store, revenue, rate] = (row.values as unknown[]).slice(1);
      expect(period).toBeInstanceOf(Date); // a date cell, not text
      expect(typeof revenue).toBe('number'); // a number cell, not text
      read.push({ period: (period as Date).toISOString().slice(0, 10), store_name: store, revenue, margin_rate: rate ?? null });
    });
    expect(read).toEqual(json);
  });

  it('GET /api/series gives the rows of series() for the same request, also as CSV', async () => {
    const api = await rows('/api/series?model=staffing&metric=missions&grain=week&by=region');
    const frame = await series(s.writer, staffing, 'missions', { grain: 'week', by: ['region'] });
    expect(api.length).toBeGreaterThan(20);
    expect(api).toEqual(frame.toRecords());
    const csv = parse<Record<string, string>>((await get('/api/series?model=staffing&metric=missions&grain=week&by=region&format=csv')).body, { columns: true });
    expect(csv.map((r) => ({ unique_id: r.unique_id, ds: r.ds, y: Number(r.y) }))).toEqual(api);
  });

  it('GET /api/forecasts gives the last stored run, all series or those asked', async () => {
    const all = await rows('/api/forecasts');
    const stored = await s.writer.query<{ n: number }>('SELECT count(*)::int AS n FROM forecasts WHERE run_at = (SELECT max(run_at) FROM forecasts)');
    expect(all).toHaveLength(stored.rows[0].n);
    const missions = await rows('/api/forecasts?series=missions');
    const expected = await s.writer.query<{ ds: string; mean: number; model: string }>("SELECT ds::text AS ds, mean, model FROM forecasts WHERE unique_id = 'missions' ORDER BY ds");
    expect(missions.map((r) => ({ ds: r.ds, mean: r.mean, model: r.model }))).toEqual(expected.rows);
    expect(Object.keys(missions[0])).toEqual(['unique_id', 'ds', 'model', 'mean', 'lo_80', 'hi_80', 'lo_95', 'hi_95', 'backtest_mape', 'backtest_metric', 'backtest_error', 'run_at']);
  });

  it('GET /api/runs lists the load runs newest first; GET /api/quarantine the set-aside rows of a file, without their raw text', async () => {
    const runs = await rows('/api/runs');
    const count = (await s.writer.query<{ n: number }>('SELECT count(*)::int AS n FROM load_runs')).rows[0].n;
    expect(runs).toHaveLength(Math.min(count, 100));
    expect(runs.map((r) => r.run_id)).toEqual([...runs.map((r) => r.run_id as number)].sort((a, b) => b - a));
    expect(await rows('/api/runs?limit=2')).toEqual(runs.slice(0, 2));
    const quarantined = await s.writer.query<{ file: string; n: number }>(
      "SELECT regexp_replace(source_file, '^.*/', '') AS file, count(*)::int AS n FROM quarantine GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
    );
    const all = await rows('/api/quarantine?limit=100000');
    expect(all.length).toBe((await s.writer.query<{ n: number }>('SELECT count(*)::int AS n FROM quarantine')).rows[0].n);
    if (quarantined.rows.length) {
      const one = await rows(`/api/quarantine?file=${encodeURIComponent(quarantined.rows[0].file)}&limit=100000`);
      expect(one).toHaveLength(quarantined.rows[0].n);
      expect(one.every((r) => r.file === quarantined.rows[0].file && typeof r.reason === 'string')).toBe(true);
      expect(Object.keys(one[0])).not.toContain('raw_text');
    }
    expect(await rows('/api/quarantine?file=no-such-file.csv')).toEqual([]);
  });

  it('GET /api/staffing/missions-to-assign and /api/staffing/suggestions give missionsToAssign() and suggestExtras(), also as CSV', async () => {
    const missions = await rows('/api/staffing/missions-to-assign?limit=20');
    expect(missions.length).toBeGreaterThan(0);
    expect(missions).toEqual(JSON.parse(JSON.stringify(await missionsToAssign(s.writer, { limit: 20 }))));
    const id = String(missions[0].mission_id);
    const res = await get(`/api/staffing/suggestions?mission=${encodeURIComponent(id)}&limit=5`);
    expect(res.statusCode).toBe(200);
    const expected = await suggestExtras(s.writer, id, { limit: 5 });
    expect(res.json()).toEqual(JSON.parse(JSON.stringify({ mission: expected.mission, busy: expected.busy, rows: expected.extras })));
    expect(expected.extras.length).toBeGreaterThan(0);
    const csv = parse<Record<string, string>>((await get(`/api/staffing/suggestions?mission=${encodeURIComponent(id)}&limit=5&format=csv`)).body, { columns: true });
    expect(csv.map((r) => [r.extra_id, Number(r.score), r.reason])).toEqual(expected.extras.map((e) => [e.extra_id, e.score, e.reason]));
  });

  const bad: Array<[string, string, RegExp]> = [
    ['/api/staffing/suggestions', 'mission', /^mission: missing/],
    ['/api/staffing/suggestions?mission=nope', 'mission', /^mission: got "nope", allowed: the mission_id of a mission/],
    ['/api/staffing/missions-to-assign?from=tomorrow', 'from', /^from: got "tomorrow", allowed: a date YYYY-MM-DD$/],
    ['/api/kpis?metrics=revenue', 'model', /^model: missing/],
    ['/api/kpis?model=shop&metrics=revenue', 'model', /^model: got "shop", allowed: retail, vehicles, staffing/],
    ['/api/kpis?model=retail', 'metrics', /^metrics: missing/],
    ['/api/kpis?model=retail&metrics=revenue;drop%20table%20x', 'metrics', /^metrics: got "revenue;drop table x", allowed: metrics of model retail: revenue, /],
    ['/api/kpis?model=retail&metrics=revenue,nope', 'metrics', /^metrics: got "revenue,nope", allowed: /],
    ['/api/kpis?model=retail&metrics=revenue&by=store_name%22--', 'by', /^by: got "store_name\\"--", allowed: dimensions of model retail: /],
    ['/api/kpis?model=retail&metrics=revenue&grain=fortnight', 'grain', /^grain: got "fortnight", allowed: day, week, month, quarter, year, none$/],
    ['/api/kpis?model=retail&metrics=revenue&compare=last_week&from=2025-01-01&to=2025-02-01', 'compare', /^compare: got "last_week", allowed: previous_period, previous_year$/],
    ['/api/kpis?model=retail&metrics=revenue&compare=previous_period', 'compare', /^compare: got "previous_period", allowed: with grain none only when from and to/],
    ['/api/kpis?model=retail&metrics=revenue&from=2025-1-1', 'from', /^from: got "2025-1-1", allowed: a date YYYY-MM-DD$/],
    ['/api/kpis?model=retail&metrics=revenue&from=2025-02-30', 'from', /^from: got "2025-02-30", allowed: a date YYYY-MM-DD$/],
    ['/api/kpis?model=retail&metrics=revenue&from=2025-03-01&to=2025-02-01', 'from', /^from: got "2025-03-01", allowed: a day on or before to \(2025-02-01\)$/],
    ['/api/kpis?model=retail&metrics=visitors&by=category', 'by', /^by: dimension "category" is not available for metric visitors \(fact \w+\) of model retail, valid there: /],
    ['/api/kpis?model=retail&metrics=visitors&filter=category=food', 'filter', /^filter: dimension "category" is not available for metric visitors/],
    ['/api/kpis?model=retail&metrics=revenue&period=last_week', 'period', /^period: got "last_week", allowed: last_4_weeks, last_13_weeks, /],
    ['/api/kpis?model=retail&metrics=revenue&period=last_4_weeks&from=2025-01-01', 'period', /^period: got "last_4_weeks", allowed: either period or from\/to/],
    ['/api/kpis?model=retail&metrics=revenue&filter=region', 'filter', /^filter: got "region", allowed: dimension=value/],
    ['/api/kpis?model=retail&metrics=revenue&filter=nope=1', 'filter', /^filter: got "nope=1", allowed: dimension=value .* store_name/],
    ['/api/kpis?model=retail&metrics=revenue&format=pdf', 'format', /^format: got "pdf", allowed: json, csv, xlsx$/],
    ['/api/kpis?model=retail&metrics=revenue&share=maybe', 'share', /^share: got "maybe", allowed: /],
    ['/api/kpis?model=retail&metrics=revenue&limit=3', 'limit', /^limit: unknown parameter \(got "3"\), allowed: model, by, filter, /],
    ['/api/series?model=retail&metric=revenue,orders', 'metric', /^metric: got "revenue,orders", allowed: one metric of model retail$/],
    ['/api/series?model=retail&metric=nope', 'metric', /^metric: got "nope", allowed: metrics of model retail/],
    ['/api/series?model=retail&metric=revenue&grain=none', 'grain', /^grain: got "none", allowed: day, week, month, quarter, year$/],
    ['/api/series?model=retail&metric=revenue&fill=mean', 'fill', /^fill: got "mean", allowed: zero, missing$/],
    ['/api/series?model=retail&metric=revenue&as_of=soon', 'as_of', /^as_of: got "soon", allowed: a date YYYY-MM-DD$/],
    ['/api/periods?model=retail&metrics=nope', 'metrics', /^metrics: got "nope"/],
    ['/api/forecasts?series=nope', 'series', /^series: got "nope", allowed: series of the last forecast run: /],
    ['/api/runs?limit=0', 'limit', /^limit: got "0", allowed: must be >= 1$/],
    ['/api/runs?limit=many', 'limit', /^limit: got "many", allowed: must be integer$/],
    ['/api/quarantine?run_id=x', 'run_id', /^run_id: got "x", allowed: must be integer$/],
  ];
  it.each(bad)('GET %s → 400 and one JSON line naming %s', async (url, _param, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body.includes('\n')).toBe(false);
    const body = res.json<{ error: string }>();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatch(message);
  });

  it('nothing but model names and bound values reaches SQL: injections get 400 or match nothing, and every table stays as it was', async () => {
    const tables = `SELECT n.nspname || '.' || c.relname AS name, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'v') AND n.nspname IN ('public', 'raw', 'staging', 'intermediate', 'marts') ORDER BY 1`;
    const before = (await s.writer.query<{ name: string }>(tables)).rows.map((r) => r.name);
    const counts = async () => (await s.writer.query<{ lines: number; stores: number }>('SELECT (SELECT count(*) FROM raw.order_lines)::int AS lines, (SELECT count(*) FROM raw.stores)::int AS stores')).rows[0];
    const countsBefore = await counts();
    const attempts = [
      '/api/kpis?model=retail&metrics=revenue;drop%20table%20raw.stores',
      '/api/kpis?model=retail&metrics=revenue&by=store_name%22--',
      '/api/kpis?model=retail&metrics=revenue&by=region)%3Bdelete%20from%20raw.stores--',
      '/api/kpis?model=retail;drop%20table%20raw.stores&metrics=revenue',
      '/api/series?model=retail&metric=revenue%22)%3B--',
    ];
    for (const url of attempts) expect((await get(url)).statusCode, url).toBe(400);
    // A value is a bound parameter: it can only fail to match.
    expect(await rows(`/api/kpis?${qs({ model: 'retail', metrics: 'revenue', by: 'region', filter: "region=x' OR '1'='1" })}`)).toEqual([]);
    expect(await rows(`/api/quarantine?${qs({ file: "x'; delete from quarantine; --" })}`)).toEqual([]);
    expect((await s.writer.query<{ name: string }>(tables)).rows.map((r) => r.name)).toEqual(before);
    expect(await counts()).toEqual(countsBefore);
  });

  it('a second identical request is served from the cache; concurrent ones share one computation; a load invalidates it', async () => {
    const url = `/api/kpis?${qs({ model: 'retail', metrics: 'revenue,units', grain: 'week', by: 'region' })}`;
    const first = await rows(url);
    const stats = s.ctx.cacheStats();
    const queries = s.ctx.queryStats().total;
    expect(await rows(url)).toEqual(first);
    // the same request written differently (order of parameters) is the same entry
    expect(await rows(`/api/kpis?${qs({ by: 'region', grain: 'week', metrics: 'revenue,units', model: 'retail' })}`)).toEqual(first);
    expect(s.ctx.cacheStats().hits).toBe(stats.hits + 2);
    expect(s.ctx.cacheStats().misses).toBe(stats.misses);
    expect(s.ctx.queryStats().total - queries).toBe(2); // two version reads, no KPI query

    const fresh = `/api/kpis?${qs({ model: 'retail', metrics: 'orders', grain: 'day', by: 'store_name' })}`;
    const m0 = s.ctx.cacheStats().misses;
    const answers = await Promise.all(Array.from({ length: 5 }, () => get(fresh)));
    expect(answers.every((a) => a.statusCode === 200 && a.body === answers[0].body)).toBe(true);
    expect(s.ctx.cacheStats().misses).toBe(m0 + 1);

    const version = await s.ctx.version();
    // a load run (here the sample's stores again: every row a duplicate) changes the warehouse version
    await loadFile(s.writer, join('data', 'sample', 'stores.csv'), { table: 'stores', quiet: true });
    expect(await s.ctx.version()).not.toBe(version);
    const m1 = s.ctx.cacheStats().misses;
    expect(await rows(url)).toEqual(first);
    expect(s.ctx.cacheStats().misses).toBe(m1 + 1);
    const health = (await get('/api/health')).json<{ last_load: { file: string } }>();
    expect(health.last_load.file).toBe('stores.csv');
  });

  it('the server never writes the warehouse: its connection refuses a write', async () => {
    if (backend === 'pglite') return; // given an open in-memory PGlite, the test writes through the same connection; tests/serve/auth covers a PGlite directory
    await expect(s.ctx.warehouse.query('CREATE TABLE public.should_not_exist (x int)')).rejects.toThrow(/read-only transaction/);
  });

  it('every response carries the security headers; unknown routes get a JSON 404', async () => {
    for (const url of ['/api/health', '/api/kpis?model=retail', '/', '/nowhere']) {
      const res = await get(url);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(String(res.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
      expect(String(res.headers['content-security-policy']), url).toContain("script-src 'self'");
      expect(res.headers['content-type'], url).toBeDefined();
    }
    const missing = await get('/api/nope?x=1');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'no route GET /api/nope' });
  });

  it('GET /api/openapi.json documents every API route with its parameters and responses', async () => {
    const doc = (await get('/api/openapi.json')).json<OpenApiDocument>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/forecasts', '/api/health', '/api/kpis', '/api/models', '/api/periods', '/api/quarantine', '/api/runs', '/api/series', '/api/staffing/missions-to-assign', '/api/staffing/suggestions']);
    const kpi = doc.paths['/api/kpis'].get;
    const metrics = kpi.parameters.find((p: { name: string }) => p.name === 'metrics');
    expect(metrics).toMatchObject({ in: 'query', required: true, schema: { type: 'array' } });
    expect(kpi.parameters.find((p: { name: string }) => p.name === 'grain')?.schema.enum).toContain('quarter');
    expect(Object.keys(kpi.responses['200'].content)).toEqual(['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('GET /assets/plotly.min.js serves plotly.js from node_modules', async () => {
    const res = await get('/assets/plotly.min.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.body.length).toBe(readFileSync(join('node_modules', 'plotly.js-dist', 'plotly.js'), 'utf8').length);
  });
});
