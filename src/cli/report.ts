import type { Command } from 'commander';
import { KpicastError, OptionError } from '../errors.js';
import type { Locale } from '../charts/types.js';
import { reportData } from '../report/reportData.js';
import { writeReport } from '../report/writeReport.js';
import { withWarehouse } from './context.js';

/** `kpicast report --out <dir>`: the HTML report (KPI cards, charts, forecasts) and a PNG per chart, from the warehouse. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the HTML report (KPI cards, charts, 4-week forecasts) and a PNG per chart, from the warehouse')
    .requiredOption('-o, --out <dir>', 'directory to write index.html, assets/ and charts/*.png into')
    .option('--locale <locale>', 'number format: fr or en', 'en')
    .option('--no-png', 'skip the PNG exports (no browser needed)')
    .action(async (options: { out: string; locale: string; png: boolean }, command: Command) => {
      if (options.locale !== 'fr' && options.locale !== 'en') throw new OptionError('--locale', options.locale, 'fr, en');
      await withWarehouse(command, async (warehouse, log) => {
        const { rows } = await warehouse.query<{ t: string | null }>("SELECT to_regclass('marts.fct_missions')::text AS t");
        if (!rows[0]?.t) throw new KpicastError('report: the marts are not built in this warehouse; run `kpicast build` (or `kpicast run`) first');
        const data = await log.step('report data (KPIs, missions forecast)', () => reportData(warehouse, { locale: options.locale as Locale }));
        const written = await log.step(`report → ${options.out}`, () => writeReport(options.out, data, { png: options.png }));
        process.stdout.write(`${written.index}\n`);
      });
    });
}
