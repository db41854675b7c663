import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI runs from dist/ (`npm test` builds first), as users run it.
const dir = mkdtempSync(join(tmpdir(), 'kpicast-forecast-'));
const input = join(dir, 'missions.csv');
const rows = ['unique_id,ds,y'];
for (let i = 0; i < 40; i++) {
  const ds = new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10);
  rows.push(`hotel-a,${ds},${100 + i}`, `hotel-b,${ds},${i % 3 === 0 ? 0 : 6}`);
}
writeFileSync(input, rows.join('\n') + '\n');

function kpicast(...args: string[]) {
  return spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8' });
}

describe('kpicast forecast and backtest', () => {
  it('kpicast forecast --season-length 3 gives every series that season (hotel-b repeats 0, 6, 6), and refuses 0 naming the flag', () => {
    const out = join(dir, 'season3.csv');
    const run = kpicast('--quiet', 'forecast', '--input', input, '--h', '3', '--models', 'snaive', '--season-length', '3', '--out', out);
    expect(run.status).toBe(0);
    const b = readFileSync(out, 'utf8').trim().split('\n').filter((line) => line.startsWith('hotel-b,')).map((line) => Number(line.split(',')[3]));
    // weeks 40, 41, 42 continue the pattern of weeks 37, 38, 39 (i % 3 === 0 → 0)
    expect(b).toEqual([6, 6, 0]);
    const bad = kpicast('forecast', '--input', input, '--season-length', '0');
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('kpicast: --season-length: got 0, allowed: an integer >= 1');
  });

  it('kpicast forecast --input f --h 4 --out o writes 4 rows per series with the 80/95 bounds', () => {
    const out = join(dir, 'forecasts.csv');
    const run = kpicast('forecast', '--input', input, '--h', '4', '--models', 'naive,drift,croston', '--metric', 'mape', '--out', out);
    expect(run.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('unique_id,ds,model,mean,lo-80,hi-80,lo-95,hi-95');
    expect(lines).toHaveLength(1 + 2 * 4);
    // hotel-a grows by 1 a week: drift continues it (hand computation: week 40 → 140)
    expect(lines[1]).toMatch(/^hotel-a,2024-10-07,drift,140(\.0)?,/);
    expect(run.stdout).toMatch(/hotel-b .* wape .*mape undefined on this series/);
  });

  it('kpicast backtest --input f prints the overall leaderboard and never Infinity', () => {
    const run = kpicast('backtest', '--input', input, '--models', 'naive,drift,mean');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^overall/);
    expect(run.stdout).toMatch(/\ndrift +2 /);
    expect(run.stdout).not.toMatch(/Infinity|NaN/);
  });

  it('kpicast forecast --metric mae exits 1 with one line naming the option and the allowed values', () => {
    const run = kpicast('forecast', '--input', input, '--metric', 'mae');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/kpicast: --metric: got "mae", allowed: mape, smape, mase, rmse, wape, bias\n$/);
  });

  it.each([
    [['--h', 'abc'], '--h: got "abc", allowed: an integer from 1 to 731'],
    [['--h', ''], '--h: got "", allowed: an integer from 1 to 731'],
    [['--windows', 'x'], '--windows: got "x", allowed: an integer >= 1'],
    [['--levels', '80,abc'], '--levels: got "abc", allowed: numbers in (0, 100)'],
    [['--levels', '80,80'], '--levels: got 80, allowed: each level once'],
    [['--as-of', 'notadate'], '--as-of: got "notadate", allowed: a calendar date YYYY-MM-DD'],
  ])('kpicast forecast %j exits 1 with one line quoting the value as typed', (args, message) => {
    const run = kpicast('forecast', '--input', input, ...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`kpicast: ${message}\n`);
  });

  it('kpicast forecast and backtest on a file with a header and no rows exit 1 saying so', () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'unique_id,ds,y\n');
    for (const command of ['forecast', 'backtest']) {
      const run = kpicast(command, '--input', empty);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/empty\.csv: no rows after the header: nothing to forecast\n$/);
    }
  });

  it('kpicast forecast reads a ;-separated file (French exports) as it reads a ,-separated one', () => {
    const semi = join(dir, 'semi.csv');
    writeFileSync(semi, readFileSync(input, 'utf8').replace(/,/g, ';'));
    const a = kpicast('forecast', '--input', input, '--h', '2', '--models', 'naive,drift');
    const b = kpicast('forecast', '--input', semi, '--h', '2', '--models', 'naive,drift');
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stdout.split('\n')).toHaveLength(1 + 2 * 2 + 1);
  });

  it('kpicast forecast --input missing.csv names the file', () => {
    const run = kpicast('forecast', '--input', join(dir, 'missing.csv'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/missing\.csv: file not found/);
  });
});
