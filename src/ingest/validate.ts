import type { Progress } from '../util/progress.js';
import { canonicalValue, convertValue, hasCanonicalForm, ValueError } from './values/index.js';
import { INDEX_KEY_BYTES_MAX, type LoadPlan } from './plan.js';
import { clip, quoted } from '../util/clip.js';
import type { TypeSpec } from './values/index.js';
import type { Source } from './types.js';

/** A row that goes to the quarantine table instead of its target. */
export interface QuarantineEntry {
  line: number;
  raw: string;
  reason: string;
  column: string | null;
}

/** A row that passed validation: its planned columns as canonical CSV text, ready for COPY. */
export interface GoodRow {
  line: number;
  raw: string;
  /** The canonical values as one CSV line (no line number): what COPY reads, and what duplicates compare. */
  text: string;
}

/** What validation in JS decided; set-based checks in SQL come after. */
export interface Validated {
  /** Rows to stage, in file order, unique by key. */
  good: GoodRow[];
  quarantined: QuarantineEntry[];
  /** Repeated in the file with the same content: line → the line of the copy that is staged, and its own raw text. */
  duplicateOf: Map<number, { first: number; raw: string }>;
}

/**
 * Checks every row against the plan and returns what it decided; see {@link validateChunks}.
 */
export function validateRows(source: Source, plan: LoadPlan, progress?: Progress): Validated {
  const state: Validated = { good: [], quarantined: [], duplicateOf: new Map() };
  for (const chunk of validateChunks(source, plan, state, progress)) void chunk;
  return state;
}

/**
 * Checks every row against the plan, in one pass, yielding the good rows as COPY csv text
 * (`_line` first) every `rowsPerChunk` rows, so a caller can stream them to the warehouse while
 * the next rows are checked. Decisions accumulate in `state`: wrong field count, unparsable values,
 * missing required values go to the quarantine; a key seen earlier in the file with the same
 * content is a duplicate, with different content the later row is quarantined (the first one
 * wins, nothing is overwritten silently). Cost: linear in rows × columns, no database.
 */
