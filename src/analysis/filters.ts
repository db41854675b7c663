import { OptionError } from '../errors.js';

/**
 * Filters written `dimension=value` (`dimension=a|b` for several values), as `--filter` and the
 * API's `filter=` take them, into a request's `filters`. A dimension given twice keeps the values
 * of both. The dimension names are checked later, against the model (validateRequest); values are
 * bound parameters, never SQL.
 *
 * @example
 * parseFilters(['region=Nord|Sud', 'category=Bakery']); // => { region: ['Nord', 'Sud'], category: ['Bakery'] }
 */
export function parseFilters(items: readonly string[], option = '--filter'): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new OptionError(option, item, 'dimension=value (a|b for several values)');
    const dim = item.slice(0, eq).trim();
    filters[dim] = [...(filters[dim] ?? []), ...item.slice(eq + 1).split('|')];
  }
  return filters;
}
