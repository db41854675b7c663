import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createServeContext, maskSecrets, openWarehouse, migrate, serverToken, startServer, TOKEN_COOKIE, type ServeContext, type Warehouse } from '../../src/index.js';
import type { FastifyInstance } from 'fastify';

const TOKEN = 'test-token-0123456789abcdef';

describe('serverToken(host, env)', () => {
  it('requires no token on loopback, KPICAST_TOKEN when set, a generated one elsewhere', () => {
    expect(serverToken('127.0.0.1', {})).toBeUndefined();
    expect(serverToken('localhost', {})).toBeUndefined();
    expect(serverToken('::1', {})).toBeUndefined();
    expect(serverToken('0.0.0.0', { KPICAST_TOKEN: 'from-env' })).toEqual({ token: 'from-env', generated: false });
    expect(serverToken('127.0.0.1', { KPICAST_TOKEN: 'from-env' })).toEqual({ token: 'from-env', generated: false });
    const a = serverToken('0.0.0.0', {});
    const b = serverToken('192.168.1.10', { KPICAST_TOKEN: '  ' });
    expect(a?.generated).toBe(true);
    expect(b?.generated).toBe(true);
    expect(a!.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a!.token).not.toBe(b!.token);
  });
});

describe('maskSecrets(text, secrets)', () => {
  it('masks the given secrets, token= query values and URL passwords', () => {
    expect(maskSecrets('/?token=abc&x=1')).toBe('/?token=***&x=1');
    expect(maskSecrets('postgres://kpi:s3cret@db:5432/w failed')).toBe('postgres://kpi:***@db:5432/w failed');
    expect(maskSecrets(`bearer ${TOKEN} here`, [TOKEN])).toBe('bearer *** here');
  });
});

describe('a server with a token (pages and API alike)', () => {
  let warehouse: Warehouse;
  let ctx: ServeContext;
  let app: FastifyInstance;
  const logs: string[] = [];

  beforeAll(async () => {
    warehouse = await openWarehouse('memory');
    await migrate(warehouse);
    ctx = await createServeContext({ warehouse });
    const stream = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
    app = await buildApp(ctx, { token: TOKEN, logger: pino({ level: 'info' }, stream) });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
    await warehouse?.close();
  });

  it('answers 401 and one JSON line without a token, to the API and to a page', async () => {
    for (const url of ['/api/health', '/api/kpis?model=retail&metrics=revenue', '/', '/api/openapi.json', '/assets/plotly.min.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.body.includes('\n')).toBe(false);
      expect(res.json<{ error: string }>().error).toMatch(/^authentication required: send Authorization: Bearer <token>/);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('refuses a wrong token, sent as bearer, as cookie or in the URL', async () => {
    expect((await app.inject({ url: '/api/health', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/health', headers: { authorization: TOKEN } })).statusCode).toBe(401); // no "Bearer"
    expect((await app.inject({ url: '/api/health', cookies: { [TOKEN_COOKIE]: 'nope' } })).statusCode).toBe(401);
    const wrong = await app.inject({ url: '/api/health?token=nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('accepts Authorization: Bearer <token>', async () => {
    const res = await app.inject({ url: '/api/health', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ status: string }>().status).toBe('ok');
    expect(res.body).not.toContain(TOKEN);
  });

  it('a first visit with ?token= sets an HttpOnly SameSite=Strict cookie and redirects to the URL without it; the cookie then lets pages and API in', async () => {
    const first = await app.inject({ url: `/?period=last_4_weeks&token=${TOKEN}&grain=week` });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/?period=last_4_weeks&grain=week');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${TOKEN_COOKIE}=${TOKEN}; `));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    const only = await app.inject({ url: `/api/models?token=${TOKEN}` });
    expect(only.headers.location).toBe('/api/models');
    // the warehouse here is empty and unbuilt: the page answers 503 (build first), but past the token check
    const page = await app.inject({ url: '/?period=last_4_weeks&grain=week', cookies: { [TOKEN_COOKIE]: TOKEN } });
    expect(page.statusCode).not.toBe(401);
    expect((await app.inject({ url: '/api/models', cookies: { [TOKEN_COOKIE]: TOKEN } })).statusCode).toBe(200);
  });

  it('over a warehouse without marts the API answers 503 saying to build them', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const kpi = await app.inject({ url: '/api/kpis?model=retail&metrics=revenue', headers: auth });
    expect(kpi.statusCode).toBe(503);
    expect(kpi.json<{ error: string }>().error).toMatch(/^model retail, metrics revenue: relation "marts\.agg_sales_region_daily" does not exist; build the marts first: kpicast build$/);
    const periods = await app.inject({ url: '/api/periods?model=retail&metrics=revenue', headers: auth });
    expect(periods.statusCode).toBe(503);
    expect(periods.json<{ error: string }>().error).toMatch(/^model retail, metric revenue: latest date of fact sales: relation "marts\.fct_sales" does not exist; build the marts first: kpicast build$/);
  });

  it('no log line holds the token', async () => {
    await app.inject({ url: `/api/kpis?model=nope&metrics=x&token=${TOKEN}` });
    await app.inject({ url: `/api/kpis?model=nope&metrics=x`, headers: { authorization: `Bearer ${TOKEN}` } });
    await app.inject({ url: `/api/health`, cookies: { [TOKEN_COOKIE]: TOKEN } });
    expect(logs.length).toBeGreaterThan(2);
    expect(logs.join('')).not.toContain(TOKEN);
    expect(logs.join('')).toContain('token=***');
  });
});

describe('startServer({ host, port: 0 }) over a PGlite directory', () => {
  it('listens on 127.0.0.1, requires KPICAST_TOKEN over HTTP when set, and its PGlite session refuses writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-serve-'));
    const server = await startServer({ port: 0, target: dir, env: { KPICAST_TOKEN: TOKEN }, logLevel: 'silent' });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(server.token).toEqual({ token: TOKEN, generated: false });
      expect((await fetch(`${server.url}api/health`)).status).toBe(401);
      const ok = await fetch(`${server.url}api/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { warehouse: { kind: string; read_only: boolean } }).warehouse).toMatchObject({ kind: 'pglite', read_only: true });
      const redirect = await fetch(`${server.url}api/models?token=${TOKEN}`, { redirect: 'manual' });
      expect(redirect.status).toBe(303);
      await expect(server.ctx.warehouse.query('CREATE TABLE public.should_not_exist (x int)')).rejects.toThrow(/read-only transaction/);
    } finally {
      await server.close();
    }
  });
});

describe('kpicast serve (the built command)', () => {
  it('prints its URL as the first stdout line, serves until SIGTERM, then exits 0; a bad --port is one line and exit 1', async () => {
    const env = { ...process.env, KPICAST_TOKEN: '' };
    const child = spawn(process.execPath, ['bin/kpicast.js', '--db', 'memory', '--quiet', 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const health = await fetch(`${first}api/health`);
    expect(health.status).toBe(200);
    expect(stderr).not.toContain('token'); // loopback without KPICAST_TOKEN: no token made or shown
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);

    const bad = spawn(process.execPath, ['bin/kpicast.js', '--db', 'memory', 'serve', '--port', 'eighty'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let badErr = '';
    bad.stderr.on('data', (chunk) => (badErr += String(chunk)));
    const badCode = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    expect(badCode).toBe(1);
    expect(badErr).toBe('kpicast: --port: got "eighty", allowed: an integer from 0 to 65535\n');
  }, 120_000);
});
