import { dateParts, frenchDate, isoDate } from './calendar.js';
import type { Product, Store } from './retail-entities.js';
import type { RetailSales } from './retail-sales.js';
import type { GenerationPlan } from './plan.js';
import type { Random } from './random.js';

/** raw.stock_movements columns, in table order. */
export const stockMovementColumns = ['movement_id', 'moved_on', 'product_id', 'store_id', 'kind', 'quantity'] as const;
/** raw.supplies columns, in table order. */
export const supplyColumns = ['supply_id', 'received_on', 'product_id', 'supplier', 'quantity', 'unit_cost'] as const;

/** One stock movement: signed quantity (receipts +, shipments and shrinkage -); store null = central warehouse. */
export interface StockMovement {
  movementId: string;
  movedOn: string;
  productId: string;
  storeId: string | null;
  kind: 'receipt' | 'shipment' | 'adjustment';
  quantity: number;
}

/** The stock side of the retail data: movements (for the SQLite file) and supplies (for the French CSV). */
export interface RetailStock {
  movements: StockMovement[];
  /** Lines of supplies.csv without header: `;`-separated, dates DD/MM/YYYY, decimal comma. */
  supplies: string[];
}

/**
 * Replays the sales week by week through a two-level stock:
 * - each Monday a store receives, in whole packs, what it sold since its last delivery
 *   (its opening stock covers its busiest week plus two packs, so it never runs negative);
 * - perishables lose a little stock to spoilage on some Sundays (an `adjustment`);
 * - the central warehouse ships those deliveries the same Monday, and when it lacks stock
 *   a supply arrives the Friday before (the first Monday for the first week), covering one
 *   week of demand for perishables and four for the rest, at the product's cost of that year
 *   (3 % inflation) plus noise.
 * Every quantity is consistent: store stock = receipts - sales - spoilage >= 0, central
 * stock = supplies - shipments >= 0.
 */
export function generateStock(plan: GenerationPlan, stores: readonly Store[], products: readonly Product[], sales: RetailSales, random: Random): RetailStock {
  const { weeks, weeklyUnits } = sales;
  const nP = products.length;
  const lastYear = dateParts(plan.lastDay).year;
  type Draft = { day: number; productId: string; storeId: string | null; kind: StockMovement['kind']; quantity: number; order: number };
  const drafts: Draft[] = [];
  const supplies: Array<{ day: number; line: (id: string) => string }> = [];
  const index = (s: number, p: number) => (s * nP + p) * weeks;

  const maxWeek = new Float64Array(stores.length * nP);
  const chainTotal = new Float64Array(nP);
  for (let s = 0; s < stores.length; s += 1) {
    for (let p = 0; p < nP; p += 1) {
      let max = 0;
      for (let w = 0; w < weeks; w += 1) {
        const units = weeklyUnits[index(s, p) + w];
        if (units > max) max = units;
        chainTotal[p] += units;
      }
      maxWeek[s * nP + p] = max;
    }
  }
  const firstWeek = stores.map((store) => Math.max(0, Math.ceil((store.openedOn - plan.firstDay) / 7)));
  const consumed = new Float64Array(stores.length * nP);
  const stock = new Float64Array(stores.length * nP);
  const central = new Float64Array(nP);
  let order = 0;

  for (let w = 0; w < weeks; w += 1) {
    const monday = plan.firstDay + 7 * w;
    for (let p = 0; p < nP; p += 1) {
      const product = products[p];
      let shipped = 0;
      const deliveries: Array<[string, number]> = [];
      for (let s = 0; s < stores.length; s += 1) {
        if (w < firstWeek[s]) continue;
        const k = s * nP + p;
        let quantity = 0;
        if (w === firstWeek[s]) {
          quantity = Math.ceil((maxWeek[k] + 1) / product.pack) * product.pack + product.pack;
        } else if (consumed[k] >= Math.max(1, product.pack / 2)) {
          quantity = Math.ceil(consumed[k] / product.pack) * product.pack;
        }
        if (quantity > 0) {
          if (w !== firstWeek[s]) consumed[k] -= quantity; // the opening stock replaces nothing
          stock[k] += quantity;
          shipped += quantity;
          deliveries.push([stores[s].storeId, quantity]);
        }
      }
      if (shipped > 0) {
        if (central[p] < shipped) {
          const weekly = chainTotal[p] / weeks;
          const cover = product.perishable ? 1 : 4;
          const caseSize = product.pack * 10;
          const quantity = Math.ceil((shipped - central[p] + cover * weekly) / caseSize) * caseSize;
          const day = w === 0 ? monday : monday - 3;
          const year = dateParts(day).year;
          const cost = (product.unitCost / Math.pow(1.03, lastYear - year)) * Math.exp(random.normal(0, 0.025));
          central[p] += quantity;
          drafts.push({ day, productId: product.productId, storeId: null, kind: 'receipt', quantity, order: order++ });
          supplies.push({
            day,
            line: (id) => [id, frenchDate(day), product.productId, product.supplier, String(quantity), cost.toFixed(4).replace('.', ',')].join(';'),
          });
        }
        central[p] -= shipped;
        drafts.push({ day: monday, productId: product.productId, storeId: null, kind: 'shipment', quantity: -shipped, order: order++ });
        for (const [storeId, quantity] of deliveries) {
          drafts.push({ day: monday, productId: product.productId, storeId, kind: 'receipt', quantity, order: order++ });
        }
      }
      // The week's sales and, for perishables, some spoilage on Sunday.
      for (let s = 0; s < stores.length; s += 1) {
        if (w < firstWeek[s]) continue;
        const k = s * nP + p;
        const sold = weeklyUnits[index(s, p) + w];
        stock[k] -= sold;
        consumed[k] += sold;
        if (product.perishable && stock[k] >= 2 && random.chance(0.2)) {
          const spoiled = random.int(1, Math.max(1, Math.min(Math.floor(stock[k] / 2), Math.ceil(sold * 0.08))));
          stock[k] -= spoiled;
          consumed[k] += spoiled;
          drafts.push({ day: monday + 6, productId: product.productId, storeId: stores[s].storeId, kind: 'adjustment', quantity: -spoiled, order: order++ });
        }
      }
    }
  }

  drafts.sort((a, b) => a.day - b.day || a.order - b.order);
  const movements = drafts.map((draft, i): StockMovement => ({
    movementId: `M${String(i + 1).padStart(7, '0')}`,
    movedOn: isoDate(draft.day),
    productId: draft.productId,
    storeId: draft.storeId,
    kind: draft.kind,
    quantity: draft.quantity,
  }));
  supplies.sort((a, b) => a.day - b.day);
  return { movements, supplies: supplies.map((supply, i) => supply.line(`SUP${String(i + 1).padStart(6, '0')}`)) };
}
