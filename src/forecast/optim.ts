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
  const search = new NelderMeadSearch(start, options);
  while (search.result === undefined) search.tell(objective(search.point));
  return search.result;
}

/** Index of P[i][j] in the simplex array, n + 2 columns to a row. */
function cell(cols: number, i: number, j: number): number {
  return i * cols + j;
}

// Where a search waits for a value: the start point, a vertex of a new simplex, a reflection, an
// expansion, a contraction (n = 0: the only point; VERTEX to CONTRACT are counted alike, so they
// stay consecutive). The other phases run without a value.
const ZERO = 0;
const START = 1;
const VERTEX = 2;
const REFLECT = 3;
const EXPAND = 4;
const CONTRACT = 5;
const TOP = 6; // top of R's do-while loop
const VERTICES = 7; // next vertex of a new simplex to value
const ORDER = 8; // best and worst vertex, convergence, reflection
const BOTTOM = 9; // funcount <= maxit?

/**
 * {@link nelderMead} turned inside out (ask and tell): `point` is the point to evaluate next and
 * `tell(value)` hands its value back, until `result` is set — so several minimisations can advance
 * side by side and have their objectives evaluated together. The same points, in the same order,
 * and the same result as nelderMead; points outside the bounds are never asked for (they count as
 * Infinity). `point` is one array, rewritten at each step: read it before telling its value. No
 * allocation per step (a generator allocates two objects per step and resumes slower).
 *
 * @example
 * const search = new NelderMeadSearch(Float64Array.of(0));
 * while (!search.result) search.tell((search.point[0] - 3) ** 2);
 * search.result.x[0]; // => ≈ 3
 */
export class NelderMeadSearch {
  /** The point whose value `tell` expects (meaningless once `result` is set). */
  readonly point: Float64Array;
  /** The outcome, once the search has stopped; undefined while it runs. */
  result: NelderMeadResult | undefined = undefined;
  private readonly n: number;
  private readonly maxit: number;
  private readonly intol: number;
  private readonly abstol: number;
  private readonly lower: Float64Array | undefined;
  private readonly upper: Float64Array | undefined;
  /** P[i][j] at p[i * (n + 2) + j]: n+1 vertices and the centroid; row n holds the values. */
  private readonly p: Float64Array;
  private phase = START;
  private funcount = 0;
  private convtol = 0;
  private L = 1;
  private H = 1;
  private VL = 0;
  private VH = 0;
  private VR = 0;
  private oldsize = 0;
  private calcvert = true;
  private converged = false;
  private vertex = 0;

  constructor(start: Float64Array, options: NelderMeadOptions = {}) {
    const n = start.length;
    this.n = n;
    this.maxit = options.maxit ?? 2000;
    this.intol = options.reltol ?? Math.sqrt(2.220446049250313e-16);
    this.abstol = options.abstol ?? -Infinity;
    this.lower = options.lower;
    this.upper = options.upper;
    this.point = Float64Array.from(start);
    this.p = new Float64Array(n === 0 ? 0 : (n + 1) * (n + 2));
    if (n === 0) this.phase = ZERO;
    else if (this.outside()) this.run(Infinity);
  }

  /** Takes the value of `point` and moves to the next point to evaluate, or to the result. */
  tell(value: number): void {
    if (this.result !== undefined) throw new Error('NelderMeadSearch.tell: the search has already stopped');
    this.run(value);
  }

  private outside(): boolean {
    const { lower, upper, point, n } = this;
    if (!lower && !upper) return false;
    for (let i = 0; i < n; i++) {
      if ((lower && point[i] < lower[i]) || (upper && point[i] > upper[i])) return true;
    }
    return false;
  }

  private finish(): void {
    const { n, p } = this;
    const cols = n + 2;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = p[i * cols + this.L - 1];
    this.result = { x, value: p[n * cols + this.L - 1], evaluations: this.funcount, converged: this.converged };
  }

