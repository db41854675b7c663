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
  // A Map, then own keys: `filters['__proto__'] = …` would set the prototype and lose the filter.
  const filters = new Map<string, string[]>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new OptionError(option, item, 'dimension=value (a|b for several values)');
    const dim = item.slice(0, eq).trim();
    filters.set(dim, [...(filters.get(dim) ?? []), ...item.slice(eq + 1).split('|')]);
  }
  return Object.fromEntries(filters);
}
