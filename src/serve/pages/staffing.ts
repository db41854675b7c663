import { staffing } from '../../analysis/models/staffing.js';
import { missionsToAssign, suggestExtras, suggestionPrior } from '../../analysis/staffing-pilot.js';
import { fanChart } from '../../charts/fanChart.js';
import { kpiChart } from '../../charts/kpiChart.js';
import { palette } from '../../charts/theme.js';
import { OptionError } from '../../errors.js';
import { storedForecasts } from '../reads.js';
import { metricCards, type CardSpec } from './cards.js';
import { breadcrumb, cardsHtml, chartPanel, controlsForm, escapeHtml, formatDay, queryString, type PageTable } from './html.js';
import type { Block, Page } from './page.js';
import {
  COMPARE_LABELS, GRAIN_LABELS, cachedKpis, compareOf, dimensionValues, filtersOf, member, pageRange, periodFields, periodParams, periodState,
} from './state.js';

const cards: CardSpec[] = [
  { metric: 'missions', label: 'Missions', format: 'number' },
  { metric: 'hours', label: 'Hours', format: 'number' },
  { metric: 'fill_rate', label: 'Fill rate', format: 'percent' },
  { metric: 'cancellation_rate', label: 'Cancellation rate', format: 'percent', lowerIsBetter: true },
  { metric: 'active_extras', label: 'Active extras', format: 'number' },
  { metric: 'revenue', label: 'Revenue', format: 'currency' },
];

const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Staffing, reporting and piloting: missions, hours, fill and cancellation rates by period and
 * hotel; the next 4 weeks booked against the stored forecast and its intervals; the missions
 * still without an extra, soonest first; and for a chosen mission the extras to suggest, ranked
 * by the score of suggestExtras with the reason.
 */
