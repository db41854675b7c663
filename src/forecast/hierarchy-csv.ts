/**
 * Reading a hierarchy's bottom series from a CSV: the level columns beside `ds` and `y`
 * (`store,category,ds,y`), or a long CSV whose `unique_id` holds the paths (`S01/cheese`).
 */
import { readFileSync, statSync } from 'node:fs';
import pl from 'nodejs-polars';
import { InputError } from '../errors.js';
import { decodeText } from '../ingest/decode.js';
import { readCsv } from '../ingest/read-csv.js';
import { readNumber } from '../ingest/values/number.js';
import { clip, quoted } from '../util/clip.js';
import { parseDate } from '../util/dates.js';
import { hierarchyLevels, type HierarchySpec } from './hierarchy-aggregate.js';
import { readLongCsv } from './series.js';

/**
 * Reads the bottom series of a hierarchy from a CSV as {@link readLongCsv} reads a long one (same
 * delimiter detection, encoding, number and date readers): the level columns of `hierarchy`, `ds`
 * and `y`, one row per bottom series and period (several rows in one period add up); a CSV with
 * none of the level columns but a `unique_id` is read by readLongCsv, its ids taken as paths
 * (`S01/cheese`). The frame has the level columns (Utf8), ds and y. Everything wrong is one
 * InputError naming the file, line and column: a level column missing, an empty level value, a
 * ds that is no date, a y that is no number. Cost: linear in the file.
 *
 * @example
 * readHierarchyCsv('sales.csv', ['store', 'category']).columns; // => ['store', 'category', 'ds', 'y']
 */
export function readHierarchyCsv(file: string, hierarchy: HierarchySpec): pl.DataFrame {
  const levels = hierarchyLevels(hierarchy);
  const source = readCsv(readText(file), file);
  if (!levels.some((level) => source.columns.includes(level)) && source.columns.includes('unique_id')) return readLongCsv(file);
  const index = (name: string) => {
    const i = source.columns.indexOf(name);
    if (i < 0) throw new InputError(`column ${name} missing, got ${clip(source.columns.join(', '), 200)}; expected ${levels.join(', ')}, ds, y (or unique_id paths ${levels.join('/')}, ds, y)`, { file });
    return i;
  };
  const levelIndex = levels.map(index);
  const [iDs, iY] = [index('ds'), index('y')];
  const n = source.rows.length;
  if (n === 0) throw new InputError('no rows after the header: nothing to forecast', { file });
  const levelValues = levels.map(() => new Array<string>(n));
  const ds = new Array<string>(n);
  const y = new Array<number | null>(n);
  const days = new Map<string, string>();
  for (let r = 0; r < n; r++) {
    const row = source.rows[r];
    const line = row.line;
    if (row.problem) throw new InputError(row.problem, { file, line });
    levels.forEach((level, l) => {
      const value = row.values[levelIndex[l]];
      if (value === null || value === undefined || value.trim() === '') throw new InputError(`${level} is empty: every row needs its ${levels.join(', ')}`, { file, line, column: level });
      if (value.includes('/')) throw new InputError(`got ${quoted(value)}: a level value may not hold "/" (it separates the levels of a path)`, { file, line, column: level });
      levelValues[l][r] = value.trim();
    });
    const dsText = row.values[iDs];
    if (dsText === null || dsText === undefined) throw new InputError('ds is empty: every row needs its date', { file, line, column: 'ds' });
    let day = days.get(dsText);
    if (day === undefined) {
      day = parseDate(dsText, { time: true, where: { file, line, column: 'ds' } });
      days.set(dsText, day);
    }
    ds[r] = day;
    const value = readNumber(row.values[iY] ?? null, source.decimal);
    if (value === null) throw new InputError(`got ${quoted(row.values[iY])}, not a number: expected a number, or empty for a missing value`, { file, line, column: 'y' });
    y[r] = Number.isNaN(value) ? null : value;
  }
  return pl.DataFrame({
    ...Object.fromEntries(levels.map((level, l) => [level, pl.Series(level, levelValues[l], pl.Utf8)])),
    ds: pl.Series('ds', ds, pl.Utf8),
    y: pl.Series('y', y, pl.Float64),
  });
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) throw new InputError('not a regular file, expected a CSV file', { file });
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read: ${code ?? String(error)}`, { file });
  }
  return decodeText(bytes, file);
}
