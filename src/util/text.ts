/**
 * A value of a query row, a data file or a parsed document as text, said explicitly: the one
 * place that decides how a cell that is not already a string is written.
 */

/**
 * `value` as text: a string as it is; a number, bigint, boolean or Date as `String` writes it
 * (as before); `null` and `undefined` as `'null'` and `'undefined'`; an object or array (a JSON
 * column, a YAML map) as its JSON, never `[object Object]`.
 * Business meaning: a dimension value, a series id or a CSV cell reads as the data holds it.
 *
 * @example
 * scalarText('S01'); // => 'S01'
 * scalarText(12.5); // => '12.5'
 * scalarText({ a: 1 }); // => '{"a":1}'
 */
export function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'symbol':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'function':
      return `[function ${value.name}]`;
    default:
      if (value === null) return 'null';
      if (value instanceof Date) return String(value);
      return JSON.stringify(value);
  }
}
