import { escapeHtml } from '../charts/html.js';
import { palette } from '../charts/theme.js';
import type { Locale } from '../charts/types.js';
import { cardDelta, formatValue } from '../report/format.js';
import type { ReportData } from '../report/types.js';
import type { MailAttachment } from './mail.js';
import { sparklinePng } from './sparkline-png.js';

/** What a delivery reads of a report: its title, period, date, locale and KPI cards ({@link ReportData} fits). */
export type ReportSummary = Pick<ReportData, 'title' | 'subtitle' | 'period' | 'generatedAt' | 'locale' | 'cards'>;

/** An alert that fired or cleared in this run, as the email and the webhook show it. */
export interface AlertNotice {
  state: 'fired' | 'cleared';
  /** The rule's name. */
  rule: string;
  /** The series it is about (`store=S01`); empty or absent for a total. */
  series?: string;
  /** The period it is about (`2025-12-22`). */
  period?: string;
  value?: number | null;
  threshold?: number | null;
  /** The comparison in words: `below 0.15`, `outside the 80 % interval 240 – 280`. */
  comparison?: string;
}

/** The parts of the report email: subject, HTML and text bodies, and the sparkline images the HTML shows by cid. */
export interface ReportEmail {
  subject: string;
  html: string;
  text: string;
  /** One PNG per card with a sparkline, `cid` `spark-<n>@kpicast`. */
  images: MailAttachment[];
}

/** Options of {@link reportEmail}. */
export interface ReportEmailOptions {
  alerts?: readonly AlertNotice[];
  /** Where the full report is (a URL or a path), shown at the end. */
  link?: string;
  /** The attached PDF's file name and page count, when one is attached. */
  pdf?: { filename: string; pages: number };
}

const toneColor = { good: palette.good, bad: palette.bad, neutral: '#666666' } as const;
const font = 'font-family:Helvetica,Arial,sans-serif';

