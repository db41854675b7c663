import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI runs from dist/ (`npm test` builds first), as users run it.
const dir = mkdtempSync(join(tmpdir(), 'kpicast-holidays-'));
const input = join(dir, 'daily.csv');
const rows = ['unique_id,ds,y'];
const holidays = new Set(['2024-01-01', '2024-04-01', '2024-05-01', '2024-05-08', '2024-05-09', '2024-05-20', '2024-07-14', '2024-08-15', '2024-11-01', '2024-11-11', '2024-12-25']);
for (let i = 0; i < 366 + 120; i++) {
  const ds = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const base = 100 + 30 * ((i % 7) === 5 ? 1 : 0);
  rows.push(`store,${ds},${holidays.has(ds) || ds === '2025-01-01' ? base * 0.3 : base}`);
}
writeFileSync(input, rows.join('\n') + '\n');

function kpicast(...args: string[]) {
  return spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8' });
}

describe('kpicast forecast --holidays', () => {
  it('backtests the holiday-adjusted models and lowers the forecast on a future holiday', () => {
    const out = join(dir, 'forecasts.csv');
    // the series ends on 2025-04-30: 1 May 2025 is the first day ahead
    const run = kpicast('forecast', '--input', input, '--h', '7', '--models', 'snaive,snaive_hol', '--holidays', 'FR', '--all', '--out', out);
    expect(run.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const may1 = (model: string) => Number(lines.find((l) => l.startsWith(`store,2025-05-01,${model},`))!.split(',')[3]);
    expect(may1('snaive')).toBeGreaterThan(90);
    expect(may1('snaive_hol')).toBeLessThan(50);
  });
  it('names --holidays on an unknown code and --events file:line:column on a bad row', () => {
    const bad = kpicast('forecast', '--input', input, '--holidays', 'XX');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--holidays: got "XX" \(unknown country\), allowed: a country code as FR/);
    const events = join(dir, 'events.csv');
    writeFileSync(events, 'date,name\n2025-13-01,Sale\n');
    const run = kpicast('forecast', '--input', input, '--events', events);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${events}:2:1: date got "2025-13-01"`);
  });
});
