export type { Warehouse, Queryable, QueryResult, Field, Capabilities, CopySource } from './types.js';
export { openWarehouse, defaultTarget, warehouseKind } from './open.js';
export { redactUrl } from './postgres.js';
export { migrate, listMigrations, type Migration } from './migrate.js';
