import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  deliverReport,
  describeSmtp,
  formatValue,
  maskSecret,
  parseRecipients,
  parseSmtpUrl,
  reportSubject,
  smtpConfigFromEnv,
  sparklinePng,
  type AlertNotice,
  type MailTransport,
  type ReportSummary,
} from '../../src/index.js';
import { distinctColours, pngSignature, pngSize } from '../charts/pngPixels.js';

const summary: ReportSummary = {
  title: 'kpicast weekly report',
  subtitle: 'last finished week starting 2025-12-22',
  period: '2025-12-22',
  generatedAt: new Date(Date.UTC(2025, 11, 29, 6, 0)),
  locale: 'en',
  cards: [
    { label: 'Revenue (week)', value: 125000, previous: 120000, format: 'currency', history: [100, 110, 90, 125] },
    { label: 'Cancellation rate', value: 6.5, previous: 5, format: 'percent', lowerIsBetter: true, history: [5, 5.5, 5, 6.5] },
    { label: 'Missions (week)', value: 344, previous: null, format: 'number', unit: 'missions', history: [300] },
  ],
};
const alerts: AlertNotice[] = [
  { state: 'fired', rule: 'conversion_low', series: 'store=S01', period: '2025-12-22', value: 0.1212, threshold: 0.15, comparison: 'below 0.15' },
  { state: 'cleared', rule: 'revenue_drop', series: '', period: '2025-12-22', value: 2507, threshold: -15, comparison: 'change -2.1 % vs previous period, threshold -15 %' },
];

function reportDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-mail-'));
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><title>r</title>');
  // a minimal one-page PDF: only its bytes travel here (the SMTP test checks a real report's)
  writeFileSync(join(dir, 'report.pdf'), '%PDF-1.4\n1 0 obj << /Type /Pages /Count 1 >> endobj\n2 0 obj << /Type /Page >> endobj\n%%EOF\n');
  return dir;
}

async function composed(options: { alerts?: AlertNotice[] } = {}): Promise<ParsedMail> {
  const [outcome] = await deliverReport({ reportDir: reportDir(), summary, alerts: options.alerts, email: { to: ['boss@example.com', 'planning@example.com'], smtp: { stream: true } } });
  expect(outcome).toMatchObject({ channel: 'email', status: 'sent', attempts: 1, target: 'boss@example.com, planning@example.com' });
  return simpleParser(outcome.raw!, { keepCidLinks: true });
}

describe('parseSmtpUrl(url, password)', () => {
  it('reads host, port, TLS mode and user; the password comes apart', () => {
    expect(parseSmtpUrl('smtp://reports@mail.example.com:2525?starttls=required', 's3cret')).toEqual({
      host: 'mail.example.com', port: 2525, secure: false, starttls: 'required', user: 'reports', password: 's3cret', from: undefined,
    });
    expect(parseSmtpUrl('smtps://me%40example.com@mail.example.com')).toMatchObject({ port: 465, secure: true, user: 'me@example.com', password: undefined });
    expect(parseSmtpUrl('smtp://mail.example.com')).toMatchObject({ port: 587, starttls: 'auto', user: undefined });
    expect(describeSmtp(parseSmtpUrl('smtps://me@mail.example.com', 'x'))).toBe('smtps://me@mail.example.com:465');
  });

  it('refuses a password in the URL without repeating it, another scheme, an unknown parameter', () => {
    expect(() => parseSmtpUrl('smtp://me:hunter2@mail.example.com')).toThrow(
      'KPICAST_SMTP_URL: got "smtp://me@mail.example.com with a password", allowed: a URL without password; give the password in KPICAST_SMTP_PASSWORD',
    );
    try {
      parseSmtpUrl('smtp://me:hunter2@mail.example.com');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => parseSmtpUrl('http://mail.example.com')).toThrow('KPICAST_SMTP_URL: got "http://mail.example.com", allowed: smtp://user@host:port or smtps://user@host:port');
    expect(() => parseSmtpUrl('smtp://mail.example.com?tls=1')).toThrow('KPICAST_SMTP_URL parameter: got "tls", allowed: starttls, from, ca');
    expect(() => parseSmtpUrl('smtp://mail.example.com?ca=/no/such/ca.pem')).toThrow('KPICAST_SMTP_URL ca: got "/no/such/ca.pem", allowed: a PEM file that exists');
    expect(() => parseSmtpUrl('smtp://mail.example.com?starttls=yes')).toThrow('KPICAST_SMTP_URL starttls: got "yes", allowed: required, never, auto');
  });

  it('smtpConfigFromEnv() takes KPICAST_SMTP_URL and KPICAST_SMTP_PASSWORD, and names the variable when missing', () => {
    expect(smtpConfigFromEnv({ KPICAST_SMTP_URL: 'smtp://u@h:25', KPICAST_SMTP_PASSWORD: 'pw' })).toMatchObject({ host: 'h', port: 25, user: 'u', password: 'pw' });
    expect(() => smtpConfigFromEnv({})).toThrow(/^KPICAST_SMTP_URL: got "", allowed: smtp:\/\/user@host:port/);
  });
});

