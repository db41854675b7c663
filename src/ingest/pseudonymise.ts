import { createHmac } from 'node:crypto';
import { KpicastError, OptionError } from '../errors.js';
import { columnName } from './plan.js';
import type { Source } from './types.js';

/** The environment variable that holds the pseudonymisation key. */
export const PSEUDONYM_KEY_VARIABLE = 'KPICAST_PSEUDONYM_KEY';

/** Shortest key accepted: a short key can be found by trying every key. */
const MIN_KEY_LENGTH = 16;

/**
 * The pseudonymisation key from `KPICAST_PSEUDONYM_KEY`; refused in one line when it is
 * missing or shorter than 16 characters (the key itself is never printed).
 *
 * @example
 * process.env.KPICAST_PSEUDONYM_KEY = 'a long secret of the company';
 * pseudonymKey(); // => 'a long secret of the company'
 */
export function pseudonymKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env[PSEUDONYM_KEY_VARIABLE];
  if (key === undefined || key === '') {
    throw new KpicastError(`pseudonymise: ${PSEUDONYM_KEY_VARIABLE} is not set: set it to a secret of at least ${MIN_KEY_LENGTH} characters, kept apart from the warehouse`, 'E_PSEUDONYM_KEY');
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw new KpicastError(`pseudonymise: ${PSEUDONYM_KEY_VARIABLE} is ${key.length} characters long, at least ${MIN_KEY_LENGTH} are needed`, 'E_PSEUDONYM_KEY');
  }
  return key;
}

/**
 * The pseudonym of a value: `p_` and the first 24 hex digits (96 bits) of its HMAC-SHA-256
 * under `key`. The same value and key always give the same pseudonym, so joins and distinct
 * counts over pseudonymised columns give the numbers the clear values would; without the key
 * the value cannot be found again. Values are compared as written after trimming (`Hôtel A`
 * and `hôtel a` are two values).
 *
 * @example
 * pseudonym('Hôtel du Parc', 'a long secret of the company'); // => 'p_' + 24 hex digits, the same at every call
 */
export function pseudonym(value: string, key: string): string {
  return `p_${createHmac('sha256', key).update(value.trim(), 'utf8').digest('hex').slice(0, 24)}`;
}

/** A CSV field as written back into a row's raw text: quoted when it needs to be. */
function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",;\t|\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Replaces, in place, the values of `columns` in every row of `source` by their pseudonyms,
 * and rebuilds each row's raw text (kept for the quarantine) from the pseudonymised values, so
 * no clear value of those columns reaches the warehouse, its quarantine or a message. A row
 * that could not be read into fields keeps no raw text: only the line and the reason.
 * Columns are matched by header as written or as column name; an unknown one of `columns` is
 * refused, those of `ifPresent` the source lacks are passed over.
 *
 * @example
 * pseudonymiseSource(source, ['extra_name', 'email'], key); // source.rows[i].values now hold p_… for those columns
 */
export function pseudonymiseSource(source: Source, columns: readonly string[], key: string, ifPresent: readonly string[] = []): void {
  const names = source.columns.map(columnName);
  const indexOf = (wanted: string) => (source.columns.indexOf(wanted) >= 0 ? source.columns.indexOf(wanted) : names.indexOf(columnName(wanted)));
  const fields = columns.map((wanted) => {
    const index = indexOf(wanted);
    if (index < 0) throw new OptionError('pseudonymise', wanted, `columns of the source: ${names.join(', ')}`);
    return index;
  });
  for (const wanted of ifPresent) {
    const index = indexOf(wanted);
    if (index >= 0 && !fields.includes(index)) fields.push(index);
  }
  if (fields.length === 0) return;
  const delimiter = source.format === 'csv' ? ',' : undefined;
  for (const row of source.rows) {
    if (row.problem !== undefined || row.values.length !== source.columns.length) {
      row.raw = '(not kept: the row has pseudonymised columns and could not be read into fields)';
      row.problem = row.problem === undefined ? undefined : row.problem.replace(/"[^"]*"|'[^']*'/g, '"…"');
      continue;
    }
    for (const f of fields) {
      const value = row.values[f];
      if (value !== null) row.values[f] = pseudonym(value, key);
    }
    row.raw = delimiter !== undefined
      ? row.values.map(csvField).join(delimiter)
      : JSON.stringify(Object.fromEntries(source.columns.map((c, i) => [c, row.values[i]])));
  }
}
