import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { OptionError } from '../errors.js';

/** How an SMTP connection uses TLS after a plain start: `required` (STARTTLS or fail), `never`, or `auto` (when the server offers it). */
export type StartTls = 'required' | 'never' | 'auto';

/** Where and how to send mail. The password is kept out of every text kpicast writes. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps://`, usually port 465). */
  secure: boolean;
  /** STARTTLS on a plain connection (`smtp://`); ignored when `secure`. */
  starttls: StartTls;
  user?: string;
  password?: string;
  /** The sender; default `kpicast <user>` when the user is an address, else `kpicast@<host>`. */
  from?: string;
  /** A PEM file of the certificate authority to trust for this server (a company's own CA); default the system's. */
  ca?: string;
  /** Seconds to wait for the connection, the greeting and each reply; default 30. */
  timeoutSeconds?: number;
}

/** One attachment: a file's bytes, with a `cid` when the HTML body shows it inline (`<img src="cid:…">`). */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  cid?: string;
}

/** A message as kpicast composes it, before any transport. */
export interface MailMessage {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  attachments: readonly MailAttachment[];
}

/** What a transport says of a message it took. */
export interface SentMail {
  messageId: string;
  /** The whole RFC 822 message, for the stream transport (tests, `--dry-run`). */
  raw?: Buffer;
}

/** Sends messages; one interface over SMTP and an in-memory stream for tests. */
export interface MailTransport {
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

const defaultPorts = { smtp: 587, smtps: 465 } as const;

/**
 * Reads an SMTP URL: `smtp://user@host:port` (plain, then STARTTLS when offered) or
 * `smtps://user@host:port` (TLS from the start); `?starttls=required|never|auto`,
 * `?from=…` and `?ca=/path/ca.pem` (a certificate authority to trust) are the options. The password comes apart (`KPICAST_SMTP_PASSWORD`); one
 * written in the URL is refused, so it never sits in a pipeline file or a shell history.
 * The user may be percent-encoded (`me%40example.com`).
 *
 * @example
 * parseSmtpUrl('smtp://reports@mail.example.com:587?starttls=required', 'secret');
 * // => { host: 'mail.example.com', port: 587, secure: false, starttls: 'required', user: 'reports', password: 'secret' }
 */
export function parseSmtpUrl(url: string, password?: string, option = 'KPICAST_SMTP_URL'): SmtpConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OptionError(option, url.replace(/\/\/[^@/]*@/, '//…@'), 'smtp://user@host:port or smtps://user@host:port');
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  const shown = `${scheme}://${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}`;
  if (scheme !== 'smtp' && scheme !== 'smtps') throw new OptionError(option, shown, 'smtp://user@host:port or smtps://user@host:port');
  if (parsed.password) {
    throw new OptionError(option, `${shown} with a password`, 'a URL without password; give the password in KPICAST_SMTP_PASSWORD');
  }
  if (!parsed.hostname) throw new OptionError(option, shown, 'a URL with a host: smtp://user@host:port');
  const starttls = parsed.searchParams.get('starttls') ?? 'auto';
  if (starttls !== 'required' && starttls !== 'never' && starttls !== 'auto') throw new OptionError(`${option} starttls`, starttls, 'required, never, auto');
  for (const key of parsed.searchParams.keys()) {
    if (key !== 'starttls' && key !== 'from' && key !== 'ca') throw new OptionError(`${option} parameter`, key, 'starttls, from, ca');
  }
  const ca = parsed.searchParams.get('ca') ?? undefined;
  if (ca !== undefined && !existsSync(ca)) throw new OptionError(`${option} ca`, ca, 'a PEM file that exists');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : defaultPorts[scheme],
    secure: scheme === 'smtps',
    starttls,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: password || undefined,
    from: parsed.searchParams.get('from') ?? undefined,
    ...(ca !== undefined ? { ca } : {}),
  };
}

