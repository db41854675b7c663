/**
 * The innovations state-space recursions of exponential smoothing (Hyndman,
 * Koehler, Ord & Snyder 2008), written as forecast's C routine `etscalc` does:
 * one pass over the series updates level, trend and season and accumulates
 * the likelihood. No allocation inside the loop.
 *
 * State layout (as R): [level, trend?, s_0 … s_{m-1}], s_0 the newest seasonal
 * index, s_{m-1} the one that applies to the next observation.
 */

/** Error, trend and season components of an ETS form. */
export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A';
export type SeasonType = 'N' | 'A' | 'M';

/** An ETS form: ETS(error, trend[d], season) with season length m (1 when non-seasonal). */
export interface EtsForm {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
  damped: boolean;
  m: number;
}

/** The form's name as R prints it, e.g. `ETS(M,Ad,N)`. */
export function etsFormName(form: Pick<EtsForm, 'error' | 'trend' | 'season' | 'damped'>): string {
  return `ETS(${form.error},${form.trend}${form.damped ? 'd' : ''},${form.season})`;
}

const TOL = 1e-10;
const HUGEN = 1e10;

/** Reusable buffers for {@link etsRecursion}; create once per series length. */
export interface EtsWorkspace {
  /** Innovations e_t: y − ŷ (additive) or (y − ŷ)/ŷ (multiplicative). */
  e: Float64Array;
  /** Seasonal state, updated in place. */
  season: Float64Array;
  /** Final state after the pass: [level, trend, s_0 … s_{m-1}] (trend 0 when none). */
  last: Float64Array;
  /** Mean squared one-step error y − ŷ of the last pass. */
  mse: number;
  /** When false, non-seasonal passes skip storing `e` (the optimiser's fast path). */
  keepErrors: boolean;
}

/** Buffers for a series of length n and season length m. */
export function etsWorkspace(n: number, m: number): EtsWorkspace {
  return { e: new Float64Array(n), season: new Float64Array(m), last: new Float64Array(2 + m), mse: NaN, keepErrors: true };
}

const CHUNK = 16;

/** log|product of qs[from..to)|, from the product when it is a normal double, else term by term. */
function chunkLog(product: number, qs: Float64Array, from: number, to: number): number {
  const magnitude = product < 0 ? -product : product;
  if (magnitude > 1e-300 && magnitude < 1e300) return Math.log(magnitude);
  let sum = 0;
  for (let k = from; k < to; k++) sum += Math.log(Math.abs(qs[k]));
  return sum;
}

/**
 * The optimiser's fast path for non-seasonal forms: the same recursion and
 * criterion as {@link etsRecursion} without storing innovations, one tight loop
 * per form, and Σlog|ŷ| taken as the log of products of 16 forecasts (one log
 * call per 16 steps instead of one per step).
 */
function nonSeasonalCriterion(
  y: Float64Array, l0: number, b0: number, hasTrend: boolean, multError: boolean,
  alpha: number, beta: number, phi: number, ws: EtsWorkspace,
): number {
  const n = y.length;
  let level = l0;
  let trend = b0;
  let sse = 0;
  let sumSq = 0;
  let sumLog = 0;
  // The recursion is carried on the one-step forecast q = level + φ·trend and
  // the damped trend d = φ·trend: algebraically R's update (for both error
  // types the state moves by alpha·(y − q) and beta·(y − q)), with a shorter
  // chain of dependent operations per step, which is what bounds this loop.
  const cOne = 1 - alpha;
  if (!hasTrend && !multError) {
    for (let i = 0; i < n; i++) {
      const yi = y[i];
      const e = yi - level;
      sse += e * e;
      level = cOne * level + alpha * yi;
    }
    sumSq = sse;
  } else if (!hasTrend) {
    // Σlog|ŷ| by chunks: one log of the product of 16 forecasts (kept in ws.e
    // in case the product leaves the double range, then logged one by one).
    const qs = ws.e;
    let i = 0;
    while (i < n) {
      const from = i;
      const to = Math.min(n, i + CHUNK);
      let product = 1;
      for (; i < to; i++) {
        const yi = y[i];
        const d = yi - level;
        const e = d / level;
        sse += e * e;
        sumSq += d * d;
        product *= level;
        qs[i] = level;
        level = cOne * level + alpha * yi;
      }
      sumLog += chunkLog(product, qs, from, to);
    }
  } else if (!multError) {
    const gainQ = alpha + phi * beta;
    const gainD = phi * beta;
    let damped = phi * trend;
    let q = level + damped;
    for (let i = 0; i < n; i++) {
      const d = y[i] - q;
      sse += d * d;
      q = q + phi * damped + gainQ * d;
      damped = phi * damped + gainD * d;
    }
    sumSq = sse;
    trend = damped / phi;
    level = q - damped;
  } else {
    const gainQ = alpha + phi * beta;
    const gainD = phi * beta;
    let damped = phi * trend;
    let q = level + damped;
    const qs = ws.e;
    let i = 0;
    while (i < n) {
      const from = i;
      const to = Math.min(n, i + CHUNK);
      let product = 1;
      for (; i < to; i++) {
        const d = y[i] - q;
        const e = d / q;
        sse += e * e;
        sumSq += d * d;
        product *= q;
        qs[i] = q;
        q = q + phi * damped + gainQ * d;
        damped = phi * damped + gainD * d;
      }
      sumLog += chunkLog(product, qs, from, to);
    }
    trend = damped / phi;
    level = q - damped;
  }
  ws.last[0] = level;
  ws.last[1] = trend;
  ws.mse = sumSq / n;
  let lik = n * Math.log(sse);
  if (multError) lik += 2 * sumLog;
  return lik;
}

