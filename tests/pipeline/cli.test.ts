import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

/** Runs the CLI in-process and returns its exit code, stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true));
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true));
  process.exitCode = undefined;
  try {
    const code = await runCli(['node', 'kpicast', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

const week = (start: string, s01Orders: number) => {
  const lines = ['store,day,orders,visitors'];
  for (let i = 0; i < 7; i++) {
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    lines.push(`S01,${d.toISOString().slice(0, 10)},${s01Orders},100`, `S02,${d.toISOString().slice(0, 10)},20,80`);
  }
  return lines.join('\n') + '\n';
};

describe('kpicast run --pipeline, kpicast runs, kpicast alerts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-pipeline-cli-'));
  const db = join(dir, 'db');
  const inbox = join(dir, 'incoming');
  const file = join(dir, 'shop.yml');
  const runs: Array<{ code: number; out: string; err: string }> = [];

  beforeAll(async () => {
    mkdirSync(inbox);
    copyFileSync(resolve('tests/fixtures/pipeline/shop-model.yml'), join(dir, 'model.yml'));
    writeFileSync(join(inbox, 'w1.csv'), week('2025-12-01', 25));
    writeFileSync(join(inbox, 'w2.csv'), week('2025-12-08', 10));
    writeFileSync(file, `sources:
  - { inbox: incoming/*.csv, table: shop_days, key: [store, day] }
build: no
alerts:
  - { name: low conversion, model: model.yml, metric: conversion_rate, by: store, condition: below, value: 0.15 }
deliver:
  webhook: http://127.0.0.1:9/hook?token=tok-abc123
  retry: 1
`);
    runs.push(await cli('--quiet', '--db', db, 'run', '--pipeline', file)); // run 1: a failed delivery
    writeFileSync(join(inbox, 'w2.csv'), week('2025-12-08', 30)); // the file changed: loaded again
    runs.push(await cli('--quiet', '--db', db, 'run', '--pipeline', file)); // run 2
    runs.push(await cli('--quiet', '--db', db, 'run', '--load-only')); // run 3: the main job, recorded
  }, 300_000);

  it('run --pipeline loads the inbox, fires the alert, and a failed delivery leaves the data steps standing (partial, exit 0)', () => {
    expect(runs[0].code).toBe(0);
    const lines = runs[0].out.split('\n');
    expect(lines[0]).toMatch(/^run 1 of pipeline shop: partial in /);
    expect(lines[1]).toBe('first failure: webhook → http://127.0.0.1:9/…: webhook http://127.0.0.1:9/…: no answer (bad port): failed after 1 attempt');
    expect(runs[0].out).toMatch(/^w1\.csv\s+shop_days\s+loaded\s+14\s+14\s+0\s+0\s+0$/m);
    expect(runs[0].out).toContain('alerts: 1 fired, 0 cleared, 1 open');
    expect(runs[0].out).toMatch(/^ {2}fired {3}low conversion \[store=S01\] 2025-12-08: below 0\.15$/m);
    expect(runs[0].out + runs[0].err).not.toContain('tok-abc123');
  });

  it('run --pipeline again loads only the changed file (an upsert), skips the other, clears the alert and retries the unsent notice', () => {
    expect(runs[1].out).toMatch(/^w1\.csv\s+shop_days\s+skipped$/m);
    expect(runs[1].out).toMatch(/^w2\.csv\s+shop_days\s+loaded\s+14\s+0\s+7\s+7\s+0$/m);
    expect(runs[1].out).toMatch(/^w1\.csv: skipped, already loaded \(same SHA-256 [0-9a-f]{12}…, load run 1\)$/m);
    // fired and cleared before any delivery got through: nothing left to send
    expect(runs[1].out).toContain('alerts: 0 fired, 1 cleared, 0 open');
  });

  it('kpicast runs lists the runs newest first, the plain run as pipeline main', async () => {
    const { code, out } = await cli('--db', db, 'runs');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^run\s+pipeline\s+trigger\s+started \(UTC\)\s+duration\s+status\s+error$/);
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([['3', 'main', 'manual'], ['2', 'shop', 'manual'], ['1', 'shop', 'manual']]);
    expect(lines[1]).toMatch(/succeeded$/);
    expect(out).not.toContain('tok-abc123');
  });

  it('kpicast runs <id> details one run: each step with status, duration, rows and the masked error', async () => {
    const first = await cli('--db', db, 'runs', '1');
    expect(first.out.split('\n')[0]).toMatch(/^run 1 of pipeline shop \(manual\): partial, started \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC, /);
    expect(first.out).toMatch(/^\s+1\s+load\s+shop_days: w1\.csv\s+succeeded\s+\S+ m?s\s+14\s+14\s+loaded 14, updated 0, duplicates 0, quarantined 0 \(load run 1\)$/m);
    expect(first.out).toMatch(/^\s+3\s+alerts\s+alerts: 1 rule\(s\)\s+succeeded\s+.*1 fired, 0 cleared, 1 open$/m);
    expect(first.out).toMatch(/^\s+4\s+delivery\s+webhook → http:\/\/127\.0\.0\.1:9\/…\s+failed\s+.*1 alert notice\(s\); webhook http:\/\/127\.0\.0\.1:9\/…: no answer \(bad port\): failed after 1 attempt$/m);
    expect(first.out).not.toContain('tok-abc123');
    const main = await cli('--db', db, 'runs', '3');
    // the built-in pipeline's steps, named as a pipeline file's: `table: file`
    expect(main.out.match(/^\s+\d+\s+load\s+[a-z_]+: [a-z_]+\.(csv|parquet|sqlite|ndjson)\s+succeeded/gm)).toHaveLength(13);
    expect((await cli('--db', db, 'runs', '99')).err).toBe('kpicast: runs: no run 99; kpicast runs lists the last ones\n');
    expect((await cli('--db', db, 'runs', 'x')).code).toBe(1);
  });

  it('kpicast alerts lists the open alerts, and says when there is none', async () => {
    expect((await cli('--db', db, 'alerts')).out).toBe('no open alert\n');
  });

  it('kpicast run --pipeline <a file with a mistake> fails before opening the warehouse: one line, exit 1', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'alerts:\n  - { condition: bellow }\n');
    const { code, out, err } = await cli('--db', join(dir, 'never'), 'run', '--pipeline', bad);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`kpicast: ${bad}, line 2, column 7: alerts[0].condition: got "bellow", allowed: below, above, change_pct_below, change_pct_above, outside_forecast, missing_data\n`);
    expect((await cli('--db', db, 'run', '--trigger', 'cron')).err).toBe('kpicast: --trigger: got "cron", allowed: manual, schedule, worker\n');
  });
});
