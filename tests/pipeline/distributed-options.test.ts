/**
 * forecastDistributed refuses a calendar itself, not only its callers: the workers rebuild each
 * batch without it, so the holiday-adjusted models would silently be the plain ones.
 */
import { describe, expect, it } from 'vitest';
import { forecastDistributed } from '../../src/pipeline/distributed.js';
import type { Series } from '../../src/forecast/types.js';

const weekly: Series[] = [{ id: 's', period: 'week', timestamps: ['2025-01-06', '2025-01-13', '2025-01-20'], values: Float64Array.of(1, 2, 3) }];
const url = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('forecastDistributed with a calendar', () => {
  it('refuses holidays in one line before any connection', async () => {
    await expect(forecastDistributed(url, weekly, { h: 4, holidays: 'FR' })).rejects.toThrow(
      'holidays: got "FR", allowed: none with distributed forecasts (the workers have no calendar yet)',
    );
  });

  it('refuses events the same way', async () => {
    const events = [{ start: '2025-05-01', end: '2025-05-01', name: 'promo' }];
    await expect(forecastDistributed(url, weekly, { h: 4, events })).rejects.toThrow(
      'events: got "1 events", allowed: none with distributed forecasts (the workers have no calendar yet)',
    );
  });

  it('refuses event columns the same way', async () => {
    await expect(forecastDistributed(url, weekly, { h: 4, eventColumns: ['promo_share'] })).rejects.toThrow(
      'eventColumns: got ["promo_share"], allowed: none with distributed forecasts (the workers have no calendar yet)',
    );
  });
});
