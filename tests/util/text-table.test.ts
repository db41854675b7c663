import { describe, expect, it } from 'vitest';
import { textTable } from '../../src/index.js';

describe('textTable(header, rows, options)', () => {
  it('pads each column to its widest cell, right-aligns the flagged ones, two spaces between, no trailing space', () => {
    expect(textTable(['table', 'rows'], [['raw.stores', '2'], ['raw.order_lines', '360,954']], { right: [false, true] })).toEqual([
      'table               rows',
      'raw.stores             2',
      'raw.order_lines  360,954',
    ]);
  });

  it('without right: a column of numbers (and n/a) is right-aligned, a column of text is not; gap sets the spacing', () => {
    expect(textTable(['model', 'mape', 'note'], [['naive', '12.346', 'x'], ['theta', 'n/a', '']], { gap: 1 })).toEqual([
      'model   mape note',
      'naive 12.346 x',
      'theta    n/a',
    ]);
  });
});
