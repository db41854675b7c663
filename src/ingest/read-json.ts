import { isLosslessNumber, parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import { InputError } from '../errors.js';
import { clip } from '../util/clip.js';
import type { Source, SourceRow } from './types.js';

/**
 * JSON text to values with every number kept as written (lossless-json): `JSON.parse` turns
 * 9007199254740993 into …992 and 1e400 into Infinity before any check could see them.
 */
function parseExact(text: string): unknown {
  return parseLossless(text);
}

/** A JSON value as field text: numbers and booleans as written, objects as JSON, null/undefined as null. */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (isLosslessNumber(value)) return value.value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  return stringifyLossless(value) ?? null;
}

/** Header + rows from objects: columns in order of first appearance, a missing key is null. */
export function sourceFromObjects(
  items: Array<{ line: number; raw: string; object?: Record<string, unknown>; problem?: string }>,
  format: Source['format'],
): Source {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (!item.object) continue;
    for (const k of Object.keys(item.object)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  const rows: SourceRow[] = items.map((item) =>
    item.object
      ? { line: item.line, raw: item.raw, values: columns.map((c) => fieldText(item.object![c])) }
      : { line: item.line, raw: item.raw, values: [], problem: item.problem },
  );
  return { format, columns, rows, decimal: '.' };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);

/**
 * Reads a JSON array of objects. A row's line number is its position in the array (1-based);
 * an element that is not an object is kept with a problem, for the quarantine.
 *
 * @example
 * readJson('[{"id":1},{"id":2,"x":"a"}]', 'a.json').columns; // => ['id', 'x']
 */
export function readJson(text: string, file: string): Source {
  if (text.trim() === '') throw new InputError('empty file: no rows', { file });
  let data: unknown;
  try {
    data = parseExact(text);
  } catch (error) {
    throw new InputError(`invalid JSON: ${clip((error as Error).message.split('\n')[0], 200)}`, { file });
  }
  if (!Array.isArray(data)) throw new InputError('JSON must be an array of objects, got ' + (isObject(data) ? 'an object' : typeof data), { file });
  const items = data.map((element, i) =>
    isObject(element)
      ? { line: i + 1, raw: stringifyLossless(element) ?? '', object: element }
      : { line: i + 1, raw: stringifyLossless(element) ?? 'undefined', problem: 'not a JSON object' },
  );
  return sourceFromObjects(items, 'json');
}

/**
 * Reads newline-delimited JSON: one object a line; blank lines are skipped, a line that is not
 * a JSON object is kept with a problem, for the quarantine. Line numbers are the file's.
 *
 * @example
 * readNdjson('{"id":1}\n{"id":2}\n', 'a.ndjson').rows.length; // => 2
 */
export function readNdjson(text: string, file: string): Source {
  if (text.trim() === '') throw new InputError('empty file: no rows', { file });
  const items: Array<{ line: number; raw: string; object?: Record<string, unknown>; problem?: string }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    try {
      const value: unknown = parseExact(raw);
      items.push(isObject(value) ? { line: i + 1, raw, object: value } : { line: i + 1, raw, problem: 'not a JSON object' });
    } catch {
      items.push({ line: i + 1, raw, problem: 'invalid JSON' });
    }
  }
  return sourceFromObjects(items, 'ndjson');
}
