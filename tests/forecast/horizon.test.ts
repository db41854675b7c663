import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import { crossValidation, forecast, maxHorizon, OptionError, resolveOptions } from '../../src/index.js';

const weekly = pl.DataFrame({
  unique_id: Array<string>(20).fill('a'),
  ds: Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10)),
  y: Array.from({ length: 20 }, (_, i) => 10 + (i % 4)),
});

describe('the bound on h', () => {
  it('resolveOptions({ h: 1000000 }) throws before any data is read, saying the bound', () => {
    expect(() => resolveOptions({ h: 1_000_000 })).toThrow(OptionError);
    expect(() => resolveOptions({ h: 1_000_000 })).toThrow(/^h: got 1000000, allowed: 1 to 731 \(156 for weekly series, 60 for monthly\)$/);
    expect(resolveOptions({ h: 731 }).h).toBe(731);
  });

  it('forecast(weekly, { h: 157 }) and crossValidation refuse the weekly bound of three years; 156 runs', async () => {
    expect(maxHorizon.week).toBe(156);
    await expect(forecast(weekly, { h: 157, models: ['naive'] })).rejects.toThrow(/^h: got 157, allowed: 1 to 156 for weekly series$/);
    await expect(crossValidation(weekly, { h: 157, models: ['naive'] })).rejects.toThrow(/^h: got 157, allowed: 1 to 156 for weekly series$/);
    const { best } = await forecast(weekly, { h: 156, models: ['naive'], windows: 1 });
    expect(best.height).toBe(156);
    expect(best.getColumn('ds').toArray().at(-1)).toBe('2027-05-10'); // last week 2024-05-13 + 1092 days, by hand
  });
});
