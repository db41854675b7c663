import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, series, staffing, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';
import { insertBusinessRows, type Mission } from '../fixtures/analysis/business-rows.js';

// Hand-made missions: Nord has missions in the weeks of 2024-01-01, 01-08 and 01-22 (none the week of 01-15);
// Sud starts the week of 01-08; the last settled mission is on Wednesday 2024-01-24, so that week is unfinished
// (two more are booked in February: not settled, they do not stretch the history).
const mission = (id: string, hotel_id: string, mission_date: string, status: Mission['status'] = 'done'): Mission => ({ mission_id: id, hotel_id, extra_id: null, mission_date, status, hours: 6, hourly_rate: 15 });
const missions: Mission[] = [
  mission('A', 'H1', '2024-01-01'), mission('B', 'H1', '2024-01-07'), mission('C', 'H1', '2024-01-09'),
  mission('D', 'H1', '2024-01-17', 'cancelled'), mission('E', 'H1', '2024-01-22'), mission('F', 'H1', '2024-01-24'),
  mission('G', 'H2', '2024-01-10'), mission('H', 'H2', '2024-01-11'), mission('I', 'H2', '2024-01-23'),
  // booked ahead, not settled yet: the staffing facts declare only done and cancelled rows final
  mission('P', 'H1', '2024-02-12', 'planned'), mission('Q', 'H2', '2024-02-20', 'assigned'),
];

describe.each(backends)('series(warehouse, model, metric, options) on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    await insertBusinessRows(warehouse, {
      hotels: [{ hotel_id: 'H1', name: 'Grand Hôtel', city: 'Lille', region: 'Nord' }, { hotel_id: 'H2', name: 'Hôtel du Port', city: 'Marseille', region: 'Sud' }],
      missions,
    });
    await build(warehouse);
  });
  afterAll(() => cleanup());

  it('gives long format unique_id/ds/y with Monday weeks, gaps filled with zero, the unfinished week and the booked-ahead weeks left out', async () => {
    const frame = await series(warehouse, staffing, 'missions', { grain: 'week', by: ['region'] });
    expect(frame.columns).toEqual(['unique_id', 'ds', 'y']);
    expect(frame.dtypes.map(String)).toEqual(['DataType(String)', 'DataType(String)', 'DataType(Float64)']);
    // counted by hand from the rows above; the week of 2024-01-22 ends after the last settled date (01-24), so it is
    // dropped, and so are the February weeks of the missions booked ahead
    expect(frame.toRecords()).toEqual([
      { unique_id: 'Nord', ds: '2024-01-01', y: 2 },
      { unique_id: 'Nord', ds: '2024-01-08', y: 1 },
      { unique_id: 'Nord', ds: '2024-01-15', y: 0 }, // only a cancelled mission: zero
      { unique_id: 'Sud', ds: '2024-01-08', y: 2 },
      { unique_id: 'Sud', ds: '2024-01-15', y: 0 }, // no row at all: filled
    ]);
  });

  it('fill: missing leaves gaps as null, and asOf keeps a week that has ended by then', async () => {
    const frame = await series(warehouse, staffing, 'missions', { grain: 'week', by: ['region'], fill: 'missing', asOf: '2024-01-29' });
    const sud = (frame.toRecords() as Array<{ unique_id: string; ds: string; y: number | null }>).filter((r) => r.unique_id === 'Sud');
    expect(sud).toEqual([
      { unique_id: 'Sud', ds: '2024-01-08', y: 2 },
      { unique_id: 'Sud', ds: '2024-01-15', y: null },
      { unique_id: 'Sud', ds: '2024-01-22', y: 1 },
    ]);
  });

  it('names a series without by after its metric, and a day series covers every day', async () => {
    const frame = await series(warehouse, staffing, 'all_missions', { grain: 'day', to: '2024-01-11' });
    const rows = frame.toRecords() as Array<{ unique_id: string; ds: string; y: number }>;
    expect(new Set(rows.map((r) => r.unique_id))).toEqual(new Set(['all_missions']));
    expect(rows.length).toBe(11); // 2024-01-01 .. 2024-01-11
    expect(rows.reduce((a, r) => a + r.y, 0)).toBe(5); // A (01-01), B (01-07), C (01-09), G (01-10), H (01-11)
  });

  it('rejects grain none and an unknown fill policy', async () => {
    await expect(series(warehouse, staffing, 'missions', { grain: 'none' as 'week' })).rejects.toThrow('series grain: got "none", allowed: day, week, month, quarter, year');
    await expect(series(warehouse, staffing, 'missions', { fill: 'linear' as 'zero' })).rejects.toThrow('series fill: got "linear", allowed: zero, missing');
  });

  it('gives zero rows for a range without data', async () => {
    const frame = await series(warehouse, staffing, 'missions', { from: '2030-01-01', to: '2030-02-01' });
    expect(frame.height).toBe(0);
    expect(frame.columns).toEqual(['unique_id', 'ds', 'y']);
  });
});
