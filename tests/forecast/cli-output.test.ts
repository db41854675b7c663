/**
 * What `forecast`, `backtest` and `series` do with a bad --out, a huge --h, a bad --as-of and
 * warnings repeated over many series: one line naming the option or path, before any work,
 * nothing half-written.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI runs from dist/ (`npm test` builds first), as users run it.
const dir = mkdtempSync(join(tmpdir(), 'kpicast-output-'));
const input = join(dir, 'weekly.csv');
const rows = ['unique_id,ds,y'];
for (let i = 0; i < 30; i++) {
  const ds = new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10);
  rows.push(`store-1,${ds},${100 + (i % 5)}`, `store-2,${ds},${50 + (i % 3)}`);
}
writeFileSync(input, rows.join('\n') + '\n');

const kpicast = (...args: string[]) => spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8' });

// a folder no one may write into: a read-only one, or /sys where even root cannot create a file
const readOnly = join(dir, 'read-only');
mkdirSync(readOnly);
chmodSync(readOnly, 0o555);
const unwritable = process.getuid?.() === 0 ? '/sys' : readOnly;

describe('kpicast forecast, backtest and series --out', () => {
  it.each(['forecast', 'backtest'])('kpicast %s --out into a missing folder creates it and writes the file whole', (command) => {
    const out = join(dir, command, 'deeper', 'result.csv');
    const run = kpicast(command, '-q', '--input', input, '--models', 'naive,mean', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^unique_id,/);
    expect(readdirSync(join(dir, command, 'deeper'))).toEqual(['result.csv']); // no temporary file left
  });

  it.each([
    ['forecast', [dir], /^kpicast: --out: got ".*kpicast-output-\w+" \(is a folder\), allowed: a file path\n$/],
    ['backtest', [dir], /^kpicast: --out: got ".*kpicast-output-\w+" \(is a folder\), allowed: a file path\n$/],
    ['forecast', [unwritable, 'x.csv'], /^kpicast: --out: got ".*x\.csv" \(.*: (permission denied|read-only file system)\), allowed: a file path this process may write\n$/],
    ['backtest', [unwritable, 'sub', 'x.csv'], /^kpicast: --out: got ".*x\.csv" \(.*: (permission denied|read-only file system)\), allowed: a file path this process may write\n$/],
    ['forecast', [input, 'x.csv'], /^kpicast: --out: got ".*weekly\.csv\/x\.csv" \(.*weekly\.csv is a file, not a folder\), allowed: a file path in a folder\n$/],
  ])('kpicast %s --out %j is one line naming the path, before any computation', (command, parts, message) => {
    const out = join(...parts);
    // no --quiet: a computation would print its step line (✓ forecast …) before the error
    const run = kpicast(command, '--input', input, '--models', 'naive', '--out', out);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/panicked|backtrace|✓/);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
  });

  it('kpicast series --out onto a folder or into an unwritable one is one line naming the path, before the warehouse is opened', () => {
    const folder = kpicast('--db', join(dir, 'never-created-db'), 'series', '--model', 'retail', 'revenue', '--out', dir);
    expect(folder.stderr).toMatch(/^kpicast: --out: got ".*" \(is a folder\), allowed: a file path\n$/);
    expect(folder.status).toBe(1);
    const denied = kpicast('--db', join(dir, 'never-created-db'), 'series', '--model', 'retail', 'revenue', '--out', join(unwritable, 'w.csv'));
    expect(denied.stderr).toMatch(/^kpicast: --out: got ".*w\.csv" \(.*\), allowed: a file path this process may write\n$/);
    expect(denied.status).toBe(1);
    expect(existsSync(join(dir, 'never-created-db'))).toBe(false);
  });
});

describe('kpicast forecast --h and --as-of', () => {
  it('kpicast forecast --h 1000000 is refused at once, saying the bound', () => {
    const run = kpicast('forecast', '--input', input, '--h', '1000000');
    expect(run.stderr).toBe('kpicast: --h: got 1000000, allowed: 1 to 731 (156 for weekly series, 60 for monthly)\n');
    expect(run.status).toBe(1);
  });

  it('kpicast backtest --h 200 on weekly series is refused with the weekly bound, before any fit', () => {
    const run = kpicast('backtest', '-q', '--input', input, '--h', '200');
    expect(run.stderr).toBe('kpicast: --h: got 200, allowed: 1 to 156 for weekly series\n');
    expect(run.status).toBe(1);
  });

  it.each([
    [['--h', '0x10'], '--h: got "0x10", allowed: an integer from 1 to 731'],
    [['--h', '-3'], '--h: got -3, allowed: an integer from 1 to 731'],
    [['--levels', '1e-300'], '--levels: got 1e-300 (0 % as a fraction), allowed: numbers in (0, 100), or fractions in (0, 1) from 0.00000001'],
    [['--models', 'prophet'], '--models: got "prophet", allowed: naive, snaive, ses, holt, damped, holt_winters, holt_winters_multiplicative, ets, theta, mean, ma, drift, croston, sba, tsb, npts, snpts, arima, mstl, ets_hol, theta_hol, snaive_hol, holt_winters_hol, ses_hol'],
    [['--metric', 'mae'], '--metric: got "mae", allowed: mape, smape, mase, rmse, wape, bias'],
  ])('kpicast backtest %j is one line naming the flag and what was typed', (args, message) => {
    const run = kpicast('backtest', '--input', input, ...args);
    expect(run.stderr).toBe(`kpicast: ${message}\n`);
    expect(run.status).toBe(1);
  });

  it('kpicast forecast --h 156 (the weekly bound) runs', () => {
    const run = kpicast('forecast', '-q', '--input', input, '--h', '156', '--models', 'naive');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1 + 2 * 156);
  });

  it.each([
    ['forecast', ['--input', input]],
    ['series', ['--model', 'retail', 'revenue']],
  ])('kpicast %s --as-of 2024-99-99 is refused by the one date parser, naming the option and why', (command, args) => {
    const run = kpicast('--db', 'memory', command, ...args, '--as-of', '2024-99-99');
    expect(run.stderr).toBe('kpicast: --as-of: got "2024-99-99" (there is no month 99), allowed: a calendar date YYYY-MM-DD\n');
    expect(run.status).toBe(1);
  });

  it.each(['kpi', 'series'])('kpicast %s --from 2024-02-30 is refused by the one date parser, naming the option', (command) => {
    const run = kpicast('--db', 'memory', command, '--model', 'retail', 'revenue', '--from', '2024-02-30');
    expect(run.stderr).toBe('kpicast: --from: got "2024-02-30" (2024-02 has 29 days), allowed: a calendar date YYYY-MM-DD\n');
    expect(run.status).toBe(1);
  });
});

describe('kpicast forecast and backtest input the period cannot be read from', () => {
  it.each(['forecast', 'backtest'])('kpicast %s on a file of one row names the file and the line, and says which option settles it', (command) => {
    const one = join(dir, 'one-row.csv');
    writeFileSync(one, 'unique_id,ds,y\na,2024-01-01,1\n');
    const run = kpicast(command, '-q', '--input', one);
    expect(run.stderr).toMatch(/^kpicast: .*one-row\.csv: cannot infer the period from one date \(2024-01-01, line 2\); give the period \(--period day, week, month, quarter, year\)\n$/);
    expect(run.status).toBe(1);
    expect(kpicast(command, '-q', '--input', one, '--period', 'week', '--models', 'naive').status).toBe(0);
  });
});

describe('kpicast forecast warnings', () => {
  it('a fallback given for each of 45 series is one warning line with the count', () => {
    const many = join(dir, 'many.csv');
    const lines = ['unique_id,ds,y'];
    for (let s = 0; s < 45; s++) {
      for (let i = 0; i < 30; i++) lines.push(`s${s},${new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10)},${10 + ((i * (s + 3)) % 7)}`);
    }
    writeFileSync(many, lines.join('\n') + '\n');
    const run = kpicast('forecast', '-q', '--input', many, '--models', 'naive,holt_winters', '--threads', '1');
    expect(run.status).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.includes('season length 52 above 24'));
    expect(warnings).toEqual(["warning: holt_winters: season length 52 above 24 (as R's ets), used Holt (45 series: s0, s1, s2, …)"]);
  });

  it('a 10 MB series id makes warnings and the selection table of a few hundred characters, the forecasts file keeps it whole', () => {
    const id = 'x'.repeat(10_000_000);
    const huge = join(dir, 'huge-id.csv');
    const lines = ['unique_id,ds,y'];
    for (let i = 0; i < 10; i++) lines.push(`${id},${new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10)},${i % 4}`);
    writeFileSync(huge, lines.join('\n') + '\n');
    const out = join(dir, 'huge-forecasts.csv');
    const run = kpicast('forecast', '--input', huge, '--models', 'naive,snaive,holt_winters', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/warning: x{40}… \(10000000 characters\): snaive: 10 points < one season of 52, used naive/);
    expect(run.stderr.length).toBeLessThan(5_000);
    expect(run.stdout.length).toBeLessThan(5_000);
    expect(readFileSync(out, 'utf8').split('\n')[1].startsWith(`${id},`)).toBe(true);
  }, 60_000);
});
