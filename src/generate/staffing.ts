import { dateParts, dayNumber, holidaysBetween, isoDate, weekday } from './calendar.js';
import type { Cell } from './csv.js';
import { cities, firstNames, hotelNames, lastNames } from './names.js';
import type { GenerationPlan } from './plan.js';
import type { Random } from './random.js';

/** raw.hotels columns, in table order. */
export const hotelColumns = ['hotel_id', 'name', 'city', 'region'] as const;
/** raw.extras columns, in table order. */
export const extraColumns = ['extra_id', 'name', 'city', 'hired_on'] as const;
/** raw.missions columns, in table order. */
export const missionColumns = ['mission_id', 'hotel_id', 'extra_id', 'mission_date', 'status', 'hours', 'hourly_rate'] as const;

/** Relative demand for extras by ISO weekday (index 1 = Monday): Friday and Saturday peak. */
export const staffingWeekday = [0, 0.8, 0.8, 0.85, 0.95, 1.25, 1.45, 1.0] as const;

/** Share of past missions cancelled. */
export const cancellationRate = 0.08;

const seaside = new Set(['Nice', 'Cannes', 'Biarritz', 'Deauville', 'Marseille', 'Montpellier']);
const shifts = [4, 6, 7, 7.5, 8, 8, 8, 10, 12];

/** The staffing agency's three tables as rows. */
export interface StaffingTables {
  hotels: Cell[][];
  extras: Cell[][];
  missions: Cell[][];
}

/**
 * The summer factor of a hotel's demand on day-of-year `doy`: a bell peaking late July
 * (amplitude 0.9 by the sea, 0.35 in town), a Christmas-New Year bump, a January-February lull.
 */
export function staffingSeason(doy: number, amplitude: number): number {
  const summer = amplitude * Math.exp(-(((doy - 205) / 38) ** 2));
  const festive = doy >= 354 || doy <= 2 ? 0.25 : 0;
  const lull = doy <= 59 ? -0.15 : 0;
  return 1 + summer + festive + lull;
}

/**
 * Hotels, extras and receptionist missions from the first day of history to six weeks after
 * the last: missions per hotel-day are Poisson around size x weekday x season x 7 % yearly
 * growth (x1.2 on public holidays and their eves); a mission lasts 4-12 hours, billed at the
 * hotel's rate (3 % more each year, +25 % on Sundays and holidays). Past missions are `done`
 * or `cancelled` (8 %); future ones exist only if already booked (less likely the further
 * ahead) and are `assigned` (an extra named) or still `planned`. An extra works one mission a day at most,
 * three times out of four at a hotel of their own city (its regulars), and drops missions at a
 * rate of their own (about 4 % on average, a few far more), so suggesting an extra has history to go on.
 */
