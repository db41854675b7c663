/** Postgres type oids kpicast normalises so both backends return the same JS values. */
export const OID = {
  BOOL: 16,
  INT8: 20,
  INT2: 21,
  INT4: 23,
  TEXT: 25,
  FLOAT4: 700,
  FLOAT8: 701,
  VARCHAR: 1043,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  NUMERIC: 1700,
} as const;

/** int8 and numeric as numbers (exact up to 2^53, which business figures stay under). */
export function parseNumber(text: string): number {
  return Number(text);
}

/** `date` stays the calendar day it is, with no time zone shift. */
export function parseDate(text: string): string {
  return text;
}
