/**
 * Stepwise order search of R forecast 8.20's `auto.arima` (Hyndman & Khandakar 2008), step for step:
 * d by KPSS, D by seasonal strength; limits max.p = max.q = 5 (and ≤ m − 1 when seasonal), max.P = max.Q = 2,
 * each ≤ n/3 (P, Q ≤ n/3/m); start from (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1) and,
 * with a constant, (0,d,0)(0,D,0) without; then R's neighbour order (P−1, Q−1, P+1, Q+1, both, then p and q
 * the same way, then the constant), taking the first that lowers AICc, at most 94 models. The constant is
 * allowed when d + D ≤ 1. R's `approximation` (n > 150 or m > 12): the search ranks by CSS, then the
 * best orders are refitted by CSS-ML in that ranking until one fits.
 * For m = 52 the exact likelihood has a state of 53–110 numbers; the CSS search keeps that to the final
 * refits, and the filter's steady state (kernels/arima-likelihood.ts) keeps each refit to O(n · r) once converged.
 */
import { differenced, fitArima, stateSize, type ArimaEffort, type ArimaFit, type ArimaMethod, type ArimaOrder } from './arima-fit.js';
import { ndiffs, nsdiffs } from './unit-root.js';

/**
 * Work allowed for the CSS-ML refits after an approximate search, in units of n · r² (one Kalman pass
 * is about 3 of them, about 12 ns a unit here): 3e8, about 4 s. R has no cap; it matters for long
 * weekly series, where r is 53 to 110 and a seasonal MA near −1 keeps the filter from its steady
 * state: on W235 of M4 (n = 1,602) one refit of (4,0,2)(2,1,2)[52] took 70 s, 256 of its 325
 * likelihoods for the Hessian of R's check. A refit is tried only when what is left covers that
 * Hessian (4k² evaluations) and 20 BFGS evaluations; its BFGS stops early (from the CSS start) when
 * the rest runs out. When no refit fits within the cap, the CSS fit is kept, as R keeps it when no
 * refit fits. Series of 260 weeks and every monthly or quarterly series stay well inside.
 * On such long weekly series the order can still differ from R's for another reason: myarima's 1.01
 * root check runs R's polyroot on the expanded polynomial of degree up to 110, whose roots come back
 * inaccurate (W235, (1,0,0)(2,1,0)[52]: a root of modulus 1.0029 reported, 1.0123 exact), so R refuses
 * orders this search, which checks each factor's roots exactly, keeps.
 */
export const REFIT_WORK = 3e8;

/** R's `approximation` default. */
export function approximates(n: number, m: number): boolean {
  return n > 150 || m > 12;
}

