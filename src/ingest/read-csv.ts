import { InputError, OptionError } from '../errors.js';
import { quoted } from '../util/clip.js';
import { describeCsvProblem, parseCsvRecords } from './parse-csv.js';
import { normaliseNumber, parseDateText } from './values/index.js';
import type { Source, SourceRow } from './types.js';

const DELIMITERS = [',', ';', '\t', '|'];

/** A delimiter {@link readCsv} can split on: one character, not a quote nor a line break. */
export function isValidDelimiter(delimiter: string): boolean {
  return delimiter.length === 1 && delimiter !== '"' && delimiter !== '\n' && delimiter !== '\r';
}

/** How many times each of {@link DELIMITERS} occurs in `line`, outside quoted text. */
function delimiterCounts(line: string): number[] {
  const unquoted = line.includes('"') ? line.replace(/"[^"]*"/g, '') : line;
  const counts = DELIMITERS.map(() => 0);
  for (let k = 0; k < unquoted.length; k++) {
    const d = DELIMITERS.indexOf(unquoted[k]);
    if (d >= 0) counts[d]++;
  }
  return counts;
}

/**
 * The delimiter of a CSV text: whichever of `,` `;` tab `|` occurs most often, outside quotes,
 * in its first line; ties go to the first in that order. When the first line holds none of them
 * (a single column, or a title line above the table), a candidate found the same number of times
 * on every non-blank line after it is taken instead, so `Ventes` above `1;a;2` lines reads as
 * `;` (each row then has a wrong field count, quarantined) rather than as one text column; else `,`.
 * Cost: the first line, plus the other lines only while a candidate is still consistent.
 *
 * @example
 * detectDelimiter('id;price\n1;2,5\n'); // => ';'
 * detectDelimiter('id|name\n1|a\n'); // => '|'
 */
export function detectDelimiter(text: string): string {
  let end = text.indexOf('\n');
  if (end < 0) end = text.length;
  const header = delimiterCounts(text.slice(0, end));
  let best = 0;
  for (let d = 1; d < DELIMITERS.length; d++) if (header[d] > header[best]) best = d;
  if (header[best] > 0) return DELIMITERS[best];
  // A single-column first line: look for a delimiter every data line holds the same number of times.
  let consistent: number[] | null = null;
  for (let pos = end + 1; pos < text.length; ) {
    let stop = text.indexOf('\n', pos);
    if (stop < 0) stop = text.length;
    const line = text.slice(pos, stop);
    pos = stop + 1;
    if (line.trim() === '') continue;
    const counts = delimiterCounts(line);
    if (consistent === null) consistent = counts;
    else for (let d = 0; d < DELIMITERS.length; d++) if (counts[d] !== consistent[d]) consistent[d] = 0;
    if (consistent.every((c) => c === 0)) return ',';
  }
  if (consistent === null) return ',';
  best = 0;
  for (let d = 1; d < DELIMITERS.length; d++) if (consistent[d] > consistent[best]) best = d;
  return DELIMITERS[best];
}

const DECIMAL_COMMA = /^[+-]?\d[\d\s\u00a0.]*,\d+$/;

/**
 * The decimal separator of a CSV: `,` when the delimiter is not a comma and some field of some
 * row is a number written with a decimal comma (`12,5`), else `.`. Every row is looked at — a
 * decimal comma first seen on row 5,001 counts as much as one on row 2 — and stops at the first
 * one found. Cost: linear, one `includes(',')` per field; the regular expression runs only on
 * fields holding a comma.
 */
export function detectDecimal(rows: SourceRow[], delimiter: string): '.' | ',' {
  if (delimiter === ',') return '.';
  for (const row of rows) {
    for (const v of row.values) {
      if (v !== null && v.length > 2 && v.includes(',') && DECIMAL_COMMA.test(v) && normaliseNumber(v, ',') !== null) return ',';
    }
  }
  return '.';
}

/** A header field that is a date or a decimal number is data, not a name; whole numbers are data only when every field is one. */
function isData(header: string[]): boolean {
  const decimal = (h: string) => /^[+-]?\d*[.,]\d+$/.test(h);
  return header.some((h) => decimal(h) || parseDateText(h) !== null) || header.every((h) => normaliseNumber(h, '.') !== null);
}

/** A field as a row's value: trimmed, null when empty. */
export function csvCell(field: string): string | null {
  const t = field.length === 0 ? field : field.charCodeAt(0) <= 32 || field.charCodeAt(field.length - 1) <= 32 ? field.trim() : field;
  return t === '' ? null : t;
}

