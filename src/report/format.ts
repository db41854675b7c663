import type { Locale } from '../charts/types.js';
import type { KpiCard } from './types.js';

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * A number for people in the report's locale, with thousands separators;
 * `–` for a missing value.
 *
 * @example
 * formatNumber(1234.5, 'fr', 1); // => '1 234,5' (narrow no-break space)
 * formatNumber(1234.5, 'en', 1); // => '1,234.5'
 */
export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/**
 * A card's value as it reads: `12 345 €`, `4.2 %`, `1,234 missions`.
 *
 * @example
 * formatValue({ label: 'Revenue', value: 12345, format: 'currency' }, 'en'); // => '€12,345'
 */
export function formatValue(card: KpiCard, value: number | null | undefined, locale: Locale): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const format = card.format ?? 'number';
  if (format === 'currency') {
    return new Intl.NumberFormat(intlLocale(locale), {
      style: 'currency',
      currency: card.currency ?? 'EUR',
      minimumFractionDigits: card.digits ?? 0,
      maximumFractionDigits: card.digits ?? 0,
    }).format(value);
  }
  if (format === 'percent') return `${formatNumber(value, locale, card.digits ?? 1)} %`;
  const text = formatNumber(value, locale, card.digits ?? 0);
  return card.unit ? `${text} ${card.unit}` : text;
}

/** Direction and meaning of a card's change against its comparison period. */
export interface Delta {
  /** `'up'`, `'down'`, `'flat'`, or `'none'` when either value is missing. */
  direction: 'up' | 'down' | 'flat' | 'none';
  /** `'good'`, `'bad'` or `'neutral'`: up is good unless the card is lower-is-better. */
  tone: 'good' | 'bad' | 'neutral';
  /** The change as text: `+12.5 %` (relative), or `+1.2 pt` for percentages (absolute points). */
  text: string;
  arrow: '▲' | '▼' | '▶' | '';
}

/**
 * The change of a card against its previous period. Relative change for numbers
 * and money (undefined when the previous value is 0: shown as `n/a`), the
 * difference in points for percentages. The tone is inverted for lower-is-better
 * metrics: a falling cancellation rate is good.
 *
 * @example
 * cardDelta({ label: 'Cancellation rate', value: 4, previous: 5, format: 'percent', lowerIsBetter: true }, 'en');
 * // => { direction: 'down', tone: 'good', text: '−1.0 pt', arrow: '▼' }
 */
export function cardDelta(card: KpiCard, locale: Locale): Delta {
  const { value, previous } = card;
  if (typeof value !== 'number' || !Number.isFinite(value) || typeof previous !== 'number' || !Number.isFinite(previous)) {
    return { direction: 'none', tone: 'neutral', text: '', arrow: '' };
  }
  const diff = value - previous;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▶';
  const better = card.lowerIsBetter ? diff < 0 : diff > 0;
  const tone = direction === 'flat' ? 'neutral' : better ? 'good' : 'bad';
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  let text: string;
  if ((card.format ?? 'number') === 'percent') {
    text = `${sign}${formatNumber(Math.abs(diff), locale, 1)} pt`;
  } else if (previous === 0) {
    text = 'n/a';
  } else {
    text = `${sign}${formatNumber(Math.abs(diff / previous) * 100, locale, 1)} %`;
  }
  return { direction, tone, text, arrow };
}
