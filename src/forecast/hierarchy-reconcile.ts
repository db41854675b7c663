/**
 * Reconcilers (after hierarchicalforecast's BottomUp, TopDown and MinTrace; Hyndman &
 * Athanasopoulos, FPP3 ch. 11): each turns the base forecasts ŷ of every node into coherent
 * ones ỹ = S·G·ŷ, G an m × n matrix (m bottom series, n nodes) built from the history. Every
 * reconciler here is linear, so the same G reconciles the means, the backtest windows and the
 * forecast variances.
 */
import { OptionError } from '../errors.js';
import { cholesky, choleskySolve, multiply, transpose, zeros, type Matrix } from './hierarchy-matrix.js';
import { TOTAL_ID, type SummingMatrix } from './hierarchy-aggregate.js';
import { normalBands, zForLevel } from './kernels/intervals.js';

/** Reconciliation methods by name, the default first. */
export const reconcileMethods = ['mint_shrink', 'bottom_up', 'top_down'] as const;

/** A reconciliation method: `mint_shrink` (default), `bottom_up` or `top_down` (average historical proportions). */
export type ReconcileMethod = (typeof reconcileMethods)[number];

/**
 * The method named `value`; OptionError naming `option` and the allowed names otherwise.
 *
 * @example
 * checkReconcileMethod('bottom-up'); // throws OptionError: reconcile: got "bottom-up", allowed: mint_shrink, bottom_up, top_down
 */
export function checkReconcileMethod(value: unknown, option = 'reconcile'): ReconcileMethod {
  if (typeof value !== 'string' || !(reconcileMethods as readonly string[]).includes(value)) throw new OptionError(option, value, reconcileMethods.join(', '));
  return value as ReconcileMethod;
}

/** What a reconciler may read: S, and per node (rows of S, one timeline) its history and its base model's in-sample one-step residuals. */
export interface ReconcileInput {
  S: SummingMatrix;
  /** History of every node, NaN = missing. Read by top_down. */
  insample?: readonly Float64Array[];
  /** In-sample one-step residuals y − fitted of every node's base model, NaN where undefined. Read by mint_shrink. */
  residuals?: readonly Float64Array[];
}

/** A reconciler's projection: ỹ_bottom = G·ŷ, ỹ = S·G·ŷ. */
export interface Projection {
  /** m × n. */
  G: Matrix;
  /** The covariance the projection assumed for the base forecast errors (n × n), where it estimated one. */
  W?: Matrix;
  /** Shrinkage intensity λ of mint_shrink (0: the sample covariance, 1: its diagonal). */
  lambda?: number;
  notes: string[];
}

/** A reconciler: a name and the projection it builds from the history. */
export interface Reconciler {
  readonly name: ReconcileMethod | 'ols';
  projection(input: ReconcileInput): Projection;
}

/**
 * Bottom-up: the bottom base forecasts, summed up the hierarchy (G = [0 | I]). Ignores every
 * aggregate's own forecast.
 *
 * @example
 * reconcile(S, bottomUp().projection({ S }).G, Float64Array.of(9, 1, 2)); // => Float64Array [3, 1, 2] for total = a + b
 */
export function bottomUp(): Reconciler {
  return {
    name: 'bottom_up',
    projection({ S }) {
      const G = zeros(S.cols, S.rows);
      const offset = S.rows - S.cols;
      for (let j = 0; j < S.cols; j++) G.data[j * S.rows + offset + j] = 1;
      return { G, notes: [] };
    },
  };
}

/**
 * Top-down by average historical proportions (Gross & Sohl 1990, method 1; hierarchicalforecast's
 * `TopDown(method='average_proportions')`): each bottom series gets p_j = mean over the periods of
 * y_j,t / y_total,t (periods with a zero or missing total or a missing y_j left out) of the
 * total's base forecast. The proportions of coherent history add up to 1. Without any usable
 * period, equal shares (and a note).
 */
export function topDown(): Reconciler {
  return {
    name: 'top_down',
    projection({ S, insample }) {
      if (!insample || insample.length !== S.rows) throw new RangeError('topDown: needs the history of every node');
      const total = insample[S.ids.indexOf(TOTAL_ID)];
      const offset = S.rows - S.cols;
      const G = zeros(S.cols, S.rows);
      const notes: string[] = [];
      let usable = 0;
      const sums = new Float64Array(S.cols);
      for (let t = 0; t < total.length; t++) {
        const top = total[t];
        if (!Number.isFinite(top) || top === 0) continue;
        let complete = true;
        for (let j = 0; j < S.cols && complete; j++) complete = Number.isFinite(insample[offset + j][t]);
        if (!complete) continue;
        usable++;
        for (let j = 0; j < S.cols; j++) sums[j] += insample[offset + j][t] / top;
      }
      for (let j = 0; j < S.cols; j++) G.data[j * S.rows] = usable > 0 ? sums[j] / usable : 1 / S.cols;
      if (usable === 0) notes.push('top_down: no period with a non-zero total and every bottom value, equal proportions');
      return { G, notes };
    },
  };
}

