import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, migrate, WarehouseError, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

describe.each(backends)('warehouse on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
  });
  afterAll(() => cleanup());

  it('query(sql, params) binds parameters and returns the same JS types on both backends', async () => {
    const { rows } = await warehouse.query(
      `select $1::int + 1 as n, 12.50::numeric as price, count(*) as c, '2024-03-01'::date as day, true as flag, null::text as nothing
       from generate_series(1, 3)`,
      [41],
    );
    expect(rows).toEqual([{ n: 42, price: 12.5, c: 3, day: '2024-03-01', flag: true, nothing: null }]);
  });

  it('migrate(warehouse) is idempotent: a second run applies nothing', async () => {
    expect(await migrate(warehouse)).toEqual([]);
    const { rows } = await warehouse.query<{ n: number }>('select count(*) as n from schema_migrations');
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('transaction(fn) commits on success and rolls back everything on a throw', async () => {
    await warehouse.exec('create table tx_probe (x int primary key)');
    await warehouse.transaction(async (tx) => {
      await tx.query('insert into tx_probe values (1)');
    });
    await expect(
      warehouse.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (2)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await warehouse.query<{ x: number }>('select x from tx_probe order by x');
    expect(rows.map((r) => r.x)).toEqual([1]);
  });

  it('copyFrom(sql, chunks) bulk-loads CSV text and counts the rows', async () => {
    await warehouse.exec('create table copy_probe (id int, label text)');
    const n = await warehouse.copyFrom(
      'COPY copy_probe (id, label) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        yield '1,a\n2,"b, c"\n';
        yield '3,d\n';
      })(),
    );
    expect(n).toBe(3);
    const { rows } = await warehouse.query('select label from copy_probe order by id');
    expect(rows.map((r) => r.label)).toEqual(['a', 'b, c', 'd']);
  });
});

describe('openWarehouse(url) on an unreachable server', () => {
  it('fails with one line naming host and port, never the password', async () => {
    const error: unknown = await openWarehouse('postgres://alice:s3cr3t-pw@127.0.0.1:1/sales').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    const { message } = error as WarehouseError;
    expect(message).toBe('cannot connect to PostgreSQL at 127.0.0.1:1/sales: connection refused');
    expect(message).not.toContain('s3cr3t');
  });
});