/**
 * {@link etsRecursion}'s criterion for two additive-error, non-seasonal problems at once
 * (ETS(A,N,N) when `hasTrend` is false, else ETS(A,A,N) or ETS(A,Ad,N)), each on its own series,
 * weights and workspace, in one loop over their common length. Each pass does exactly the
 * operations of the single pass, in the same order, so the results are the same to the bit;
 * the two recursions are independent chains of dependent operations, which the processor
 * overlaps — about twice the throughput of two separate passes. Criteria go to `out[0]`,
 * `out[1]`; final states and MSEs to the workspaces. No allocation.
 *
 * @example
 * additiveCriterionPair(false, y, 0, 0, 0.5, 0, 1, wsA, y, 0, 0, 0.3, 0, 1, wsB, out); // out => both criteria
 */
export function additiveCriterionPair(
  hasTrend: boolean,
  yA: Float64Array, levelA: number, trendA: number, alphaA: number, betaA: number, phiA: number, wsA: EtsWorkspace,
  yB: Float64Array, levelB: number, trendB: number, alphaB: number, betaB: number, phiB: number, wsB: EtsWorkspace,
  out: Float64Array,
): void {
  const nA = yA.length;
  const nB = yB.length;
  const common = nA < nB ? nA : nB;
  let sseA = 0;
  let sseB = 0;
  if (!hasTrend) {
    const cOneA = 1 - alphaA;
    const cOneB = 1 - alphaB;
    let i = 0;
    for (; i < common; i++) {
      const ya = yA[i];
      const yb = yB[i];
      const ea = ya - levelA;
      const eb = yb - levelB;
      sseA += ea * ea;
      sseB += eb * eb;
      levelA = cOneA * levelA + alphaA * ya;
      levelB = cOneB * levelB + alphaB * yb;
    }
    for (let j = i; j < nA; j++) {
      const ya = yA[j];
      const ea = ya - levelA;
      sseA += ea * ea;
      levelA = cOneA * levelA + alphaA * ya;
    }
    for (let j = i; j < nB; j++) {
      const yb = yB[j];
      const eb = yb - levelB;
      sseB += eb * eb;
      levelB = cOneB * levelB + alphaB * yb;
    }
  } else {
    const gainQA = alphaA + phiA * betaA;
    const gainDA = phiA * betaA;
    const gainQB = alphaB + phiB * betaB;
    const gainDB = phiB * betaB;
    let dampedA = phiA * trendA;
    let dampedB = phiB * trendB;
    let qA = levelA + dampedA;
    let qB = levelB + dampedB;
    let i = 0;
    for (; i < common; i++) {
      const dA = yA[i] - qA;
      const dB = yB[i] - qB;
      sseA += dA * dA;
      sseB += dB * dB;
      qA = qA + phiA * dampedA + gainQA * dA;
      qB = qB + phiB * dampedB + gainQB * dB;
      dampedA = phiA * dampedA + gainDA * dA;
      dampedB = phiB * dampedB + gainDB * dB;
    }
    for (let j = i; j < nA; j++) {
      const dA = yA[j] - qA;
      sseA += dA * dA;
      qA = qA + phiA * dampedA + gainQA * dA;
      dampedA = phiA * dampedA + gainDA * dA;
    }
    for (let j = i; j < nB; j++) {
      const dB = yB[j] - qB;
      sseB += dB * dB;
      qB = qB + phiB * dampedB + gainQB * dB;
      dampedB = phiB * dampedB + gainDB * dB;
    }
    trendA = dampedA / phiA;
    levelA = qA - dampedA;
    trendB = dampedB / phiB;
    levelB = qB - dampedB;
  }
  wsA.last[0] = levelA;
  wsA.last[1] = trendA;
  wsA.mse = sseA / nA;
  out[0] = nA * Math.log(sseA);
  wsB.last[0] = levelB;
  wsB.last[1] = trendB;
  wsB.mse = sseB / nB;
  out[1] = nB * Math.log(sseB);
}

