import { InputError, OptionError } from '../errors.js';

/** Why a record could not be split into fields, and where (1-based line and column of the unexpected character). */
export interface CsvProblem {
  /** What is wrong, without where: `unexpected "y" after a closing quote`. */
  message: string;
  line: number;
  column: number;
  /** The quote that opened the field, when it is on an earlier line than the problem. */
  opened?: { line: number; column: number };
}

/** One CSV record: its fields, its text as in the file, and the line it starts on (1-based). */
export interface CsvRecord {
  /** The fields; empty when the record is malformed (`problem` set). */
  fields: string[];
  raw: string;
  line: number;
  /** Set when the record is malformed: a quoted field followed by text other than the delimiter or the line end. */
  problem?: CsvProblem;
}

/** The text of a problem with its place, as a quarantine reason: `unexpected "y" after a closing quote at line 4, column 4 (...)`. */
export function describeCsvProblem(problem: CsvProblem): string {
  const { message, line, column, opened } = problem;
  const stray = opened ? ` (the quote at line ${opened.line}, column ${opened.column} is taken as stray; the lines after line ${opened.line} are read on their own)` : '';
  return `${message} at line ${line}, column ${column}${stray}`;
}

/**
 * The index of the first `"` of `text` at or after `from`, or -1. A loop, not `text.indexOf('"', from)`:
 * V8's optimising compiler counts that call as free of side effects and came to make it on every
 * pass of the record loop below rather than only when the last quote found is behind, a search
 * to the end of the text per line on a file without quotes (a 367,000-line file read for the
 * third time in one process took 2 minutes instead of 0.3 s). Called only past a quote, the
 * loop reads each character once over the whole file.
 */
function quoteFrom(text: string, from: number): number {
  const n = text.length;
  for (let i = from; i < n; i++) if (text.charCodeAt(i) === 34) return i;
  return -1;
}

/**
 * Splits a CSV text into records (RFC 4180: fields in double quotes may hold the delimiter,
 * newlines and doubled quotes `""`; CRLF or LF line ends; empty lines skipped). A quote inside
 * an unquoted field is kept as text. A record with no quote is split natively, so the common
 * case costs one `indexOf` and one `split` a line; throws on a quote never closed.
 * Measured on 200,000 order lines (bench/load.ts, same loaded machine): csv-parse with raw text
 * and line info read them in 4.3 s, this splitter in 0.8 s, which is why ingest splits on its own.
 *
 * A closing quote must be followed by the delimiter or the line end. Anything else means the
 * quote that opened the field was a stray one (an unbalanced quote, or unescaped quotes inside
 * the field): reading on would take the next lines as the field's text and silently merge rows
 * (`1,"abc` then `2,x` then `3,"y"` read as one row). Such a record is returned with a `problem`
 * (line and column of the unexpected character) and empty `fields`, and stops at the end of the
 * line where the stray quote is — the only row boundary still to be trusted; the following lines
 * are then read again on their own. So every line ends in exactly one record: none is merged into
 * another or dropped, and the caller quarantines the malformed one with its raw text. Each
 * character is re-read at most once more, so the cost stays linear.
 *
 * @example
 * parseCsvRecords('a;b\n1;"x;y"\n', ';', 'f.csv').map((r) => r.fields); // => [['a', 'b'], ['1', 'x;y']]
 * parseCsvRecords('a,b\n1,"x"y\n', ',', 'f.csv')[1].problem; // => { message: 'unexpected "y" after a closing quote', line: 2, column: 6 }
 */
export function parseCsvRecords(text: string, delimiter: string, file: string): CsvRecord[] {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new OptionError('delimiter', delimiter, 'one character other than a quote or a line break');
  }
  const records: CsvRecord[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let nextQuote = quoteFrom(text, pos);
  records: while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    if (nextQuote >= 0 && nextQuote < pos) nextQuote = quoteFrom(text, pos);
    if (nextQuote < 0 || nextQuote >= end) {
      const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (stop > pos) {
        const raw = text.slice(pos, stop);
        records.push({ fields: raw.split(delimiter), raw, line });
      }
      pos = end + 1;
      line++;
      continue;
    }
    // A record with quotes: walk it character by character.
    const startLine = line;
    const start = pos;
    const fields: string[] = [];
    let field = '';
    let i = pos;
    for (;;) {
      if (i < n && text[i] === '"' && field === '' && (i === start || text[i - 1] === delimiter)) {
        const open = i;
        const openLine = line;
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new InputError('unterminated quoted field', { file, line: startLine });
          field += text.slice(j, q);
          if (text[q + 1] === '"') {
            field += '"';
            j = q + 2;
            continue;
          }
          for (let k = text.indexOf('\n', i); k >= 0 && k < q; k = text.indexOf('\n', k + 1)) line++;
          i = q + 1;
          break;
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && !(text[i] === '\r' && (i + 1 === n || text[i + 1] === '\n'))) {
          // Malformed: see the doc comment. The record ends with the stray quote's line.
          const unexpected = String.fromCodePoint(text.codePointAt(i)!);
          const problem: CsvProblem = {
            message: `unexpected ${JSON.stringify(unexpected)} after a closing quote`,
            line,
            column: i - (text.lastIndexOf('\n', i - 1) + 1) + 1,
          };
          if (line > openLine) problem.opened = { line: openLine, column: open - (text.lastIndexOf('\n', open - 1) + 1) + 1 };
          let stop = text.indexOf('\n', open);
          if (stop < 0) stop = n;
          const next = stop + 1;
          if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
          records.push({ fields: [], raw: text.slice(start, stop), line: startLine, problem });
          pos = next;
          line = openLine + 1;
          continue records;
        }
      } else {
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) field += text[i++];
      }
      fields.push(field);
      field = '';
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    const stop = i;
    records.push({ fields, raw: text.slice(start, stop), line: startLine });
    if (text[i] === '\r') i++;
    pos = i + 1;
    line++;
  }
  return records;
}
