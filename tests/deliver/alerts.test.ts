import pl from 'nodejs-polars';
import { describe, expect, it } from 'vitest';
import {
  checkChange, checkForecast, checkMissingData, checkThreshold, lastFinishedPeriod, maskSecrets, periodEnd, reconcileAlerts, retail,
  type AlertCheck, type ChangeRule, type ForecastRule, type MissingDataRule, type OpenAlert, type ThresholdRule,
} from '../../src/index.js';

// Frames shaped as kpis() returns them (period, by dimensions, metrics, compare columns).
const frame = pl.DataFrame({
  period: ['2025-12-22', '2025-12-22', '2025-12-22'],
  store: ['S01', 'S02', 'S03'],
  conversion_rate: [0.12, 0.2, null],
  conversion_rate_previous: [0.2, 0.2, 0.1],
  conversion_rate_delta_pct: [-0.4, 0, null],
});
const target = { model: retail, metric: 'conversion_rate', grain: 'week' as const, by: ['store'] };

describe('alert rules as pure functions', () => {
  it('checkThreshold(below) fires for the series under the value, holds for the others, skips a null value', () => {
    const rule: ThresholdRule = { ...target, name: 'low', condition: 'below', value: 0.15 };
    expect(checkThreshold(rule, frame, '2025-12-22')).toEqual([
      { rule: 'low', condition: 'below', series: 'store=S01', period: '2025-12-22', value: 0.12, threshold: 0.15, comparison: 'below 0.15', firing: true },
      { rule: 'low', condition: 'below', series: 'store=S02', period: '2025-12-22', value: 0.2, threshold: 0.15, comparison: 'not below 0.15', firing: false },
    ]);
    expect(checkThreshold({ ...rule, condition: 'above', value: 0.19 }, frame, '2025-12-22').map((c) => [c.series, c.firing])).toEqual([['store=S01', false], ['store=S02', true]]);
  });

  it('checkThreshold(a value equal to the threshold) does not fire: below and above are strict', () => {
    const rule: ThresholdRule = { ...target, name: 'low', condition: 'below', value: 0.12 };
    expect(checkThreshold(rule, frame, '2025-12-22')[0].firing).toBe(false);
  });

  it('checkChange(change_pct_below) reads the library\'s delta_pct as percent: -40 % fires against -15 %, 0 % does not', () => {
    const rule: ChangeRule = { ...target, name: 'drop', condition: 'change_pct_below', value: -15, compare: 'previous_period' };
    const checks = checkChange(rule, frame, '2025-12-22');
    expect(checks.map((c) => [c.series, c.value, c.firing])).toEqual([['store=S01', -40, true], ['store=S02', 0, false]]);
    expect(checks[0].comparison).toBe('change -40 % vs previous period (0.12 against 0.2), below -15 %');
    expect(checkChange({ ...rule, condition: 'change_pct_above', value: -50, compare: 'previous_year' }, frame, '2025-12-22')[0].comparison)
      .toBe('change -40 % vs same period a year before (0.12 against 0.2), above -50 %');
  });

  it('checkForecast(outside_forecast) compares the actual with the stored 80 % or 95 % interval of its series and period', () => {
    const actual = pl.DataFrame({ period: ['2025-12-29', '2025-12-29'], store: ['S01', 'S02'], revenue: [1500, 900] });
    const stored = [
      { unique_id: 'revenue/S01', ds: '2025-12-29', mean: 1000, lo_80: 900, hi_80: 1100, lo_95: 800, hi_95: 1600 },
      { unique_id: 'revenue/S02', ds: '2025-12-29', mean: 1000, lo_80: 950, hi_80: 1050, lo_95: 850, hi_95: 1150 },
      { unique_id: 'revenue/S01', ds: '2026-01-05', mean: 1, lo_80: 0, hi_80: 2, lo_95: 0, hi_95: 3 },
    ];
    const rule: ForecastRule = { model: retail, metric: 'revenue', grain: 'week', by: ['store'], name: 'off', condition: 'outside_forecast', level: 80 };
    expect(checkForecast(rule, actual, '2025-12-29', stored).map((c) => [c.series, c.value, c.threshold, c.firing, c.comparison])).toEqual([
      ['store=S01', 1500, 1100, true, 'above the 80 % interval 900 – 1,100 (forecast 1,000)'],
      ['store=S02', 900, 950, true, 'below the 80 % interval 950 – 1,050 (forecast 1,000)'],
    ]);
    expect(checkForecast({ ...rule, level: 95 }, actual, '2025-12-29', stored).map((c) => [c.series, c.firing, c.threshold])).toEqual([['store=S01', false, 1600], ['store=S02', false, 850]]);
    // no stored forecast for the period: not evaluated
    expect(checkForecast(rule, actual, '2025-12-29', stored.slice(2))).toEqual([]);
  });

  it('checkMissingData(source) fires after more than N whole days without new data, and when nothing was ever loaded', () => {
    const rule: MissingDataRule = { name: 'stale', condition: 'missing_data', source: 'orders', table: 'raw.orders', days: 7 };
    const last = new Date('2026-01-01T08:00:00Z');
    expect(checkMissingData(rule, last, new Date('2026-01-08T09:00:00Z'))).toMatchObject({ value: 7, firing: false, comparison: 'new data 7 days ago, within 7' });
    expect(checkMissingData(rule, last, new Date('2026-01-09T09:00:00Z'))).toMatchObject({ series: 'orders', period: '2026-01-01', value: 8, threshold: 7, firing: true, comparison: 'no new data for 8 days, more than 7' });
    expect(checkMissingData(rule, null, last)).toMatchObject({ value: null, firing: true, comparison: 'no data loaded yet' });
  });

  it('reconcileAlerts(open, checks) fires new ones once, clears open ones that stopped, and holds the rest (also unevaluated ones)', () => {
    const check = (rule: string, series: string, firing: boolean): AlertCheck => ({ rule, condition: 'below', series, period: '2025-12-22', value: 1, threshold: 2, comparison: '', firing });
    const open = (alertId: number, rule: string, series: string): OpenAlert => ({ alertId, rule, series, period: '2025-12-15', value: 1, threshold: 2, comparison: '', firedAt: new Date(0) });
    const changes = reconcileAlerts([open(1, 'low', 'store=S01'), open(2, 'low', 'store=S02'), open(3, 'low', 'store=S03')], [
      check('low', 'store=S01', true), // still firing: holds, not sent again
      check('low', 'store=S02', false), // recovered: clears
      check('low', 'store=S04', true), // new: fires
    ]);
    expect(changes.fire.map((c) => c.series)).toEqual(['store=S04']);
    expect(changes.clear.map((c) => c.alert.alertId)).toEqual([2]);
    expect(changes.holding.map((a) => a.alertId)).toEqual([1, 3]);
    expect(reconcileAlerts([], [check('low', 'store=S01', false)])).toEqual({ fire: [], clear: [], holding: [] });
  });

  it('lastFinishedPeriod(latest, grain) keeps the period of the latest date only when that date ends it', () => {
    expect(lastFinishedPeriod('2025-12-28', 'week')).toBe('2025-12-22');
    expect(lastFinishedPeriod('2025-12-27', 'week')).toBe('2025-12-15');
    expect(lastFinishedPeriod('2025-12-31', 'month')).toBe('2025-12-01');
    expect(lastFinishedPeriod('2025-12-30', 'month')).toBe('2025-11-01');
    expect(lastFinishedPeriod('2025-12-30', 'day')).toBe('2025-12-30');
    expect(periodEnd('2025-12-22', 'week')).toBe('2025-12-28');
  });

  it('maskSecrets(message) hides URL passwords, key=value secrets and the values of secret environment variables', () => {
    expect(maskSecrets('connect smtp://planner:hunter2@mail.example.com:587 failed', [], {})).toBe('connect smtp://planner:***@mail.example.com:587 failed');
    expect(maskSecrets('GET /hook?token=abc123&x=1', [], {})).toBe('GET /hook?token=***&x=1');
    expect(maskSecrets('auth failed for s3cret-pw', [], { KPICAST_SMTP_PASSWORD: 's3cret-pw' })).toBe('auth failed for ***');
    expect(maskSecrets('nothing to hide', [], { HOME: '/root' })).toBe('nothing to hide');
  });
});
