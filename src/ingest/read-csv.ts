import { InputError } from '../errors.js';
import { parseCsvRecords } from './parse-csv.js';
import { normaliseNumber, parseDateText } from './values.js';
import type { Source, SourceRow } from './types.js';

const DELIMITERS = [',', ';', '\t'];

/**
 * The delimiter of a CSV text: whichever of `,` `;` tab occurs most often, outside quotes,
 * in its first line. Ties go to `,`.
 *
 * @example
 * detectDelimiter('id;price\n1;2,5\n'); // => ';'
 */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  const unquoted = first.replace(/"[^"]*"/g, '');
  let best = ',', bestCount = 0;
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The decimal separator of a CSV: `,` when the delimiter is not a comma and some field of the
 * first rows is a number written with a decimal comma (`12,5`), else `.`.
 */
export function detectDecimal(rows: SourceRow[], delimiter: string): '.' | ',' {
  if (delimiter === ',') return '.';
  const limit = Math.min(rows.length, 2000);
  for (let i = 0; i < limit; i++) {
    for (const v of rows[i].values) {
      if (v !== null && /^[+-]?\d[\d\s\u00a0.]*,\d+$/.test(v) && normaliseNumber(v, ',') !== null) return ',';
    }
  }
  return '.';
}

/** A header field that is a date or a decimal number is data, not a name; whole numbers are data only when every field is one. */
function isData(header: string[]): boolean {
  const decimal = (h: string) => /^[+-]?\d*[.,]\d+$/.test(h);
  return header.some((h) => decimal(h) || parseDateText(h) !== null) || header.every((h) => normaliseNumber(h, '.') !== null);
}

/**
 * Reads a decoded CSV text into a {@link Source}: header, then one row per record with its
 * 1-based line number (the header is line 1) and raw text. Rows with a field count other than
 * the header's are kept with a `problem`, so the load can quarantine them. Empty fields are null.
 * Errors: empty file, no header (a header field empty or looking like a number or date),
 * unterminated quote. Cost: linear in the file size (see parseCsvRecords).
 *
 * @example
 * readCsv('id;price\n1;2,5\n', 'p.csv').rows[0].values; // => ['1', '2,5']
 */
export function readCsv(text: string, file: string, options: { delimiter?: string; decimal?: '.' | ',' } = {}): Source {
  if (text.trim() === '') throw new InputError('empty file: no header and no rows', { file });
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records = parseCsvRecords(text, delimiter, file);
  if (records.length === 0) throw new InputError('empty file: no header and no rows', { file });
  let header = records[0].fields.map((h) => h.trim());
  // Exports that end every line with a delimiter: unnamed trailing columns, empty in every row, are dropped.
  let trailing = 0;
  while (trailing < header.length - 1 && header[header.length - 1 - trailing] === '') trailing++;
  if (trailing > 0) header = header.slice(0, header.length - trailing);
  const blank = header.indexOf('');
  if (blank >= 0) throw new InputError(`no header: column ${blank + 1} of the first line has no name`, { file, line: 1 });
  if (isData(header)) {
    throw new InputError(`no header: the first line must name the columns, got ${JSON.stringify(records[0].raw.slice(0, 120))}`, { file, line: 1 });
  }
  const width = header.length;
  const rows: SourceRow[] = new Array(records.length - 1);
  for (let i = 1; i < records.length; i++) {
    const { raw, line } = records[i];
    let fields = records[i].fields;
    if (trailing > 0 && fields.length === width + trailing && fields.slice(width).every((f) => f.trim() === '')) fields = fields.slice(0, width);
    const values: (string | null)[] = new Array(fields.length);
    for (let k = 0; k < fields.length; k++) {
      const v = fields[k];
      const t = v.length === 0 ? v : v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32 ? v.trim() : v;
      values[k] = t === '' ? null : t;
    }
    const row: SourceRow = { line, raw, values };
    if (fields.length !== width) row.problem = `wrong field count: got ${fields.length}, expected ${width}`;
    rows[i - 1] = row;
  }
  const decimal = options.decimal ?? detectDecimal(rows, delimiter);
  return { format: 'csv', columns: header, rows, decimal };
}
