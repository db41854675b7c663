import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI runs from dist/ (`npm test` builds first), as users run it.
const dir = mkdtempSync(join(tmpdir(), 'kpicast-event-columns-'));
const WEEKS = 156;
const H = 4;
const day = (t: number) => new Date(Date.UTC(2022, 0, 3) + t * 7 * 86_400_000).toISOString().slice(0, 10);
// three years of weekly sales, every third week half under promotion (+80 % on those days), then
// four forecast weeks with empty y: promoted, not, promoted in full, not
const share = (t: number) => (t < WEEKS ? (t % 3 === 0 ? 0.5 : 0) : [0.5, 0, 1, 0][t - WEEKS]);
const lines = ['unique_id,ds,y,promo_share'];
for (let t = 0; t < WEEKS + H; t++) {
  const base = 200 * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 52)) + ((t * 37) % 11);
  lines.push(`shop,${day(t)},${t < WEEKS ? (base * (1 + 0.8 * share(t))).toFixed(2) : ''},${share(t)}`);
}
const input = join(dir, 'weekly.csv');
writeFileSync(input, lines.join('\n') + '\n');

function kpicast(...args: string[]) {
  return spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8' });
}

describe('kpicast forecast --event-columns', () => {
  it('lifts the forecast of the promoted weeks by the column, the plain model does not', () => {
    const out = join(dir, 'forecasts.csv');
    const run = kpicast('forecast', '--input', input, '--h', String(H), '--models', 'ets,ets_hol', '--event-columns', 'promo_share', '--all', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    const mean = (model: string, t: number) => Number(rows.find((l) => l.startsWith(`shop,${day(t)},${model},`))!.split(',')[3]);
    expect(mean('ets_hol', WEEKS + 2) / mean('ets', WEEKS + 2)).toBeGreaterThan(1.5);
    expect(mean('ets_hol', WEEKS) / mean('ets_hol', WEEKS + 1)).toBeGreaterThan(1.25);
  });
  it('names the column and the first forecast week without a value, a cell that is no number at file:line:column; --distributed still needs a server', () => {
    const short = join(dir, 'short.csv');
    writeFileSync(short, lines.slice(0, WEEKS + 3).join('\n') + '\n');
    const missing = kpicast('forecast', '--input', short, '--h', String(H), '--models', 'ets_hol', '--event-columns', 'promo_share');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain(`promo_share: no value for series "shop" on ${day(WEEKS + 2)}, the first of the 4 forecast periods without one`);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, [...lines.slice(0, 3), `shop,${day(2)},10,lots`, ...lines.slice(4)].join('\n') + '\n');
    const run = kpicast('forecast', '--input', bad, '--event-columns', 'promo_share');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${bad}, line 4, column promo_share: got "lots", not a number`);
    const unknown = kpicast('forecast', '--input', input, '--event-columns', 'promo');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('column promo missing, got unique_id, ds, y, promo_share; expected unique_id, ds, y and the event columns promo');
    const distributed = kpicast('forecast', '--input', input, '--event-columns', 'promo_share', '--distributed');
    expect(distributed.status).not.toBe(0);
    // the batches carry the columns now: what it asks for is the server the workers share
    expect(distributed.stderr).toContain('--db: got null, allowed: with --distributed, a PostgreSQL server URL');
  });
});
