/**
 * Derivative-free minimisation: the Nelder–Mead simplex method exactly as R's
 * `optim(method = "Nelder-Mead")` (Nash's `nmmin`, which forecast::ets uses),
 * with optional box bounds. Points outside the bounds, and points where the
 * objective is not finite, count as a very large value, so the simplex moves
 * back inside. Works on Float64Array and allocates only once per call.
 */

/** Options of {@link nelderMead}; defaults are R's (`ets` passes maxit 2000, reltol √ε). */
export interface NelderMeadOptions {
  /** Maximum number of objective evaluations (R's `maxit`). Default 2000. */
  maxit?: number;
  /** Relative convergence tolerance on the simplex values. Default √ε ≈ 1.49e-8. */
  reltol?: number;
  /** Stop when the best value falls below this. Default −Infinity. */
  abstol?: number;
  /** Lower bounds per coordinate (−Infinity where free). */
  lower?: Float64Array;
  /** Upper bounds per coordinate (+Infinity where free). */
  upper?: Float64Array;
}

/** Result of {@link nelderMead}: the best point, its value, evaluations used, and whether it converged. */
export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  converged: boolean;
}

const BIG = 1.0e35;

/**
 * Minimises `objective` from `start` with the Nelder–Mead simplex (reflection 1,
 * contraction 0.5, expansion 2, initial step 10 % of the largest |coordinate|).
 * The objective receives a reused Float64Array it must not keep.
 *
 * Business meaning: finds the smoothing parameters and initial states that
 * make a model's one-step errors smallest, without needing derivatives.
 * Cost: O(maxit · (cost of objective + n)); memory O(n²).
 *
 * @example
 * nelderMead((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, Float64Array.of(0, 0)).x; // => ≈ [1, -2]
 */
export function nelderMead(
  objective: (x: Float64Array) => number,
  start: Float64Array,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const steps = nelderMeadSteps(start, options);
  let step = steps.next();
  while (!step.done) step = steps.next(objective(step.value));
  return step.value;
}

/**
 * {@link nelderMead} turned inside out: yields each point to evaluate and takes its value back
 * (`next(value)`), returning the result when done — so several minimisations can advance side by
 * side and have their objectives evaluated together. Points outside the bounds are not yielded
 * (they count as Infinity). The yielded array is reused: read it before the next step.
 *
 * @example
 * const steps = nelderMeadSteps(Float64Array.of(0));
 * let step = steps.next();
 * while (!step.done) step = steps.next((step.value[0] - 3) ** 2);
 * step.value.x[0]; // => ≈ 3
 */