/**
 * Reads a decoded CSV text into a {@link Source}: header, then one row per record with its
 * 1-based line number (the header is line 1) and raw text. Rows with a field count other than
 * the header's, and malformed rows (text after a closing quote, see parseCsvRecords), are kept
 * with a `problem`, so the load can quarantine them. Empty fields are null.
 * Errors: a `delimiter` option that is not one character (OptionError), empty file, no header
 * (a header field empty or looking like a number or date), a malformed header (its line and
 * column), unterminated quote. Cost: linear in the file size (see parseCsvRecords).
 *
 * @example
 * readCsv('id;price\n1;2,5\n', 'p.csv').rows[0].values; // => ['1', '2,5']
 */
export function readCsv(text: string, file: string, options: { delimiter?: string; decimal?: '.' | ',' } = {}): Source {
  if (options.delimiter !== undefined && !isValidDelimiter(options.delimiter)) {
    throw new OptionError('delimiter', options.delimiter, 'one character other than a quote or a line break');
  }
  if (text.trim() === '') throw new InputError('empty file: no header and no rows', { file });
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records = parseCsvRecords(text, delimiter, file);
  if (records.length === 0) throw new InputError('empty file: no header and no rows', { file });
  const malformed = records[0].problem;
  if (malformed) {
    const opened = malformed.opened ? ` (the quoted field opened at line ${malformed.opened.line}, column ${malformed.opened.column})` : '';
    throw new InputError(`${malformed.message}${opened}`, { file, line: malformed.line, column: malformed.column });
  }
  let header = records[0].fields.map((h) => h.trim());
  // Exports that end every line with a delimiter: unnamed trailing columns, empty in every row, are dropped.
  let trailing = 0;
  while (trailing < header.length - 1 && header[header.length - 1 - trailing] === '') trailing++;
  if (trailing > 0) header = header.slice(0, header.length - trailing);
  const blank = header.indexOf('');
  if (blank >= 0) throw new InputError(`no header: column ${blank + 1} of the first line has no name`, { file, line: 1 });
  if (isData(header)) {
    throw new InputError(`no header: the first line must name the columns, got ${quoted(records[0].raw)}`, { file, line: 1 });
  }
  const width = header.length;
  if (trailing > 0) {
    // Unnamed last columns are dropped when empty; a row with a value there is quarantined, and
    // when every row has one, the header is what is wrong: it lacks a name.
    let first: { line: number; column: number; value: string } | undefined;
    let readable = 0, filled = 0;
    for (let i = 1; i < records.length; i++) {
      const { fields, line, problem } = records[i];
      if (problem) continue;
      readable++;
      const at = fields.length > width ? fields.slice(width, width + trailing).findIndex((f) => f.trim() !== '') : -1;
      if (at < 0) continue;
      filled++;
      first ??= { line, column: width + at + 1, value: fields[width + at].trim() };
    }
    if (first && filled === readable) {
      throw new InputError(
        `header: column ${first.column} has no name (the first line ends with ${JSON.stringify(delimiter)}), yet every row has a value there (line ${first.line}: ${quoted(first.value)}); name the column`,
        { file, line: 1 },
      );
    }
  }
  const rows = new Array<SourceRow>(records.length - 1);
  for (let i = 1; i < records.length; i++) {
    const { raw, line, problem } = records[i];
    if (problem) {
      rows[i - 1] = { line, raw, values: [], problem: describeCsvProblem(problem) };
      continue;
    }
    let fields = records[i].fields;
    if (trailing > 0 && fields.length === width + trailing && fields.slice(width).every((f) => f.trim() === '')) fields = fields.slice(0, width);
    // the record's own array made the row's values (the records are not kept): one array a row fewer
    const values: Array<string | null> = fields;
    for (let k = 0; k < fields.length; k++) values[k] = csvCell(fields[k]);
    const row: SourceRow = { line, raw, values };
    if (fields.length !== width) {
      row.problem = `wrong field count: got ${fields.length}, expected ${width}${trailing > 0 && fields.length > width ? ` (column ${width + 1} of the header has no name)` : ''}`;
    }
    rows[i - 1] = row;
  }
  const decimal = options.decimal ?? detectDecimal(rows, delimiter);
  return { format: 'csv', columns: header, rows, decimal };
}
