import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, openWarehouse } from '../../src/index.js';
import { freshServerDatabase } from '../helpers/backends.js';

describe('migrate(warehouse) on a new server warehouse', () => {
  it('migrate() from three processes at once applies each migration once and fails none (workers starting together)', async () => {
    const db = await freshServerDatabase();
    const warehouses = await Promise.all([1, 2, 3].map(() => openWarehouse(db.url)));
    try {
      const applied = await Promise.all(warehouses.map((w) => migrate(w)));
      const all = applied.flat().sort((a, b) => a - b);
      expect(all).toEqual(listMigrations().map((m) => m.version));
      const recorded = await warehouses[0].query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(recorded.rows[0].n).toBe(listMigrations().length);
    } finally {
      await Promise.all(warehouses.map((w) => w.close()));
      await db.drop();
    }
  });
});
