import type { FilterValue } from '../../analysis/compile.js';
import type { SemanticModel } from '../../analysis/model.js';
import type { ValueFormat } from '../../report/types.js';
import type { ServeContext } from '../context.js';
import type { PageCard } from './html.js';
import { cachedKpis, compareOf, type PeriodState } from './state.js';

/** A KPI card to show: which metric, its label and how it reads. Rates (fractions) with `percent` are shown × 100. */
export interface CardSpec {
  metric: string;
  label: string;
  format: ValueFormat;
  digits?: number;
  unit?: string;
  lowerIsBetter?: boolean;
}

/**
 * The cards of `specs` over a range: each metric's total over the range against the comparison
 * period (one KPI request, `grain: 'none'` with `compare`, as /api/kpis with the same parameters),
 * and its values at the page's grain for the sparkline (a second request).
 */
export async function metricCards(
  ctx: ServeContext,
  model: SemanticModel,
  specs: readonly CardSpec[],
  range: { from: string; to: string },
  state: PeriodState,
  filters: Record<string, FilterValue[]>,
  scope?: string,
): Promise<PageCard[]> {
  if (specs.length === 0) return [];
  const metrics = specs.map((s) => s.metric);
  const compare = compareOf(state);
  const [totals, trend] = await Promise.all([
    cachedKpis(ctx, model, { metrics, grain: 'none', filters, from: range.from, to: range.to, compare }),
    cachedKpis(ctx, model, { metrics, grain: state.grain, filters, from: range.from, to: range.to }),
  ]);
  const total = totals[0] ?? {};
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return specs.map((spec) => {
    const factor = spec.format === 'percent' ? 100 : 1;
    const scale = (v: number | null) => (v === null ? null : v * factor);
    const raw = num(total[spec.metric]);
    return {
      metric: spec.metric,
      label: spec.label,
      raw,
      value: scale(raw),
      previous: compare ? scale(num(total[`${spec.metric}_previous`])) : undefined,
      format: spec.format,
      digits: spec.digits,
      unit: spec.unit,
      lowerIsBetter: spec.lowerIsBetter,
      history: trend.map((r) => scale(num(r[spec.metric]))),
      scope,
    };
  });
}
