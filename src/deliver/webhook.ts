import { cardDelta, formatValue } from '../report/format.js';
import type { AlertNotice, ReportSummary } from './email-body.js';

/** Where a webhook posts, and extra headers (an authorisation token, say: never logged). */
export interface WebhookConfig {
  url: string;
  headers?: Readonly<Record<string, string>>;
  /** Seconds to wait for the answer; default 30. */
  timeoutSeconds?: number;
}

/** The JSON a report webhook receives. */
export interface ReportWebhookBody {
  event: 'report';
  title: string;
  period: string | null;
  generatedAt: string;
  /** The report's files (null when not written: an alerts-only delivery) and link (empty when none). */
  report: { index: string | null; pdf: string | null; link: string };
  kpis: Array<{
    label: string;
    value: number | null;
    previous: number | null;
    /** The value as the report's card shows it (`€12,345`, `4.2 %`). */
    formatted: string;
    /** The change as the card shows it (`+3.1 %`, `−0.4 pt`); empty without a comparison. */
    change: string;
    direction: 'up' | 'down' | 'flat' | 'none';
    tone: 'good' | 'bad' | 'neutral';
  }>;
  alerts: AlertNotice[];
}

/**
 * The body of the report webhook: the KPI values (raw and as the cards show them, with the
 * change against the previous period), where the report is, and the alerts of this run.
 *
 * @example
 * reportWebhookBody(data, { index: '/srv/out/index.html', pdf: null, link: 'https://…' }).kpis[0].label; // => 'Revenue (week)'
 */
export function reportWebhookBody(summary: ReportSummary, report: ReportWebhookBody['report'], alerts: readonly AlertNotice[] = []): ReportWebhookBody {
  const locale = summary.locale ?? 'en';
  return {
    event: 'report',
    title: summary.title,
    period: summary.period ?? null,
    generatedAt: (summary.generatedAt ?? new Date()).toISOString(),
    report,
    kpis: summary.cards.map((card) => {
      const delta = cardDelta(card, locale);
      return {
        label: card.label,
        value: typeof card.value === 'number' && Number.isFinite(card.value) ? card.value : null,
        previous: typeof card.previous === 'number' && Number.isFinite(card.previous) ? card.previous : null,
        formatted: formatValue(card, card.value, locale),
        change: delta.text,
        direction: delta.direction,
        tone: delta.tone,
      };
    }),
    // the notice's own fields only: a caller's richer alert type never leaks more than this contract
    alerts: alerts.map((a) => ({
      state: a.state,
      rule: a.rule,
      series: a.series ?? '',
      period: a.period,
      value: a.value ?? null,
      threshold: a.threshold ?? null,
      comparison: a.comparison,
    })),
  };
}

/**
 * A webhook URL as it may be shown or stored: scheme, host and port only, since the path
 * and query of many webhooks (Slack, Teams) are the secret.
 *
 * @example
 * webhookTarget('https://hooks.slack.com/services/T0/B0/XXXX'); // => 'https://hooks.slack.com/…'
 */
export function webhookTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname !== '/' || parsed.search ? '/…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

/** A webhook's refusal: `status` is the HTTP status, absent when no answer came. */
export class WebhookError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'WebhookError';
    this.status = status;
  }
}

/**
 * POSTs `body` as JSON to the webhook once. Resolves with the HTTP status on 2xx; throws a
 * {@link WebhookError} otherwise (with the status, so a caller retries 5xx, 429 and network
 * errors and not other 4xx). The error names the host, never the path, query or headers.
 *
 * @example
 * await postWebhook({ url: 'https://hooks.example.com/x' }, { event: 'report' }); // => 200
 */
export async function postWebhook(config: WebhookConfig, body: unknown): Promise<number> {
  const target = webhookTarget(config.url);
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'kpicast', ...config.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout((config.timeoutSeconds ?? 30) * 1000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new WebhookError(`webhook ${target}: no answer (${reason})`);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new WebhookError(`webhook ${target}: HTTP ${response.status}`, response.status);
  return response.status;
}

/** True for a webhook failure worth retrying: no answer, 408, 429 or 5xx. */
export function webhookRetryable(error: Error): boolean {
  const status = (error as WebhookError).status;
  return status === undefined || status === 408 || status === 429 || status >= 500;
}
