import { dayNumber, isoDate } from './calendar.js';
import type { Cell } from './csv.js';
import { catalogue, firstNames, intermittentCatalogue, lastNames, storeSites, suppliers, variants, type Seasonality } from './names.js';
import type { GenerationPlan } from './plan.js';
import type { Random } from './random.js';

/** A generated store: its raw.stores row plus the hidden traits that drive its sales. */
export interface Store {
  storeId: string;
  name: string;
  city: string;
  region: string;
  taxRate: number;
  /** Day number it opened; sales and traffic start then (or at the first day of history). */
  openedOn: number;
  /** Relative size: multiplies its orders. */
  size: number;
  /** Share of visitors who buy (orders / visitors). */
  conversion: number;
  /** Yearly growth of its own sales. */
  growth: number;
}

/** A generated product: its raw.products row plus what drives its demand. */
export interface Product {
  productId: string;
  name: string;
  category: string;
  /** Current (last year's) unit cost and list price, tax excluded. */
  unitCost: number;
  price: number;
  perishable: boolean;
  season: Seasonality;
  /** Units per pack: stores are replenished in whole packs. */
  pack: number;
  /** Share of order lines it gets on an ordinary week. */
  weight: number;
  /** A slow, lumpy seller. */
  intermittent: boolean;
  supplier: string;
}

/** A generated loyalty-card customer, attached to a home store. */
export interface Customer {
  customerId: string;
  name: string;
  city: string;
  region: string;
  signupDay: number;
  homeStore: number;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The chain's stores: one per site in names.ts order; the 17th (if any) opens during the history, on 2024-09-02. */
export function makeStores(plan: GenerationPlan, random: Random): Store[] {
  const stores: Store[] = [];
  for (let i = 0; i < plan.stores; i += 1) {
    const site = storeSites[i % storeSites.length];
    const round2 = Math.floor(i / storeSites.length);
    const city = round2 === 0 ? site.city : `${site.city} ${round2 + 1}`;
    const openedOn = i === 16 ? dayNumber('2024-09-02') : dayNumber(`${random.int(2004, 2021)}-0${random.int(1, 9)}-${String(random.int(1, 28)).padStart(2, '0')}`);
    stores.push({
      storeId: `S${String(i + 1).padStart(2, '0')}`,
      name: `Halles ${city}`,
      city,
      region: site.region,
      taxRate: site.taxRate,
      openedOn,
      size: i === 0 ? 1.6 : Math.exp(random.normal(0, 0.25)),
      conversion: random.uniform(0.18, 0.3),
      growth: random.normal(0.03, 0.025),
    });
  }
  return stores;
}

/**
 * The catalogue: regular products cycled from names.ts with variants, popularity
 * following a Zipf-like law, then a few intermittent products sold about every other week chain-wide.
 */
export function makeProducts(plan: GenerationPlan, random: Random): Product[] {
  const regularCount = plan.products - plan.intermittentProducts;
  const ranks = Array.from({ length: regularCount }, (_, i) => i);
  for (let i = ranks.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  // Chain-wide order lines per week, to size the intermittent products' share.
  const linesPerWeek = plan.stores * plan.linesPerStoreDay * 7;
  const intermittentShare = 0.6 / linesPerWeek;
  const regularWeights = ranks.map((rank) => 1 / Math.pow(rank + 3, 0.9));
  const regularTotal = regularWeights.reduce((a, b) => a + b, 0);
  const regularShare = 1 - intermittentShare * plan.intermittentProducts;

  const products: Product[] = [];
  const make = (template: (typeof catalogue)[number], suffix: string, factor: number, weight: number, intermittent: boolean): void => {
    const price = round(template.price * factor * random.uniform(0.95, 1.05), 2);
    products.push({
      productId: `P${String(products.length + 1).padStart(4, '0')}`,
      name: template.name + suffix,
      category: template.category,
      unitCost: round(price * random.uniform(0.52, 0.72), 4),
      price,
      perishable: template.perishable,
      season: template.season,
      pack: template.pack,
      weight,
      intermittent,
      supplier: random.pick(suppliers[template.category]),
    });
  };
  for (let i = 0; i < regularCount; i += 1) {
    const template = catalogue[i % catalogue.length];
    const [suffix, factor] = variants[Math.floor(i / catalogue.length) % variants.length];
    const cycle = Math.floor(i / (catalogue.length * variants.length));
    make(template, cycle === 0 ? suffix : `${suffix} (${cycle + 1})`, factor, (regularWeights[i] / regularTotal) * regularShare, false);
  }
  for (let i = 0; i < plan.intermittentProducts; i += 1) {
    const template = intermittentCatalogue[i % intermittentCatalogue.length];
    const cycle = Math.floor(i / intermittentCatalogue.length);
    make(template, cycle === 0 ? '' : ` modèle ${cycle + 1}`, 1, intermittentShare, true);
  }
  return products;
}

/**
 * Loyalty-card customers, spread over the stores in proportion to their size, sorted
 * by signup day within a store; 60 % signed up before the history starts.
 */
export function makeCustomers(plan: GenerationPlan, stores: readonly Store[], random: Random): Customer[] {
  const totalSize = stores.reduce((sum, store) => sum + store.size, 0);
  const drafts: Omit<Customer, 'customerId'>[] = [];
  for (let s = 0; s < stores.length; s += 1) {
    const store = stores[s];
    const count = Math.max(20, Math.round((plan.customers * store.size) / totalSize));
    const from = Math.max(store.openedOn, dayNumber('2015-01-01'));
    for (let i = 0; i < count; i += 1) {
      const signupDay = store.openedOn >= plan.firstDay || !random.chance(0.6)
        ? random.int(Math.max(from, plan.firstDay), plan.lastDay)
        : random.int(from, plan.firstDay - 1);
      drafts.push({
        name: `${random.pick(firstNames)} ${random.pick(lastNames)}`,
        city: store.city,
        region: store.region,
        signupDay,
        homeStore: s,
      });
    }
  }
  drafts.sort((a, b) => a.signupDay - b.signupDay || a.homeStore - b.homeStore);
  return drafts.map((draft, i) => ({ customerId: `C${String(i + 1).padStart(6, '0')}`, ...draft }));
}

/** raw.stores columns, in table order. */
export const storeColumns = ['store_id', 'name', 'city', 'region', 'tax_rate', 'opened_on'] as const;
/** raw.products columns, in table order. */
export const productColumns = ['product_id', 'name', 'category', 'unit_cost', 'price', 'perishable'] as const;
/** raw.customers columns, in table order. */
export const customerColumns = ['customer_id', 'name', 'city', 'region', 'signup_date'] as const;

/** raw.stores rows. */
export function storeRows(stores: readonly Store[]): Cell[][] {
  return stores.map((s) => [s.storeId, s.name, s.city, s.region, s.taxRate.toFixed(4), isoDate(s.openedOn)]);
}

/** raw.products rows. */
export function productRows(products: readonly Product[]): Cell[][] {
  return products.map((p) => [p.productId, p.name, p.category, p.unitCost.toFixed(4), p.price.toFixed(2), p.perishable]);
}

/** raw.customers rows. */
export function customerRows(customers: readonly Customer[]): Cell[][] {
  return customers.map((c) => [c.customerId, c.name, c.city, c.region, isoDate(c.signupDay)]);
}
