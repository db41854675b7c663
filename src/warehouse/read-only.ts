import type { Queryable } from './types.js';

/**
 * Inside a transaction: a savepoint made read-only, always rolled back after `fn` (nothing was
 * written), which also restores the outer transaction's read-write mode. Shared by both backends.
 */
export async function readOnlySavepoint<T>(tx: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const undo = 'ROLLBACK TO SAVEPOINT kpicast_read_only; RELEASE SAVEPOINT kpicast_read_only';
  await tx.exec('SAVEPOINT kpicast_read_only');
  let result: T;
  try {
    await tx.exec('SET LOCAL transaction_read_only = on');
    result = await fn(tx);
  } catch (error) {
    await tx.exec(undo).catch(() => undefined); // the error that matters is fn's
    throw error;
  }
  await tx.exec(undo);
  return result;
}
