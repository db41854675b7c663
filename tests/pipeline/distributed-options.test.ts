/**
 * forecastDistributed refuses event columns itself, not only its callers: the batches carry the
 * series' values only, so the holiday-adjusted models would silently fit without the columns.
 */
import { describe, expect, it } from 'vitest';
import { forecastDistributed } from '../../src/pipeline/distributed.js';
import type { Series } from '../../src/forecast/types.js';

const weekly: Series[] = [{ id: 's', period: 'week', timestamps: ['2025-01-06', '2025-01-13', '2025-01-20'], values: Float64Array.of(1, 2, 3) }];
const url = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('forecastDistributed with event columns', () => {
  it('refuses them in one line before any connection', async () => {
    await expect(forecastDistributed(url, weekly, { h: 4, eventColumns: ['promo_share'] })).rejects.toThrow(
      'eventColumns: got ["promo_share"], allowed: none with distributed forecasts (the batches carry no event columns yet)',
    );
  });
});
