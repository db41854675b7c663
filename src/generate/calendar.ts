/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC), the generator's
 * unit of time: cheap to add, compare and format, free of time zones.
 */

const MS_PER_DAY = 86_400_000;

/**
 * The day number of an ISO date `YYYY-MM-DD`.
 *
 * @example
 * dayNumber('1970-01-02'); // => 1
 */
export function dayNumber(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`dayNumber: got ${JSON.stringify(iso)}, allowed: a date YYYY-MM-DD`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/** The day number of a calendar date (month 1-12). */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/**
 * The ISO date `YYYY-MM-DD` of a day number.
 *
 * @example
 * isoDate(1); // => '1970-01-02'
 */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The French way of writing a day: `DD/MM/YYYY`.
 *
 * @example
 * frenchDate(dayNumber('2025-07-14')); // => '14/07/2025'
 */
export function frenchDate(day: number): string {
  const iso = isoDate(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * ISO weekday of a day number: 1 = Monday ... 7 = Sunday.
 *
 * @example
 * weekday(dayNumber('2025-12-28')); // => 7 (a Sunday)
 */
export function weekday(day: number): number {
  // 1970-01-01 was a Thursday (4)
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Year, month (1-12) and day of month of a day number. */
export function dateParts(day: number): { year: number; month: number; dayOfMonth: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, dayOfMonth: date.getUTCDate() };
}

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
 *
 * @example
 * isoDate(easterSunday(2025)); // => '2025-04-20'
 */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, dayOfMonth);
}

/**
 * The eleven public holidays of metropolitan France in `year`, as day number -> name:
 * New Year, Easter Monday, 1 May, 8 May, Ascension (Easter + 39), Whit Monday (Easter + 50),
 * 14 July, 15 August, 1 November, 11 November, Christmas. Shops mostly close or run short hours.
 *
 * @example
 * [...frenchHolidays(2025).values()].length; // => 11
 * frenchHolidays(2025).get(dayNumber('2025-05-29')); // => 'Ascension'
 */
export function frenchHolidays(year: number): Map<number, string> {
  const easter = easterSunday(year);
  return new Map([
    [dayOf(year, 1, 1), "Jour de l'an"],
    [easter + 1, 'Lundi de Pâques'],
    [dayOf(year, 5, 1), 'Fête du Travail'],
    [dayOf(year, 5, 8), 'Victoire 1945'],
    [easter + 39, 'Ascension'],
    [easter + 50, 'Lundi de Pentecôte'],
    [dayOf(year, 7, 14), 'Fête nationale'],
    [dayOf(year, 8, 15), 'Assomption'],
    [dayOf(year, 11, 1), 'Toussaint'],
    [dayOf(year, 11, 11), 'Armistice 1918'],
    [dayOf(year, 12, 25), 'Noël'],
  ]);
}

/** The set of French public holidays (day numbers) between `first` and `last`, both included. */
export function holidaysBetween(first: number, last: number): Set<number> {
  const days = new Set<number>();
  const from = dateParts(first).year;
  const to = dateParts(last).year;
  for (let year = from; year <= to; year += 1) {
    for (const day of frenchHolidays(year).keys()) if (day >= first && day <= last) days.add(day);
  }
  return days;
}
