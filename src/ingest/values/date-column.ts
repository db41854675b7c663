/**
 * Dates of a loaded column: ISO days, and slash dates whose order (day first or month first)
 * is decided once for the whole column, never guessed value by value. The day itself is read
 * by the one date reader, src/util/dates.ts.
 */
import { InputError } from '../../errors.js';
import { quoted } from '../../util/clip.js';
import { dateProblem, readDate, slashFields, type SlashOrder } from '../../util/dates.js';

/** How slash dates of a column are read: day first, month first, or not at all (`YMD`: ISO only, `--date-format YYYY-MM-DD`). */
export type ColumnDateOrder = SlashOrder | 'YMD';

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A day read from a date text: the ISO day, or why it is none (`ambiguous` when both orders give different days). */
export type DayReading = { day: string } | { problem: string; ambiguous?: { dayFirst: string; monthFirst: string } };

const FORMATS: Record<ColumnDateOrder | 'any', string> = {
  DMY: 'YYYY-MM-DD or DD/MM/YYYY', MDY: 'YYYY-MM-DD or MM/DD/YYYY', YMD: 'YYYY-MM-DD', any: 'YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY',
};

/** The formats a column in `order` reads, for messages: `YYYY-MM-DD or DD/MM/YYYY`. */
export const expectedDates = (order: ColumnDateOrder | undefined): string => FORMATS[order ?? 'any'];

/**
 * Reads a date text of a column whose slash order is `order`. Without an order, a slash date is
 * read when only one order makes it a day, or both make the same day (`13/01/2024`,
 * `05/05/2024`); one that both orders read as different days is ambiguous.
 *
 * @example
 * readDay('11/28/2017'); // => { day: '2017-11-28' }
 * readDay('02/01/2024', 'DMY'); // => { day: '2024-01-02' }
 * 'ambiguous' in readDay('02/01/2024'); // => true
 */
export function readDay(text: string, order?: ColumnDateOrder): DayReading {
  if (ISO_SHAPE.test(text)) {
    const day = readDate(text);
    return day !== null ? { day } : { problem: dateProblem(text) ?? 'not a date' };
  }
  const fields = order === 'YMD' ? null : slashFields(text);
  if (fields === null) return { problem: `expected ${expectedDates(order)}` };
  if (order !== undefined) {
    const format = order === 'DMY' ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
    const day = readDate(text, { format });
    return day !== null ? { day } : { problem: dateProblem(text, { format }) ?? 'not a date' };
  }
  const dayFirst = readDate(text, { format: 'DD/MM/YYYY' });
  const monthFirst = readDate(text, { format: 'MM/DD/YYYY' });
  if (dayFirst !== null && monthFirst !== null && dayFirst !== monthFirst) {
    return { problem: 'ambiguous', ambiguous: { dayFirst, monthFirst } };
  }
  const day = dayFirst ?? monthFirst;
  return day !== null ? { day } : { problem: dateProblem(text, { format: 'DD/MM/YYYY' }) ?? 'not a date' };
}

/**
 * A date text as `YYYY-MM-DD`, from ISO `YYYY-MM-DD` or a slash date in `order` (default day
 * first, `DD/MM/YYYY`, two-digit years as in src/util/dates.ts); null when it is neither or not a
 * real calendar day (year 0 included: PostgreSQL has none).
 *
 * @example
 * parseDateText('31/01/2024'); // => '2024-01-31'
 * parseDateText('11/8/2017', 'MDY'); // => '2017-11-08'
 * parseDateText('2023-02-30'); // => null
 */
export function parseDateText(text: string, order: ColumnDateOrder = 'DMY'): string | null {
  const r = readDay(text, order);
  return 'day' in r ? r.day : null;
}

/** Whether some order reads `text` as a day: what type inference asks. */
export function isDateInSomeOrder(text: string): boolean {
  const r = readDay(text);
  return 'day' in r || r.ambiguous !== undefined;
}

/** One value of a column, with the line it is on. */
export interface LinedValue {
  text: string;
  line: number;
}

/**
 * The slash order of a date column, decided from the whole column: a value whose first number
 * is above 12 (`19/02/10`) says day first, one whose second number is above 12 (`11/28/2017`)
 * says month first. Undefined when no value settles it: ISO dates only (nothing to decide), or
 * some ambiguous values beside ISO ones (those are then refused row by row, naming
 * `--date-format`). A file whose numbers use a decimal comma settles it day first, as every
 * locale writing decimal commas writes the day first.
 * Throws one InputError when the column cannot be read whatever the rows: values pointing both
 * ways (naming a line of each), or slash dates that are all ambiguous and nothing else (naming
 * the column and `--date-format`). Cost: linear, one regular expression a value.
 *
 * @example
 * decideDateOrder([{ text: '11/8/2017', line: 2 }, { text: '11/28/2017', line: 3 }], 'Order Date', 'f.csv', '.'); // => 'MDY'
 * decideDateOrder([{ text: '2024-01-05', line: 2 }], 'day', 'f.csv', '.'); // => undefined
 */
export function decideDateOrder(values: Iterable<LinedValue>, column: string, file: string, decimal: '.' | ','): SlashOrder | undefined {
  let dayFirst: LinedValue | undefined, monthFirst: LinedValue | undefined, ambiguous: LinedValue | undefined;
  let others = false;
  for (const v of values) {
    const f = slashFields(v.text);
    if (f === null) {
      if (ISO_SHAPE.test(v.text)) others = true;
      continue;
    }
    if (f.first > 12 && f.second <= 12) dayFirst ??= v;
    else if (f.second > 12 && f.first <= 12) monthFirst ??= v;
    else if (f.first <= 12 && f.second <= 12 && f.first !== f.second) ambiguous ??= v;
    if (dayFirst && monthFirst) break;
  }
  if (dayFirst && monthFirst) {
    throw new InputError(
      `dates in both orders: line ${dayFirst.line} ${quoted(dayFirst.text)} is day first, line ${monthFirst.line} ${quoted(monthFirst.text)} is month first; ` +
        'fix the file or give --date-format DD/MM/YYYY or MM/DD/YYYY',
      { file, column },
    );
  }
  if (dayFirst) return 'DMY';
  if (monthFirst) return 'MDY';
  if (ambiguous && decimal === ',') return 'DMY';
  if (ambiguous && !others) {
    throw new InputError(
      `ambiguous dates: every value reads as day first or month first (line ${ambiguous.line}: ${quoted(ambiguous.text)}); ` +
        'give --date-format DD/MM/YYYY, MM/DD/YYYY, DD/MM/YY or MM/DD/YY',
      { file, column },
    );
  }
  return undefined;
}
