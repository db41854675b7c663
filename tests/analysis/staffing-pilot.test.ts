import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, missionsToAssign, OptionError, suggestExtras, suggestionReason, type Warehouse } from '../../src/index.js';
import { backends, testWarehouse } from '../helpers/backends.js';

// Planted rows: two hotels, six extras, a history of done/cancelled missions, and the
// booked missions of January 2026 (the last settled mission is on 2025-12-28).
const hotels = [
  ['H1', 'Hôtel des Arts Paris', 'Paris', 'Île-de-France'],
  ['H2', 'Hôtel de la Plage Nice', 'Nice', "Provence-Alpes-Côte d'Azur"],
];
const extras = [
  ['X1', 'Léa Martin', 'Paris', '2020-01-01'], // the best history, but busy on the target day
  ['X2', 'Hugo Petit', 'Paris', '2020-01-01'], // a cancelled mission that day: still free
  ['X3', 'Inès Roux', 'Nice', '2026-02-01'], // hired after the target day
  ['X4', 'Jules Simon', 'Lyon', '2025-11-01'], // no history at all
  ['X5', 'Emma Girard', 'Paris', '2021-06-01'], // many missions done at H1, a few cancelled
  ['X6', 'Noé Moreau', 'Nice', '2021-06-01'], // reliable, never at H1
];
type Mission = [id: string, hotel: string, extra: string | null, day: string, status: 'done' | 'cancelled' | 'planned' | 'assigned'];
const missions: Mission[] = [];
const history = (extra: string, hotel: string, done: number, cancelled: number) => {
  for (let i = 0; i < done + cancelled; i += 1) {
    const day = `2025-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + Math.floor(i / 11)).padStart(2, '0')}`;
    missions.push([`M-${extra}-${hotel}-${i}`, hotel, extra, day, i < done ? 'done' : 'cancelled']);
  }
};
history('X1', 'H1', 20, 0);
history('X2', 'H1', 2, 1);
history('X2', 'H2', 5, 0);
history('X5', 'H1', 12, 3);
history('X6', 'H2', 30, 1);
missions.push(['M-LAST', 'H2', 'X6', '2025-12-28', 'done']); // the last day with a mission done
missions.push(['M-STALE', 'H1', null, '2025-12-20', 'planned']); // a leftover before "today"
missions.push(['M-TARGET', 'H1', null, '2026-01-12', 'planned']);
missions.push(['M-X1-BUSY', 'H2', 'X1', '2026-01-12', 'assigned']);
missions.push(['M-X2-OFF', 'H2', 'X2', '2026-01-12', 'cancelled']);
missions.push(['M-LATER', 'H2', 'X5', '2026-01-20', 'assigned']); // another day: X5 stays free on the 12th
missions.push(['M-SOON-B', 'H2', null, '2026-01-05', 'planned']);
missions.push(['M-SOON-A', 'H1', null, '2026-01-05', 'planned']);
missions.push(['M-TAKEN', 'H1', 'X4', '2026-01-06', 'assigned']);
missions.push(['M-FEB', 'H1', null, '2026-02-02', 'planned']);

/** The documented score, computed here from the planted rows alone. */
function expectedRanking(target: Mission): Array<{ extra: string; score: number; doneAtHotel: number }> {
  const [, hotel, , day] = target;
  const rows = extras
    .filter(([, , , hired]) => hired <= day)
    .filter(([id]) => !missions.some((m) => m[2] === id && m[3] === day && m[4] !== 'cancelled' && m[0] !== target[0]))
    .map(([id]) => {
      const past = missions.filter((m) => m[2] === id && m[3] < day);
      const done = past.filter((m) => m[4] === 'done').length;
      const cancelled = past.filter((m) => m[4] === 'cancelled').length;
      const doneAtHotel = past.filter((m) => m[4] === 'done' && m[1] === hotel).length;
      const reliability = (done + 9) / (done + cancelled + 10);
      const familiarity = doneAtHotel / (doneAtHotel + 3);
      return { extra: id, score: 0.7 * reliability + 0.3 * familiarity, doneAtHotel, done };
    });
  rows.sort((a, b) => b.score - a.score || b.doneAtHotel - a.doneAtHotel || b.done - a.done || a.extra.localeCompare(b.extra));
  return rows.map(({ extra, score, doneAtHotel }) => ({ extra, score, doneAtHotel }));
}