describe('parseRecipients(list)', () => {
  it('splits on commas and refuses what is not an address, naming the option', () => {
    expect(parseRecipients('a@x.com, b@y.org')).toEqual(['a@x.com', 'b@y.org']);
    expect(() => parseRecipients('a@x.com,bob')).toThrow('--email: got "bob", allowed: email addresses separated by commas');
  });
});

describe('maskSecret(text, secret, user)', () => {
  it('hides the secret as written, URL-encoded and as SMTP AUTH PLAIN sends it', () => {
    const plain = Buffer.from('\0me\0p@ss w').toString('base64');
    expect(maskSecret(`bad p@ss w, p%40ss%20w, ${plain}`, 'p@ss w', 'me')).toBe('bad ***, ***, ***');
  });
});

describe('reportSubject(summary, alerts)', () => {
  it('names the week and counts the alerts of the run', () => {
    expect(reportSubject(summary)).toBe('kpicast weekly report — week of 2025-12-22');
    expect(reportSubject(summary, alerts)).toBe('kpicast weekly report — week of 2025-12-22 · 1 alert fired, 1 alert cleared');
  });
});

describe('sparklinePng(values)', () => {
  it('draws the sparkline as a real PNG at twice its CSS size, transparent where there is no line', async () => {
    const png = sparklinePng([1, 3, 2, 5]);
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 240, height: 64 });
    expect(await distinctColours(png)).toBeGreaterThan(10); // transparent, the line and its anti-aliased edge
    expect(await distinctColours(sparklinePng([1]))).toBe(1); // nothing to draw
  }, 60_000);
});

describe('deliverReport({ email }) with the stream transport', () => {
  it('composes one message: subject, PDF attached, card values inline in table HTML with inline styles, sparklines as cid PNGs, a text part, no script', async () => {
    const mail = await composed();
    expect(mail.subject).toBe('kpicast weekly report — week of 2025-12-22');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('boss@example.com, planning@example.com');
    const html = String(mail.html);
    for (const card of summary.cards) {
      expect(html).toContain(formatValue(card, card.value, 'en'));
      expect(mail.text).toContain(`${card.label}: ${formatValue(card, card.value, 'en')}`);
    }
    expect(html).toContain('▲ +4.2 %');
    expect(html).not.toMatch(/<script|<style|<svg|<link/i);
    expect(html).toMatch(/<table role="presentation"/);
    const pdf = mail.attachments.find((a) => a.filename === 'report.pdf');
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // two cards have a history to draw; the third has one value only, so no image
    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.map((a) => a.cid).sort()).toEqual(['spark-1@kpicast', 'spark-2@kpicast']);
    for (const image of images) {
      expect(image.content.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(html).toContain(`src="cid:${image.cid}"`);
    }
    expect(mail.text).toContain('The full report (charts and forecasts) is attached: report.pdf, 1 page.');
  });

  it('lists the alerts that fired and cleared, with value, threshold and comparison', async () => {
    const mail = await composed({ alerts });
    expect(mail.subject).toBe('kpicast weekly report — week of 2025-12-22 · 1 alert fired, 1 alert cleared');
    expect(mail.text).toContain('FIRED conversion_low · store=S01 · 2025-12-22: 0.121 (threshold 0.15; below 0.15)');
    expect(mail.text).toContain('CLEARED revenue_drop · 2025-12-22: 2,507 (threshold -15; change -2.1 % vs previous period, threshold -15 %)');
    const html = String(mail.html);
    expect(html).toContain('>FIRED</span>');
    expect(html).toContain('>CLEARED</span>');
    expect(html).toContain('below 0.15');
  });
});