/**
 * Runs the ETS recursion over y from `state0` (layout above) and returns
 * R's likelihood criterion: n·log(Σe²) (+ 2·Σlog|ŷ| for multiplicative errors),
 * which is −2·log-likelihood up to a constant. Innovations go to `ws.e`, the
 * final state to `ws.last`, the one-step MSE to `ws.mse`.
 * Business meaning: how well a given set of smoothing weights tracks the series.
 * Cost O(n·m); no allocation.
 *
 * @example
 * etsRecursion(Float64Array.of(1, 2, 3), Float64Array.of(1), {error:'A',trend:'N',season:'N',damped:false,m:1}, 0.5, 0, 0, 1, etsWorkspace(3, 1)); // => 3·log(3.25) ≈ 3.536
 */
export function etsRecursion(
  y: Float64Array,
  state0: Float64Array,
  form: EtsForm,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  ws: EtsWorkspace,
): number {
  const n = y.length;
  const hasTrend = form.trend !== 'N';
  const seasonCode = form.season === 'N' ? 0 : form.season === 'A' ? 1 : 2;
  const multError = form.error === 'M';
  if (seasonCode === 0 && !ws.keepErrors) return nonSeasonalCriterion(y, state0[0], hasTrend ? state0[1] : 0, hasTrend, multError, alpha, beta, phi, ws);
  const m = seasonCode === 0 ? 1 : form.m;
  const s = ws.season;
  const e = ws.e;
  let level = state0[0];
  let trend = hasTrend ? state0[1] : 0;
  const offset = hasTrend ? 2 : 1;
  // Seasonal indices in a ring: s[pos] is the index due now (R's s_{m-1}), the
  // next ones follow; the new index replaces it and pos moves on (no shifting).
  if (seasonCode !== 0) for (let k = 0; k < m; k++) s[k] = state0[offset + m - 1 - k];
  let pos = 0;
  const betaRatio = hasTrend ? beta / alpha : 0;
  let sse = 0;
  let sumLogF = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    const phib = hasTrend ? phi * trend : 0;
    const q = level + phib;
    let sOld = 0;
    let f = q;
    if (seasonCode === 1) {
      sOld = s[pos];
      f = q + sOld;
    } else if (seasonCode === 2) {
      sOld = s[pos];
      f = q * sOld;
    }
    let ei: number;
    if (multError) {
      ei = (yi - f) / f;
      sumLogF += Math.log(Math.abs(f));
    } else {
      ei = yi - f;
    }
    e[i] = ei;
    sse += ei * ei;
    sumSq += (yi - f) * (yi - f);
    // New level
    let p: number;
    if (seasonCode === 0) p = yi;
    else if (seasonCode === 1) p = yi - sOld;
    else p = Math.abs(sOld) < TOL ? HUGEN : yi / sOld;
    const newLevel = q + alpha * (p - q);
    if (hasTrend) trend = phib + betaRatio * (newLevel - level - phib);
    if (seasonCode !== 0) {
      let t: number;
      if (seasonCode === 1) t = yi - q;
      else t = Math.abs(q) < TOL ? HUGEN : yi / q;
      s[pos] = sOld + gamma * (t - sOld);
      pos = pos + 1 === m ? 0 : pos + 1;
    }
    level = newLevel;
  }
  ws.last[0] = level;
  ws.last[1] = trend;
  if (seasonCode !== 0) for (let j = 0; j < m; j++) ws.last[2 + j] = s[(pos - 1 - j + 2 * m) % m];
  ws.mse = sumSq / n;
  let lik = n * Math.log(sse);
  if (multError) lik += 2 * sumLogF;
  return lik;
}

