/**
 * One writer per embedded warehouse directory: two `kpicast load` at once into the same
 * directory used to both print success while one table was lost.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse } from '../../src/index.js';

describe('embedded warehouse directory lock', () => {
  it('a second openWarehouse(dir) while the first is open is refused in one line; after close it opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-lock-'));
    const first = await openWarehouse(dir);
    await expect(openWarehouse(dir)).rejects.toThrow(new RegExp(`^warehouse ${dir} is in use by this process; wait for it to finish, or use another --db$`));
    await first.close();
    expect(existsSync(join(dir, 'kpicast.lock'))).toBe(false);
    const second = await openWarehouse(dir);
    expect((await second.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
    await second.close();
  });

  it('a lock left by a process that has ended (killed) is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-lock-'));
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'kpicast.lock'), `${ended.stdout}\n`);
    const warehouse = await openWarehouse(dir);
    expect((await warehouse.query<{ n: number }>('select 2 as n')).rows).toEqual([{ n: 2 }]);
    await warehouse.close();
  });

  it('two kpicast load at once into one directory: one loads, the other exits 1 naming the process that has it, and the first table is complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpicast-lock-'));
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const rows = (prefix: string) => ['id,v', ...Array.from({ length: 20_000 }, (_, i) => `${prefix}${i},${i}`)].join('\n') + '\n';
    writeFileSync(a, rows('a'));
    writeFileSync(b, rows('b'));
    const db = join(dir, 'db');
    const run = (file: string, table: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['bin/kpicast.js', '--quiet', '--db', db, 'load', file, '--table', table, '--key', 'id']);
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const [ra, rb] = await Promise.all([run(a, 'lock_a'), run(b, 'lock_b')]);
    const codes = [ra.code, rb.code].sort();
    expect(codes).toEqual([0, 1]);
    const refused = ra.code === 1 ? ra : rb;
    expect(refused.stderr).toMatch(/^kpicast: warehouse .* is in use by process \d+; wait for it to finish, or use another --db\n$/);
    const table = ra.code === 0 ? 'lock_a' : 'lock_b';
    const warehouse = await openWarehouse(db);
    const { rows: counted } = await warehouse.query<{ n: number }>(`select count(*)::int as n from raw.${table}`);
    await warehouse.close();
    expect(counted).toEqual([{ n: 20_000 }]);
  }, 120_000);
});
