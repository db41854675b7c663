import { dateParts, holidaysBetween, isoDate, weekday } from './calendar.js';
import type { Customer, Product, Store } from './retail-entities.js';
import type { GenerationPlan } from './plan.js';
import type { Random } from './random.js';

/** Relative store activity by ISO weekday (index 1 = Monday ... 7 = Sunday, open in the morning only). */
export const retailWeekday = [0, 0.85, 0.9, 1.0, 0.95, 1.15, 1.45, 0.55] as const;

/** Relative store activity by month (index 0 = January): August dips, December peaks. */
export const retailMonth = [0.93, 0.9, 0.97, 1.0, 1.0, 1.02, 1.04, 0.86, 0.98, 1.0, 1.04, 1.12] as const;

/** Public holidays when stores stay closed (1 January, 1 May, 25 December); on the others they run short hours. */
const closedHolidays = new Set(['01-01', '05-01', '12-25']);
/** Activity on an open public holiday. */
export const holidayFactor = 0.45;

/** raw.order_lines columns, in table order. */
export const orderLineColumns = ['order_id', 'line_no', 'order_date', 'store_id', 'product_id', 'customer_id', 'quantity', 'unit_price', 'discount'] as const;
/** raw.store_traffic columns, in table order. */
export const storeTrafficColumns = ['store_id', 'day', 'visitors'] as const;

/** What the order lines leave behind for the files made from them. */
export interface RetailSales {
  /** CSV lines (no header) of raw.order_lines, in date, store, order, line order. */
  lines: string[];
  /** CSV lines (no header) of raw.store_traffic. */
  traffic: string[];
  /** Units sold, indexed `[(store * products + product) * weeks + week]`. */
  weeklyUnits: Float64Array;
  weeks: number;
}

/**
 * How a product's demand moves over the year, as a factor around 1 for day-of-year `doy`
 * (summer products peak mid-July, winter ones mid-January, Christmas ones in December).
 */
export function seasonFactor(season: Product['season'], doy: number, month: number, dayOfMonth: number): number {
  const wave = (peak: number) => 0.5 + 0.5 * Math.cos((2 * Math.PI * (doy - peak)) / 365.25);
  switch (season) {
    case 'summer':
      return 0.45 + 1.1 * wave(196);
    case 'winter':
      return 0.55 + 0.9 * wave(15);
    case 'christmas':
      return month === 12 ? (dayOfMonth >= 8 ? 3.2 : 1.6) : month === 11 ? 1.1 : 0.6;
    default:
      return 1;
  }
}

/**
 * The store-level activity factor of a day: weekday x month x the Christmas run-up
 * (10-24 December rising to x1.5, 31 December x1.3), 0 on the three closed public holidays,
 * `holidayFactor` on the others.
 */
