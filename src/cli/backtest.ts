import type { Command } from 'commander';
import { defaultSelection, forecast } from '../forecast/engine.js';
import { formatTable } from '../forecast/table.js';
import { loggerFor } from './context.js';
import { checkOutput } from '../util/output.js';
import { asFlagError, forecastFlags, parseForecastFlags, readForecastInput, withEventsTable } from './forecast.js';

/** `kpicast backtest --input file.csv`: the leaderboard of models by backtest metric, overall and per series. */
export function registerBacktest(program: Command): void {
  forecastFlags(program.command('backtest').description('rolling-origin backtests of the models (--models, or the default set): leaderboard overall and per series'))
    .option('-o, --out <file>', 'also write the per-series leaderboard CSV here')
    .action(async (opts: Record<string, string | undefined>, command: Command) => {
      const log = loggerFor(command);
      const options = await withEventsTable(parseForecastFlags(opts), opts, command);
      const out = opts.out === undefined ? undefined : checkOutput(opts.out); // before any work
      const df = readForecastInput(opts.input!, options);
      const result = await log.step(`backtest ${opts.input}`, () => forecast(df, options).catch((error: unknown) => {
        throw asFlagError(error);
      }));
      const overall = result.overall.sort(options.metric ?? defaultSelection.metric, false, true);
      process.stdout.write(`overall (mean over series; n/a where undefined)\n${formatTable(overall)}\n\n`);
      process.stdout.write(`selected per series\n${formatTable(result.selected)}\n`);
      if (out) {
        out.write(result.leaderboard.writeCSV());
        process.stdout.write(`${result.leaderboard.height} rows → ${out.path}\n`);
      }
    });
}
