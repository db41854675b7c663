import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, loadPipelineFile, openAlerts, runPipeline, type PipelineSummary, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

/**
 * Planted data: a shop chain with two stores, daily orders and visitors, one CSV per week in an
 * inbox folder. Every week S01 has 175 orders for 700 visitors and S02 140 orders for 560
 * visitors (conversion 0.25 each; the days vary, the weeks do not). Planted:
 * - week 20: S02's orders fall to 42 (conversion 42 / 560 = 0.075, orders -70 % on week 19);
 * - week 21: S02 recovers and S01 sells 420: the total, 560, far above its forecast (a mean
 *   of 20 weeks near 310);
 * - then no file for 10 days;
 * - week 22: both stores as usual (total 315; S01 -58 % on its surge, within the rule's -60 %).
 */
const monday = new Date('2025-06-02T00:00:00Z');
const weekStart = (week: number) => {
  const d = new Date(monday);
  d.setUTCDate(d.getUTCDate() + 7 * (week - 1));
  return d.toISOString().slice(0, 10);
};
const wiggle = [-2, -1, 0, 1, 2, 0, 0]; // sums to 0: the days vary, the weeks do not

function weekCsv(week: number, perDay: { S01: [number, number]; S02: [number, number] }): string {
  const lines = ['store,day,orders,visitors'];
  for (let i = 0; i < 7; i++) {
    const d = new Date(monday);
    d.setUTCDate(d.getUTCDate() + 7 * (week - 1) + i);
    for (const store of ['S01', 'S02'] as const) {
      const [orders, visitors] = perDay[store];
      lines.push(`${store},${d.toISOString().slice(0, 10)},${orders + wiggle[i]},${visitors}`);
    }
  }
  return lines.join('\n') + '\n';
}
const usual = { S01: [25, 100] as [number, number], S02: [20, 80] as [number, number] };

const pipeline = `name: shop-alerts
sources:
  - inbox: incoming/*.csv
    table: shop_days
    key: [store, day]
build: no
forecast:
  - { metric: orders, model: shop.yml, h: 2, models: [mean] }
alerts:
  - name: low conversion
    model: shop.yml
    metric: conversion_rate
    by: store
    condition: below
    value: 0.15
  - name: orders down
    model: shop.yml
    metric: orders
    by: store
    condition: change_pct_below
    value: -60
  - name: orders off forecast
    model: shop.yml
    metric: orders
    condition: outside_forecast
    level: 80
  - { name: stale inbox, condition: missing_data, source: shop_days, days: 7 }
deliver:
  email: { to: planning@example.com }
`;

const day = 86_400_000;

