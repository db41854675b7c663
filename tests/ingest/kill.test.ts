import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openWarehouse, type Warehouse } from '../../src/index.js';
import { freshServerDatabase } from '../helpers/backends.js';

// A load killed midway (SIGKILL, no chance to clean up) leaves the warehouse as before. Made
// deterministic on the server: another session holds a SHARE lock on the target (reads pass, writes wait), so the load stops at
// its merge, after the table, staging and quarantine work; then the process is killed.
// (On PGlite, the same all-or-nothing is shown by the injected failure in load-file.test.ts.)
describe('kpicast load killed midway (PostgreSQL server)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let warehouse: Warehouse;
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-kill-'));
  beforeAll(async () => {
    db = await freshServerDatabase();
    warehouse = await openWarehouse(db.url);
    await migrate(warehouse);
    await warehouse.exec(`
      insert into raw.stores (store_id, name, region, tax_rate) values ('S01', 'a', 'r', 0.2);
      insert into raw.products (product_id, name, category, unit_cost, price) values ('P1', 'a', 'c', 1, 2);`);
  });
  afterAll(async () => {
    await warehouse.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 during the merge leaves no rows, no quarantine and no succeeded run behind', async () => {
    const file = join(dir, 'lines.csv');
    const lines = ['order_id,line_no,order_date,store_id,product_id,customer_id,quantity,unit_price,discount'];
    for (let i = 1; i <= 2000; i++) lines.push(`O${i},1,2024-01-02,S01,P1,,1,1.15,0`);
    lines.push('OX,1,2024-01-02,S99,P1,,1,1.15,0'); // one row for the quarantine
    writeFileSync(file, lines.join('\n') + '\n');

    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE raw.order_lines IN SHARE MODE');
    try {
      const child = spawn('node', ['bin/kpicast.js', '--db', db.url, 'load', file, '--table', 'order_lines'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('✓ quarantine 1 rows')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`load ended (${code}) before it reached the merge: ${stderr}`)));
      });
      // the merge waits for the lock: wait until the server shows it waiting, then kill
      for (let i = 0; i < 100; i++) {
        const { rows } = await blocker.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()");
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // the server ends the orphaned session; wait for it to be gone
    for (let i = 0; i < 100; i++) {
      const { rows } = await warehouse.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = '' and pid <> pg_backend_pid() and state <> 'idle'");
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await warehouse.query('select count(*)::int as n from raw.order_lines')).rows).toEqual([{ n: 0 }]);
    expect((await warehouse.query('select count(*)::int as n from quarantine')).rows).toEqual([{ n: 0 }]);
    expect((await warehouse.query("select count(*)::int as n from load_runs where status = 'succeeded'")).rows).toEqual([{ n: 0 }]);
  }, 120_000);
});
