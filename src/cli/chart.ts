import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { chartFromCsv, chartKinds, type ChartKind } from '../charts/chartFromCsv.js';
import { exportFigure } from '../charts/exporter.js';
import { loggerFor } from './context.js';

function positiveNumber(option: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(Number.isFinite(n) && n > 0)) throw new OptionError(option, value, 'a positive number');
    return n;
  };
}

/** `kpicast chart <kind> --input data.csv --out chart.png|svg|html`: draws a chart from a CSV file. */
export function registerChart(program: Command): void {
  program
    .command('chart')
    .description(`draw a chart (${chartKinds.join(', ')}) from a CSV file into a PNG, SVG or HTML file`)
    .argument('<kind>', chartKinds.join(' | '))
    .requiredOption('-i, --input <file>', 'CSV (or the CSV of kpicast kpi --format csv): kpi ds,value[,previous]; ranking label,value; fan ds,y,fitted,mean,lo_80,hi_80,lo_95,hi_95; leaderboard model,error; heatmap ds,value')
    .requiredOption('-o, --out <file>', 'output file: .png, .svg or .html (format from the extension)')
    .option('--title <text>', 'chart title')
    .option('--name <text>', 'name of the KPI, measure, series or metric')
    .option('--unit <text>', 'unit of the values, shown on the axis (€, %, missions)')
    .option('--locale <locale>', 'number format: fr or en', 'en')
    .option('--width <px>', 'image width in pixels', positiveNumber('--width'))
    .option('--height <px>', 'image height in pixels', positiveNumber('--height'))
    .option('--scale <n>', 'pixel density of a PNG (2 = twice the pixels)', positiveNumber('--scale'), 1)
    .action(async (kind: string, options: { input: string; out: string; title?: string; name?: string; unit?: string; locale: string; width?: number; height?: number; scale: number }, command: Command) => {
      if (!chartKinds.includes(kind as ChartKind)) throw new OptionError('kind', kind, chartKinds.join(', '));
      if (options.locale !== 'fr' && options.locale !== 'en') throw new OptionError('--locale', options.locale, 'fr, en');
      const log = loggerFor(command);
      const text = await readFile(options.input, 'utf8');
      const figure = chartFromCsv(kind as ChartKind, text, {
        file: options.input,
        title: options.title,
        name: options.name,
        unit: options.unit,
        locale: options.locale,
      });
      const written = await log.step(`chart ${kind} → ${options.out}`, () =>
        exportFigure(figure, options.out, { width: options.width, height: options.height, scale: options.scale }),
      );
      process.stdout.write(`${written}\n`);
    });
}
