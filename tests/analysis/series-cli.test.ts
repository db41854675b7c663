/**
 * `kpicast series`: a metric of a model as the long CSV `kpicast forecast --input` reads.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kpicast = (...args: string[]) => spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8' });

describe('kpicast series', () => {
  it('writes revenue by month and region of the example sales as unique_id,ds,y, each month summed as the CSV says, and forecast reads it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-series-'));
    const db = join(dir, 'db');
    expect(kpicast('--db', db, '-q', 'load', 'data/examples/sales.csv', '--table', 'sales').status).toBe(0);
    const out = join(dir, 'not', 'yet', 'monthly.csv'); // folders created, as report does
    const run = kpicast('--db', db, 'series', '--model-file', 'data/examples/sales-model.yml', 'revenue', '--grain', 'month', '--by', 'region', '--as-of', '2099-01-01', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // independent sums from the CSV: region, month → sales
    const expected = new Map<string, number>();
    for (const line of readFileSync('data/examples/sales.csv', 'utf8').trim().split('\n').slice(1)) {
      const [, date, region, , , sales] = line.split(',');
      const key = `${region},${date.slice(0, 7)}-01`;
      expected.set(key, (expected.get(key) ?? 0) + Number(sales));
    }
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('unique_id,ds,y');
    const got = new Map<string, number>(lines.slice(1).map((l) => l.split(',')).map(([id, ds, y]) => [`${id},${ds}`, Number(y)]));
    for (const [key, value] of expected) expect(got.get(key), key).toBeCloseTo(value, 6);
    // months without sales inside a region's span are there, as zeros
    for (const [key, value] of got) if (!expected.has(key)) expect(value, key).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${new Set([...expected.keys()].map((k) => k.split(',')[0])).size} series, ${lines.length - 1} rows → `));
    const forecast = kpicast('forecast', '--input', out, '--h', '2', '--models', 'naive,mean');
    expect(forecast.status).toBe(0);
    expect(forecast.stdout.trim().split('\n')).toHaveLength(1 + 2 * new Set([...got.keys()].map((k) => k.split(',')[0])).size);
  }, 60_000);

  it('a bad --fill or --grain is one line naming the option', () => {
    const fill = kpicast('--db', 'memory', 'series', '--model', 'retail', 'revenue', '--fill', 'ffill');
    expect(fill.status).toBe(1);
    expect(fill.stderr).toBe('kpicast: --fill: got "ffill", allowed: zero, missing\n');
    const grain = kpicast('--db', 'memory', 'series', '--model', 'retail', 'revenue', '--grain', 'none');
    expect(grain.stderr).toBe('kpicast: --grain: got "none", allowed: day, week, month, quarter, year\n');
  });
});