export const staffingPage: Page = async ({ ctx, query, path, locale }) => {
  const state = periodState(query);
  const hotels = await dimensionValues(ctx, staffing, 'all_missions', ['region', 'hotel_name']);
  const regions = [...new Set(hotels.map((h) => h.region))].sort();
  const region = member(query, 'region', regions);
  const hotel = member(query, 'hotel', hotels.filter((h) => !region || h.region === region).map((h) => h.hotel_name));
  const missionId = query.mission || undefined;
  if (missionId !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(missionId)) throw new OptionError('mission', missionId, 'a mission id (letters, digits, - and _)');
  const range = await pageRange(ctx, staffing, ['missions'], state);
  const filterParams = { region, hotel };
  const here = (over: Record<string, string | undefined>) => `${path}${queryString({ ...periodParams(state), ...filterParams, ...over })}`;

  const form = controlsForm(
    path,
    [
      ...periodFields(state),
      { name: 'region', label: 'Region', value: region ?? '', options: [{ value: '', label: 'All regions' }, ...regions.map((r) => ({ value: r, label: r }))], clears: ['hotel', 'mission'] },
      {
        name: 'hotel',
        label: 'Hotel',
        value: hotel ?? '',
        options: [{ value: '', label: 'All hotels' }, ...hotels.filter((h) => !region || h.region === region).map((h) => ({ value: h.hotel_name, label: h.hotel_name }))],
        clears: ['mission'],
      },
    ],
    { from: state.from ?? range?.from, to: state.to ?? range?.to, hidden: { mission: missionId } },
  );
  if (!range) return { title: 'Staffing', lead: 'No missions in the warehouse yet: load and build first (npm start).', blocks: [form] };

  const crumbs = [{ label: 'All hotels', href: here({ region: undefined, hotel: undefined }) }];
  if (region) crumbs.push({ label: region, href: here({ hotel: undefined }) });
  if (hotel) crumbs.push({ label: hotel, href: here({}) });
  const compare = compareOf(state);
  const compareLabel = compare ? COMPARE_LABELS[state.compare] : '';
  const filters = filtersOf({ region, hotel_name: hotel });
  const said = `${formatDay(range.from, locale)} – ${formatDay(range.to, locale)}${compare ? `, against the ${compareLabel.toLowerCase()}` : ''}`;
  const shown = await metricCards(ctx, staffing, cards, range, state, filters);
  const rateMetrics = ['missions', 'hours', 'fill_rate', 'cancellation_rate', 'active_extras', 'revenue'];
  const trend = await cachedKpis(ctx, staffing, { metrics: ['missions'], grain: state.grain, filters, from: range.from, to: range.to, compare });
  const trendFigure = kpiChart(
    trend.map((r) => ({ ds: String(r.period), value: r.missions as number | null, previous: compare ? (r.missions_previous as number | null) : undefined })),
    { kpi: 'Missions', locale, title: `Missions by ${state.grain}`, comparisonLabel: compareLabel || undefined },
  );
  const byPeriod: PageTable = {
    id: 'by-period',
    title: `By ${state.grain}`,
    columns: [
      { name: 'period', label: `${GRAIN_LABELS[state.grain]} starting`, format: 'day' },
      { name: 'missions', label: 'Missions', format: 'integer' },
      { name: 'hours', label: 'Hours', format: 'decimal' },
      { name: 'fill_rate', label: 'Fill rate', format: 'percent' },
      { name: 'cancellation_rate', label: 'Cancellation rate', format: 'percent' },
      { name: 'active_extras', label: 'Active extras', format: 'integer' },
      { name: 'revenue', label: 'Revenue', format: 'currency' },
    ],
    rows: await cachedKpis(ctx, staffing, { metrics: rateMetrics, grain: state.grain, filters, from: range.from, to: range.to }),
  };
  const byHotel: PageTable = {
    id: 'by-hotel',
    title: 'By hotel',
    columns: [
      { name: 'hotel_name', label: 'Hotel', href: (row) => here({ hotel: String(row.hotel_name), region: region ?? hotels.find((h) => h.hotel_name === row.hotel_name)?.region }) },
      { name: 'missions', label: 'Missions', format: 'integer' },
      ...(compare ? [{ name: 'missions_delta_pct', label: 'Change', format: 'signed_percent' as const }] : []),
      { name: 'hours', label: 'Hours', format: 'decimal' },
      { name: 'fill_rate', label: 'Fill rate', format: 'percent' },
      { name: 'cancellation_rate', label: 'Cancellation rate', format: 'percent' },
      { name: 'revenue', label: 'Revenue', format: 'currency' },
    ],
    rows: await cachedKpis(ctx, staffing, { metrics: ['missions', 'hours', 'fill_rate', 'cancellation_rate', 'revenue'], grain: 'none', by: ['hotel_name'], filters, from: range.from, to: range.to, compare }),
  };

  // The next 4 weeks: the stored forecast (all hotels) and what is booked so far.
  const stored = await ctx.cached(JSON.stringify(['forecasts', ['missions']]), () => storedForecasts(ctx.warehouse, { series: ['missions'] })).catch((error: unknown) => {
    if (error instanceof OptionError) return [] as Record<string, unknown>[];
    throw error;
  });
  const ahead: Block[] = [];
  if (stored.length > 0) {
    const first = String(stored[0].ds);
    const last = String(stored[stored.length - 1].ds);
    const booked = await cachedKpis(ctx, staffing, { metrics: ['missions', 'assigned_missions'], grain: 'week', from: first, to: addDays(last, 6) });
    const history = await cachedKpis(ctx, staffing, { metrics: ['missions'], grain: 'week', from: addDays(first, -7 * 26), to: addDays(first, -1) });
    const bookedBy = new Map(booked.map((r) => [String(r.period), r]));
    const rows = stored.map((f) => ({
      week: String(f.ds),
      booked: (bookedBy.get(String(f.ds))?.missions as number | undefined) ?? 0,
      staffed: (bookedBy.get(String(f.ds))?.assigned_missions as number | undefined) ?? 0,
      forecast: f.mean,
      lo_80: f.lo_80,
      hi_80: f.hi_80,
      lo_95: f.lo_95,
      hi_95: f.hi_95,
      model: f.model,
    }));
    const figure = fanChart(
      {
        history: history.map((r) => ({ ds: String(r.period), y: r.missions as number | null })),
        forecast: stored.map((f) => ({ ds: String(f.ds), mean: Number(f.mean), lo80: f.lo_80 as number | null, hi80: f.hi_80 as number | null, lo95: f.lo_95 as number | null, hi95: f.hi_95 as number | null })),
      },
      { series: 'Missions per week', model: String(stored[0].model), locale, title: 'Next 4 weeks: booked so far against the forecast' },
    );
    figure.data.push({
      type: 'bar',
      name: 'Booked so far',
      x: rows.map((r) => r.week),
      y: rows.map((r) => r.booked),
      marker: { color: palette.secondary },
      opacity: 0.55,
      hovertemplate: '%{y:,.0f}<extra>Booked so far</extra>',
    });
    ahead.push(
      '<h2 id="next-weeks">Next 4 weeks</h2>',
      {
        pair: [
          chartPanel('staffing-next-weeks', figure),
          {
            id: 'next-weeks',
            title: 'Booked against the forecast, all hotels',
            note: `Booked: missions planned, assigned or done (not cancelled); staffed: with an extra. Forecast of the last stored run (model ${String(stored[0].model)}), with its 80 % and 95 % intervals.`,
            columns: [
              { name: 'week', label: 'Week of', format: 'day' },
              { name: 'booked', label: 'Booked', format: 'integer' },
              { name: 'staffed', label: 'Staffed', format: 'integer' },
              { name: 'forecast', label: 'Forecast', format: 'integer' },
              { name: 'lo_80', label: '80 % low', format: 'integer' },
              { name: 'hi_80', label: '80 % high', format: 'integer' },
              { name: 'lo_95', label: '95 % low', format: 'integer' },
              { name: 'hi_95', label: '95 % high', format: 'integer' },
            ],
            rows,
          },
        ],
      },
    );
  } else {
    ahead.push('<h2 id="next-weeks">Next 4 weeks</h2><p class="empty">No forecast stored yet: <code>npm start</code> (kpicast run) stores one.</p>');
  }

  // Piloting: missions to assign, and suggestions for the one chosen.
  const open = await ctx.cached(JSON.stringify(['missions-to-assign', 1000]), () => missionsToAssign(ctx.warehouse, { limit: 1000 }));
  const toAssign = open.filter((m) => (!region || m.region === region) && (!hotel || m.hotel_name === hotel)) as unknown as Record<string, unknown>[];
  const assignTable: PageTable = {
    id: 'to-assign',
    title: 'Missions to assign',
    note: 'Planned missions with no extra yet, soonest first. Choose one to see the extras to suggest.',
    columns: [
      { name: 'mission_id', label: 'Mission', href: (row) => `${here({ mission: String(row.mission_id) })}#suggestions` },
      { name: 'mission_date', label: 'Day', format: 'day' },
      { name: 'days_ahead', label: 'Days ahead', format: 'integer' },
      { name: 'hotel_name', label: 'Hotel' },
      { name: 'city', label: 'City' },
      { name: 'hours', label: 'Hours', format: 'decimal' },
      { name: 'amount', label: 'Amount', format: 'currency2' },
    ],
    rows: toAssign,
    limit: 30,
    selected: (row) => row.mission_id === missionId,
  };
  const pilot: Block[] = ['<h2>Piloting</h2>', assignTable];
  if (missionId) {
    const suggestions = await ctx.cached(JSON.stringify(['suggest-extras', missionId, 10]), () => suggestExtras(ctx.warehouse, missionId, { limit: 10 }));
    const m = suggestions.mission;
    const p = suggestionPrior;
    pilot.push(
      `<section class="panel" id="suggestions" aria-labelledby="h-suggestions-intro"><h2 id="h-suggestions-intro">Suggested extras for mission <span data-mission="${escapeHtml(m.mission_id)}" data-day="${escapeHtml(m.mission_date)}">${escapeHtml(m.mission_id)}</span></h2>` +
        `<p>${escapeHtml(m.hotel_name)}, ${escapeHtml(formatDay(m.mission_date, locale))}, ${escapeHtml(String(m.hours))} h, status ${escapeHtml(m.status)}${m.extra_id ? ` (extra ${escapeHtml(m.extra_id)})` : ''}. ` +
        `${suggestions.busy} extras are on another mission that day and are left out.</p>` +
        `<p class="note">Score = ${p.RELIABILITY_WEIGHT} × reliability + ${p.FAMILIARITY_WEIGHT} × familiarity. Only extras free that day (one mission a day). ` +
        `Reliability = (done + ${p.PRIOR_DONE}) / (done + cancelled + ${p.PRIOR_DONE + p.PRIOR_CANCELLED}), so a short history counts as about 90 %; ` +
        `familiarity = missions done at the hotel / (that + ${p.FAMILIARITY_HALF}).</p></section>`,
      {
        id: 'suggestions',
        title: 'Extras ranked by score',
        columns: [
          { name: 'rank', label: 'Rank', format: 'integer' },
          { name: 'extra_id', label: 'Extra' },
          { name: 'extra_name', label: 'Name' },
          { name: 'city', label: 'City' },
          { name: 'score', label: 'Score', format: 'score' },
          { name: 'reliability', label: 'Reliability', format: 'percent' },
          { name: 'done_at_hotel', label: 'Done at hotel', format: 'integer' },
          { name: 'done', label: 'Done', format: 'integer' },
          { name: 'cancelled', label: 'Cancelled', format: 'integer' },
          { name: 'reason', label: 'Why', wrap: true },
        ],
        rows: suggestions.extras as unknown as Record<string, unknown>[],
      },
    );
  }

  return {
    title: 'Staffing',
    lead: `Receptionist missions placed in hotels: reporting and daily piloting. ${said}.`,
    blocks: [
      form,
      breadcrumb(crumbs),
      `<p class="period-said" data-from="${range.from}" data-to="${range.to}">Period: ${escapeHtml(said)} (settled missions: done or cancelled)</p>`,
      cardsHtml(shown, locale, compareLabel),
      { pair: [chartPanel('staffing-trend', trendFigure), byPeriod] },
      byHotel,
      ...ahead,
      ...pilot,
    ],
  };
};
