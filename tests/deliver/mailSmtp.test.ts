import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverReport, formatValue, openSampleWarehouse, parseSmtpUrl, reportData, writeReport, type ReportData } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';

const password = 'correct horse:battery@staple';

/** An SMTP server on 127.0.0.1, port 0: it checks the login and keeps every message it accepts. */
async function startSmtp() {
  const messages: Array<{ raw: Buffer; from: string; to: string[] }> = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (auth.username === 'reports' && auth.password === password) callback(null, { user: 'reports' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          raw: Buffer.concat(chunks),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, messages, logins, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** A port nothing listens on (one just released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** Captures stdout and stderr of a CLI run. */
async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true));
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true));
  try {
    const code = await runCli(['node', 'kpicast', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('deliverReport({ email }) through a real SMTP server', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'kpicast-smtp-db-')), 'db');
  const reportDir = join(mkdtempSync(join(tmpdir(), 'kpicast-smtp-')), 'report');
  let data: ReportData;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    const warehouse = await openSampleWarehouse(db);
    try {
      data = await reportData(warehouse);
    } finally {
      await warehouse.close();
    }
    await writeReport(reportDir, data, { png: false, pdf: true });
  }, 300_000);
  afterAll(async () => smtp?.close());

  it('kpicast report --email: the message arrives, logged in with user and password; the PDF attached is real and its text has the KPI values the library computes', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kpicast-smtp-cli-')), 'report');
    const before = smtp.messages.length;
    const run = await cli(['--quiet', '--db', db, 'report', '--out', out, '--no-png', '--email', 'boss@example.com,planning@example.com'], {
      KPICAST_SMTP_URL: `smtp://reports@127.0.0.1:${smtp.port}?starttls=never&from=kpicast%20%3Creports%40example.com%3E`,
      KPICAST_SMTP_PASSWORD: password,
    });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toBe(`${join(out, 'index.html')}\n${join(out, 'report.pdf')}\n`);
    expect(smtp.messages.length - before).toBe(1);
    const message = smtp.messages.at(-1)!;
    expect(message.from).toBe('reports@example.com');
    expect(message.to).toEqual(['boss@example.com', 'planning@example.com']);
    expect(smtp.logins.at(-1)).toBe('reports');
    expect(message.raw.toString('latin1')).not.toContain(password);

    const mail = await simpleParser(message.raw, { keepCidLinks: true });
    expect(mail.subject).toBe(`kpicast weekly report — week of ${data.period}`);
    const pdf = mail.attachments.find((a) => a.filename === 'report.pdf');
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(out, 'received.pdf');
    writeFileSync(file, pdf!.content);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const html = String(mail.html);
    expect(data.cards).toHaveLength(8);
    for (const card of data.cards) {
      const value = formatValue(card, card.value, 'en');
      expect(text, card.label).toContain(value);
      expect(html, card.label).toContain(value);
      expect(mail.text, card.label).toContain(`${card.label}: ${value}`);
    }
    expect(html).not.toMatch(/<script/i);
    expect(mail.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(8);
  }, 240_000);

  it('a wrong password: 3 attempts with backoff (no wall-clock wait), then one line naming the server and the refusal, never the password', async () => {
    const before = { messages: smtp.messages.length, logins: smtp.logins.length };
    const waits: number[] = [];
    const wrong = 'not-the-password';
    const [outcome] = await deliverReport({
      reportDir,
      summary: data,
      email: { to: ['boss@example.com'], smtp: parseSmtpUrl(`smtp://reports@127.0.0.1:${smtp.port}?starttls=never`, wrong) },
      retry: { attempts: 3, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } },
    });
    expect(smtp.logins.length - before.logins).toBe(3);
    expect(smtp.messages.length).toBe(before.messages);
    expect(waits).toEqual([2000, 4000]);
    expect(outcome.status).toBe('failed');
    expect(outcome.attempts).toBe(3);
    expect(outcome.error).toMatch(new RegExp(`^email to boss@example.com via smtp://reports@127.0.0.1:${smtp.port}: failed after 3 attempts: Invalid login: 535 Invalid username or password$`));
    expect(JSON.stringify(outcome)).not.toContain(wrong);
  }, 60_000);

  it('a closed port: bounded attempts, then the refused connection named', async () => {
    const port = await closedPort();
    const waits: number[] = [];
    const [outcome] = await deliverReport({
      reportDir,
      summary: data,
      email: { to: ['boss@example.com'], smtp: parseSmtpUrl(`smtp://reports@127.0.0.1:${port}`, password) },
      retry: { attempts: 2, baseDelayMs: 10, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } },
    });
    expect(waits).toEqual([10]);
    expect(outcome).toMatchObject({ channel: 'email', status: 'failed', attempts: 2 });
    expect(outcome.error).toBe(`email to boss@example.com via smtp://reports@127.0.0.1:${port}: failed after 2 attempts: connect ECONNREFUSED 127.0.0.1:${port}`);
  }, 60_000);

  it('kpicast report --email with a refused login: the report stays written, exit 1, one line without the password', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kpicast-smtp-cli-')), 'report');
    const run = await cli(['--quiet', '--db', db, 'report', '--out', out, '--no-png', '--email', 'boss@example.com', '--retries', '1'], {
      KPICAST_SMTP_URL: `smtp://reports@127.0.0.1:${smtp.port}?starttls=never`,
      KPICAST_SMTP_PASSWORD: 'wrong secret',
    });
    expect(run.code).toBe(1);
    expect(existsSync(join(out, 'report.pdf'))).toBe(true);
    expect(run.err).toBe(`kpicast: email to boss@example.com via smtp://reports@127.0.0.1:${smtp.port}: failed after 1 attempt: Invalid login: 535 Invalid username or password\n`);
    expect(run.err + run.out).not.toContain('wrong secret');
  }, 240_000);
});