/**
 * Point forecasts 1..h from a final state [level, trend, s_0 … s_{m-1}]
 * (forecast's `etsforecast`): level + (φ + … + φ^k)·trend, plus or times the
 * seasonal index of that step.
 *
 * @example
 * etsPointForecast(Float64Array.of(10, 1), {error:'A',trend:'A',season:'N',damped:false,m:1}, 1, 3); // => [11, 12, 13]
 */
export function etsPointForecast(last: Float64Array, form: EtsForm, phi: number, h: number): Float64Array {
  const out = new Float64Array(h);
  const m = form.season === 'N' ? 1 : form.m;
  let phistar = phi;
  for (let i = 0; i < h; i++) {
    let f = form.trend === 'N' ? last[0] : last[0] + phistar * last[1];
    if (form.season !== 'N') {
      let j = m - 1 - i;
      while (j < 0) j += m;
      const sj = last[2 + j];
      f = form.season === 'A' ? f + sj : f * sj;
    }
    out[i] = f;
    if (Math.abs(phi - 1) < TOL) phistar += 1;
    else phistar += phi ** (i + 2);
  }
  return out;
}

/**
 * Whether every root of the polynomial Σ c_i z^i (coefficients in increasing
 * order) lies inside the closed unit disk, by the Schur–Cohn recursion.
 * O(d²), no complex arithmetic, no allocation (module scratch buffers). `length`
 * limits the coefficients read (default all).
 *
 * @example
 * rootsInsideUnitCircle(Float64Array.of(-0.25, 0, 1)); // => true (roots ±0.5)
 */
export function rootsInsideUnitCircle(coefficients: Float64Array, length = coefficients.length): boolean {
  if (scratchA.length < length) {
    scratchA = new Float64Array(length);
    scratchB = new Float64Array(length);
  }
  let a = scratchA;
  let b = scratchB;
  for (let i = 0; i < length; i++) a[i] = coefficients[i];
  let d = length - 1;
  while (d > 0 && a[d] === 0) d--;
  while (d > 0) {
    const lead = a[d];
    const tail = a[0];
    if (Math.abs(tail) > Math.abs(lead) * (1 + 1e-10)) return false;
    if (Math.abs(tail) >= Math.abs(lead)) return true; // a root on the circle: R's tolerance accepts it
    for (let i = 0; i < d; i++) b[i] = lead * a[i + 1] - tail * a[d - 1 - i];
    const swap = a;
    a = b;
    b = swap;
    d -= 1;
  }
  return true;
}

let scratchA = new Float64Array(32);
let scratchB = new Float64Array(32);
let polynomial = new Float64Array(32);

/**
 * forecast's `admissible()`: whether smoothing parameters give a forecastable
 * (stable) model. For non-seasonal forms under the usual bounds it always
 * holds; for seasonal ones it checks the characteristic polynomial.
 *
 * @example
 * admissible(0.5, 0.1, 0.1, 1, 12); // => true
 */
export function admissible(alpha: number, beta: number | undefined, gamma: number | undefined, phi: number, m: number): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (gamma === undefined) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (beta !== undefined && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  if (m <= 1) return true;
  const b = beta ?? 0;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (b < -(1 - phi) * (gamma / m + alpha)) return false;
  if (polynomial.length < m + 2) polynomial = new Float64Array(m + 2);
  const poly = polynomial;
  poly[0] = phi * (1 - alpha - gamma);
  poly[1] = alpha + b - alpha * phi + gamma - 1;
  for (let k = 2; k < m; k++) poly[k] = alpha + b - alpha * phi;
  poly[m] = alpha + b - phi;
  poly[m + 1] = 1;
  return rootsInsideUnitCircle(poly, m + 2);
}