export function retailDayFactor(day: number, holidays: ReadonlySet<number>): number {
  const { month, dayOfMonth } = dateParts(day);
  const key = `${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  if (closedHolidays.has(key)) return 0;
  const factor = ordinaryDayFactor(day);
  return holidays.has(day) ? factor * holidayFactor : factor;
}

/**
 * The activity factor `day` would have were it no public holiday: weekday x month x the Christmas
 * run-up. The ratio of a period's {@link retailDayFactor} sum to this one's is the holiday's exact
 * effect on the period (bench:calendar's oracle).
 */
export function ordinaryDayFactor(day: number): number {
  const { month, dayOfMonth } = dateParts(day);
  let factor = retailWeekday[weekday(day)] * retailMonth[month - 1];
  if (month === 12 && dayOfMonth >= 10 && dayOfMonth <= 24) factor *= 1 + (0.5 * (dayOfMonth - 9)) / 15;
  if (month === 12 && dayOfMonth === 31) factor *= 1.3;
  return factor;
}

/**
 * Generates every order line of the history, day by day and store by store:
 * orders per store-day are Poisson around size x day factor x growth x noise, each order has
 * 1 + Poisson(1.3) lines (wine by 1 + Poisson(2.2) bottles, the rest by 1 + Poisson(0.5)), each line's product is drawn from the week's weights
 * (popularity x season x promotion uplift), prices rise 3 % each January, a promotion
 * (7 % of product-weeks, 10-30 % off) lifts volume and shows as a discount. Visitors per
 * store-day follow the expected orders over the store's conversion rate, never fewer than the orders.
 * Cost: about one second per million lines.
 */
export function generateSales(plan: GenerationPlan, stores: readonly Store[], products: readonly Product[], customers: readonly Customer[], random: Random): RetailSales {
  const days = plan.lastDay - plan.firstDay + 1;
  const weeks = Math.ceil(days / 7);
  const holidays = holidaysBetween(plan.firstDay, plan.lastDay);
  const nP = products.length;
  const weeklyUnits = new Float64Array(stores.length * nP * weeks);
  const lastYear = dateParts(plan.lastDay).year;

  // Promotions, decided per product and week for the whole chain.
  const promoRate = new Float64Array(nP * weeks);
  for (let p = 0; p < nP; p += 1) {
    if (products[p].intermittent) continue;
    for (let w = 0; w < weeks; w += 1) if (random.chance(0.07)) promoRate[p * weeks + w] = random.pick([0.1, 0.2, 0.3]);
  }

  // Customers by home store, in signup order: an order picks among those already signed up.
  const byStore: Customer[][] = stores.map(() => []);
  for (const customer of customers) byStore[customer.homeStore].push(customer);
  const signedUp = new Int32Array(stores.length);

  const lines: string[] = [];
  const traffic: string[] = [];
  const cumulative = new Float64Array(nP);
  const priceText = new Array<string>(nP);
  const noiseWeekly = stores.map(() => 0);
  let orderSeq = 0;
  let currentWeek = -1;
  let currentYear = -1;

  for (let d = 0; d < days; d += 1) {
    const day = plan.firstDay + d;
    const week = Math.floor(d / 7);
    const { year } = dateParts(day);
    if (year !== currentYear) {
      currentYear = year;
      const inflation = Math.pow(1.03, lastYear - year);
      for (let p = 0; p < nP; p += 1) priceText[p] = (products[p].price / inflation).toFixed(2);
    }
    if (week !== currentWeek) {
      currentWeek = week;
      const mid = day + 3;
      const parts = dateParts(mid);
      const doy = mid - Date.UTC(parts.year, 0, 1) / 86_400_000 + 1;
      let total = 0;
      for (let p = 0; p < nP; p += 1) {
        const rate = promoRate[p * weeks + week];
        total += products[p].weight * seasonFactor(products[p].season, doy, parts.month, parts.dayOfMonth) * (1 + 2.5 * rate);
        cumulative[p] = total;
      }
      for (let p = 0; p < nP; p += 1) cumulative[p] /= total;
      for (let s = 0; s < stores.length; s += 1) noiseWeekly[s] = random.normal(0, 0.05);
    }
    const dayFactor = retailDayFactor(day, holidays);
    const years = d / 365.25;
    const iso = isoDate(day);
    const ordersPerLine = 1 / 2.3;

    for (let s = 0; s < stores.length; s += 1) {
      const store = stores[s];
      if (day < store.openedOn) continue;
      const pool = byStore[s];
      while (signedUp[s] < pool.length && pool[signedUp[s]].signupDay <= day) signedUp[s] += 1;
      const expected = plan.linesPerStoreDay * ordersPerLine * store.size * dayFactor * (1 + store.growth * years) * Math.pow(1.02, years);
      const orders = dayFactor === 0 ? 0 : random.poisson(expected * Math.exp(noiseWeekly[s] + random.normal(0, 0.08)));
      const visitors = dayFactor === 0 ? 0 : Math.max(orders, Math.round((expected / store.conversion) * Math.exp(random.normal(0, 0.06))));
      traffic.push(`${store.storeId},${iso},${visitors}`);

      for (let o = 0; o < orders; o += 1) {
        orderSeq += 1;
        const orderId = `O${String(orderSeq).padStart(8, '0')}`;
        const customerId = signedUp[s] > 0 && random.chance(0.65) ? pool[random.int(0, signedUp[s] - 1)].customerId : '';
        const count = 1 + random.poisson(1.3);
        const seen = new Set<number>();
        for (let l = 0; l < count; l += 1) {
          const u = random.next();
          let lo = 0;
          let hi = nP - 1;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (cumulative[mid] < u) lo = mid + 1;
            else hi = mid;
          }
          if (seen.has(lo)) continue; // one line per product in an order
          seen.add(lo);
          const product = products[lo];
          const rate = promoRate[lo * weeks + week];
          let quantity = 1 + random.poisson(product.category === 'wine' ? 2.2 : 0.5) + (rate > 0 ? random.poisson(0.5) : 0);
          if (product.intermittent) quantity = random.chance(0.25) ? random.int(4, 12) : 1;
          const discount = rate > 0 ? (quantity * Number(priceText[lo]) * rate).toFixed(2) : '0';
          lines.push(`${orderId},${seen.size},${iso},${store.storeId},${product.productId},${customerId},${quantity},${priceText[lo]},${discount}`);
          weeklyUnits[(s * nP + lo) * weeks + week] += quantity;
        }
      }
    }
  }
  return { lines, traffic, weeklyUnits, weeks };
}