describe.each(backends)('staffing piloting on %s', (backend) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ warehouse, cleanup } = await testWarehouse(backend));
    for (const h of hotels) await warehouse.query('INSERT INTO raw.hotels (hotel_id, name, city, region) VALUES ($1, $2, $3, $4)', h);
    for (const e of extras) await warehouse.query('INSERT INTO raw.extras (extra_id, name, city, hired_on) VALUES ($1, $2, $3, $4)', e);
    for (const m of missions) {
      await warehouse.query('INSERT INTO raw.missions (mission_id, hotel_id, extra_id, mission_date, status, hours, hourly_rate) VALUES ($1, $2, $3, $4, $5, 8, 18.5)', m);
    }
    await build(warehouse);
  }, 120_000);
  afterAll(() => cleanup?.());

  it('missionsToAssign(warehouse) lists planned missions with no extra from the day after the last one done, soonest first', async () => {
    const rows = await missionsToAssign(warehouse);
    expect(rows.map((r) => r.mission_id)).toEqual(['M-SOON-A', 'M-SOON-B', 'M-TARGET', 'M-FEB']);
    expect(rows[0]).toEqual({
      mission_id: 'M-SOON-A', mission_date: '2026-01-05', hotel_id: 'H1', hotel_name: 'Hôtel des Arts Paris', city: 'Paris', region: 'Île-de-France',
      hours: 8, hourly_rate: 18.5, amount: 148, days_ahead: 7, // from 2025-12-29
    });
  });

  it('missionsToAssign(warehouse, { from, limit }) starts at from and stops at limit', async () => {
    expect((await missionsToAssign(warehouse, { from: '2025-12-01' })).map((r) => r.mission_id)).toEqual(['M-STALE', 'M-SOON-A', 'M-SOON-B', 'M-TARGET', 'M-FEB']);
    expect((await missionsToAssign(warehouse, { from: '2026-01-06', limit: 1 })).map((r) => r.mission_id)).toEqual(['M-TARGET']);
  });

  it('missionsToAssign(warehouse, bad options) throws an OptionError naming the option', async () => {
    await expect(missionsToAssign(warehouse, { from: '2026-02-30' })).rejects.toThrow(OptionError);
    await expect(missionsToAssign(warehouse, { from: "2026-01-01'; drop table x" })).rejects.toThrow('missionsToAssign: from: got');
    await expect(missionsToAssign(warehouse, { limit: 0 })).rejects.toThrow('missionsToAssign: limit: got 0, allowed: an integer from 1 to 10,000');
  });

  it('suggestExtras(warehouse, missionId) never suggests the extra busy that day, nor one hired after it', async () => {
    const { extras: suggested, busy, mission } = await suggestExtras(warehouse, 'M-TARGET', { limit: 100 });
    expect(mission).toMatchObject({ mission_id: 'M-TARGET', mission_date: '2026-01-12', hotel_id: 'H1', status: 'planned', extra_id: null });
    const ids = suggested.map((s) => s.extra_id);
    expect(ids).not.toContain('X1'); // assigned elsewhere on 2026-01-12
    expect(ids).not.toContain('X3'); // hired on 2026-02-01
    expect(ids).toContain('X2'); // their mission that day was cancelled
    expect(busy).toBe(1);
  });

  it('suggestExtras(warehouse, missionId) ranks by the documented score, computed independently from the planted rows', async () => {
    const { extras: suggested } = await suggestExtras(warehouse, 'M-TARGET', { limit: 100 });
    const expected = expectedRanking(missions.find((m) => m[0] === 'M-TARGET')!);
    expect(suggested.map((s) => s.extra_id)).toEqual(expected.map((e) => e.extra));
    suggested.forEach((s, i) => {
      expect(s.rank).toBe(i + 1);
      expect(s.score).toBeCloseTo(expected[i].score, 12);
      expect(s.done_at_hotel).toBe(expected[i].doneAtHotel);
    });
    // X5: 12 done + 3 cancelled before the day, all at H1; X2's mission cancelled on the day itself is not history
    expect(suggested.find((s) => s.extra_id === 'X2')).toMatchObject({ done: 7, cancelled: 1, done_at_hotel: 2 });
    const x5 = suggested.find((s) => s.extra_id === 'X5')!;
    expect(x5).toMatchObject({ done: 12, cancelled: 3, done_at_hotel: 12, raw_reliability: 0.8 });
    expect(x5.reliability).toBeCloseTo(21 / 25, 12);
    expect(x5.familiarity).toBeCloseTo(12 / 15, 12);
    expect(x5.reason).toBe('free on 2026-01-12; 12 missions done at Hôtel des Arts Paris; reliability 80 % over 15 missions');
    const x4 = suggested.find((s) => s.extra_id === 'X4')!;
    expect(x4).toMatchObject({ done: 0, cancelled: 0, raw_reliability: null, reliability: 0.9, familiarity: 0 });
    expect(x4.reason).toBe('free on 2026-01-12; no mission done at Hôtel des Arts Paris yet; no history, reliability taken as 90 %');
  });

  it('suggestExtras(warehouse, missionId, { limit }) keeps the best ones', async () => {
    const all = await suggestExtras(warehouse, 'M-TARGET', { limit: 100 });
    const two = await suggestExtras(warehouse, 'M-TARGET', { limit: 2 });
    expect(two.extras).toEqual(all.extras.slice(0, 2));
  });

  it('suggestExtras(warehouse, assigned mission) does not count its own extra as busy', async () => {
    const { extras: suggested } = await suggestExtras(warehouse, 'M-X1-BUSY', { limit: 100 });
    expect(suggested.map((s) => s.extra_id)).toContain('X1');
  });

  it('suggestExtras(warehouse, unknown or bad id) throws an OptionError; the value is bound, never spliced into SQL', async () => {
    await expect(suggestExtras(warehouse, 'NOPE')).rejects.toThrow('suggestExtras: missionId: got "NOPE", allowed: the id of a mission in marts.fct_missions');
    await expect(suggestExtras(warehouse, "M-TARGET' OR '1'='1")).rejects.toThrow(OptionError);
    await expect(suggestExtras(warehouse, 'M-TARGET', { limit: 1.5 })).rejects.toThrow('suggestExtras: limit: got 1.5');
    const { rows } = await warehouse.query<{ n: number }>('SELECT count(*)::int AS n FROM marts.fct_missions');
    expect(rows[0].n).toBe(missions.length);
  });
});

describe('suggestionReason', () => {
  it('suggestionReason(day, hotel, done at hotel, done, history) says it in words, singular for one', () => {
    expect(suggestionReason('2026-01-12', 'Hôtel X', 4, 23, 25)).toBe('free on 2026-01-12; 4 missions done at Hôtel X; reliability 92 % over 25 missions');
    expect(suggestionReason('2026-01-12', 'Hôtel X', 1, 1, 1)).toBe('free on 2026-01-12; 1 mission done at Hôtel X; reliability 100 % over 1 mission');
    // rounded down: 301 of 302 is not 100 %, and 29 of 100 is 29 % (0.29 × 100 is 28.999… in floating point)
    expect(suggestionReason('2026-01-12', 'Hôtel X', 70, 301, 302)).toMatch(/reliability 99 % over 302 missions$/);
    expect(suggestionReason('2026-01-12', 'Hôtel X', 0, 29, 100)).toMatch(/reliability 29 % over 100 missions$/);
  });
});
