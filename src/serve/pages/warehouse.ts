import { dataTestLabel, dataTestSql, loadDataTests } from '../../warehouse/build.js';
import { warehouseTables } from '../../report/tour.js';
import { loadRuns, quarantinedRows } from '../reads.js';
import { controlsForm, type PageTable } from './html.js';
import type { Page } from './page.js';
import { member } from './state.js';

/**
 * Warehouse: the load runs, the quarantined rows with their reasons (filterable by file), the
 * data tests of the marts run now (read-only counts of failing rows), and the rows of every table.
 */
export const warehousePage: Page = async ({ ctx, query, path }) => {
  const runs = await ctx.cached(JSON.stringify(['runs', 100]), () => loadRuns(ctx.warehouse, { limit: 100 }));
  const files = [...new Set(runs.filter((r) => Number(r.rows_quarantined) > 0).map((r) => String(r.file)))].sort();
  const file = member(query, 'file', files);
  const quarantine = await ctx.cached(JSON.stringify(['quarantine', file ?? null, 1000]), () => quarantinedRows(ctx.warehouse, { file, limit: 1000 }));
  const tests = await ctx.cached(JSON.stringify(['data-tests']), async () => {
    const out: Record<string, unknown>[] = [];
    for (const test of loadDataTests()) {
      let failing: number | null = null;
      let status = 'passed';
      try {
        failing = Number((await ctx.warehouse.query<{ failing: number }>(dataTestSql(test))).rows[0]?.failing ?? 0);
        if (failing > 0) status = 'failed';
      } catch {
        status = 'not run: table missing (kpicast build)';
      }
      out.push({ model: test.model, test: dataTestLabel(test), failing, status });
    }
    return out;
  });
  const tables = await ctx.cached(JSON.stringify(['warehouse-tables']), () => warehouseTables(ctx.warehouse));

  const runTable: PageTable = {
    id: 'runs',
    title: 'Load runs',
    note: 'Every load, newest first: read = loaded + updated + duplicates + quarantined.',
    columns: [
      { name: 'run_id', label: 'Run', format: 'integer' },
      { name: 'file', label: 'File' },
      { name: 'table', label: 'Table' },
      { name: 'status', label: 'Status' },
      { name: 'rows_read', label: 'Read', format: 'integer' },
      { name: 'rows_loaded', label: 'Loaded', format: 'integer' },
      { name: 'rows_updated', label: 'Updated', format: 'integer' },
      { name: 'rows_duplicate', label: 'Duplicates', format: 'integer' },
      { name: 'rows_quarantined', label: 'Quarantined', format: 'integer' },
      { name: 'finished_at', label: 'Finished', format: 'timestamp' },
    ],
    rows: runs,
    limit: 50,
  };
  const quarantineTable: PageTable = {
    id: 'quarantine',
    title: file ? `Quarantined rows of ${file}` : 'Quarantined rows',
    note: 'Rows a load set aside, with the line and column and the reason. Their raw text stays in the warehouse (it may hold personal values).',
    columns: [
      { name: 'file', label: 'File' },
      { name: 'table', label: 'Table' },
      { name: 'line', label: 'Line', format: 'integer' },
      { name: 'column', label: 'Column' },
      { name: 'reason', label: 'Reason', wrap: true },
      { name: 'run_id', label: 'Run', format: 'integer' },
    ],
    rows: quarantine,
  };
  const failed = tests.filter((t) => t.status !== 'passed').length;
  const testTable: PageTable = {
    id: 'data-tests',
    title: `Data tests: ${tests.length - failed} of ${tests.length} passed`,
    note: 'The tests of src/warehouse/sql/tests.yml run now on the built marts: the count of rows breaking each.',
    columns: [
      { name: 'model', label: 'Model' },
      { name: 'test', label: 'Test', wrap: true },
      { name: 'status', label: 'Status' },
      { name: 'failing', label: 'Failing rows', format: 'integer' },
    ],
    rows: tests,
    limit: 500,
  };
  const countTable: PageTable = {
    id: 'tables',
    title: 'Tables and row counts',
    columns: [
      { name: 'table', label: 'Table' },
      { name: 'kind', label: 'Kind' },
      { name: 'rows', label: 'Rows', format: 'integer' },
    ],
    rows: tables,
    limit: 500,
  };
  const form = controlsForm(path, [
    { name: 'file', label: 'Quarantine of file', value: file ?? '', options: [{ value: '', label: 'All files' }, ...files.map((f) => ({ value: f, label: f }))] },
  ]);
  return {
    title: 'Warehouse',
    lead: `${ctx.backend === 'postgres' ? 'PostgreSQL server' : 'Embedded PGlite'} warehouse ${ctx.target}: what was loaded, what was set aside and why, whether the marts pass their tests.`,
    blocks: [runTable, form, quarantineTable, testTable, countTable],
  };
};