export function* validateChunks(source: Source, plan: LoadPlan, state: Validated, progress?: Progress, rowsPerChunk = 20_000): Generator<string> {
  const { good, quarantined, duplicateOf } = state;
  let chunkStart = good.length;
  const seen = new Map<string, number>();
  const { columns, keyIndex } = plan;
  const wholeRow = keyIndex.length === 0;
  const n = columns.length;
  const specs = columns.map((c) => c.spec);
  // Keys and contents are compared as PostgreSQL compares the typed values (`+1` = `1`,
  // `3.5` = `3.50`, `2024-01-05 10:00` = `2024-01-05T10:00:00`), through their canonical forms.
  const canonical = specs.map(hasCanonicalForm);
  const keyCanonical = keyIndex.some((k) => canonical[k]);
  const rowCanonical = canonical.some(Boolean);
  let sinceTick = 0;
  rows: for (const row of source.rows) {
    if (++sinceTick === rowsPerChunk) {
      progress?.tick(sinceTick);
      sinceTick = 0;
      if (good.length > chunkStart) {
        yield copyText(good, chunkStart, good.length);
        chunkStart = good.length;
      }
    }
    if (row.problem) {
      quarantined.push({ line: row.line, raw: storableRaw(row.raw), reason: row.problem, column: null });
      continue;
    }
    const values = new Array<string | null>(n);
    for (let c = 0; c < n; c++) {
      const col = columns[c];
      const text = row.values[col.field];
      if (text === null || text === undefined) {
        if (col.required) {
          quarantined.push({ line: row.line, raw: storableRaw(row.raw), reason: `missing required value for ${col.name}`, column: col.name });
          continue rows;
        }
        values[c] = null;
        continue;
      }
      try {
        values[c] = convertValue(text, col.spec, source.decimal);
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        quarantined.push({ line: row.line, raw: storableRaw(row.raw), reason: `${error.message} for ${col.name}`, column: col.name });
        continue rows;
      }
    }
    for (const set of plan.indexed) {
      let chars = 0;
      for (const k of set) chars += values[k]?.length ?? 0;
      if (chars * 3 <= INDEX_KEY_BYTES_MAX) continue; // UTF-16 units take at most 3 bytes in UTF-8: fits whatever the text
      let bytes = 0;
      for (const k of set) if (values[k] !== null) bytes += Buffer.byteLength(values[k]);
      if (bytes > INDEX_KEY_BYTES_MAX) {
        const names = set.map((k) => columns[k].name).join(', ');
        quarantined.push({
          line: row.line,
          raw: storableRaw(row.raw),
          reason: `value of ${names} too long for its index: ${bytes} bytes, at most ${INDEX_KEY_BYTES_MAX} (PostgreSQL refuses btree entries above about 2704 bytes): ${quoted(set.map((k) => values[k] ?? '').join(', '))}`,
          column: names,
        });
        continue rows;
      }
    }
    let text = copyField(values[0]);
    for (let c = 1; c < n; c++) text += ',' + copyField(values[c]);
    let key: string;
    if (wholeRow) key = rowCanonical ? canonicalRow(values, specs) : text;
    else if (keyIndex.length === 1) key = keyCanonical ? canonicalValue(values[keyIndex[0]] as string, specs[keyIndex[0]]) : (values[keyIndex[0]] as string);
    else key = keyIndex.map((k) => copyField(canonical[k] ? canonicalValue(values[k] as string, specs[k]) : values[k])).join(',');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const first = good[earlier];
      if (first.text === text || (rowCanonical && canonicalRow(parseCopyLine(first.text), specs) === canonicalRow(values, specs))) {
        duplicateOf.set(row.line, { first: first.line, raw: storableRaw(row.raw) });
      } else {
        quarantined.push({
          line: row.line,
          raw: storableRaw(row.raw),
          reason: `key (${plan.key.join(', ')}) = (${keyIndex.map((k) => clip(values[k] ?? '')).join(', ')}) repeated in the file with different content; line ${first.line} is kept`,
          column: plan.key.join(', '),
        });
      }
      continue;
    }
    seen.set(key, good.length);
    good.push({ line: row.line, raw: row.raw, text });
  }
  progress?.tick(sinceTick);
  if (good.length > chunkStart) yield copyText(good, chunkStart, good.length);
}

/** The canonical forms of a row's values as one text: equal for two rows exactly when PostgreSQL sees equal rows. */
function canonicalRow(values: (string | null)[], specs: TypeSpec[]): string {
  let text = '';
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    text += (c ? ',' : '') + copyField(v === null ? null : canonicalValue(v, specs[c]));
  }
  return text;
}

/** The values of a line written by {@link copyField}s joined with `,`: unquoted empty is null. */
function parseCopyLine(text: string): (string | null)[] {
  const values: (string | null)[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      values.push(value);
    } else {
      const end = text.indexOf(',', i);
      const field = text.slice(i, end < 0 ? text.length : end);
      values.push(field === '' ? null : field);
      i = end < 0 ? text.length : end;
    }
    if (i >= text.length) return values;
    i++; // the comma
  }
}

/**
 * A raw line as the quarantine can store it: PostgreSQL text holds no NUL character, so each is
 * shown as U+2400 (␀).
 */
export function storableRaw(raw: string): string {
  return raw.includes('\u0000') ? raw.replaceAll('\u0000', '\u2400') : raw;
}

function copyText(rows: GoodRow[], start: number, end: number): string {
  const parts = new Array<string>(end - start);
  for (let i = start; i < end; i++) parts[i - start] = rows[i].line + ',' + rows[i].text;
  return parts.join('\n') + '\n';
}

/** One CSV field for COPY: null unquoted-empty, quoted when it holds a delimiter, quote or newline. */
export function copyField(value: string | null): string {
  if (value === null || value === undefined) return '';
  if (value === '' || /[",\r\n\\]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
