/**
 * Holiday calendars (public holidays of a country or region, from date-holidays, offline) and
 * user events read from a CSV file or a warehouse table. Their weights per period are computed in calendar.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError, OptionError } from '../errors.js';
import { formatDay, toUtcMs, type CalendarEvent } from './calendar.js';
import { parseTableName, quoteIdent } from '../ingest/table-schema.js';
import type { Queryable } from '../warehouse/types.js';

const require = createRequire(import.meta.url);
interface HolidayRow { date: string; end: Date; start: Date; name: string; type: string }
interface HolidaysLib {
  init(country: string, state?: string): boolean | undefined;
  getHolidays(year: number): HolidayRow[];
  getCountries(): Record<string, string>;
  getStates(country: string): Record<string, string> | undefined;
}
/** date-holidays, loaded on the first calendar asked for (it takes longer to load than the rest of a forecast's modules). */
const holidaysLib = (): new () => HolidaysLib => require('date-holidays') as new () => HolidaysLib;

/** A source of events between two dates. */
export interface HolidayCalendar {
  /** The code it was built from (`FR`, `FR-GP`) or `events`. */
  readonly code: string;
  /** Its events overlapping [from, to] (ISO dates, both included). */
  between(from: string, to: string): CalendarEvent[];
}

/**
 * The public holidays of `country`: an ISO 3166 code (`FR`) or country-region (`FR-GP`, `DE-BY`),
 * as date-holidays knows them. OptionError naming `holidays` on an unknown code.
 *
 * @example
 * holidayCalendar('FR').between('2024-05-01', '2024-05-01')[0].name; // => 'Fête du travail'
 */
export function holidayCalendar(country: string): HolidayCalendar {
  const allowed = 'a country code as FR or country-region as FR-GP, DE-BY (date-holidays)';
  if (typeof country !== 'string' || !/^[A-Za-z]{2}(-[A-Za-z0-9]{1,4})?$/.test(country)) throw new OptionError('holidays', country, allowed);
  const [c, region] = country.toUpperCase().split('-');
  const Holidays = holidaysLib();
  const lib = new Holidays();
  if (!(c in lib.getCountries())) throw new OptionError('holidays', country, allowed, 'unknown country');
  const regions = Object.keys(lib.getStates(c) ?? {});
  if (region !== undefined && !regions.includes(region)) {
    throw new OptionError('holidays', country, regions.length ? `${c} or ${regions.map((r) => `${c}-${r}`).join(', ')}` : c, 'unknown region');
  }
  lib.init(c, region);
  const code = region ? `${c}-${region}` : c;
  const years = new Map<number, CalendarEvent[]>();
  const ofYear = (year: number): CalendarEvent[] => {
    let events = years.get(year);
    if (!events) {
      events = lib.getHolidays(year).filter((row) => row.type === 'public').map((row) => {
        const day = row.date.slice(0, 10);
        return { start: day, end: day, name: row.name };
      });
      years.set(year, events);
    }
    return events;
  };
  return {
    code,
    between(from, to) {
      const a = toUtcMs(from);
      const b = toUtcMs(to);
      const out: CalendarEvent[] = [];
      for (let year = new Date(a).getUTCFullYear(); year <= new Date(b).getUTCFullYear(); year++) {
        for (const e of ofYear(year)) if (toUtcMs(e.end) >= a && toUtcMs(e.start) <= b) out.push(e);
      }
      return out;
    },
  };
}

/** A calendar of fixed events (from {@link readEventsCsv}), optionally merged with another calendar. */
export function eventCalendar(events: readonly CalendarEvent[], base?: HolidayCalendar): HolidayCalendar {
  return {
    code: base ? `${base.code}+events` : 'events',
    between(from, to) {
      const a = toUtcMs(from);
      const b = toUtcMs(to);
      return [...(base ? base.between(from, to) : []), ...events.filter((e) => toUtcMs(e.end) >= a && toUtcMs(e.start) <= b)];
    },
  };
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/** What an events source must have, for the messages of both readers. */
const EVENT_COLUMNS = 'expected columns date (or start and end), name and optional kind';

/** The layout of an events source from its column names (lower-cased): null when it lacks date (or start and end) or name. */
function eventLayout(columns: readonly string[]): { hasDate: boolean; hasKind: boolean } | null {
  const has = (name: string) => columns.includes(name);
  if (!has('name') || (!has('date') && (!has('start') || !has('end')))) return null;
  return { hasDate: has('date'), hasKind: has('kind') };
}

/**
 * One event from one row: `cell(column)` its text ('' when empty), `at(column)` where that cell
 * is for a message (`file:line:column`, `table row N, column c`). The one set of rules both
 * readers apply: calendar dates YYYY-MM-DD, end not before start, a name.
 */
function eventFromRow(cell: (column: string) => string, at: (column: string) => string, layout: { hasDate: boolean; hasKind: boolean }): CalendarEvent {
  const day = (name: string): string => {
    const value = cell(name);
    try {
      // the round trip also refuses month 13, which Date.UTC would roll into the next year
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || formatDay(toUtcMs(value)) !== value) throw new Error('format');
      return value;
    } catch {
      throw new InputError(`${at(name)}: ${name} got ${JSON.stringify(value)}, expected a calendar date YYYY-MM-DD`);
    }
  };
  const start = day(layout.hasDate ? 'date' : 'start');
  const end = layout.hasDate ? start : day('end');
  if (end < start) throw new InputError(`${at('end')}: end ${end} is before start ${start}`);
  const name = cell('name');
  if (name === '') throw new InputError(`${at('name')}: name is empty, expected the event's name`);
  const kind = layout.hasKind ? cell('kind') : '';
  return { start, end, name, ...(kind ? { kind } : {}) };
}

