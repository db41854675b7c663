import { describe, expect, it } from 'vitest';
import { cardDelta, formatNumber, formatValue, sparkline } from '../../src/index.js';

describe('cardDelta(card, locale)', () => {
  it('a rise of revenue is good: up arrow, relative change', () => {
    // (1100 - 1000) / 1000 = +10.0 %
    expect(cardDelta({ label: 'Revenue', value: 1100, previous: 1000, format: 'currency' }, 'en')).toEqual({
      direction: 'up',
      tone: 'good',
      text: '+10.0 %',
      arrow: '▲',
    });
  });

  it('inverts the colour for lower-is-better metrics and gives percentages in points', () => {
    // cancellation rate 4 % against 5 %: down 1.0 point, good news
    const falling = cardDelta({ label: 'Cancellation rate', value: 4, previous: 5, format: 'percent', lowerIsBetter: true }, 'en');
    expect(falling).toMatchObject({ direction: 'down', tone: 'good', text: '−1.0 pt', arrow: '▼' });
    const rising = cardDelta({ label: 'Cancellation rate', value: 6, previous: 5, format: 'percent', lowerIsBetter: true }, 'en');
    expect(rising).toMatchObject({ direction: 'up', tone: 'bad', arrow: '▲' });
  });

  it('has no delta when a value is missing, and n/a against a zero', () => {
    expect(cardDelta({ label: 'x', value: 3, previous: null }, 'en').direction).toBe('none');
    expect(cardDelta({ label: 'x', value: 3, previous: 0 }, 'en').text).toBe('n/a');
  });
});

describe('formatNumber(value, locale, digits) and formatValue(card, value, locale)', () => {
  it('uses the locale separators (Intl: narrow no-break space in French)', () => {
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatNumber(1234.5, 'fr', 1).replace(/\s/g, ' ')).toBe('1 234,5');
    expect(formatNumber(Number.NaN, 'en')).toBe('–');
  });
  it('formats money, percentages and units', () => {
    expect(formatValue({ label: 'r', value: 0, format: 'currency' }, 12345, 'en')).toBe('€12,345');
    expect(formatValue({ label: 'r', value: 0, format: 'percent' }, 4.25, 'en')).toBe('4.3 %');
    expect(formatValue({ label: 'r', value: 0, unit: 'missions' }, 1234, 'en')).toBe('1,234 missions');
  });
});

describe('sparkline(values)', () => {
  it('scales the values into the box, highest at the top, skipping missing ones', () => {
    // width 100, height 20, pad 2: x = 2, 50, 98; y = 18 (min), 2 (max), 10 (middle)
    const svg = sparkline([1, null, 3, 2], { width: 100, height: 20 });
    expect(svg).toContain('points="2,18 50,2 98,10"');
    expect(sparkline([5])).not.toContain('polyline');
  });
});
