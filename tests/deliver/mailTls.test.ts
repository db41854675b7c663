import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverReport, parseSmtpUrl, type ReportSummary } from '../../src/index.js';

const password = 'tls-only-secret';
const summary: ReportSummary = { title: 'kpicast weekly report', period: '2025-12-22', locale: 'en', cards: [{ label: 'Revenue (week)', value: 2507, previous: 3538, format: 'currency' }] };
const dir = mkdtempSync(join(tmpdir(), 'kpicast-tls-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');
let servers: SMTPServer[] = [];

beforeAll(() => {
  // a certificate for 127.0.0.1, made for this test; the client trusts it through ?ca=
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html>');
});
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done()))));
  servers = [];
});

async function start(options: SMTPServerOptions) {
  const sessions: Array<{ secure: boolean; user?: string }> = [];
  const server = new SMTPServer({
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    logger: false,
    ...options,
    onAuth(auth, session, callback) {
      sessions.push({ secure: session.secure, user: auth.username });
      if (auth.username === 'reports' && auth.password === password) callback(null, { user: 'reports' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.server.address() as AddressInfo).port, sessions };
}

describe('deliverReport({ email }) over TLS', () => {
  it('smtps:// logs in and sends over TLS from the first byte', async () => {
    const { port, sessions } = await start({ secure: true });
    const [outcome] = await deliverReport({
      reportDir: dir, summary, retry: { attempts: 1 },
      email: { to: ['boss@example.com'], smtp: parseSmtpUrl(`smtps://reports@127.0.0.1:${port}?ca=${encodeURIComponent(certFile)}`, password) },
    });
    expect(outcome).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sessions).toEqual([{ secure: true, user: 'reports' }]);
  });

  it('smtp://…?starttls=required upgrades before logging in', async () => {
    const { port, sessions } = await start({ secure: false });
    const [outcome] = await deliverReport({
      reportDir: dir, summary, retry: { attempts: 1 },
      email: { to: ['boss@example.com'], smtp: parseSmtpUrl(`smtp://reports@127.0.0.1:${port}?starttls=required&ca=${encodeURIComponent(certFile)}`, password) },
    });
    expect(outcome).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sessions).toEqual([{ secure: true, user: 'reports' }]);
  });

  it('starttls=required refuses a server without STARTTLS: nothing sent, the password never offered', async () => {
    const { port, sessions } = await start({ secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    const [outcome] = await deliverReport({
      reportDir: dir, summary, retry: { attempts: 1 },
      email: { to: ['boss@example.com'], smtp: parseSmtpUrl(`smtp://reports@127.0.0.1:${port}?starttls=required`, password) },
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/^email to boss@example.com via smtp:\/\/reports@127.0.0.1:\d+: failed after 1 attempt: .*STARTTLS/);
    expect(sessions).toEqual([]);
  });
});
