import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartFromCsv } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { distinctColours, pngSignature, pngSize } from './pngPixels.js';

const fanCsv = [
  'ds,y,fitted,mean,lo_80,hi_80,lo_95,hi_95',
  '2024-01-01,100,,,,,,',
  '2024-01-08,120,110,,,,,',
  '2024-01-15,115,118,,,,,',
  '2024-01-22,,,117,105,129,99,135',
  '2024-01-29,,,118,103,133,95,141',
].join('\n');

describe('chartFromCsv(kind, text, options)', () => {
  it('splits a fan CSV into history, backtest fit and forecast', () => {
    const figure = chartFromCsv('fan', fanCsv, { name: 'Missions' });
    expect(figure.data.map((t) => t.name)).toEqual(['95 % interval', '80 % interval', 'History', 'Backtest fit', 'Forecast']);
    expect(figure.data[2].x).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(figure.data[4].y).toEqual([117, 118]);
  });

  it('reads the CSV of `kpicast kpi --format csv`: period and the first metric with its _previous; a dimension and a metric for a ranking', () => {
    const kpi = chartFromCsv('kpi', 'period,revenue,revenue_previous,revenue_delta,revenue_delta_pct\n2025-01-13,120,100,20,0.2\n2025-01-06,90,,,\n');
    expect(kpi.data[0].x).toEqual(['2025-01-06', '2025-01-13']);
    expect(kpi.data[0].y).toEqual([90, 120]);
    expect(kpi.data[1].y).toEqual([null, 100]);
    expect(kpi.layout.title.text).toBe('revenue');
    const ranking = chartFromCsv('ranking', 'store_name,revenue,orders\nLyon,5,1\nParis,9,2\n');
    expect(ranking.data[0].y).toEqual(['Lyon', 'Paris']);
    expect(ranking.data[0].x).toEqual([5, 9]);
  });

  it('reads ; separated files and names file, line and column of a bad number', () => {
    expect(chartFromCsv('ranking', 'label;value\nLyon;5\nParis;9\n').data[0].y).toEqual(['Lyon', 'Paris']);
    expect(() => chartFromCsv('ranking', 'label,value\nLyon,5\nParis,lots\n', { file: 'r.csv' })).toThrow('r.csv, line 3, column value: not a number: "lots"');
    expect(() => chartFromCsv('kpi', 'day,value\n', { file: 'k.csv' })).toThrow(/k.csv, line 1: chart kpi: missing column ds/);
  });
});

describe('kpicast chart <kind> --input <csv> --out <file>', () => {
  it('writes a PNG that is a real image of the chart, at width × scale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-cli-chart-'));
    writeFileSync(join(dir, 'fan.csv'), fanCsv);
    const out = join(dir, 'fan.png');
    const code = await runCli(['node', 'kpicast', '--quiet', 'chart', 'fan', '--input', join(dir, 'fan.csv'), '--out', out, '--width', '600', '--height', '300', '--scale', '2', '--locale', 'fr']);
    expect(code).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 1200, height: 600 });
    expect(await distinctColours(png)).toBeGreaterThan(50);
  });

  it('exits 1 with one line naming the option for an unknown kind', async () => {
    const code = await runCli(['node', 'kpicast', 'chart', 'pie', '--input', 'x.csv', '--out', 'x.png']);
    expect(code).toBe(1);
  });
});
