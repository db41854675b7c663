import pl from 'nodejs-polars';
import { KpicastError } from '../errors.js';
import type { Queryable } from '../warehouse/types.js';
import { scalarText } from '../util/text.js';

/**
 * The stock report for logistics, one row per product (from the `marts.stock_by_product`
 * mart, so run `build` first): product_id, product_name, category, on_hand (sum of all signed
 * movements), received, shipped, last_movement (`YYYY-MM-DD`, null if none), days_of_cover
 * (on hand / units shipped per day over the last 28 days of data; null when nothing shipped).
 *
 * @example
 * (await stockByProduct(warehouse)).columns; // => ['product_id', 'product_name', 'category', 'on_hand', 'received', 'shipped', 'last_movement', 'days_of_cover']
 */
export async function stockByProduct(warehouse: Queryable): Promise<pl.DataFrame> {
  let rows: Array<Record<string, unknown>>;
  try {
    ({ rows } = await warehouse.readOnly((tx) => tx.query(
      `SELECT product_id, product_name, category, on_hand::float8 AS on_hand, received::float8 AS received,
              shipped::float8 AS shipped, last_movement::text AS last_movement, days_of_cover::float8 AS days_of_cover
       FROM marts.stock_by_product ORDER BY product_id`,
    )));
  } catch (error) {
    if (/does not exist/.test(String((error as Error).message))) throw new KpicastError('stockByProduct: marts.stock_by_product does not exist, run `kpicast build` first');
    throw error;
  }
  const text = (name: string) => pl.Series(name, rows.map((r) => (r[name] === null ? null : scalarText(r[name]))), pl.Utf8);
  const num = (name: string) => pl.Series(name, rows.map((r) => (r[name] === null ? null : Number(r[name]))), pl.Float64);
  return pl.DataFrame([
    text('product_id'), text('product_name'), text('category'),
    num('on_hand'), num('received'), num('shipped'), text('last_movement'), num('days_of_cover'),
  ]);
}
