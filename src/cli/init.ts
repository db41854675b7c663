import type { Command } from 'commander';
import { openWarehouse } from '../warehouse/open.js';
import { migrate } from '../warehouse/migrate.js';
import { globals, loggerFor } from './context.js';

/** `kpicast init`: creates or upgrades the warehouse schema (idempotent). */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create or upgrade the warehouse schema (safe to run again)')
    .action(async (_options, command: Command) => {
      const log = loggerFor(command);
      const warehouse = await openWarehouse(globals(command).db);
      try {
        const applied = await log.step(`migrate ${warehouse.target}`, () => migrate(warehouse));
        process.stdout.write(applied.length ? `applied migrations ${applied.join(', ')}\n` : 'schema up to date\n');
      } finally {
        await warehouse.close();
      }
    });
}
