import { describe, expect, it } from 'vitest';
import {
  fanChart,
  heatmapChart,
  kpiChart,
  leaderboardChart,
  rankingChart,
  separatorsFor,
  weekStart,
  OptionError,
} from '../../src/index.js';

describe('kpiChart(points, options)', () => {
  const points = [
    { ds: '2024-01-15', value: 1300, previous: 1250 },
    { ds: '2024-01-01', value: 1200, previous: 1000 },
    { ds: new Date(Date.UTC(2024, 0, 8)), value: Number.NaN, previous: 1100 },
  ];

  it('draws the current values and the comparison period on the same x, in date order', () => {
    const figure = kpiChart(points, { kpi: 'Revenue', unit: '€' });
    expect(figure.data).toHaveLength(2);
    expect(figure.data[0].x).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(figure.data[0].y).toEqual([1200, null, 1300]); // NaN becomes a gap
    expect(figure.data[1].x).toEqual(figure.data[0].x);
    expect(figure.data[1].y).toEqual([1000, 1100, 1250]);
    expect((figure.data[1].line as { dash: string }).dash).toBe('dash');
  });

  it('labels the y axis with its unit and uses thousands separators', () => {
    const { layout } = kpiChart(points, { kpi: 'Revenue', unit: '€' });
    expect(layout.yaxis?.title?.text).toBe('Revenue (€)');
    expect(layout.yaxis?.tickformat).toBe(',.0f');
    expect(layout.title.text).toBe('Revenue');
  });

  it('sets French separators for locale fr and English ones by default', () => {
    // plotly `separators`: decimal mark then thousands mark
    expect(kpiChart(points, { locale: 'fr' }).layout.separators).toBe(', ');
    expect(kpiChart(points).layout.separators).toBe('.,');
  });

  it('leaves the comparison trace out when no point has a previous value', () => {
    expect(kpiChart([{ ds: '2024-01-01', value: 3 }]).data).toHaveLength(1);
  });

  it('is deterministic: the same input gives the same figure', () => {
    expect(JSON.stringify(kpiChart(points, { locale: 'fr' }))).toBe(JSON.stringify(kpiChart(points, { locale: 'fr' })));
  });

  it('rejects an unknown locale and a bad date, naming the option', () => {
    expect(() => kpiChart(points, { locale: 'de' as 'fr' })).toThrow(OptionError);
    expect(() => kpiChart(points, { locale: 'de' as 'fr' })).toThrow(/locale: got "de", allowed: 'fr', 'en'/);
    expect(() => kpiChart([{ ds: '15/01/2024', value: 1 }])).toThrow(/ds: got "15\/01\/2024"/);
  });
});

describe('rankingChart(items, options)', () => {
  const items = [
    { label: 'Lyon', value: 5000 },
    { label: 'Paris', value: 9000 },
    { label: 'Nantes', value: null },
    { label: 'Lille', value: 7000 },
  ];

  it('puts the largest value on top (last category for plotly) and drops missing values', () => {
    const bar = rankingChart(items).data[0];
    expect(bar.orientation).toBe('h');
    expect(bar.y).toEqual(['Lyon', 'Lille', 'Paris']);
    expect(bar.x).toEqual([5000, 7000, 9000]);
  });

  it('keeps the top n', () => {
    expect(rankingChart(items, { top: 2 }).data[0].y).toEqual(['Lille', 'Paris']);
    expect(() => rankingChart(items, { top: 0 })).toThrow(/top: got 0/);
  });
});