describe('deliverReport({ email, retry })', () => {
  const failing = (failures: number, message: string) => {
    let calls = 0;
    const transport: MailTransport = {
      send() {
        calls++;
        return calls <= failures ? Promise.reject(new Error(message)) : Promise.resolve({ messageId: '<ok@test>' });
      },
      close() {},
    };
    return { transport, calls: () => calls };
  };
  const smtp = { host: 'mail.example.com', port: 587, secure: false, starttls: 'auto' as const, user: 'me', password: 'hunter2' };

  it('retries with doubling waits and succeeds on the third attempt', async () => {
    const { transport, calls } = failing(2, 'Connection timeout');
    const waits: number[] = [];
    const [outcome] = await deliverReport({
      reportDir: reportDir(), summary, email: { to: ['a@x.com'], smtp, transport }, retry: { attempts: 4, baseDelayMs: 500, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } },
    });
    expect(outcome).toMatchObject({ status: 'sent', attempts: 3, messageId: '<ok@test>' });
    expect(calls()).toBe(3);
    expect(waits).toEqual([500, 1000]);
  });

  it('stops after the bounded attempts with one line naming the server, never the password', async () => {
    const { transport, calls } = failing(99, 'Invalid login: 535 hunter2 rejected');
    const waits: number[] = [];
    const lines: string[] = [];
    const log = { quiet: false, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), step: async <T>(_: string, fn: () => Promise<T> | T) => fn() };
    const [outcome] = await deliverReport({
      reportDir: reportDir(), summary, email: { to: ['a@x.com'], smtp, transport }, retry: { attempts: 3, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } }, log,
    });
    expect(calls()).toBe(3);
    expect(waits).toEqual([2000, 4000]);
    expect(outcome).toEqual({
      channel: 'email', target: 'a@x.com', status: 'failed', attempts: 3,
      error: 'email to a@x.com via smtp://me@mail.example.com:587: failed after 3 attempts: Invalid login: 535 *** rejected',
    });
    expect(lines).toHaveLength(2);
    expect(JSON.stringify([outcome, lines])).not.toContain('hunter2');
  });
});

describe('deliverReport({ email }) without a report', () => {
  it('an alerts-only message: the alerts, no empty key figures, no word of a missing PDF, no link when none is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-mail-alerts-'));
    const [outcome] = await deliverReport({
      reportDir: dir,
      link: '',
      summary: { title: 'kpicast alerts: weekly', generatedAt: new Date(Date.UTC(2025, 11, 29, 6, 0)), cards: [] },
      alerts,
      email: { to: ['boss@example.com'], smtp: { stream: true } },
    });
    const mail = await simpleParser(outcome.raw!, { keepCidLinks: true });
    expect(mail.subject).toBe('kpicast alerts: weekly — 2025-12-29 · 1 alert fired, 1 alert cleared');
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toBe(
      'kpicast alerts: weekly — 2025-12-29 · 1 alert fired, 1 alert cleared\ngenerated 2025-12-29 06:00 UTC\n\nAlerts\n' +
        '  FIRED conversion_low · store=S01 · 2025-12-22: 0.121 (threshold 0.15; below 0.15)\n' +
        '  CLEARED revenue_drop · 2025-12-22: 2,507 (threshold -15; change -2.1 % vs previous period, threshold -15 %)\n',
    );
    expect(String(mail.html)).not.toMatch(/Key figures|attached|Report:/);
  });
});
