import type { Command } from 'commander';
import { KpicastError, OptionError } from '../errors.js';
import type { Locale } from '../charts/types.js';
import { deliverReport, parseRecipients } from '../deliver/deliver.js';
import { smtpConfigFromEnv } from '../deliver/mail.js';
import { reportData } from '../report/reportData.js';
import { writeReport } from '../report/writeReport.js';
import { withWarehouse } from './context.js';

interface ReportOptions {
  out: string;
  locale: string;
  png: boolean;
  pdf?: boolean;
  email?: string;
  webhook?: string;
  retries: string;
}

/**
 * `kpicast report --out <dir> [--pdf] [--email a@x,b@y] [--webhook <url>]`: the HTML report
 * (KPI cards, charts, forecasts), a PNG per chart and the A4 PDF, from the warehouse; then
 * sent by email (server from KPICAST_SMTP_URL, password from KPICAST_SMTP_PASSWORD) and/or
 * posted to a webhook. A failed delivery leaves the written report in place and exits 1.
 */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the HTML report (KPI cards, charts, 4-week forecasts), a PNG per chart and optionally a PDF, from the warehouse; send it by email or webhook')
    .requiredOption('-o, --out <dir>', 'directory to write index.html, assets/ and charts/*.png into')
    .option('--locale <locale>', 'number format: fr or en', 'en')
    .option('--no-png', 'skip the PNG exports')
    .option('--pdf', 'also write report.pdf (A4) beside index.html')
    .option('--email <addresses>', 'send the report to these addresses (comma-separated; implies --pdf); server from KPICAST_SMTP_URL, password from KPICAST_SMTP_PASSWORD')
    .option('--webhook <url>', 'POST the KPI values and the report path as JSON to this URL')
    .option('--retries <n>', 'attempts per delivery, with backoff (1-10)', '3')
    .action(async (options: ReportOptions, command: Command) => {
      if (options.locale !== 'fr' && options.locale !== 'en') throw new OptionError('--locale', options.locale, 'fr, en');
      const attempts = Number(options.retries);
      if (!Number.isInteger(attempts) || attempts < 1 || attempts > 10) throw new OptionError('--retries', options.retries, 'an integer from 1 to 10');
      // Every delivery setting is checked before any work, so a typo costs nothing.
      const to = options.email !== undefined ? parseRecipients(options.email, '--email') : undefined;
      const smtp = to ? smtpConfigFromEnv() : undefined;
      if (options.webhook !== undefined && !/^https?:\/\/[^/]/.test(options.webhook)) throw new OptionError('--webhook', options.webhook.replace(/[?#].*$/, ''), 'an http:// or https:// URL');
      const pdf = options.pdf === true || to !== undefined;
      await withWarehouse(command, async (warehouse, log) => {
        const { rows } = await warehouse.query<{ t: string | null }>("SELECT to_regclass('marts.fct_missions')::text AS t");
        if (!rows[0]?.t) throw new KpicastError('report: the marts are not built in this warehouse; run `kpicast build` (or `kpicast run`) first');
        const data = await log.step('report data (KPIs, missions forecast)', () => reportData(warehouse, { locale: options.locale as Locale }));
        const written = await log.step(`report${pdf ? ' and PDF' : ''} → ${options.out}`, () => writeReport(options.out, data, { png: options.png, pdf }));
        process.stdout.write(`${written.index}\n`);
        if (written.pdf) process.stdout.write(`${written.pdf}\n`);
        if (!to && !options.webhook) return;
        const outcomes = await deliverReport({
          reportDir: options.out,
          summary: data,
          email: to && smtp ? { to, smtp } : undefined,
          webhook: options.webhook ? { url: options.webhook } : undefined,
          retry: { attempts },
          log,
        });
        const failed = outcomes.filter((o) => o.status === 'failed');
        if (failed.length > 0) throw new KpicastError(failed.map((o) => o.error).join('; '), 'E_DELIVERY');
      });
    });
}
