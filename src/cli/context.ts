import type { Command } from 'commander';
import { openWarehouse } from '../warehouse/open.js';
import { migrate } from '../warehouse/migrate.js';
import type { Warehouse } from '../warehouse/types.js';
import { createLogger, type Logger } from '../util/log.js';

/** The global options every command inherits (`--db`, `--quiet`). */
export interface GlobalOptions {
  db?: string;
  quiet?: boolean;
}

/** Global options of the program a command belongs to. */
export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** A stderr logger honouring `--quiet`. */
export function loggerFor(command: Command): Logger {
  return createLogger({ quiet: globals(command).quiet });
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
