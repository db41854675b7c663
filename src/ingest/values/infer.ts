/** Type inference for the columns of a new table, from every value of each column. */
import type { ColumnType } from '../types.js';
import { FALSE_WORDS, TRUE_WORDS } from './convert.js';
import { isDateInSomeOrder } from './date-column.js';
import { INTEGER, normaliseNumber } from './number.js';
import { timestampFields } from './timestamp.js';

const INT4_MAX = 2147483647;
const INT4_MIN = -2147483648;

/** Whether some day/month order reads `v` as a timestamp (the order of the column is decided after the type). */
function isTimestamp(v: string): boolean {
  const ts = timestampFields(v, 'DMY');
  if (ts !== null && typeof ts !== 'string') return true;
  const us = timestampFields(v, 'MDY');
  return us !== null && typeof us !== 'string';
}

/**
 * The narrowest type that fits every non-empty value: boolean, integer (bigint beyond
 * 32 bits), numeric, date, timestamptz, else text. Codes with leading zeros stay text. Slash
 * dates count as dates in either day/month order: which one the column uses is decided after,
 * from the whole column (decideDateOrder).
 *
 * @example
 * inferType(['1', '2', '30'], '.'); // => 'integer'
 * inferType(['01/02/2024', '2024-02-03'], '.'); // => 'date'
 * inferType(['11/28/2017', '11/8/2017'], '.'); // => 'date'
 */
export function inferType(values: Iterable<string>, decimal: '.' | ','): ColumnType {
  let bool = true, int = true, num = true, date = true, ts = true, big = false, any = false;
  for (const v of values) {
    any = true;
    const lower = v.toLowerCase();
    if (bool && !(TRUE_WORDS.has(lower) || FALSE_WORDS.has(lower)) || lower === '1' || lower === '0') bool = false;
    if (int) {
      if (!INTEGER.test(v) || /^[+-]?0\d/.test(v) || v.length > 15) int = false;
      else if (Number(v) > INT4_MAX || Number(v) < INT4_MIN) big = true;
    }
    if (num && (normaliseNumber(v, decimal) === null || /^[+-]?0\d/.test(v))) num = false;
    if (date && !isDateInSomeOrder(v)) date = false;
    if (ts && !date && !isTimestamp(v)) ts = false;
    if (!bool && !int && !num && !date && !ts) return 'text';
  }
  if (!any) return 'text';
  if (bool) return 'boolean';
  if (int) return big ? 'bigint' : 'integer';
  if (num) return 'numeric';
  if (date) return 'date';
  if (ts) return 'timestamptz';
  return 'text';
}
