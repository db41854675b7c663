import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/kpicast.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('kpicast --log-file', () => {
  it('keeps the step lines as JSON lines with their component, and stderr stays for people', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-log-'));
    const file = join(dir, 'logs', 'kpicast.jsonl');
    const result = cli(['--db', join(dir, 'db'), '--log-file', file, 'load', 'tests/fixtures/ingest/stores.csv', '--table', 'stores_log']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^✓ read stores\.csv {2}\d+ ms$/m);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ level: 30, component: 'ingest', msg: 'kpicast load' });
    const read = lines.find((l) => l.step === 'read stores.csv');
    expect(read).toMatchObject({ level: 30, component: 'ingest', status: 'succeeded', msg: '✓ read stores.csv' });
    expect(typeof read!.duration_ms).toBe('number');
    expect(typeof read!.time).toBe('number');
  });

  it('records the one-line error of a failed command, from $KPICAST_LOG_FILE too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-log-'));
    const file = join(dir, 'kpicast.jsonl');
    const result = cli(['--db', join(dir, 'db'), 'load', join(dir, 'missing.csv'), '--table', 'x'], { KPICAST_LOG_FILE: file });
    expect(result.status).toBe(1);
    const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').pop()!) as Record<string, unknown>;
    expect(last).toMatchObject({ level: 50, component: 'cli', code: 'E_INPUT' });
    expect(`kpicast: ${String(last.msg)}\n`).toBe(result.stderr.split('\n').filter((l) => l.startsWith('kpicast: ')).join('\n') + '\n');
  });
});
