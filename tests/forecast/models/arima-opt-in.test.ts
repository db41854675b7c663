/** arima is opt-in: registered and selectable by name, left out of the models fitted when none are named. */
import { describe, expect, it } from 'vitest';
import pl from 'nodejs-polars';
import { defaultModelNames, defaultModels, forecast, modelNames, optInModels, resolveOptions } from '../../../src/index.js';

function weekly(): pl.DataFrame {
  const start = Date.UTC(2023, 0, 2); // a Monday
  const ds = Array.from({ length: 80 }, (_, i) => new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10));
  const y = ds.map((_, i) => 100 + 2 * i + 5 * Math.sin(i / 3));
  return pl.DataFrame({ unique_id: ds.map(() => 'a'), ds, y });
}

describe('arima is opt-in', () => {
  it('is registered but not in the default set, which is every other model', () => {
    expect(modelNames).toContain('arima');
    expect(optInModels).toEqual(['arima']);
    expect(defaultModelNames).not.toContain('arima');
    expect(defaultModelNames).toEqual(modelNames.filter((name) => name !== 'arima'));
    // what forecast() fits when no models are named: a subset of those, chosen on validation windows (engine.ts defaultModels)
    expect(resolveOptions({}).models).toEqual(defaultModels);
    expect(defaultModels.every((name) => defaultModelNames.includes(name))).toBe(true);
  });

  it('forecasts when named', async () => {
    const result = await forecast(weekly(), { h: 4, models: ['arima', 'naive'], parallel: false });
    const models = result.leaderboard.getColumn('model').toArray() as string[];
    expect(models).toContain('arima');
  });
});
