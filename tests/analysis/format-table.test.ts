/**
 * `kpicast kpi --format table` printed `501239.8908` (issue 13): tables for people show numbers
 * as the report does — thousands separators, money with 2 decimals, rates as percentages — in
 * each measure's declared `format`; csv and json stay exact.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileKpis, formatCell, formatFrame, loadModelFile, measureFormat, migrate, openWarehouse, retail, staffing, vehicles } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { backends, freshServerDatabase, type Backend } from '../helpers/backends.js';

describe('formatCell(value, format)', () => {
  it.each([
    [501239.8908, 'money', '501,239.89'],
    [-1234.5, 'money', '-1,234.50'],
    [0.1234, 'percent', '12.3 %'],
    [1, 'percent', '100.0 %'],
    [1234567.4, 'integer', '1,234,567'],
    [1234.5678, 'number', '1,234.57'],
    [42, 'number', '42'],
    [null, 'money', ''],
  ] as const)('formatCell(%j, %j) => %j', (value, format, text) => {
    expect(formatCell(value, format)).toBe(text);
  });
});

describe('measureFormat(model, name)', () => {
  it('built-in models declare money and rates; counts default to integer, shares to percent', () => {
    expect(['revenue', 'average_basket', 'margin_rate', 'conversion_rate', 'orders', 'units'].map((m) => measureFormat(retail, m))).toEqual(['money', 'money', 'percent', 'percent', 'integer', 'integer']);
    expect(['revenue', 'fill_rate', 'cancellation_rate', 'missions', 'hours'].map((m) => measureFormat(staffing, m))).toEqual(['money', 'percent', 'percent', 'integer', 'number']);
    expect(['market_share', 'average_price', 'units_sold'].map((m) => measureFormat(vehicles, m))).toEqual(['percent', 'money', 'integer']);
  });

  it('compiled columns carry the format: shares and changes in % are percent, previous and delta the metric\'s', () => {
    const { columns } = compileKpis(retail, { metrics: ['revenue'], grain: 'month', by: ['region'], compare: 'previous_year', share: true });
    expect(columns.map((c) => [c.name, c.format])).toEqual([
      ['period', undefined], ['region', undefined], ['revenue', 'money'], ['revenue_share', 'percent'],
      ['revenue_previous', 'money'], ['revenue_delta', 'money'], ['revenue_delta_pct', 'percent'],
    ]);
  });

  it('a model file declares format per measure; an unknown format is one line with file, line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-format-model-'));
    const good = join(dir, 'good.yml');
    writeFileSync(good, 'name: s\ntable: raw.s\ntime: d\nmeasures:\n  revenue: { sum: amount, format: money }\n  rate: { ratio: [revenue, revenue], format: percent }\n');
    const model = loadModelFile(good);
    expect([model.measures.revenue.format, model.measures.rate.format]).toEqual(['money', 'percent']);
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'name: s\ntable: raw.s\ntime: d\nmeasures:\n  revenue: { sum: amount, format: euro }\n');
    expect(() => loadModelFile(bad)).toThrow(`${bad}, line 5, column 35: measure revenue: format "euro", allowed: money, percent, number, integer`);
  });
});

describe('formatFrame(frame, format, { formats })', () => {
  const frame = pl.DataFrame({ region: ['Nord', 'Sud'], revenue: [501239.8908, 1234.5], margin_rate: [0.12345, null] });
  const formats = { revenue: 'money', margin_rate: 'percent' } as const;

  it('table: separators, 2 decimals for money, percentages, right-aligned', () => {
    expect(formatFrame(frame, 'table', { formats })).toBe(
      ['region     revenue  margin_rate', '------  ----------  -----------', 'Nord    501,239.89       12.3 %', 'Sud       1,234.50', ''].join('\n'),
    );
  });

  it('csv and json keep every digit', () => {
    expect(formatFrame(frame, 'csv', { formats })).toBe('region,revenue,margin_rate\nNord,501239.8908,0.12345\nSud,1234.5,\n');
    expect((JSON.parse(formatFrame(frame, 'json', { formats })) as unknown[])[0]).toEqual({ region: 'Nord', revenue: 501239.8908, margin_rate: 0.12345 });
  });
});

async function target(backend: Backend): Promise<{ db: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') return { db: mkdtempSync(join(tmpdir(), 'kpicast-format-')), drop: async () => {} };
  const fresh = await freshServerDatabase();
  return { db: fresh.url, drop: fresh.drop };
}

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  process.stderr.write = (() => true);
  process.exitCode = undefined;
  try {
    return { code: await runCli(['node', 'kpicast', ...args]), out };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

describe.each(backends)('kpicast kpi --format table on %s', (backend) => {
  let db: string;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-format-model-'));
  const modelPath = join(dir, 'sales.yml');
  beforeAll(async () => {
    ({ db, drop } = await target(backend));
    const warehouse = await openWarehouse(db);
    await migrate(warehouse);
    await warehouse.exec(`CREATE TABLE raw.sales (order_id text, day date, region text, amount numeric, profit numeric);
      INSERT INTO raw.sales VALUES ('A', '2024-01-02', 'Nord', 500000.5, 60000), ('B', '2024-01-03', 'Nord', 1239.3908, 2000.25), ('C', '2024-01-04', 'Sud', 1234.5, -100)`);
    await warehouse.close();
    writeFileSync(modelPath, [
      'name: sales', 'table: raw.sales', 'time: day', 'dimensions: [region]', 'measures:',
      '  revenue: { sum: amount, format: money }', '  profit: { sum: profit, format: money }',
      '  margin_rate: { ratio: [profit, revenue], format: percent }', '  orders: { count_distinct: order_id }', '',
    ].join('\n'));
  });
  afterAll(() => drop());

  it('prints money with separators and 2 decimals, rates as percentages, counts as integers', async () => {
    const { code, out } = await cli('--db', db, '--quiet', 'kpi', '--model-file', modelPath, 'revenue', 'margin_rate', 'orders', '--by', 'region');
    expect(code).toBe(0);
    // Nord: 500000.5 + 1239.3908 = 501239.8908; margin (60000 + 2000.25) / 501239.8908 = 12.37 %
    expect(out).toBe(
      ['region     revenue  margin_rate  orders', '------  ----------  -----------  ------', 'Nord    501,239.89       12.4 %       2', 'Sud       1,234.50       -8.1 %       1', ''].join('\n'),
    );
  });

  it('--format csv stays exact', async () => {
    const { code, out } = await cli('--db', db, '--quiet', 'kpi', '--model-file', modelPath, 'revenue', '--by', 'region', '--format', 'csv');
    expect(code).toBe(0);
    expect(out).toBe('region,revenue\nNord,501239.8908\nSud,1234.5\n');
  });
});