/**
 * The sample covariance of residuals shrunk toward its diagonal (Schäfer & Strimmer 2005, target
 * D: unequal variances, zero correlations), as R hts' `shrink.estim` and fable's
 * `min_trace(method = "mint_shrink")`: on the periods where every residual is defined,
 * Ŵ = λ·diag(Ŵ₁) + (1 − λ)·Ŵ₁ with Ŵ₁ = EᵀE / T (not centred: residuals have mean ≈ 0) and
 * λ = Σ_{i≠j} Var(r̂_ij) / Σ_{i≠j} r̂_ij², clipped to [0, 1], from the standardised residuals.
 * A variance of 0 (a series its model fits exactly) is raised to 1e-10 of the largest, so Ŵ stays
 * positive definite. Fewer than 2 complete periods: the per-series variances on each one's own
 * defined residuals (λ = 1, a note). Cost O(T · n²).
 *
 * @example
 * shrinkCovariance([Float64Array.of(1, -1, 1, -1), Float64Array.of(1, -1, 1, -1)]).lambda; // => 0 (perfectly correlated, no estimation noise)
 */
export function shrinkCovariance(residuals: readonly Float64Array[]): { covariance: Matrix; lambda: number; periods: number; notes: string[] } {
  const n = residuals.length;
  const length = n > 0 ? residuals[0].length : 0;
  const rows: number[] = [];
  for (let t = 0; t < length; t++) if (residuals.every((r) => Number.isFinite(r[t]))) rows.push(t);
  const T = rows.length;
  const covariance = zeros(n, n);
  const notes: string[] = [];
  if (T < 2) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      let count = 0;
      for (const v of residuals[i]) {
        if (!Number.isFinite(v)) continue;
        sum += v * v;
        count++;
      }
      covariance.data[i * n + i] = count > 0 ? sum / count : 0;
    }
    notes.push(`mint_shrink: ${T} period${T === 1 ? '' : 's'} with every residual defined, the per-series variances alone`);
    floorDiagonal(covariance);
    return { covariance, lambda: 1, periods: T, notes };
  }
  const C = covariance.data;
  for (const t of rows) {
    for (let i = 0; i < n; i++) {
      const a = residuals[i][t];
      for (let j = i; j < n; j++) C[i * n + j] += (a * residuals[j][t]) / T;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) C[i * n + j] = C[j * n + i];
  floorDiagonal(covariance);
  const sd = Array.from({ length: n }, (_, i) => Math.sqrt(C[i * n + i]));
  // Σ_{i≠j} Var(r̂_ij) and Σ_{i≠j} r̂_ij² (each pair counted once: the ratio is the same)
  let variance = 0;
  let squares = 0;
  const xs = residuals.map((r, i) => Float64Array.from(rows, (t) => r[t] / sd[i]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let products = 0;
      let squaredProducts = 0;
      for (let t = 0; t < T; t++) {
        const w = xs[i][t] * xs[j][t];
        products += w;
        squaredProducts += w * w;
      }
      variance += (squaredProducts - (products * products) / T) / (T * (T - 1));
      const correlation = C[i * n + j] / (sd[i] * sd[j]);
      squares += correlation * correlation;
    }
  }
  const lambda = squares > 0 ? Math.max(0, Math.min(1, variance / squares)) : 1;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) C[i * n + j] *= 1 - lambda;
  return { covariance, lambda, periods: T, notes };
}

/** Raises every diagonal element to at least 1e-10 of the largest (1e-10 when all are 0). */
function floorDiagonal(m: Matrix): void {
  const n = m.rows;
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, m.data[i * n + i]);
  const floor = (largest > 0 ? largest : 1) * 1e-10;
  for (let i = 0; i < n; i++) if (!(m.data[i * n + i] >= floor)) m.data[i * n + i] = floor;
}

/**
 * The MinT projection for a base error covariance W (Wickramasuriya, Athanasopoulos & Hyndman
 * 2019): G = (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹, through two Cholesky factorisations (a singular W gets a ridge,
 * see {@link cholesky}). W = I gives OLS reconciliation. Cost O(n³ + n²·m).
 */
export function minTraceProjection(S: Matrix, W: Matrix): Matrix {
  const { factor } = cholesky(W);
  const WinvS = choleskySolve(factor, S); // n × m
  const M = multiply(transpose(S), WinvS); // m × m
  const { factor: mFactor } = cholesky(M);
  return choleskySolve(mFactor, transpose(WinvS)); // m × n
}

/**
 * MinT: the trace of the reconciled forecast error covariance minimised (Wickramasuriya et al.
 * 2019). `mint_shrink` (default) takes W from the in-sample one-step residuals of every node's
 * base model, shrunk toward their diagonal ({@link shrinkCovariance}); `ols` takes W = I.
 */
