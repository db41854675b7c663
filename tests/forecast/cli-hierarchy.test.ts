import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI runs from dist/ (`npm test` builds first), as users run it.
const dir = mkdtempSync(join(tmpdir(), 'kpicast-hierarchy-'));
const input = join(dir, 'sales.csv');
const rows = ['store,category,ds,y'];
for (let t = 0; t < 40; t++) {
  const ds = new Date(Date.UTC(2024, 0, 1) + t * 7 * 86_400_000).toISOString().slice(0, 10);
  // levels, trends and a wobble of their own, so the base forecasts do not add up by themselves
  rows.push(`S01,cheese,${ds},${100 + t + 5 * Math.sin(t)}`, `S01,wine,${ds},${60 + 0.5 * t + 4 * Math.cos(t / 2)}`, `S02,cheese,${ds},${80 - 0.2 * t + 3 * Math.sin(t / 3)}`);
}
writeFileSync(input, rows.join('\n') + '\n');

function kpicast(...args: string[]) {
  return spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8' });
}

describe('kpicast forecast --hierarchy', () => {
  it.each(['mint_shrink', 'bottom_up', 'top_down'])('kpicast forecast --hierarchy store,category --reconcile %s writes every node, each parent the sum of its children', (method) => {
    const out = join(dir, `${method}.csv`);
    const run = kpicast('forecast', '--input', input, '--hierarchy', 'store,category', '--reconcile', method, '--models', 'naive,drift,ses', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`reconciliation: ${method}`);
    expect(run.stdout).toMatch(/\ntotal +1 /);
    expect(run.stdout).toMatch(/\nstore\/category +3 /);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('unique_id,level,ds,model,mean,lo-80,hi-80,lo-95,hi-95');
    const mean = new Map(lines.slice(1).map((line) => line.split(',')).map((f) => [`${f[0]}@${f[2]}`, Number(f[4])]));
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['total', 'S01', 'S02', 'S01/cheese', 'S01/wine', 'S02/cheese']));
    for (const ds of new Set(lines.slice(1).map((l) => l.split(',')[2]))) {
      const at = (id: string) => mean.get(`${id}@${ds}`)!;
      expect(Math.abs(at('S01') - at('S01/cheese') - at('S01/wine'))).toBeLessThan(1e-9);
      expect(Math.abs(at('S02') - at('S02/cheese'))).toBeLessThan(1e-9);
      expect(Math.abs(at('total') - at('S01') - at('S02'))).toBeLessThan(1e-9);
    }
  });

  it('kpicast forecast --hierarchy store,category reads unique_id paths (what kpicast series --by store,category writes)', () => {
    const paths = join(dir, 'paths.csv');
    writeFileSync(paths, ['unique_id,ds,y', ...rows.slice(1).map((line) => line.replace(/^(S0\d),(\w+),/, '$1/$2,'))].join('\n') + '\n');
    const run = kpicast('forecast', '--input', paths, '--hierarchy', 'store,category', '--reconcile', 'bottom_up', '--models', 'naive', '--quiet');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('unique_id,level,ds,model,mean,lo-80,hi-80,lo-95,hi-95');
    // bottom_up with naive: the total's first forecast is the sum of the three last values
    const last = rows.slice(-3).map((line) => Number(line.split(',')[3]));
    expect(Number(lines[1].split(',')[4])).toBeCloseTo(last[0] + last[1] + last[2], 9);
    expect(lines[1]).toMatch(/^total,total,/);
  });

  it.each([
    [['--hierarchy', 'store,category', '--reconcile', 'middle_out'], '--reconcile: got "middle_out", allowed: mint_shrink, bottom_up, top_down'],
    [['--reconcile', 'bottom_up'], '--reconcile: got "bottom_up", allowed: only with --hierarchy <levels>'],
    [['--hierarchy', 'store,store'], '--hierarchy: got "store", allowed: each level once'],
    [['--hierarchy', 'store,category', '--all'], '--all: got true, allowed: not with --hierarchy (the reconciled forecasts are those of the selected models)'],
    [['--hierarchy', 'store,region'], `${input}: column region missing, got store, category, ds, y; expected store, region, ds, y (or unique_id paths store/region, ds, y)`],
  ])('kpicast forecast %j exits 1 with one line naming the option and what is allowed', (args, message) => {
    const run = kpicast('forecast', '--input', input, ...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`kpicast: ${message}\n`);
  });
});
