/**
 * Stepwise order search of R forecast's `auto.arima` (Hyndman & Khandakar 2008): d by KPSS, D by seasonal
 * strength, start from (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1), then move p, q, P, Q
 * by ±1 (alone and p,q or P,Q together) and toggle the constant while AICc improves; R's limits max.p = max.q = 5,
 * max.P = max.Q = 2, max.order = 5, at most 94 models. The constant is allowed when d + D ≤ 1.
 * Seasonal m = 52 is searched as R does; the CSS fit keeps each fit O(n · (p + P·m)) per evaluation.
 */
import { differenced, fitArima, type ArimaFit, type ArimaOrder } from './arima-fit.js';
import { ndiffs, nsdiffs } from './unit-root.js';

const MAX = { p: 5, q: 5, P: 2, Q: 2, order: 5, models: 94 };

function key(o: ArimaOrder): string {
  return `${o.p},${o.q},${o.P},${o.Q},${o.constant ? 1 : 0}`;
}

/** The AICc-best ARIMA of the stepwise search on y with season length m; undefined when nothing fits. */
export function autoArima(y: Float64Array, m: number): ArimaFit | undefined {
  const seasonal = m > 1 && y.length >= 2 * m + 1;
  const mm = seasonal ? m : 1;
  const D = seasonal ? nsdiffs(y, m) : 0;
  const d = ndiffs(differenced(y, 0, D, mm));
  const allowConstant = d + D <= 1;
  const scoreFrom = MAX.p + (seasonal ? MAX.P * mm : 0);
  const tried = new Map<string, ArimaFit | undefined>();
  let best: ArimaFit | undefined;
  const attempt = (o: ArimaOrder): boolean => {
    if (o.p < 0 || o.q < 0 || o.P < 0 || o.Q < 0 || o.p > MAX.p || o.q > MAX.q || o.P > MAX.P || o.Q > MAX.Q) return false;
    if (o.p + o.q + o.P + o.Q > MAX.order) return false;
    if (!seasonal && (o.P > 0 || o.Q > 0)) return false;
    if (o.constant && !allowConstant) return false;
    const k = key(o);
    if (tried.has(k) || tried.size >= MAX.models) return false;
    const fit = fitArima(y, o, scoreFrom);
    tried.set(k, fit);
    if (fit && (!best || fit.aicc < best.aicc)) {
      best = fit;
      return true;
    }
    return false;
  };
  const base = { d, D, m: mm, constant: allowConstant };
  const s = seasonal ? 1 : 0;
  attempt({ ...base, p: 2, q: 2, P: s, Q: s });
  attempt({ ...base, p: 0, q: 0, P: 0, Q: 0 });
  attempt({ ...base, p: 1, q: 0, P: s, Q: 0 });
  attempt({ ...base, p: 0, q: 1, P: 0, Q: s });
  if (allowConstant) attempt({ ...base, constant: false, p: 0, q: 0, P: 0, Q: 0 });
  let improved = true;
  while (improved && best && tried.size < MAX.models) {
    improved = false;
    const o: ArimaOrder = best.order;
    const moves: Partial<ArimaOrder>[] = [
      { P: o.P - 1 }, { P: o.P + 1 }, { Q: o.Q - 1 }, { Q: o.Q + 1 },
      { P: o.P - 1, Q: o.Q - 1 }, { P: o.P + 1, Q: o.Q + 1 },
      { p: o.p - 1 }, { p: o.p + 1 }, { q: o.q - 1 }, { q: o.q + 1 },
      { p: o.p - 1, q: o.q - 1 }, { p: o.p + 1, q: o.q + 1 },
      { p: o.p - 1, q: o.q + 1 }, { p: o.p + 1, q: o.q - 1 },
      { constant: !o.constant },
    ];
    for (const move of moves) {
      if (attempt({ ...o, ...move })) {
        improved = true;
        break;
      }
    }
  }
  return best;
}