  /** R's nmmin from the phase that waited for `value` up to the next point inside the bounds (the others are valued Infinity on the spot). */
  private run(value: number): void {
    const { n, p, point: bvec } = this;
    const n1 = n + 1;
    const cols = n + 2;
    const C = cols;
    let f = value;
    for (;;) {
      // a value told (or Infinity, for a point outside the bounds) for a vertex, reflection,
      // expansion or contraction: R's count, a non-finite value taken as BIG
      if (this.phase >= VERTEX && this.phase <= CONTRACT) {
        if (!Number.isFinite(f)) f = BIG;
        this.funcount++;
      }
      // set when the phase now waits for the value of `point`
      let ask = false;
      switch (this.phase) {
        case ZERO:
          this.result = { x: bvec, value: f, evaluations: 1, converged: true };
          return;
        case START: {
          if (!Number.isFinite(f)) {
            this.result = { x: bvec, value: Infinity, evaluations: 1, converged: false };
            return;
          }
          this.funcount = 1;
          this.convtol = this.intol * (Math.abs(f) + this.intol);
          p[cell(cols, n1 - 1, 0)] = f;
          for (let i = 0; i < n; i++) p[cell(cols, i, 0)] = bvec[i];
          this.L = 1;
          let step = 0;
          for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]) > step) step = 0.1 * Math.abs(bvec[i]);
          if (step === 0) step = 0.1;
          let size = 0;
          for (let j = 2; j <= n1; j++) {
            for (let i = 0; i < n; i++) p[cell(cols, i, j - 1)] = bvec[i];
            let trystep = step;
            while (p[cell(cols, j - 2, j - 1)] === bvec[j - 2]) {
              p[cell(cols, j - 2, j - 1)] = bvec[j - 2] + trystep;
              trystep *= 10;
            }
            size += trystep;
          }
          this.oldsize = size;
          this.calcvert = true;
          this.phase = TOP;
          break;
        }
        case TOP:
          if (this.calcvert) {
            this.vertex = 0;
            this.phase = VERTICES;
          } else this.phase = ORDER;
          break;
        case VERTICES: {
          let j = this.vertex;
          while (j < n1 && j + 1 === this.L) j++;
          this.vertex = j;
          if (j === n1) {
            this.calcvert = false;
            this.phase = ORDER;
            break;
          }
          for (let i = 0; i < n; i++) bvec[i] = p[cell(cols, i, j)];
          this.phase = VERTEX;
          ask = true;
          break;
        }
        case VERTEX:
          p[cell(cols, n1 - 1, this.vertex)] = f;
          this.vertex++;
          this.phase = VERTICES;
          break;
        case ORDER: {
          let L = this.L;
          let VL = p[cell(cols, n1 - 1, L - 1)];
          let VH = VL;
          let H = L;
          for (let j = 1; j <= n1; j++) {
            if (j !== L) {
              const fj = p[cell(cols, n1 - 1, j - 1)];
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
          this.L = L;
          this.H = H;
          this.VL = VL;
          this.VH = VH;
          if (VH <= VL + this.convtol || VL <= this.abstol) {
            this.converged = true;
            this.finish();
            return;
          }
          for (let i = 0; i < n; i++) {
            let temp = -p[cell(cols, i, H - 1)];
            for (let j = 0; j < n1; j++) temp += p[cell(cols, i, j)];
            p[cell(cols, i, C - 1)] = temp / n;
          }
          for (let i = 0; i < n; i++) bvec[i] = 2 * p[cell(cols, i, C - 1)] - p[cell(cols, i, H - 1)];
          this.phase = REFLECT;
          ask = true;
          break;
        }
        case REFLECT: {
          const VR = f;
          this.VR = VR;
          const H = this.H;
          if (VR < this.VL) {
            p[cell(cols, n1 - 1, C - 1)] = f;
            for (let i = 0; i < n; i++) {
              const g = 2 * bvec[i] - p[cell(cols, i, C - 1)];
              p[cell(cols, i, C - 1)] = bvec[i];
              bvec[i] = g;
            }
            this.phase = EXPAND;
          } else {
            if (VR < this.VH) {
              for (let i = 0; i < n; i++) p[cell(cols, i, H - 1)] = bvec[i];
              p[cell(cols, n1 - 1, H - 1)] = VR;
            }
            for (let i = 0; i < n; i++) bvec[i] = 0.5 * p[cell(cols, i, H - 1)] + 0.5 * p[cell(cols, i, C - 1)];
            this.phase = CONTRACT;
          }
          ask = true;
          break;
        }
        case EXPAND: {
          const H = this.H;
          if (f < this.VR) {
            for (let i = 0; i < n; i++) p[cell(cols, i, H - 1)] = bvec[i];
            p[cell(cols, n1 - 1, H - 1)] = f;
          } else {
            for (let i = 0; i < n; i++) p[cell(cols, i, H - 1)] = p[cell(cols, i, C - 1)];
            p[cell(cols, n1 - 1, H - 1)] = this.VR;
          }
          this.phase = BOTTOM;
          break;
        }
        case CONTRACT: {
          const H = this.H;
          const L = this.L;
          this.phase = BOTTOM;
          if (f < p[cell(cols, n1 - 1, H - 1)]) {
            for (let i = 0; i < n; i++) p[cell(cols, i, H - 1)] = bvec[i];
            p[cell(cols, n1 - 1, H - 1)] = f;
          } else if (this.VR >= this.VH) {
            this.calcvert = true;
            let size = 0;
            for (let j = 0; j < n1; j++) {
              if (j + 1 !== L) {
                for (let i = 0; i < n; i++) {
                  p[cell(cols, i, j)] = 0.5 * (p[cell(cols, i, j)] - p[cell(cols, i, L - 1)]) + p[cell(cols, i, L - 1)];
                  size += Math.abs(p[cell(cols, i, j)] - p[cell(cols, i, L - 1)]);
                }
              }
            }
            if (size < this.oldsize) this.oldsize = size;
            else {
              this.finish(); // the simplex no longer shrinks
              return;
            }
          }
          break;
        }
        case BOTTOM:
          if (this.funcount <= this.maxit) this.phase = TOP;
          else {
            this.finish();
            return;
          }
          break;
      }
      if (ask) {
        if (!this.outside()) return;
        f = Infinity;
      }
    }
  }
}