/**
 * The SMTP configuration of the environment: `KPICAST_SMTP_URL` (see {@link parseSmtpUrl})
 * and `KPICAST_SMTP_PASSWORD`. Throws an {@link OptionError} naming the variable when the
 * URL is missing or wrong.
 *
 * @example
 * smtpConfigFromEnv({ KPICAST_SMTP_URL: 'smtps://me@mail.example.com', KPICAST_SMTP_PASSWORD: 's3cret' }).port; // => 465
 */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig {
  const url = env.KPICAST_SMTP_URL;
  if (!url) throw new OptionError('KPICAST_SMTP_URL', url ?? '', 'smtp://user@host:port or smtps://user@host:port (and the password in KPICAST_SMTP_PASSWORD)');
  return parseSmtpUrl(url, env.KPICAST_SMTP_PASSWORD);
}

/**
 * The server as it may be shown: `smtp://user@host:port`, never the password.
 *
 * @example
 * describeSmtp(parseSmtpUrl('smtps://me@mail.example.com', 'x')); // => 'smtps://me@mail.example.com:465'
 */
export function describeSmtp(config: SmtpConfig): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `${config.secure ? 'smtps' : 'smtp'}://${config.user ? `${config.user}@` : ''}${host}:${config.port}`;
}

/**
 * `text` with every trace of `secret` replaced by `***`: the secret itself, URL-encoded, and
 * in base64 as SMTP AUTH PLAIN and LOGIN send it. For error messages of libraries that may
 * echo what they sent.
 *
 * @example
 * maskSecret('auth failed for s3cret', 's3cret'); // => 'auth failed for ***'
 */
export function maskSecret(text: string, secret: string | undefined, user?: string): string {
  if (!secret) return text;
  const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  if (user !== undefined) {
    forms.add(Buffer.from(`\0${user}\0${secret}`).toString('base64'));
    forms.add(Buffer.from(`${user}\0${user}\0${secret}`).toString('base64'));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  return out;
}

/** Where {@link createTransport} sends: an SMTP server, or an in-memory stream that returns the raw message. */
export type TransportConfig = SmtpConfig | { stream: true };

/**
 * A mail transport (nodemailer underneath): SMTP with the given host, port, TLS mode and
 * login, or `{ stream: true }` which sends nothing and returns each message's raw RFC 822
 * text (for tests and previews). Errors are thrown with the password masked.
 *
 * @example
 * const transport = createTransport(smtpConfigFromEnv());
 * await transport.send(message); // => { messageId: '<…@kpicast>' }
 */
export function createTransport(config: TransportConfig): MailTransport {
  // loaded by the commands that send mail, not by every command
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
  if ('stream' in config) {
    const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      async send(message) {
        const info = await transporter.sendMail(toNodemailer(message));
        return { messageId: info.messageId, raw: info.message as Buffer };
      },
      close: () => transporter.close(),
    };
  }
  const timeout = (config.timeoutSeconds ?? 30) * 1000;
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: !config.secure && config.starttls === 'required',
    ignoreTLS: !config.secure && config.starttls === 'never',
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    tls: config.ca ? { ca: readFileSync(config.ca) } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
  });
  return {
    async send(message) {
      try {
        const info = await transporter.sendMail(toNodemailer(message));
        return { messageId: info.messageId };
      } catch (error) {
        const err = error as Error & { code?: string; responseCode?: number };
        const masked = new Error(maskSecret((err.message ?? String(error)).split('\n')[0], config.password, config.user)) as Error & { code?: string; responseCode?: number };
        masked.code = err.code;
        masked.responseCode = err.responseCode;
        throw masked;
      }
    },
    close: () => transporter.close(),
  };
}

function toNodemailer(message: MailMessage): SendMailOptions {
  return {
    from: message.from,
    to: [...message.to],
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, cid: a.cid })),
  };
}

/** The default sender of a configuration: `from`, else the user when it is an address, else `kpicast@<host>`. */
export function senderOf(config: TransportConfig): string {
  if ('stream' in config) return 'kpicast <kpicast@localhost>';
  if (config.from) return config.from;
  if (config.user?.includes('@')) return `kpicast <${config.user}>`;
  return `kpicast <kpicast@${config.host}>`;
}