describe('fanChart(input, options)', () => {
  // 8 Mondays from 2024-01-01 to 2024-02-19
  const history = Array.from({ length: 8 }, (_, i) => ({ ds: new Date(Date.UTC(2024, 0, 1 + 7 * i)), y: 100 + i }));
  const forecast = [
    { ds: '2024-02-26', mean: 110, lo80: 100, hi80: 120, lo95: 95, hi95: 125 },
    { ds: '2024-03-04', mean: 111, lo80: 99, hi80: 123, lo95: 92, hi95: 130 },
  ];

  it('has 4 traces (95 % band, 80 % band, history, mean) with the right x ranges', () => {
    const figure = fanChart({ history, forecast }, { series: 'Missions', unit: 'missions', model: 'ETS' });
    expect(figure.data.map((t) => t.name)).toEqual(['95 % interval', '80 % interval', 'History', 'Forecast (ETS)']);
    const [b95, b80, hist, mean] = figure.data;
    // bands are closed polygons: the forecast days forth then back
    expect(b95.x).toEqual(['2024-02-26', '2024-03-04', '2024-03-04', '2024-02-26']);
    expect(b95.y).toEqual([125, 130, 92, 95]);
    expect(b80.y).toEqual([120, 123, 99, 100]);
    expect(hist.x?.[0]).toBe('2024-01-01');
    expect(hist.x?.at(-1)).toBe('2024-02-19');
    expect(mean.x).toEqual(['2024-02-26', '2024-03-04']);
    expect(mean.y).toEqual([110, 111]);
    expect(figure.layout.yaxis?.title?.text).toBe('Missions (missions)');
  });

  it('adds the backtest fit as a fifth trace between history and mean', () => {
    const fitted = history.slice(4).map((p) => ({ ds: p.ds.toISOString().slice(0, 10), y: p.y - 1 }));
    const figure = fanChart({ history, fitted, forecast });
    expect(figure.data.map((t) => t.name)).toEqual(['95 % interval', '80 % interval', 'History', 'Backtest fit', 'Forecast']);
    expect(figure.data[3].x).toEqual(fitted.map((p) => p.ds));
  });

  it('leaves the bands out when the forecast has no bounds', () => {
    expect(fanChart({ history, forecast: [{ ds: '2024-02-26', mean: 3 }] }).data).toHaveLength(2);
  });
});

describe('leaderboardChart(entries, options)', () => {
  it('ranks models by error, best on top in green, failed models last', () => {
    const figure = leaderboardChart([
      { model: 'naive', error: 12.5 },
      { model: 'ets', error: 8.25 },
      { model: 'arima', error: null },
      { model: 'theta', error: 9 },
    ]);
    const bar = figure.data[0];
    expect(bar.y).toEqual(['arima', 'naive', 'theta', 'ets']);
    const colors = (bar.marker as { color: string[] }).color;
    expect(colors.at(-1)).toBe('#1a7f37');
    expect(new Set(colors.slice(0, -1)).size).toBe(1);
    expect(figure.layout.xaxis?.title?.text).toBe('Backtest MAPE (%)');
  });
});

describe('heatmapChart(days, options)', () => {
  it('puts each day in its weekday row and ISO-week column, summing duplicates', () => {
    // 2024-01-08 is a Monday, 2024-01-14 a Sunday, 2024-01-24 a Wednesday (calendar)
    const figure = heatmapChart([
      { ds: '2024-01-08', value: 1 },
      { ds: '2024-01-08', value: 2 },
      { ds: '2024-01-14', value: 5 },
      { ds: '2024-01-24', value: 7 },
    ]);
    const trace = figure.data[0];
    expect(trace.x).toEqual(['2024-01-08', '2024-01-15', '2024-01-22']); // the empty middle week is kept
    expect(trace.y?.[0]).toBe('Mon');
    expect(trace.z?.[0][0]).toBe(3);
    expect(trace.z?.[6][0]).toBe(5);
    expect(trace.z?.[2][2]).toBe(7);
    expect(trace.z?.[2][1]).toBeNull();
  });

  it('ticks the week axis on Mondays, every k weeks, not on plotly\'s default Sundays', () => {
    const days = Array.from({ length: 16 * 7 }, (_, i) => ({ ds: new Date(Date.UTC(2025, 8, 8 + i)), value: i % 5 }));
    const axis = heatmapChart(days).layout.xaxis!;
    expect(axis.tick0).toBe('2025-09-08'); // a Monday (calendar)
    expect(axis.dtick).toBe(2 * 7 * 86_400_000); // 16 weeks → a tick every 2 weeks
  });

  it('names weekdays in French for locale fr', () => {
    expect(heatmapChart([{ ds: '2024-01-08', value: 1 }], { locale: 'fr' }).data[0].y?.[0]).toBe('lun.');
  });

  it('weekStart(day) gives the Monday of the ISO week', () => {
    expect(weekStart('2024-01-10')).toBe('2024-01-08');
    expect(weekStart('2024-01-07')).toBe('2024-01-01'); // a Sunday belongs to the week before
  });
});

describe('separatorsFor(locale)', () => {
  it("gives ', ' for French and '.,' for English", () => {
    expect(separatorsFor('fr')).toBe(', ');
    expect(separatorsFor('en')).toBe('.,');
  });
});
