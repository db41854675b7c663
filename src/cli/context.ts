import type { Command } from 'commander';
import { openWarehouse } from '../warehouse/open.js';
import { migrate } from '../warehouse/migrate.js';
import type { Warehouse } from '../warehouse/types.js';
import { createLogger, type Component, type Logger } from '../util/log.js';

/** The global options every command inherits (`--db`, `--quiet`). */
export interface GlobalOptions {
  db?: string;
  quiet?: boolean;
  logFile?: string;
}

/** Global options of the program a command belongs to. */
export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The component of each command in the JSON log lines. */
const COMPONENTS: Record<string, Component> = {
  load: 'ingest', extract: 'extract', build: 'build', kpi: 'kpi', series: 'kpi', forecast: 'forecast', backtest: 'forecast',
  chart: 'report', report: 'report', export: 'report', run: 'pipeline', runs: 'pipeline', schedule: 'pipeline', worker: 'worker',
  serve: 'serve', alerts: 'alerts', init: 'build', generate: 'cli',
};

/** The component a command's log lines carry (`kpicast load` → ingest). */
export function componentOf(command: Command): Component {
  let c: Command | null = command;
  while (c?.parent && c.parent.parent) c = c.parent; // the top-level command of a subcommand (schedule add → schedule)
  return COMPONENTS[c?.name() ?? ''] ?? 'cli';
}

/** A stderr logger honouring `--quiet`, its lines also in the `--log-file` under the command's component. */
export function loggerFor(command: Command): Logger {
  return createLogger({ quiet: globals(command).quiet, component: componentOf(command) });
}

/**
 * Opens the warehouse named by `--db` (or the default), brings its schema up
 * to date, runs `fn` and always closes it.
 */
export async function withWarehouse<T>(command: Command, fn: (warehouse: Warehouse, log: Logger) => Promise<T>): Promise<T> {
  const log = loggerFor(command);
  const warehouse = await openWarehouse(globals(command).db);
  try {
    await migrate(warehouse);
    return await fn(warehouse, log);
  } finally {
    await warehouse.close();
  }
}