export function generateStaffing(plan: GenerationPlan, random: Random): StaffingTables {
  const firstYear = dateParts(plan.firstDay).year;
  // Hotels alternate between towns and seaside resorts, so even a small sample has both.
  const hotelCities = ['Paris', 'Nice', 'Lyon', 'Biarritz', 'Bordeaux', 'Cannes', 'Annecy', 'Deauville', 'Strasbourg', 'Marseille', 'Lille', 'Montpellier', 'Reims', 'Tours', 'Rennes', 'Nantes', 'Dijon', 'Toulouse']
    .map((name) => cities.find(([city]) => city === name) ?? cities[0]);
  const used = new Set<string>();
  const hotels = Array.from({ length: plan.hotels }, (_, i) => {
    const [city, region] = hotelCities[i % hotelCities.length];
    let name = `${hotelNames[i % hotelNames.length]} ${city}`;
    for (let n = 2; used.has(name); n += 1) name = `${hotelNames[i % hotelNames.length]} ${city} ${n}`;
    used.add(name);
    return {
      hotelId: `H${String(i + 1).padStart(3, '0')}`,
      name,
      city,
      region,
      size: Math.exp(random.normal(0, 0.35)),
      amplitude: seaside.has(city) ? 0.9 : 0.35,
      rate: random.uniform(15.5, 22),
    };
  });
  const extras = Array.from({ length: plan.extras }, (_, i) => ({
    extraId: `X${String(i + 1).padStart(4, '0')}`,
    name: `${random.pick(firstNames)} ${random.pick(lastNames)}`,
    city: hotelCities[random.int(0, hotelCities.length - 1)][0],
    hiredOn: random.chance(0.7) ? random.int(dayNumber('2018-01-01'), plan.firstDay - 1) : random.int(plan.firstDay, plan.lastDay - 60),
    // Share of their missions an extra drops: most are steady, a few are not (mean about 4 %).
    dropRate: Math.min(0.5, (cancellationRate / 2) * Math.exp(random.normal(-0.3, 0.8))),
  }));
  // Each hotel has regulars: the extras of its city, and a few others, who get most of its missions.
  const regulars = hotels.map((hotel) => {
    const list = extras.filter((e) => e.city === hotel.city || random.chance(0.03));
    return list.length ? list : [random.pick(extras)];
  });

  const holidays = holidaysBetween(plan.firstDay, plan.bookedUntil);
  const missions: Cell[][] = [];
  for (let day = plan.firstDay; day <= plan.bookedUntil; day += 1) {
    const { year } = dateParts(day);
    const doy = day - Date.UTC(year, 0, 1) / 86_400_000 + 1;
    const years = (day - plan.firstDay) / 365.25;
    const festive = holidays.has(day) || holidays.has(day + 1) ? 1.2 : 1;
    const premium = weekday(day) === 7 || holidays.has(day) ? 1.25 : 1;
    const ahead = day - plan.lastDay;
    const available = extras.filter((e) => e.hiredOn <= day);
    const busy = new Set<string>();
    /** An extra free that day, from the hotel's regulars three times out of four; null if none is found. */
    const assign = (h: number): (typeof extras)[number] | null => {
      const own = regulars[h].filter((e) => e.hiredOn <= day);
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const pool = own.length && attempt < 4 && random.chance(0.75) ? own : available;
        if (!pool.length) return null;
        const extra = pool[random.int(0, pool.length - 1)];
        if (!busy.has(extra.extraId)) {
          busy.add(extra.extraId);
          return extra;
        }
      }
      return null;
    };
    for (let h = 0; h < hotels.length; h += 1) {
      const hotel = hotels[h];
      const expected = 1.05 * hotel.size * staffingWeekday[weekday(day)] * staffingSeason(doy, hotel.amplitude) * Math.pow(1.07, years) * festive;
      const count = random.poisson(expected * Math.exp(random.normal(0, 0.1)));
      for (let k = 0; k < count; k += 1) {
        const hours = random.pick(shifts);
        const rate = (hotel.rate * Math.pow(1.03, year - firstYear) * premium).toFixed(2);
        let status: 'done' | 'cancelled' | 'assigned' | 'planned';
        let extraId: string | null = null;
        if (ahead <= 0) {
          // Half the cancellations come from the hotel before anyone is named; the rest are
          // missions an extra dropped, at their own rate.
          const extra = random.chance(cancellationRate / 2) ? null : assign(h);
          extraId = extra?.extraId ?? null;
          status = extra === null ? 'cancelled' : random.chance(extra.dropRate) ? 'cancelled' : 'done';
        } else {
          if (!random.chance(Math.exp(-ahead / 12))) continue; // not booked yet
          extraId = random.chance(Math.exp(-ahead / 6)) ? (assign(h)?.extraId ?? null) : null;
          status = extraId === null ? 'planned' : 'assigned';
        }
        missions.push([`MI${String(missions.length + 1).padStart(7, '0')}`, hotel.hotelId, extraId, isoDate(day), status, hours.toFixed(2), rate]);
      }
    }
  }
  return {
    hotels: hotels.map((h) => [h.hotelId, h.name, h.city, h.region]),
    extras: extras.map((e) => [e.extraId, e.name, e.city, isoDate(e.hiredOn)]),
    missions,
  };
}
