/**
 * Variable-metric minimisation exactly as R's `optim(method = "BFGS")` (Nash's `vmmin`) with its
 * numerical gradient (central differences of step `ndeps` on the scaled parameters x / parscale).
 * stats::arima fits with it, so reproducing the same steps reaches the same local optimum as R does
 * on likelihoods with several.
 */

/** Options of {@link bfgs}; defaults are R's. */
export interface BfgsOptions {
  /** Maximum number of iterations (R's `maxit`). Default 100. */
  maxit?: number;
  /** Relative convergence tolerance on the objective. Default 1e-8. */
  reltol?: number;
  /** Scale of each parameter: the search works on x / parscale. Default 1. */
  parscale?: ArrayLike<number>;
  /** Finite-difference step on the scaled parameters. Default 1e-3. */
  ndeps?: number;
  /** Stop (not converged) after the iteration in which this many objective evaluations were passed. Default Infinity (R has no such limit). */
  maxEvaluations?: number;
}

/** Result of {@link bfgs}. `converged` is false when maxit was reached; `error` when a finite difference was not finite (R stops there). */
export interface BfgsResult {
  x: Float64Array;
  value: number;
  converged: boolean;
  evaluations: number;
  error?: string;
}

/**
 * R's numerical gradient (optim's `fmingr`): central differences of step `ndeps` on each coordinate of
 * `b`, written into `g`, `b` left as it was. False at the first difference that is not finite (R stops there).
 */
function centralGradient(fn: (b: Float64Array) => number, b: Float64Array, ndeps: number, g: Float64Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const keep = b[i];
    b[i] = keep + ndeps;
    const up = fn(b);
    b[i] = keep - ndeps;
    const down = fn(b);
    b[i] = keep;
    g[i] = (up - down) / (2 * ndeps);
    if (!Number.isFinite(g[i])) return false;
  }
  return true;
}

const STEPREDN = 0.2;
const ACCTOL = 0.0001;
const RELTEST = 10.0;

/**
 * Minimises `objective` from `start` by BFGS with R's line search (step 1, shrunk by 0.2 until the
 * Armijo condition with 1e-4 holds) and R's restarts of the inverse-Hessian estimate.
 * Cost: O(maxit · (2n + few) objective evaluations + n²).
 *
 * @example
 * bfgs((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, Float64Array.of(0, 0)).x; // => ≈ [1, -2]
 */
