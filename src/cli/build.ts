import type { Command } from 'commander';
import { build } from '../warehouse/build.js';
import { withWarehouse } from './context.js';

/** `kpicast build`: builds the marts from the raw tables, runs the data tests, exits 1 if one fails. */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('build the staging, intermediate and mart tables from the raw tables, then run the data tests')
    .action(async (_options, command: Command) => {
      await withWarehouse(command, async (warehouse, log) => {
        const report = await log.step(`build ${warehouse.target}`, () => build(warehouse));
        for (const model of report.models) process.stdout.write(`model  ${model.name.padEnd(36)} ${model.materialized.padEnd(5)} ${Math.round(model.ms)} ms\n`);
        for (const test of report.tests) {
          const rows = test.failing === 1 ? '1 failing row' : `${test.failing} failing rows`;
          process.stdout.write(`${test.ok ? 'pass' : 'FAIL'}   ${test.test.model} ${test.label}${test.ok ? '' : `: ${rows}`}\n`);
        }
        const failed = report.tests.filter((t) => !t.ok);
        process.stdout.write(`${report.models.length} models built, ${report.tests.length - failed.length} tests passed, ${failed.length} failed\n`);
        if (failed.length) {
          process.stderr.write(`kpicast: build: ${failed.length} data test(s) failed: ${failed.map((t) => `${t.test.model} ${t.label} (${t.failing} rows)`).join('; ')}\n`);
          process.exitCode = 1;
        }
      });
    });
}