/** A date as `2026-01-05 06:00 UTC`. */
function stamp(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/**
 * A number of an alert as it reads: ratios with 3 decimals, tens with 2, larger ones whole.
 *
 * @example
 * alertNumber(0.1234, 'en'); // => '0.123'
 */
export function alertNumber(value: number | null | undefined, locale: Locale): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const digits = abs < 1 ? 3 : abs < 100 ? 2 : 0;
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/** One alert in one line: `FIRED conversion_low · store=S01 · 2025-12-22: 0.121 (threshold 0.15; below 0.15)`. */
export function alertLine(alert: AlertNotice, locale: Locale): string {
  const where = [alert.rule, alert.series || undefined, alert.period].filter(Boolean).join(' · ');
  const details = [alert.threshold !== undefined && alert.threshold !== null ? `threshold ${alertNumber(alert.threshold, locale)}` : undefined, alert.comparison]
    .filter(Boolean)
    .join('; ');
  return `${alert.state === 'fired' ? 'FIRED' : 'CLEARED'} ${where}: ${alertNumber(alert.value, locale)}${details ? ` (${details})` : ''}`;
}

/**
 * The subject of the report email: the report's title and its week, and how many alerts
 * fired or cleared in this run.
 *
 * @example
 * reportSubject({ title: 'kpicast report', period: '2025-12-22', cards: [] }, [{ state: 'fired', rule: 'r' }]);
 * // => 'kpicast report — week of 2025-12-22 · 1 alert fired'
 */
export function reportSubject(summary: ReportSummary, alerts: readonly AlertNotice[] = []): string {
  const when = summary.period ? `week of ${summary.period}` : stamp(summary.generatedAt ?? new Date()).slice(0, 10);
  const fired = alerts.filter((a) => a.state === 'fired').length;
  const cleared = alerts.length - fired;
  const counts = [
    fired ? `${fired} alert${fired === 1 ? '' : 's'} fired` : '',
    cleared ? `${cleared} alert${cleared === 1 ? '' : 's'} cleared` : '',
  ].filter(Boolean);
  return `${summary.title} — ${when}${counts.length ? ` · ${counts.join(', ')}` : ''}`;
}

function cardCell(summary: ReportSummary, index: number, hasImage: boolean): string {
  const locale = summary.locale ?? 'en';
  const card = summary.cards[index];
  const delta = cardDelta(card, locale);
  const deltaHtml =
    delta.direction === 'none'
      ? `<div style="${font};font-size:13px;color:#666666">no comparison</div>`
      : `<div style="${font};font-size:13px;color:${toneColor[delta.tone]}">${delta.arrow} ${escapeHtml(delta.text)} ` +
        `<span style="color:#777777">vs ${escapeHtml(formatValue(card, card.previous, locale))}</span></div>`;
  const image = hasImage
    ? `<img src="cid:spark-${index + 1}@kpicast" width="120" height="32" alt="trend of ${escapeHtml(card.label)}" style="display:block;margin-top:6px;border:0;outline:none">`
    : '';
  return (
    `<td width="50%" valign="top" style="padding:6px">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border:1px solid #dddddd;border-radius:6px;background:#ffffff">` +
    `<tr><td style="padding:12px 14px">` +
    `<div style="${font};font-size:11px;color:#555555;text-transform:uppercase;letter-spacing:0.03em">${escapeHtml(card.label)}</div>` +
    `<div class="kpi-value" style="${font};font-size:24px;font-weight:bold;color:#222222;margin:4px 0">${escapeHtml(formatValue(card, card.value, locale))}</div>` +
    `${deltaHtml}${image}</td></tr></table></td>`
  );
}

function alertsHtml(alerts: readonly AlertNotice[], locale: Locale): string {
  if (alerts.length === 0) return '';
  const cell = `style="${font};font-size:13px;padding:6px 8px;border-bottom:1px solid #eeeeee;text-align:left;vertical-align:top"`;
  const nowrap = `style="${font};font-size:13px;padding:6px 8px;border-bottom:1px solid #eeeeee;text-align:left;vertical-align:top;white-space:nowrap"`;
  const rows = alerts
    .map((a) => {
      const badge =
        a.state === 'fired'
          ? `<span style="background:${palette.bad};color:#ffffff;padding:2px 6px;border-radius:3px;font-size:11px;font-weight:bold">FIRED</span>`
          : `<span style="background:${palette.good};color:#ffffff;padding:2px 6px;border-radius:3px;font-size:11px;font-weight:bold">CLEARED</span>`;
      return (
        `<tr><td ${cell}>${badge}</td><td ${cell}><b>${escapeHtml(a.rule)}</b>${a.series ? `<br><span style="color:#555555">${escapeHtml(a.series)}</span>` : ''}</td>` +
        `<td ${nowrap}>${escapeHtml(a.period ?? '')}</td><td ${nowrap}>${escapeHtml(alertNumber(a.value, locale))}</td>` +
        `<td ${nowrap}>${escapeHtml(alertNumber(a.threshold, locale))}</td><td ${cell}>${escapeHtml(a.comparison ?? '')}</td></tr>`
      );
    })
    .join('');
  const head = ['', 'Rule', 'Period', 'Value', 'Threshold', 'Comparison']
    .map((h) => `<th style="${font};font-size:11px;color:#555555;text-transform:uppercase;padding:6px 8px;text-align:left;border-bottom:2px solid #dddddd">${h}</th>`)
    .join('');
  return (
    `<tr><td style="padding:18px 24px 6px;${font};font-size:16px;font-weight:bold;color:#222222">Alerts</td></tr>` +
    `<tr><td style="padding:0 24px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>${head}</tr>${rows}</table></td></tr>`
  );
}

/**
 * The email of a report, built for mail clients: HTML in nested tables with inline styles
 * (no script, no stylesheet, no SVG), 600 px wide, the KPI cards two by two with their
 * value, change against the previous period (coloured: green is good news, red bad, inverted
 * for lower-is-better metrics) and sparkline as a PNG shown by `cid`; the alerts that fired or
 * cleared in this run above them; a plain-text part with the same content. The numbers are
 * the report's own, formatted as its cards are ({@link formatValue}).
 *
 * @example
 * const mail = reportEmail(await reportData(warehouse), { pdf: { filename: 'report.pdf', pages: 4 } });
 * mail.subject; // => 'kpicast weekly report — week of 2025-12-22'
 */
export function reportEmail(summary: ReportSummary, options: ReportEmailOptions = {}): ReportEmail {
  const locale = summary.locale ?? 'en';
  const alerts = options.alerts ?? [];
  const subject = reportSubject(summary, alerts);
  const generated = stamp(summary.generatedAt ?? new Date());
  const images: MailAttachment[] = [];
  const hasImage = summary.cards.map((card, i) => {
    const kept = (card.history ?? []).filter((v) => typeof v === 'number' && Number.isFinite(v));
    if (kept.length < 2) return false;
    images.push({ filename: `sparkline-${i + 1}.png`, content: sparklinePng(card.history ?? []), contentType: 'image/png', cid: `spark-${i + 1}@kpicast` });
    return true;
  });
  const rows: string[] = [];
  for (let i = 0; i < summary.cards.length; i += 2) {
    rows.push(`<tr>${cardCell(summary, i, hasImage[i])}${i + 1 < summary.cards.length ? cardCell(summary, i + 1, hasImage[i + 1]) : '<td width="50%"></td>'}</tr>`);
  }
  // an alerts-only message (no cards, no PDF) says nothing of a report
  const attachedLine = options.pdf
    ? `The full report (charts and forecasts) is attached: ${options.pdf.filename}, ${options.pdf.pages} page${options.pdf.pages === 1 ? '' : 's'}.`
    : summary.cards.length > 0
      ? 'The full report (charts and forecasts) is not attached: it was written without PDF.'
      : '';
  const figures =
    summary.cards.length === 0
      ? ''
      : `<tr><td style="padding:18px 24px 6px;${font};font-size:16px;font-weight:bold;color:#222222">Key figures</td></tr>
<tr><td style="padding:0 18px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
${rows.join('\n')}
</table></td></tr>`;
  const closing = [attachedLine ? escapeHtml(attachedLine) : '', options.link ? `Report: <a href="${escapeHtml(options.link)}" style="color:#1f5fa8">${escapeHtml(options.link)}</a>` : '']
    .filter(Boolean)
    .join('<br>');
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f6f7f9">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f6f7f9">
<tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;background:#ffffff;border-radius:8px">
<tr><td style="background:#1f5fa8;padding:18px 24px;border-radius:8px 8px 0 0">
<div style="${font};font-size:22px;font-weight:bold;color:#ffffff">${escapeHtml(summary.title)}</div>
<div style="${font};font-size:13px;color:#dce6f2;margin-top:4px">${summary.subtitle ? `${escapeHtml(summary.subtitle)} · ` : ''}generated ${escapeHtml(generated)}</div>
</td></tr>
${alertsHtml(alerts, locale)}
${figures}
<tr><td style="padding:16px 24px 20px;${font};font-size:13px;color:#555555">${closing}</td></tr>
</table>
<div style="${font};font-size:11px;color:#999999;padding:10px">kpicast · ${escapeHtml(generated)}</div>
</td></tr>
</table>
</body>
</html>
`;
  const text: string[] = [subject, `${summary.subtitle ? `${summary.subtitle} · ` : ''}generated ${generated}`, ''];
  if (alerts.length > 0) text.push('Alerts', ...alerts.map((a) => `  ${alertLine(a, locale)}`), '');
  if (summary.cards.length > 0) text.push('Key figures');
  for (const card of summary.cards) {
    const delta = cardDelta(card, locale);
    const change = delta.direction === 'none' ? 'no comparison' : `${delta.arrow} ${delta.text} vs ${formatValue(card, card.previous, locale)}`;
    text.push(`  ${card.label}: ${formatValue(card, card.value, locale)}  (${change})`);
  }
  if (attachedLine || options.link) text.push('');
  if (attachedLine) text.push(attachedLine);
  if (options.link) text.push(`Report: ${options.link}`);
  return { subject, html, text: text.join('\n').trimEnd() + '\n', images };
}
