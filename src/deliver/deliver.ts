import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OptionError } from '../errors.js';
import { pdfPageCount } from '../report/pdf.js';
import { silentLogger, type Logger } from '../util/log.js';
import { reportEmail, type AlertNotice, type ReportSummary } from './email-body.js';
import { createTransport, describeSmtp, maskSecret, senderOf, type MailAttachment, type MailTransport, type TransportConfig } from './mail.js';
import { withRetry, type RetryOptions } from './retry.js';
import { postWebhook, reportWebhookBody, webhookRetryable, webhookTarget, type WebhookConfig } from './webhook.js';

/** The email side of a delivery. */
export interface EmailDelivery {
  to: readonly string[];
  /** The server ({@link smtpConfigFromEnv}) or `{ stream: true }` to compose without sending. */
  smtp: TransportConfig;
  /** The sender; default from the configuration ({@link senderOf}). */
  from?: string;
  /** A transport to use instead of one made from `smtp` (it is not closed). */
  transport?: MailTransport;
}

/** Options of {@link deliverReport}. */
export interface DeliverReportOptions {
  /** The report's folder: `report.pdf` there is attached when present. */
  reportDir: string;
  /** The report's cards and title ({@link ReportData} fits). */
  summary: ReportSummary;
  /** Alerts that fired or cleared in this run (not those still open from before). */
  alerts?: readonly AlertNotice[];
  email?: EmailDelivery;
  webhook?: WebhookConfig;
  /** Where readers find the report; default the `file:` URL of its index.html. */
  link?: string;
  retry?: RetryOptions;
  log?: Logger;
}

/** What became of one channel of a delivery; safe to store and print (no password, no webhook path). */
export interface DeliveryOutcome {
  channel: 'email' | 'webhook';
  /** The recipients, or the webhook's scheme and host. */
  target: string;
  status: 'sent' | 'failed';
  attempts: number;
  /** One line, when failed. */
  error?: string;
  /** The message id the server accepted, for email. */
  messageId?: string;
  /** The raw message, with the stream transport. */
  raw?: Buffer;
}

const address = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

/**
 * Recipients from a comma-separated list or an array, trimmed; throws naming `option` and the
 * first entry that is not an address.
 *
 * @example
 * parseRecipients('a@x.com, b@y.org'); // => ['a@x.com', 'b@y.org']
 */
export function parseRecipients(list: string | readonly string[], option = '--email'): string[] {
  const entries = (typeof list === 'string' ? list.split(',') : list.flatMap((l) => l.split(','))).map((s) => s.trim()).filter(Boolean);
  const bad = entries.find((e) => !address.test(e.replace(/^.*<(.*)>$/, '$1')));
  if (entries.length === 0 || bad !== undefined) {
    throw new OptionError(option, bad ?? list, 'email addresses separated by commas (a@example.com,b@example.com)');
  }
  return entries;
}

/**
 * Sends a written report: by email (the PDF attached, the KPI cards and this run's alerts in
 * the body; see {@link reportEmail}) and/or to a webhook (JSON: the KPI values, the alerts,
 * the report's path and link; see {@link reportWebhookBody}). Each channel is tried up to
 * `retry.attempts` times with exponential backoff, on its own: one failing does not stop the
 * other. Never throws for a delivery that fails: it returns one outcome per channel, with a
 * one-line error where the password is masked (the caller prints or records it; retries are
 * logged as warnings as they happen), so the steps that came before (loads, forecasts, the
 * report) stand.
 *
 * @example
 * await deliverReport({ reportDir: 'out/report', summary: data, email: { to: ['boss@example.com'], smtp: smtpConfigFromEnv() } });
 * // => [{ channel: 'email', target: 'boss@example.com', status: 'sent', attempts: 1, messageId: '<…>' }]
 */
export async function deliverReport(options: DeliverReportOptions): Promise<DeliveryOutcome[]> {
  const log = options.log ?? silentLogger;
  const outcomes: DeliveryOutcome[] = [];
  const index = resolve(options.reportDir, 'index.html');
  const pdfPath = resolve(options.reportDir, 'report.pdf');
  const pdf = existsSync(pdfPath) ? await readFile(pdfPath) : undefined;
  const link = options.link ?? pathToFileURL(index).href;
  const alerts = options.alerts ?? [];

  if (options.email) {
    const email = options.email;
    const password = 'stream' in email.smtp ? undefined : email.smtp.password;
    const user = 'stream' in email.smtp ? undefined : email.smtp.user;
    const target = email.to.join(', ');
    const via = 'stream' in email.smtp ? 'stream' : describeSmtp(email.smtp);
    const mail = reportEmail(options.summary, { alerts, link, pdf: pdf ? { filename: 'report.pdf', pages: pdfPageCount(pdf) } : undefined });
    const attachments: MailAttachment[] = [
      ...(pdf ? [{ filename: 'report.pdf', content: pdf, contentType: 'application/pdf' }] : []),
      ...mail.images,
    ];
    const transport = email.transport ?? createTransport(email.smtp);
    try {
      const result = await withRetry(
        () => transport.send({ from: email.from ?? senderOf(email.smtp), to: email.to, subject: mail.subject, text: mail.text, html: mail.html, attachments }),
        {
          ...options.retry,
          onRetry: (attempt, error, delay) =>
            log.warn(`email to ${target} via ${via}: attempt ${attempt} failed (${maskSecret(error.message, password, user)}); retrying in ${delay / 1000} s`),
        },
      );
      if (result.ok) {
        log.info(`email to ${target}: sent (${result.value.messageId})`);
        outcomes.push({ channel: 'email', target, status: 'sent', attempts: result.attempts, messageId: result.value.messageId, raw: result.value.raw });
      } else {
        const error = `email to ${target} via ${via}: failed after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${maskSecret(result.error.message, password, user)}`;
                outcomes.push({ channel: 'email', target, status: 'failed', attempts: result.attempts, error });
      }
    } finally {
      if (!email.transport) transport.close();
    }
  }

  if (options.webhook) {
    const webhook = options.webhook;
    const target = webhookTarget(webhook.url);
    const body = reportWebhookBody(options.summary, { index: existsSync(index) ? index : null, pdf: pdf ? pdfPath : null, link }, alerts);
    const result = await withRetry(() => postWebhook(webhook, body), {
      ...options.retry,
      retryable: webhookRetryable,
      onRetry: (attempt, error, delay) => log.warn(`${error.message}: attempt ${attempt} failed; retrying in ${delay / 1000} s`),
    });
    if (result.ok) {
      log.info(`webhook ${target}: sent (HTTP ${result.value})`);
      outcomes.push({ channel: 'webhook', target, status: 'sent', attempts: result.attempts });
    } else {
      const error = `${result.error.message}: failed after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
            outcomes.push({ channel: 'webhook', target, status: 'failed', attempts: result.attempts, error });
    }
  }
  return outcomes;
}

/** The written report's files a delivery attaches, for callers that check before sending. */
export function reportFiles(reportDir: string): { index: string; pdf: string | undefined } {
  const pdf = join(reportDir, 'report.pdf');
  return { index: join(reportDir, 'index.html'), pdf: existsSync(pdf) ? pdf : undefined };
}
