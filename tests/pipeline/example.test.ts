import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRun, kpis, loadPipelineFile, retail, runPipeline, type PipelineConfig, type PipelineSummary, type Warehouse } from '../../src/index.js';
import { testWarehouse } from '../helpers/backends.js';

// The README's pipeline file, run as committed (only the report goes to a scratch folder).
describe('runPipeline(data/examples/kpicast.yml) with deliver: and alerts:, twice, on embedded PGlite', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  let server: SMTPServer;
  const mails: ParsedMail[] = [];
  const runs: PipelineSummary[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'kpicast-example-'));
  let config: PipelineConfig;
  const mailsAfter: number[] = [];

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse('pglite'));
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
    const env = { KPICAST_SMTP_URL: `smtp://reports@127.0.0.1:${port}?starttls=never`, KPICAST_SMTP_PASSWORD: 'hunter2-secret' };
    const committed = loadPipelineFile('data/examples/kpicast.yml');
    config = { ...committed, report: { ...committed.report!, out: join(scratch, 'report') } };
    runs.push(await runPipeline(warehouse, config, { env }));
    mailsAfter.push(mails.length);
    runs.push(await runPipeline(warehouse, config, { env }));
    mailsAfter.push(mails.length);
  }, 900_000);
  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await cleanup?.();
  });

  it('the file declares delivery by email and at least two alert rules', () => {
    expect(config.deliver?.email?.to).toEqual(['planning@example.com']);
    expect(config.alerts.length).toBeGreaterThanOrEqual(2);
    expect(config.report?.pdf).toBe(true);
  });

  it('the first run loads the sample, builds, forecasts, writes the report and its PDF, and succeeds', () => {
    expect(runs[0].status).toBe('succeeded');
    expect(runs[0].loads.every((l) => l.status === 'loaded')).toBe(true);
    expect(runs[0].build?.ok).toBe(true);
    expect(runs[0].forecasts.map((f) => [f.name, f.series])).toEqual([['staffing/missions', 1], ['retail/revenue/store', 8]]);
    expect(runs[0].report?.pdf).toBe(join(scratch, 'report', 'report.pdf'));
  });

  it('the first run fires the alerts the library\'s KPIs call for: S07\'s conversion, S02\'s and S07\'s revenue in the week of 2025-12-22', async () => {
    // the sample's last finished week is 2025-12-22 (it ends on Sunday 2025-12-28)
    const { frame } = await kpis(warehouse, retail, { metrics: ['conversion_rate', 'revenue'], grain: 'week', by: ['store'], from: '2025-12-22', to: '2025-12-28', compare: 'previous_period' });
    const rows = frame.toRecords() as Array<Record<string, number | string>>;
    const low = rows.filter((r) => (r.conversion_rate as number) < 0.2);
    const down = rows.filter((r) => (r.revenue_delta_pct as number) * 100 < -25);
    expect(low.map((r) => r.store)).toEqual(['S07']);
    expect(down.map((r) => r.store)).toEqual(['S02', 'S07']);
    expect(runs[0].alerts.fired.map((c) => [c.rule, c.series, c.period, c.value])).toEqual([
      ['low conversion', 'store=S07', '2025-12-22', low[0].conversion_rate],
      ['revenue down week on week', 'store=S02', '2025-12-22', (down[0].revenue_delta_pct as number) * 100],
      ['revenue down week on week', 'store=S07', '2025-12-22', (down[1].revenue_delta_pct as number) * 100],
    ]);
  });

  it('the first run sends ONE email: the PDF attached (its text has the KPI cards) and the fired alerts in the body', () => {
    expect(runs[0].deliveries.map((d) => [d.channel, d.status])).toEqual([['email', 'sent']]);
    expect(mailsAfter[0]).toBe(1);
    const first = mails.slice(0, 1);
    expect(`<${first[0].messageId}>`.replace(/^<</, '<').replace(/>>$/, '>')).toBe(runs[0].deliveries[0].messageId);
    const pdf = first[0].attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(scratch, 'attached.pdf'), pdf!.content);
    expect(execFileSync('pdftotext', [join(scratch, 'attached.pdf'), '-'], { encoding: 'utf8' })).toMatch(/conversion rate/i);
    const alertLines = (first[0].text ?? '').split('\n').map((l) => l.trim()).filter((l) => /^(FIRED|CLEARED) /.test(l));
    expect(alertLines.map((l) => l.split(':')[0])).toEqual([
      'FIRED low conversion · store=S07 · 2025-12-22', 'FIRED revenue down week on week · store=S02 · 2025-12-22', 'FIRED revenue down week on week · store=S07 · 2025-12-22',
    ]);
    expect(first[0].subject).toMatch(/3 alerts fired/);
  });

  it('a second identical run loads nothing new, sends the report again and no alert', async () => {
    expect(runs[1].status).toBe('succeeded');
    expect(runs[1].loads.every((l) => l.status === 'skipped')).toBe(true);
    expect(runs[1].alerts.fired).toEqual([]);
    expect(runs[1].alerts.open).toBe(3);
    expect(runs[1].notices).toEqual([]);
    expect(mailsAfter).toEqual([1, 2]);
    expect((mails[1].text ?? '').split('\n').some((l) => /^\s*(FIRED|CLEARED) /.test(l))).toBe(false);
    expect(mails[1].subject).not.toMatch(/alert/);
    const second = await getRun(warehouse, runs[1].runId);
    expect(second.steps.filter((s) => s.kind === 'load').map((s) => s.status)).toEqual(Array(13).fill('skipped'));
    expect(second.steps.filter((s) => s.kind === 'delivery').map((s) => [s.name, s.status, s.rowsWritten])).toEqual([['email → planning@example.com', 'succeeded', 0]]);
  });
});
