import { dateParts, holidaysBetween, isoDate, weekday } from './calendar.js';
import type { Cell } from './csv.js';
import { cities, trims, vehicleModels } from './names.js';
import type { GenerationPlan } from './plan.js';
import type { Random } from './random.js';

/** raw.dealers columns, in table order. */
export const dealerColumns = ['dealer_id', 'name', 'region'] as const;
/** raw.vehicle_models columns, in table order. */
export const vehicleModelColumns = ['model_id', 'brand', 'model', 'segment', 'list_price'] as const;
/** raw.vehicle_sales columns, in table order. */
export const vehicleSaleColumns = ['sale_id', 'sale_date', 'dealer_id', 'model_id', 'units', 'price'] as const;

/** Relative showroom activity by ISO weekday (index 1 = Monday; closed on Sunday). */
export const dealerWeekday = [0, 0.9, 1.0, 1.0, 1.0, 1.1, 1.4, 0] as const;
/** Relative registrations by month (index 0 = January): March, June and September peak, August is dead. */
export const dealerMonth = [0.85, 0.95, 1.25, 1.0, 0.95, 1.2, 1.0, 0.55, 1.15, 1.0, 0.95, 1.1] as const;

/** The dealers' three tables as rows. */
export interface DealerTables {
  dealers: Cell[][];
  models: Cell[][];
  sales: Cell[][];
}

/**
 * Car dealers: multi-brand showrooms (each favours two brands), the model range with
 * segments and list prices (3.5 % a year, the table holds the last year's), and about
 * three years of sales: Poisson per dealer and open day (Monday-Saturday, not on public
 * holidays), one unit each except fleet deals (5 %, 2-6 units, an extra 5 % off), each at
 * list price minus a 0-7 % discount; electric models gain 25 % of weight a year.
 */
export function generateDealers(plan: GenerationPlan, random: Random): DealerTables {
  const lastYear = dateParts(plan.lastDay).year;
  const firstYear = dateParts(plan.firstDay).year;
  const models = Array.from({ length: plan.vehicleModels }, (_, i) => {
    const base = vehicleModels[i % vehicleModels.length];
    const trim = trims[Math.floor(i / vehicleModels.length) % trims.length];
    return {
      modelId: `VM${String(i + 1).padStart(3, '0')}`,
      brand: base.brand,
      model: base.model + trim,
      segment: base.segment,
      basePrice: base.listPrice * (trim === '' ? 1 : 1.12),
      popularity: 1 / Math.pow(i + 2, 0.6),
    };
  });
  const brands = [...new Set(models.map((m) => m.brand))];
  const stems = ['Garage du Centre', 'Espace Automobiles', 'Auto Premium', 'Relais Auto', 'Automobiles du Parc', 'Car Center'];
  const dealers = Array.from({ length: plan.dealers }, (_, i) => {
    const [city, region] = cities[i % cities.length];
    const favourite = new Set([brands[i % brands.length], brands[(i + 2) % brands.length]]);
    return {
      dealerId: `D${String(i + 1).padStart(2, '0')}`,
      name: `${stems[i % stems.length]} ${city}${i >= cities.length ? ` ${Math.floor(i / cities.length) + 1}` : ''}`,
      region,
      size: Math.exp(random.normal(0, 0.3)),
      weights: models.map((m) => m.popularity * (favourite.has(m.brand) ? 4 : 1)),
    };
  });

  const holidays = holidaysBetween(plan.firstDay, plan.lastDay);
  const sales: Cell[][] = [];
  for (let day = plan.firstDay; day <= plan.lastDay; day += 1) {
    if (holidays.has(day) || dealerWeekday[weekday(day)] === 0) continue;
    const { year, month } = dateParts(day);
    const years = (day - plan.firstDay) / 365.25;
    const factor = dealerWeekday[weekday(day)] * dealerMonth[month - 1] * Math.pow(1.03, years);
    const priceLevel = Math.pow(1.035, year - firstYear);
    const iso = isoDate(day);
    for (const dealer of dealers) {
      const count = random.poisson(1.1 * dealer.size * factor * Math.exp(random.normal(0, 0.1)));
      for (let k = 0; k < count; k += 1) {
        const weights = dealer.weights.map((w, m) => w * (models[m].segment === 'ev' ? Math.pow(1.25, years) : 1));
        const total = weights.reduce((a, b) => a + b, 0);
        let u = random.next() * total;
        let m = 0;
        while (m < weights.length - 1 && u >= weights[m]) u -= weights[m++];
        const fleet = random.chance(0.05);
        const units = fleet ? random.int(2, 6) : 1;
        const discount = random.uniform(0, 0.07) + (fleet ? 0.05 : 0);
        const price = Math.round((models[m].basePrice * priceLevel * (1 - discount)) / 10) * 10;
        sales.push([`V${String(sales.length + 1).padStart(6, '0')}`, iso, dealer.dealerId, models[m].modelId, units, price.toFixed(2)]);
      }
    }
  }
  return {
    dealers: dealers.map((d) => [d.dealerId, d.name, d.region]),
    models: models.map((m) => [m.modelId, m.brand, m.model, m.segment, (Math.round((m.basePrice * Math.pow(1.035, lastYear - firstYear)) / 10) * 10).toFixed(2)]),
    sales,
  };
}
