import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, createServeContext, migrate, openWarehouse, type ServeContext, type Warehouse } from '../../src/index.js';

describe('the overview page and the open alerts', () => {
  let warehouse: Warehouse;
  let ctx: ServeContext;
  let app: FastifyInstance;

  beforeAll(async () => {
    warehouse = await openWarehouse('memory');
    await migrate(warehouse);
    ctx = await createServeContext({ warehouse, versionTtlMs: 0 });
    app = await buildApp(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
    await warehouse?.close();
  });

  it('GET / lists the open alerts with value, threshold and why, and leaves out the cleared ones', async () => {
    const none = await app.inject({ url: '/' });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Open alerts (0)');
    await warehouse.query(
      `INSERT INTO alerts (pipeline, rule, condition, series, period, value, threshold, comparison, fired_at, cleared_at) VALUES
       ('weekly', 'low conversion', 'below', 'store=S02', '2025-12-22', 0.075, 0.2, 'below 0.2', now(), NULL),
       ('weekly', 'revenue down', 'change_pct_below', 'store=S01', '2025-12-15', -20, -15, 'change -20 %', now(), now())`,
    );
    const page = await app.inject({ url: '/' });
    expect(page.body).toContain('Open alerts (1)');
    expect(page.body).toContain('low conversion');
    expect(page.body).toContain('store=S02');
    expect(page.body).toContain('below 0.2');
    expect(page.body).not.toContain('revenue down');
  });
});
