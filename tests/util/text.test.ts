import { describe, expect, it } from 'vitest';
import { scalarText } from '../../src/util/text.js';

describe('scalarText(value)', () => {
  it('writes strings, numbers, bigints, booleans and dates as String does', () => {
    const day = new Date(Date.UTC(2024, 0, 5));
    expect([scalarText('S01'), scalarText(12.5), scalarText(10n), scalarText(false), scalarText(day)]).toEqual(['S01', '12.5', '10', 'false', String(day)]);
    expect([scalarText(null), scalarText(undefined)]).toEqual(['null', 'undefined']);
  });

  it('writes a JSON column value or an array as its JSON, never [object Object]', () => {
    expect(scalarText({ a: 1, b: ['x'] })).toBe('{"a":1,"b":["x"]}');
    expect(scalarText([1, 2])).toBe('[1,2]');
  });
});