/**
 * User events from a CSV file with a header: `date` (one-day events) or `start` and `end` (both
 * included), `name`, and optional `kind` (events of one kind share one effect; default the name).
 * InputError naming `file:line:column` on a bad header, date or empty name.
 *
 * @example
 * readEventsCsv('events.csv'); // date,name\n2024-06-21,Sale → [{ start: '2024-06-21', end: '2024-06-21', name: 'Sale' }]
 */
export function readEventsCsv(path: string): CalendarEvent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read events file (${(error as Error).message.split('\n')[0]})`);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const layout = eventLayout(header);
  if (!layout) throw new InputError(`${path}:1:1: header ${JSON.stringify(lines[0] ?? '')}, ${EVENT_COLUMNS}`);
  const col = (name: string) => header.indexOf(name);
  const events: CalendarEvent[] = [];
  for (let l = 1; l < lines.length; l++) {
    if (lines[l].trim() === '') continue;
    const cells = splitCsvLine(lines[l]);
    events.push(eventFromRow((name) => cells[col(name)] ?? '', (name) => `${path}:${l + 1}:${col(name) + 1}`, layout));
  }
  return events;
}

/**
 * User events from a warehouse table (or view) with the columns of {@link readEventsCsv}: `date`
 * or `start` and `end`, `name`, optional `kind`, of any type whose text is `YYYY-MM-DD` (a `date`
 * column is). `table` is `name` (in the `raw` schema, where `kpicast load --table` puts it) or
 * `schema.name`; identifiers are checked and quoted, never pasted. Rows are read in order of
 * start then name, and numbered so from 1: InputError naming `table row N, column c` on a bad
 * date or an empty name (the CSV reader's rules and messages), or the table on a missing one or
 * a missing column.
 *
 * @example
 * await readEventsTable(warehouse, 'promotions'); // raw.promotions: start, end, name → [{ start, end, name }]
 */
export async function readEventsTable(db: Queryable, table: string): Promise<CalendarEvent[]> {
  const { schema, name, qualified } = parseTableName(table);
  const shown = `${schema}.${name}`;
  const found = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [qualified]);
  if (found.rows[0]?.t == null) throw new InputError(`${shown}: no such table, expected a table of events (${EVENT_COLUMNS.replace('expected ', '')})`);
  const { fields } = await db.query(`SELECT * FROM ${qualified} LIMIT 0`);
  const byLower = new Map(fields.map((f) => [f.name.toLowerCase(), f.name]));
  const layout = eventLayout([...byLower.keys()]);
  if (!layout) throw new InputError(`${shown}: columns ${fields.map((f) => f.name).join(', ')}, ${EVENT_COLUMNS}`);
  const wanted = [layout.hasDate ? 'date' : 'start', ...(layout.hasDate ? [] : ['end']), 'name', ...(layout.hasKind ? ['kind'] : [])];
  const select = wanted.map((c) => `${quoteIdent(byLower.get(c)!)}::text AS ${quoteIdent(c)}`).join(', ');
  const order = [layout.hasDate ? 'date' : 'start', 'name'].map((c) => `${quoteIdent(c)} NULLS FIRST`).join(', ');
  const { rows } = await db.query<Record<string, string | null>>(`SELECT ${select} FROM ${qualified} ORDER BY ${order}`);
  return rows.map((row, r) =>
    eventFromRow((c) => (row[c] ?? '').trim(), (c) => `${shown} row ${r + 1}, column ${byLower.get(c) ?? c}`, layout),
  );
}
