import type { Progress } from '../util/progress.js';
import { convertValue, ValueError } from './values.js';
import type { LoadPlan } from './plan.js';
import type { Source, SourceRow } from './types.js';

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
  let sinceTick = 0;
  rows: for (const row of source.rows as SourceRow[]) {
    if (++sinceTick === rowsPerChunk) {
      progress?.tick(sinceTick);
      sinceTick = 0;
      if (good.length > chunkStart) {
        yield copyText(good, chunkStart, good.length);
        chunkStart = good.length;
      }
    }
    if (row.problem) {
      quarantined.push({ line: row.line, raw: row.raw, reason: row.problem, column: null });
      continue;
    }
    const values: (string | null)[] = new Array(n);
    for (let c = 0; c < n; c++) {
      const col = columns[c];
      const text = row.values[col.field];
      if (text === null || text === undefined) {
        if (col.required) {
          quarantined.push({ line: row.line, raw: row.raw, reason: `missing required value for ${col.name}`, column: col.name });
          continue rows;
        }
        values[c] = null;
        continue;
      }
      try {
        values[c] = convertValue(text, col.spec, source.decimal);
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        quarantined.push({ line: row.line, raw: row.raw, reason: `${error.message} for ${col.name}`, column: col.name });
        continue rows;
      }
    }
    let text = copyField(values[0]);
    for (let c = 1; c < n; c++) text += ',' + copyField(values[c]);
    const key = wholeRow ? text : keyIndex.length === 1 ? (values[keyIndex[0]] as string) : keyIndex.map((k) => values[k]).join('\u0001');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const first = good[earlier];
      if (first.text === text) {
        duplicateOf.set(row.line, { first: first.line, raw: row.raw });
      } else {
        quarantined.push({
          line: row.line,
          raw: row.raw,
          reason: `key (${plan.key.join(', ')}) = (${keyIndex.map((k) => values[k]).join(', ')}) repeated in the file with different content; line ${first.line} is kept`,
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

function copyText(rows: GoodRow[], start: number, end: number): string {
  const parts: string[] = new Array(end - start);
  for (let i = start; i < end; i++) parts[i - start] = rows[i].line + ',' + rows[i].text;
  return parts.join('\n') + '\n';
}

/** One CSV field for COPY: null unquoted-empty, quoted when it holds a delimiter, quote or newline. */
export function copyField(value: string | null): string {
  if (value === null || value === undefined) return '';
  if (value === '' || /[",\r\n\\]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
