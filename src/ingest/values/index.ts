/**
 * Field values as PostgreSQL reads them, one concern a file:
 * - spec.ts: the types checked and ValueError;
 * - number.ts: the number reader (decimal point or comma, thousands grouping), shared with the forecast reader;
 * - decimal.ts: exact decimal arithmetic (numeric rounding and comparison);
 * - date-column.ts: the day/month order of a date column, decided from the whole column;
 * - timestamp.ts and time-zone.ts: timestamps, their canonical form, time zones;
 * - convert.ts: one text to its column's type, and canonical forms;
 * - infer.ts: the type of a new table's column.
 * The day itself is read by src/util/dates.ts, the one date reader of every command.
 */
export { ValueError, type TypeSpec, type ValueType } from './spec.js';
export { normaliseNumber, readNumber, ungroupInteger } from './number.js';
export { parseDateText, readDay, decideDateOrder, isDateInSomeOrder, expectedDates, type ColumnDateOrder, type LinedValue } from './date-column.js';
export { convertValue, canonicalValue, hasCanonicalForm } from './convert.js';
export { inferType } from './infer.js';
