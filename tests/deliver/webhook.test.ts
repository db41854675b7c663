import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverReport, formatValue, webhookTarget, type ReportSummary, type ReportWebhookBody } from '../../src/index.js';

const summary: ReportSummary = {
  title: 'kpicast weekly report',
  period: '2025-12-22',
  generatedAt: new Date(Date.UTC(2025, 11, 29, 6, 0)),
  locale: 'en',
  cards: [
    { label: 'Revenue (week)', value: 125000, previous: 120000, format: 'currency' },
    { label: 'Cancellation rate', value: 6.5, previous: 5, format: 'percent', lowerIsBetter: true },
    { label: 'Fill rate', value: null, format: 'percent' },
  ],
};

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** An HTTP server on 127.0.0.1, port 0, answering each POST with the next status of `statuses` (the last one repeated). */
async function hook(statuses: number[]): Promise<{ url: string; bodies: unknown[]; headers: IncomingHttpHeaders[] }> {
  const bodies: unknown[] = [];
  const headers: IncomingHttpHeaders[] = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      headers.push(request.headers);
      response.statusCode = statuses[Math.min(bodies.length - 1, statuses.length - 1)];
      response.end('{}');
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T0/secret-token?sig=abc`, bodies, headers };
}

function reportDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-hook-'));
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html>');
  writeFileSync(join(dir, 'report.pdf'), '%PDF-1.4\n%%EOF\n');
  return dir;
}

describe('deliverReport({ webhook })', () => {
  it('posts the KPI values, the alerts of the run and where the report is, as JSON; retries a 503 with backoff', async () => {
    const { url, bodies, headers } = await hook([503, 502, 200]);
    const waits: number[] = [];
    const dir = reportDir();
    const [outcome] = await deliverReport({
      reportDir: dir,
      summary,
      link: 'https://reports.example.com/weekly/',
      alerts: [{ state: 'fired', rule: 'fill_low', series: 'hotel=H1', period: '2025-12-22', value: 0.81, threshold: 0.9, comparison: 'below 0.9', extra: 'kept out' } as never],
      webhook: { url, headers: { authorization: 'Bearer t0ken' } },
      retry: { attempts: 3, baseDelayMs: 100, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } },
    });
    expect(outcome).toEqual({ channel: 'webhook', target: `http://127.0.0.1:${new URL(url).port}/…`, status: 'sent', attempts: 3 });
    expect(waits).toEqual([100, 200]);
    expect(bodies).toHaveLength(3);
    expect(headers[2]['content-type']).toBe('application/json');
    expect(headers[2].authorization).toBe('Bearer t0ken');
    const body = bodies[2] as ReportWebhookBody;
    expect(body).toEqual({
      event: 'report',
      title: 'kpicast weekly report',
      period: '2025-12-22',
      generatedAt: '2025-12-29T06:00:00.000Z',
      report: { index: join(dir, 'index.html'), pdf: join(dir, 'report.pdf'), link: 'https://reports.example.com/weekly/' },
      kpis: [
        { label: 'Revenue (week)', value: 125000, previous: 120000, formatted: formatValue(summary.cards[0], 125000, 'en'), change: '+4.2 %', direction: 'up', tone: 'good' },
        { label: 'Cancellation rate', value: 6.5, previous: 5, formatted: '6.5 %', change: '+1.5 pt', direction: 'up', tone: 'bad' },
        { label: 'Fill rate', value: null, previous: null, formatted: '–', change: '', direction: 'none', tone: 'neutral' },
      ],
      alerts: [{ state: 'fired', rule: 'fill_low', series: 'hotel=H1', period: '2025-12-22', value: 0.81, threshold: 0.9, comparison: 'below 0.9' }],
    });
  });

  it('gives up at once on a 4xx other than 408 and 429, naming the host, not the secret path', async () => {
    const { url, bodies } = await hook([404]);
    const [outcome] = await deliverReport({ reportDir: reportDir(), summary, webhook: { url }, retry: { attempts: 3, sleep: async () => {} } });
    expect(bodies).toHaveLength(1);
    const target = `http://127.0.0.1:${new URL(url).port}/…`;
    expect(outcome).toEqual({ channel: 'webhook', target, status: 'failed', attempts: 1, error: `webhook ${target}: HTTP 404: failed after 1 attempt` });
    expect(JSON.stringify(outcome)).not.toContain('secret-token');
  });

  it('stops after the bounded attempts when the server keeps failing', async () => {
    const { url, bodies } = await hook([500]);
    const waits: number[] = [];
    const [outcome] = await deliverReport({ reportDir: reportDir(), summary, webhook: { url }, retry: { attempts: 4, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } } });
    expect(bodies).toHaveLength(4);
    expect(waits).toEqual([2000, 4000, 8000]);
    expect(outcome).toMatchObject({ status: 'failed', attempts: 4, error: `webhook ${webhookTarget(url)}: HTTP 500: failed after 4 attempts` });
  });

  it('an email that fails does not stop the webhook', async () => {
    const { url, bodies } = await hook([200]);
    const outcomes = await deliverReport({
      reportDir: reportDir(),
      summary,
      email: { to: ['a@x.com'], smtp: { stream: true }, transport: { send: async () => Promise.reject(new Error('boom')), close() {} } },
      webhook: { url },
      retry: { attempts: 1 },
    });
    expect(outcomes.map((o) => [o.channel, o.status])).toEqual([
      ['email', 'failed'],
      ['webhook', 'sent'],
    ]);
    expect(bodies).toHaveLength(1);
  });
});

describe('webhookTarget(url)', () => {
  it('keeps scheme, host and port only', () => {
    expect(webhookTarget('https://hooks.slack.com/services/T0/B0/XXXX')).toBe('https://hooks.slack.com/…');
    expect(webhookTarget('https://example.com')).toBe('https://example.com');
  });
});