export function minTrace(options: { method?: 'mint_shrink' | 'ols' } = {}): Reconciler {
  const method = options.method ?? 'mint_shrink';
  if (method !== 'mint_shrink' && method !== 'ols') throw new OptionError('minTrace.method', method, 'mint_shrink, ols');
  return {
    name: method,
    projection({ S, residuals }) {
      if (method === 'ols') {
        const W = zeros(S.rows, S.rows);
        for (let i = 0; i < S.rows; i++) W.data[i * S.rows + i] = 1;
        return { G: minTraceProjection(S, W), W, notes: [] };
      }
      if (!residuals || residuals.length !== S.rows) throw new RangeError('minTrace: needs the in-sample residuals of every node');
      const { covariance, lambda, notes } = shrinkCovariance(residuals);
      return { G: minTraceProjection(S, covariance), W: covariance, lambda, notes };
    },
  };
}

/** The reconciler of a method name. */
export function reconcilerFor(method: ReconcileMethod): Reconciler {
  return method === 'bottom_up' ? bottomUp() : method === 'top_down' ? topDown() : minTrace();
}

/**
 * Coherent forecasts ỹ = S·G·ŷ of one step's base forecasts `base` (one per node, rows of S).
 * `nonNegative` (every node's history never negative): the reconciled bottom forecasts G·ŷ are
 * floored at zero before they are summed up, so no node gets a negative mean and every parent is
 * still the sum of its children (the set-negatives-to-zero heuristic of non-negative
 * reconciliation; MinT itself can give a small bottom series a negative share).
 *
 * @example
 * const S = summingMatrix(['a', 'b']); // total = a + b
 * reconcile(S, bottomUp().projection({ S }).G, Float64Array.of(10, 4, 5)); // => Float64Array [9, 4, 5]
 */
export function reconcile(S: Matrix, G: Matrix, base: ArrayLike<number>, nonNegative = false): Float64Array {
  const bottom = new Float64Array(G.rows);
  for (let j = 0; j < G.rows; j++) {
    let sum = 0;
    for (let i = 0; i < G.cols; i++) sum += G.data[j * G.cols + i] * base[i];
    bottom[j] = nonNegative && sum < 0 ? 0 : sum;
  }
  const out = new Float64Array(S.rows);
  for (let i = 0; i < S.rows; i++) {
    let sum = 0;
    for (let j = 0; j < S.cols; j++) sum += S.data[i * S.cols + j] * bottom[j];
    out[i] = sum;
  }
  return out;
}

/** The correlation matrix of a covariance (zero variances give zero correlations, 1 on the diagonal). */
export function correlationOf(W: Matrix): Matrix {
  const n = W.rows;
  const R = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = Math.sqrt(W.data[i * n + i] * W.data[j * n + j]);
      R.data[i * n + j] = i === j ? 1 : d > 0 ? W.data[i * n + j] / d : 0;
    }
  }
  return R;
}

/**
 * Reconciled interval bounds under normality (hierarchicalforecast's `intervals_method='normality'`;
 * FPP3 11.7): at each step and level, the base standard deviation of node i is read from its own
 * interval, σ_i = (hi_i − lo_i) / (2 z), the base errors are taken correlated as the residuals
 * are (R, the correlation of W), so Σ = D R D with D = diag(σ), and the reconciled bounds are
 * ỹ_i ± z √(P Σ Pᵀ)_ii with P = S·G. An aggregate whose children's errors are independent gets
 * the width of their summed variances, not the sum of their widths. Cost O(n³) per step and level.
 *
 * A node whose history has never been negative (`nonNegative[i]`) gets the quantiles of that
 * normal truncated at zero instead (normalBands), as the engine's forecasts of such series do,
 * ordered around its mean.
 *
 * @param mean reconciled means, one per node
 * @param lo base lower bounds, one per node, for `level`
 * @param hi base upper bounds, one per node
 */
export function reconcileBounds(
  P: Matrix, R: Matrix, mean: Float64Array, lo: ArrayLike<number>, hi: ArrayLike<number>, level: number, nonNegative: readonly boolean[] = [],
): { lo: Float64Array; hi: Float64Array } {
  const n = P.rows;
  const z = zForLevel(level);
  const sigma = Float64Array.from({ length: n }, (_, i) => {
    const s = (hi[i] - lo[i]) / (2 * z);
    return Number.isFinite(s) && s > 0 ? s : 0;
  });
  const outLo = new Float64Array(n);
  const outHi = new Float64Array(n);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < n; a++) q[a] = P.data[i * n + a] * sigma[a];
    let variance = 0;
    for (let a = 0; a < n; a++) {
      if (q[a] === 0) continue;
      let row = 0;
      for (let b = 0; b < n; b++) row += R.data[a * n + b] * q[b];
      variance += q[a] * row;
    }
    const sd = Math.sqrt(Math.max(0, variance));
    if (nonNegative[i]) {
      const [band] = normalBands([mean[i]], [sd], [level], true);
      outLo[i] = Math.min(band.lo[0], mean[i]);
      outHi[i] = Math.max(band.hi[0], mean[i]);
    } else {
      outLo[i] = mean[i] - z * sd;
      outHi[i] = mean[i] + z * sd;
    }
  }
  return { lo: outLo, hi: outHi };
}
