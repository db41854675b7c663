import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { stockByProduct } from '../analysis/stock-report.js';
import { formatFrame } from '../analysis/format.js';
import { withWarehouse } from './context.js';

/** `kpicast export stock --out etat_stock_par_produit.csv`: the stock per product, as CSV. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export a report as CSV: stock (per product: on hand, received, shipped, last movement, days of cover)')
    .argument('<report>', 'stock')
    .option('--out <file>', 'CSV file to write (default: stdout)')
    .action(async (report: string, options: { out?: string }, command: Command) => {
      if (report !== 'stock') throw new OptionError('export report', report, 'stock');
      await withWarehouse(command, async (warehouse, log) => {
        const frame = await log.step('stock per product', () => stockByProduct(warehouse));
        const csv = formatFrame(frame, 'csv');
        if (options.out) {
          writeFileSync(options.out, csv);
          log.info(`wrote ${frame.height} products to ${options.out}`);
        } else {
          process.stdout.write(csv);
        }
      });
    });
}
