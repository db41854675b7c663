import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { DEFAULT_SEED, formatBytes, generate } from '../generate/index.js';
import { loggerFor } from './context.js';

/** `kpicast generate --out <dir> [--seed N] [--scale S]`: writes a synthetic data set, one file per raw table. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a deterministic synthetic data set (retail, car dealers, staffing), one file per raw table')
    .requiredOption('--out <dir>', 'directory to write into')
    .option('--seed <n>', 'random seed: same seed and scale, same bytes', String(DEFAULT_SEED))
    .option('--scale <s>', 'size multiplier: 1 = about 20 stores, 200 products, 30 hotels', '1')
    .option('--staffing-scale <s>', 'size multiplier of the staffing agency alone (hotels, extras, missions); default: --scale')
    .option('--no-bad-rows', 'leave out the three deliberately bad order lines')
    .action(async (options: { out: string; seed: string; scale: string; staffingScale?: string; badRows: boolean }, command: Command) => {
      const seed = Number(options.seed);
      if (!/^\d+$/.test(options.seed)) throw new OptionError('generate --seed', options.seed, 'an integer from 0 to 4294967295');
      const scale = Number(options.scale);
      if (!Number.isFinite(scale)) throw new OptionError('generate --scale', options.scale, 'a number above 0 and at most 20');
      const staffingScale = options.staffingScale === undefined ? scale : Number(options.staffingScale);
      if (!Number.isFinite(staffingScale)) throw new OptionError('generate --staffing-scale', options.staffingScale, 'a number above 0 and at most 20');
      const report = await generate({ out: options.out, seed, scale, staffingScale, badRows: options.badRows, log: loggerFor(command) });
      const width = Math.max(...report.files.map((f) => f.file.length));
      const lines = report.files.map((f) => `${f.file.padEnd(width)}  ${f.table.padEnd(16)} ${String(f.rows).padStart(9)} rows  ${formatBytes(f.bytes).padStart(8)}`);
      const total = report.files.reduce((sum, f) => sum + f.bytes, 0);
      process.stdout.write(
        `${report.out}: seed ${report.seed}, scale ${report.scale}${report.staffingScale !== report.scale ? ` (staffing ${report.staffingScale})` : ''}, ${report.firstDay}..${report.lastDay} (missions booked to ${report.bookedUntil})\n` +
          lines.join('\n') +
          `\n${report.files.length} files, ${formatBytes(total)}, ${report.badRows.length} deliberately bad rows` +
          (report.badRows.length ? ` (${report.badRows.map((b) => `${b.file} line ${b.line}: ${b.problem}`).join('; ')})` : '') +
          '\n',
      );
    });
}