export function bfgs(objective: (x: Float64Array) => number, start: Float64Array, options: BfgsOptions = {}): BfgsResult {
  const n = start.length;
  const maxit = options.maxit ?? 100;
  const reltol = options.reltol ?? 1e-8;
  const ndeps = options.ndeps ?? 1e-3;
  const scale = Float64Array.from({ length: n }, (_, i) => (options.parscale ? options.parscale[i] : 1));
  const point = new Float64Array(n);
  let evaluations = 0;
  const fn = (b: Float64Array): number => {
    for (let i = 0; i < n; i++) point[i] = b[i] * scale[i];
    evaluations++;
    return objective(point);
  };
  const b = Float64Array.from(start, (v, i) => v / scale[i]);
  const result = (converged: boolean, value: number, error?: string): BfgsResult => ({
    x: Float64Array.from(b, (v, i) => v * scale[i]),
    value,
    converged,
    evaluations,
    ...(error ? { error } : {}),
  });
  if (n === 0 || maxit <= 0) return result(true, fn(b));
  const g = new Float64Array(n);
  const gradient = (): boolean => centralGradient(fn, b, ndeps, g);
  let f = fn(b);
  if (!Number.isFinite(f)) return result(false, f, 'initial value not finite');
  let fmin = f;
  if (!gradient()) return result(false, fmin, 'non-finite finite-difference value');
  let gradcount = 1;
  let iter = 1;
  let ilast = gradcount;
  const B = Array.from({ length: n }, () => new Float64Array(n));
  const t = new Float64Array(n);
  const X = new Float64Array(n);
  const c = new Float64Array(n);
  let count = 0;
  do {
    if (ilast === gradcount) for (let i = 0; i < n; i++) {
      B[i].fill(0);
      B[i][i] = 1;
    }
    for (let i = 0; i < n; i++) {
      X[i] = b[i];
      c[i] = g[i];
    }
    let gradproj = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s -= B[i][j] * g[j];
      for (let j = i + 1; j < n; j++) s -= B[j][i] * g[j];
      t[i] = s;
      gradproj += s * g[i];
    }
    if (gradproj < 0) {
      let steplength = 1;
      let accpoint = false;
      do {
        count = 0;
        for (let i = 0; i < n; i++) {
          b[i] = X[i] + steplength * t[i];
          if (RELTEST + X[i] === RELTEST + b[i]) count++;
        }
        if (count < n) {
          f = fn(b);
          accpoint = Number.isFinite(f) && f <= fmin + gradproj * steplength * ACCTOL;
          if (!accpoint) steplength *= STEPREDN;
        }
      } while (!(count === n || accpoint));
      const enough = Math.abs(f - fmin) > reltol * (Math.abs(fmin) + reltol);
      if (!enough) {
        count = n;
        fmin = f;
      }
      if (count < n) {
        fmin = f;
        if (!gradient()) return result(false, fmin, 'non-finite finite-difference value');
        gradcount++;
        iter++;
        let D1 = 0;
        for (let i = 0; i < n; i++) {
          t[i] *= steplength;
          c[i] = g[i] - c[i];
          D1 += t[i] * c[i];
        }
        if (D1 > 0) {
          let D2 = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j <= i; j++) s += B[i][j] * c[j];
            for (let j = i + 1; j < n; j++) s += B[j][i] * c[j];
            X[i] = s;
            D2 += s * c[i];
          }
          D2 = 1 + D2 / D1;
          for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) B[i][j] += (D2 * t[i] * t[j] - X[i] * t[j] - t[i] * X[j]) / D1;
        } else ilast = gradcount;
      } else if (ilast < gradcount) {
        count = 0;
        ilast = gradcount;
      }
    } else {
      count = 0;
      if (ilast === gradcount) count = n;
      else ilast = gradcount;
    }
    if (iter >= maxit || evaluations >= (options.maxEvaluations ?? Infinity)) return result(false, fmin);
    if (gradcount - ilast > 2 * n) ilast = gradcount;
  } while (count !== n || ilast !== gradcount);
  return result(true, fmin);
}

/**
 * Numerical Hessian as R's `optimhess` (what `optim(hessian = TRUE)` returns): central differences of
 * the numerical gradient, symmetrised. Undefined when a difference is not finite (R stops there).
 */
export function optimHessian(objective: (x: Float64Array) => number, at: Float64Array, options: Pick<BfgsOptions, 'parscale' | 'ndeps'> = {}): Float64Array[] | undefined {
  const n = at.length;
  const ndeps = options.ndeps ?? 1e-3;
  const scale = Float64Array.from({ length: n }, (_, i) => (options.parscale ? options.parscale[i] : 1));
  const point = new Float64Array(n);
  const dpar = Float64Array.from(at, (v, i) => v / scale[i]);
  const fn = (b: Float64Array): number => {
    for (let i = 0; i < n; i++) point[i] = b[i] * scale[i];
    return objective(point);
  };
  const grad = (b: Float64Array): Float64Array | undefined => {
    const g = new Float64Array(n);
    return centralGradient(fn, b, ndeps, g) ? g : undefined;
  };
  const H = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const eps = ndeps / scale[i];
    const keep = dpar[i];
    dpar[i] = keep + eps;
    const g1 = grad(dpar);
    dpar[i] = keep - eps;
    const g2 = grad(dpar);
    dpar[i] = keep;
    if (!g1 || !g2) return undefined;
    for (let j = 0; j < n; j++) H[i][j] = (g1[j] - g2[j]) / (2 * eps * scale[i] * scale[j]);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    const v = (H[i][j] + H[j][i]) / 2;
    H[i][j] = v;
    H[j][i] = v;
  }
  return H;
}