/** The AICc-best ARIMA of the stepwise search on y with season length m; undefined when nothing fits. */
export function autoArima(y: Float64Array, m: number): ArimaFit | undefined {
  const n = y.length;
  const seasonal = m > 1 && n > 2 * m;
  const mm = m > 1 ? m : 1;
  const D = seasonal ? nsdiffs(y, m) : 0;
  const d = ndiffs(differenced(y, 0, D, mm));
  const max = { p: 5, q: 5, P: m > 1 ? 2 : 0, Q: m > 1 ? 2 : 0, models: 94 };
  max.p = Math.min(max.p, Math.floor(n / 3));
  max.q = Math.min(max.q, Math.floor(n / 3));
  max.P = Math.min(max.P, Math.floor(n / 3 / mm));
  max.Q = Math.min(max.Q, Math.floor(n / 3 / mm));
  if (mm > 1) {
    if (max.P > 0) max.p = Math.min(max.p, mm - 1);
    if (max.Q > 0) max.q = Math.min(max.q, mm - 1);
  }
  const approximation = approximates(n, mm);
  const method: ArimaMethod = approximation ? 'CSS' : 'CSS-ML';
  const allowConstant = d + D <= 1;
  const results: { o: ArimaOrder; ic: number }[] = [];
  const fits = new Map<string, ArimaFit | undefined>();
  const key = (o: ArimaOrder): string => `${o.p},${o.q},${o.P},${o.Q},${o.constant ? 1 : 0}`;
  const fit = (o: ArimaOrder, how: ArimaMethod, effort?: ArimaEffort): ArimaFit | undefined => {
    // R fits the order without a seasonal part when P = D = Q = 0: the same model
    const f = fitArima(y, o.P + D + o.Q === 0 ? { ...o, m: mm } : o, how, effort);
    return f ? { ...f, order: o } : undefined;
  };
  const attempt = (o: ArimaOrder): ArimaFit | undefined => {
    const f = fit(o, method);
    fits.set(key(o), f);
    results.push({ o, ic: f ? f.aicc : Infinity });
    return f;
  };
  const isNew = (o: ArimaOrder): boolean => !fits.has(key(o));
  let c = allowConstant;
  const at = (p: number, q: number, P: number, Q: number, constant = c): ArimaOrder => ({ p, d, q, P, D, Q, m: mm, constant });
  let p = Math.min(2, max.p);
  let q = Math.min(2, max.q);
  let P = Math.min(1, max.P);
  let Q = Math.min(1, max.Q);
  let best = attempt(at(p, q, P, Q));
  let bestIc = best ? best.aicc : Infinity;
  const consider = (o: ArimaOrder): boolean => {
    const f = attempt(o);
    if (f && f.aicc < bestIc) {
      best = f;
      bestIc = f.aicc;
      return true;
    }
    return false;
  };
  if (consider(at(0, 0, 0, 0))) p = q = P = Q = 0;
  if (max.p > 0 || max.P > 0) {
    const o = at(max.p > 0 ? 1 : 0, 0, mm > 1 && max.P > 0 ? 1 : 0, 0);
    if (consider(o)) ({ p, q, P, Q } = o);
  }
  if (max.q > 0 || max.Q > 0) {
    const o = at(0, max.q > 0 ? 1 : 0, 0, mm > 1 && max.Q > 0 ? 1 : 0);
    if (consider(o)) ({ p, q, P, Q } = o);
  }
  if (c && consider(at(0, 0, 0, 0, false))) p = q = P = Q = 0;
  let startk = 0;
  while (startk < results.length && results.length < max.models) {
    startk = results.length;
    const moves: [boolean, number, number, number, number][] = [
      [P > 0, p, q, P - 1, Q], [Q > 0, p, q, P, Q - 1], [P < max.P, p, q, P + 1, Q], [Q < max.Q, p, q, P, Q + 1],
      [Q > 0 && P > 0, p, q, P - 1, Q - 1], [Q < max.Q && P > 0, p, q, P - 1, Q + 1],
      [Q > 0 && P < max.P, p, q, P + 1, Q - 1], [Q < max.Q && P < max.P, p, q, P + 1, Q + 1],
      [p > 0, p - 1, q, P, Q], [q > 0, p, q - 1, P, Q], [p < max.p, p + 1, q, P, Q], [q < max.q, p, q + 1, P, Q],
      [q > 0 && p > 0, p - 1, q - 1, P, Q], [q < max.q && p > 0, p - 1, q + 1, P, Q],
      [q > 0 && p < max.p, p + 1, q - 1, P, Q], [q < max.q && p < max.p, p + 1, q + 1, P, Q],
    ];
    let moved = false;
    for (const [ok, np, nq, nP, nQ] of moves) {
      if (!ok || !isNew(at(np, nq, nP, nQ))) continue;
      if (results.length >= max.models) break;
      if (consider(at(np, nq, nP, nQ))) {
        [p, q, P, Q] = [np, nq, nP, nQ];
        moved = true;
        break;
      }
    }
    if (moved) continue;
    if (allowConstant && isNew(at(p, q, P, Q, !c)) && results.length < max.models) {
      if (consider(at(p, q, P, Q, !c))) c = !c;
    }
  }
  if (approximation && best) {
    // R refits every order tried, in CSS ranking (ties and the failed ones, Inf, in the order tried), by CSS-ML and keeps the first that fits
    const ranked = results.map((r, i) => ({ ...r, i })).sort((a, b) => a.ic - b.ic || a.i - b.i);
    let work = REFIT_WORK;
    for (const r of ranked) {
      const cost = (n - d - D * mm) * stateSize(r.o) ** 2;
      const k = r.o.p + r.o.q + r.o.P + r.o.Q + (r.o.constant ? 1 : 0);
      const hessian = 4 * k * k;
      const allowed = Math.floor(work / cost) - hessian;
      if (allowed < 20) break;
      const effort: ArimaEffort = { maxEvaluations: allowed, evaluations: 0 };
      const f = fit(r.o, 'CSS-ML', effort);
      if (f) return f;
      work -= effort.evaluations * cost;
    }
  }
  return best;
}
