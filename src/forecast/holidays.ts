/**
 * Holiday calendars (public holidays of a country or region, from date-holidays, offline) and
 * user events read from a CSV file. Their weights per period are computed in calendar.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError, OptionError } from '../errors.js';
import { formatDay, toUtcMs, type CalendarEvent } from './calendar.js';

const require = createRequire(import.meta.url);
interface HolidayRow { date: string; end: Date; start: Date; name: string; type: string }
interface HolidaysLib {
  init(country: string, state?: string): boolean | undefined;
  getHolidays(year: number): HolidayRow[];
  getCountries(): Record<string, string>;
  getStates(country: string): Record<string, string> | undefined;
}
const Holidays = require('date-holidays') as new () => HolidaysLib;

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
  const col = (name: string) => header.indexOf(name);
  const hasDate = col('date') >= 0;
  if (col('name') < 0 || (!hasDate && (col('start') < 0 || col('end') < 0))) {
    throw new InputError(`${path}:1:1: header ${JSON.stringify(lines[0] ?? '')}, expected columns date (or start and end), name and optional kind`);
  }
  const events: CalendarEvent[] = [];
  for (let l = 1; l < lines.length; l++) {
    if (lines[l].trim() === '') continue;
    const cells = splitCsvLine(lines[l]);
    const at = (name: string) => `${path}:${l + 1}:${col(name) + 1}`;
    const day = (name: string): string => {
      const value = cells[col(name)] ?? '';
      try {
        // the round trip also refuses month 13, which Date.UTC would roll into the next year
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || formatDay(toUtcMs(value)) !== value) throw new Error('format');
        return value;
      } catch {
        throw new InputError(`${at(name)}: ${name} got ${JSON.stringify(value)}, expected a calendar date YYYY-MM-DD`);
      }
    };
    const start = day(hasDate ? 'date' : 'start');
    const end = hasDate ? start : day('end');
    if (end < start) throw new InputError(`${at('end')}: end ${end} is before start ${start}`);
    const name = cells[col('name')] ?? '';
    if (name === '') throw new InputError(`${at('name')}: name is empty, expected the event's name`);
    const kind = col('kind') >= 0 ? cells[col('kind')] : '';
    events.push({ start, end, name, ...(kind ? { kind } : {}) });
  }
  return events;
}