export function* nelderMeadSteps(start: Float64Array, options: NelderMeadOptions = {}): Generator<Float64Array, NelderMeadResult, number> {
  const n = start.length;
  const maxit = options.maxit ?? 2000;
  const intol = options.reltol ?? Math.sqrt(2.220446049250313e-16);
  const abstol = options.abstol ?? -Infinity;
  const lower = options.lower;
  const upper = options.upper;
  const bvec = Float64Array.from(start);
  if (n === 0) return { x: bvec, value: yield bvec, evaluations: 1, converged: true };

  const n1 = n + 1;
  const cols = n + 2; // n+1 vertices and the centroid
  // P[i][j] stored as p[i * cols + j]; row n holds the function values.
  const p = new Float64Array((n + 1) * cols);
  const at = (i: number, j: number): number => i * cols + j;

  const inside = (x: Float64Array): boolean => {
    for (let i = 0; i < n; i++) {
      if ((lower && x[i] < lower[i]) || (upper && x[i] > upper[i])) return false;
    }
    return true;
  };

  let f = (lower || upper) && !inside(bvec) ? Infinity : yield bvec;
  if (!Number.isFinite(f)) {
    return { x: bvec, value: Infinity, evaluations: 1, converged: false };
  }
  let funcount = 1;
  const convtol = intol * (Math.abs(f) + intol);
  p[at(n1 - 1, 0)] = f;
  for (let i = 0; i < n; i++) p[at(i, 0)] = bvec[i];
  let L = 1;
  let step = 0;
  for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]) > step) step = 0.1 * Math.abs(bvec[i]);
  if (step === 0) step = 0.1;
  let size = 0;
  for (let j = 2; j <= n1; j++) {
    for (let i = 0; i < n; i++) p[at(i, j - 1)] = bvec[i];
    let trystep = step;
    while (p[at(j - 2, j - 1)] === bvec[j - 2]) {
      p[at(j - 2, j - 1)] = bvec[j - 2] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  let oldsize = size;
  let calcvert = true;
  let converged = false;
  do {
    if (calcvert) {
      for (let j = 0; j < n1; j++) {
        if (j + 1 !== L) {
          for (let i = 0; i < n; i++) bvec[i] = p[at(i, j)];
          f = (lower || upper) && !inside(bvec) ? Infinity : yield bvec;
          if (!Number.isFinite(f)) f = BIG;
          funcount++;
          p[at(n1 - 1, j)] = f;
        }
      }
      calcvert = false;
    }
    let VL = p[at(n1 - 1, L - 1)];
    let VH = VL;
    let H = L;
    for (let j = 1; j <= n1; j++) {
      if (j !== L) {
        const fj = p[at(n1 - 1, j - 1)];
        if (fj < VL) {
          L = j;
          VL = fj;
        }
        if (fj > VH) {
          H = j;
          VH = fj;
        }
      }
    }
    if (VH <= VL + convtol || VL <= abstol) {
      converged = true;
      break;
    }
    const C = cols;
    for (let i = 0; i < n; i++) {
      let temp = -p[at(i, H - 1)];
      for (let j = 0; j < n1; j++) temp += p[at(i, j)];
      p[at(i, C - 1)] = temp / n;
    }
    for (let i = 0; i < n; i++) bvec[i] = 2 * p[at(i, C - 1)] - p[at(i, H - 1)];
    f = (lower || upper) && !inside(bvec) ? Infinity : yield bvec;
    if (!Number.isFinite(f)) f = BIG;
    funcount++;
    const VR = f;
    if (VR < VL) {
      p[at(n1 - 1, C - 1)] = f;
      for (let i = 0; i < n; i++) {
        const g = 2 * bvec[i] - p[at(i, C - 1)];
        p[at(i, C - 1)] = bvec[i];
        bvec[i] = g;
      }
      f = (lower || upper) && !inside(bvec) ? Infinity : yield bvec;
      if (!Number.isFinite(f)) f = BIG;
      funcount++;
      if (f < VR) {
        for (let i = 0; i < n; i++) p[at(i, H - 1)] = bvec[i];
        p[at(n1 - 1, H - 1)] = f;
      } else {
        for (let i = 0; i < n; i++) p[at(i, H - 1)] = p[at(i, C - 1)];
        p[at(n1 - 1, H - 1)] = VR;
      }
    } else {
      if (VR < VH) {
        for (let i = 0; i < n; i++) p[at(i, H - 1)] = bvec[i];
        p[at(n1 - 1, H - 1)] = VR;
      }
      for (let i = 0; i < n; i++) bvec[i] = 0.5 * p[at(i, H - 1)] + 0.5 * p[at(i, C - 1)];
      f = (lower || upper) && !inside(bvec) ? Infinity : yield bvec;
      if (!Number.isFinite(f)) f = BIG;
      funcount++;
      if (f < p[at(n1 - 1, H - 1)]) {
        for (let i = 0; i < n; i++) p[at(i, H - 1)] = bvec[i];
        p[at(n1 - 1, H - 1)] = f;
      } else if (VR >= VH) {
        calcvert = true;
        size = 0;
        for (let j = 0; j < n1; j++) {
          if (j + 1 !== L) {
            for (let i = 0; i < n; i++) {
              p[at(i, j)] = 0.5 * (p[at(i, j)] - p[at(i, L - 1)]) + p[at(i, L - 1)];
              size += Math.abs(p[at(i, j)] - p[at(i, L - 1)]);
            }
          }
        }
        if (size < oldsize) oldsize = size;
        else break; // the simplex no longer shrinks
      }
    }
  } while (funcount <= maxit);

  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = p[at(i, L - 1)];
  return { x, value: p[at(n1 - 1, L - 1)], evaluations: funcount, converged };
}