describe.each(backends)('runPipeline(alert rules on planted data) on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  let server: SMTPServer;
  const mails: ParsedMail[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-alerts-'));
  const inbox = join(dir, 'incoming');
  const runs: PipelineSummary[] = [];
  const mailsAfter: number[] = [];
  let env: NodeJS.ProcessEnv;

  const run = async (offsetDays = 0) => {
    const summary = await runPipeline(warehouse, loadPipelineFile(join(dir, 'kpicast.yml')), { env, now: new Date(Date.now() + offsetDays * day), retry: { sleep: async () => {} } });
    runs.push(summary);
    mailsAfter.push(mails.length);
    return summary;
  };

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      onData: (stream, _session, callback) => {
        simpleParser(stream).then((mail) => {
          mails.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const port = (server.server.address() as { port: number }).port;
    env = { KPICAST_SMTP_URL: `smtp://planner@127.0.0.1:${port}?starttls=never`, KPICAST_SMTP_PASSWORD: 'hunter2-secret' };

    mkdirSync(inbox);
    copyFileSync(resolve('tests/fixtures/pipeline/shop-model.yml'), join(dir, 'shop.yml'));
    writeFileSync(join(dir, 'kpicast.yml'), pipeline);
    for (let week = 1; week <= 19; week++) writeFileSync(join(inbox, `week-${String(week).padStart(2, '0')}.csv`), weekCsv(week, usual));
    writeFileSync(join(inbox, 'week-20.csv'), weekCsv(20, { S01: [25, 100], S02: [6, 80] }));
    await run(); // A: weeks 1-20
    await run(); // B: the same files
    writeFileSync(join(inbox, 'week-21.csv'), weekCsv(21, { S01: [60, 100], S02: [20, 80] }));
    await run(); // C: week 21
    await run(10); // D: no file for 10 days
    writeFileSync(join(inbox, 'week-22.csv'), weekCsv(22, usual));
    await run(); // E: week 22, data recovered
  }, 600_000);
  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await cleanup?.();
  });

  const fired = (i: number) => runs[i].alerts.fired.map((c) => [c.rule, c.series, c.period, c.value, c.threshold]);
  const cleared = (i: number) => runs[i].alerts.cleared.map((c) => [c.rule, c.series]);

  it('the first run loads every week and fires exactly the planted drop: low conversion and orders down at S02, week 20', () => {
    expect(runs[0].status).toBe('succeeded');
    expect(runs[0].loads.filter((l) => l.status === 'loaded')).toHaveLength(20);
    expect(fired(0)).toEqual([
      ['low conversion', 'store=S02', weekStart(20), 42 / 560, 0.15],
      ['orders down', 'store=S02', weekStart(20), expect.closeTo((42 / 140 - 1) * 100, 9), -60],
    ]);
    expect(runs[0].alerts.fired[1].comparison).toBe('change -70 % vs previous period (42 against 140), below -60 %');
    // the stale-data rule holds: data came in this run
    expect(runs[0].alerts.checks.find((c) => c.rule === 'stale inbox')).toMatchObject({ firing: false, value: 0 });
  });

  it('a second run with the same files loads nothing, says why, and sends no alert again', () => {
    expect(runs[1].loads.map((l) => l.status)).toEqual(Array(20).fill('skipped'));
    expect(runs[1].loads[0].reason).toMatch(/^already loaded \(same SHA-256 [0-9a-f]{12}…, load run \d+\)$/);
    expect(runs[1].nothingNew).toBe(true);
    expect(fired(1)).toEqual([]);
    expect(runs[1].notices).toEqual([]);
    expect(runs[1].alerts.open).toBe(2);
  });

  it('the week pushed outside its forecast fires outside_forecast with the stored 80 % bound; the recovery clears the drop alerts', async () => {
    const { rows } = await warehouse.query<{ hi_80: number; run_at: Date }>(
      `SELECT hi_80, run_at FROM forecasts WHERE unique_id = 'orders' AND ds = $1::date ORDER BY run_at DESC LIMIT 1`,
      [weekStart(21)],
    );
    expect(fired(2)).toEqual([['orders off forecast', '', weekStart(21), 560, rows[0].hi_80]]);
    expect(runs[2].alerts.fired[0].comparison).toMatch(/^above the 80 % interval [\d.]+ – [\d.]+ \(forecast [\d.]+\)$/);
    expect(cleared(2).sort()).toEqual([['low conversion', 'store=S02'], ['orders down', 'store=S02']]);
    expect(runs[2].loads.filter((l) => l.status === 'loaded').map((l) => l.file.split('/').pop())).toEqual(['week-21.csv']);
  });

  it('a source left without files for 10 days fires missing_data (10 days, limit 7); the open forecast alert is not sent again', () => {
    expect(fired(3)).toEqual([['stale inbox', 'shop_days', expect.any(String), 10, 7]]);
    expect(runs[3].alerts.fired[0].comparison).toBe('no new data for 10 days, more than 7');
    expect(runs[3].notices.map((n) => [n.state, n.rule])).toEqual([['fired', 'stale inbox']]);
  });

  it('a run after the data recover clears the forecast and stale-data alerts; none stays open', async () => {
    expect(fired(4)).toEqual([]);
    expect(cleared(4).sort()).toEqual([['orders off forecast', ''], ['stale inbox', 'shop_days']]);
    expect(await openAlerts(warehouse, 'shop-alerts')).toEqual([]);
  });

  it('each alert is emailed once when it fires and once when it clears: one email per run with news, none otherwise', () => {
    expect(mailsAfter).toEqual([1, 1, 2, 3, 4]);
    const lines = (m: ParsedMail) => (m.text ?? '').split('\n').filter((l) => /^(FIRED|CLEARED) /.test(l.trim())).map((l) => l.trim());
    expect(lines(mails[0])).toHaveLength(2);
    expect(lines(mails[0])[0]).toMatch(/^FIRED low conversion · store=S02 · 2025-10-13: 0\.075 \(threshold 0\.15; below 0\.15\)$/);
    expect(lines(mails[1]).map((l) => l.split(':')[0]).sort()).toEqual([
      'CLEARED low conversion · store=S02 · 2025-10-20',
      'CLEARED orders down · store=S02 · 2025-10-20',
      'FIRED orders off forecast · 2025-10-20',
    ]);
    expect(lines(mails[2]).map((l) => l.split(':')[0])).toEqual([expect.stringMatching(/^FIRED stale inbox · shop_days · \d{4}-\d{2}-\d{2}$/)]);
    expect(lines(mails[3]).map((l) => l.split(' · ')[0]).sort()).toEqual(['CLEARED orders off forecast', 'CLEARED stale inbox']);
    for (const m of mails) expect(m.to && !Array.isArray(m.to) ? m.to.text : '').toBe('planning@example.com');
  });

  it('runs records every run and step; kpicast runs <id> shows the loads, the forecast, the alerts and the delivery; no password anywhere', async () => {
    const listed = await listRuns(warehouse, 10);
    expect(listed.map((r) => r.runId)).toEqual(runs.map((r) => r.runId).reverse());
    expect(listed.every((r) => r.pipeline === 'shop-alerts' && r.trigger === 'manual' && r.status === 'succeeded' && r.finishedAt !== null)).toBe(true);
    const first = await getRun(warehouse, runs[0].runId);
    expect(first.steps.map((s) => s.kind)).toEqual([...Array<string>(20).fill('load'), 'forecast', 'alerts', 'delivery']);
    expect(first.steps[0]).toMatchObject({ name: 'shop_days: week-01.csv', status: 'succeeded', rowsRead: 14, rowsWritten: 14 });
    expect(first.steps[21]).toMatchObject({ kind: 'alerts', rowsWritten: 2, detail: '2 fired, 0 cleared, 2 open' });
    expect(first.steps[22]).toMatchObject({ name: 'email → planning@example.com', status: 'succeeded', rowsWritten: 2 });
    const second = await getRun(warehouse, runs[1].runId);
    expect(second.steps.filter((s) => s.kind === 'load').every((s) => s.status === 'skipped')).toBe(true);
    expect(second.steps.some((s) => s.kind === 'delivery')).toBe(false);
    const dump = await warehouse.query<{ t: string }>("SELECT string_agg(r::text, ' ') AS t FROM (SELECT * FROM runs) r UNION ALL SELECT string_agg(s::text, ' ') FROM run_steps s UNION ALL SELECT string_agg(a::text, ' ') FROM alerts a");
    expect(dump.rows.map((r) => r.t).join(' ')).not.toContain('hunter2-secret');
  });
});
