/**
 * The small dense linear algebra reconciliation needs, on row-major Float64Array matrices:
 * products, a Cholesky factorisation with a diagonal guard, and solves through it. The
 * matrices are n_total × n_total at most (a few hundred rows), so plain loops are enough.
 */

/** A dense row-major matrix: element (i, j) at `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A rows × cols matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * The product a·b. Cost O(a.rows · a.cols · b.cols).
 *
 * @example
 * multiply({ rows: 1, cols: 2, data: Float64Array.of(1, 2) }, { rows: 2, cols: 1, data: Float64Array.of(3, 4) }).data; // => Float64Array [11]
 */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`multiply: ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const out = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[i * a.cols + k];
      if (v === 0) continue;
      const row = k * b.cols;
      const target = i * b.cols;
      for (let j = 0; j < b.cols; j++) out.data[target + j] += v * b.data[row + j];
    }
  }
  return out;
}

/** The transpose of `a`. */
export function transpose(a: Matrix): Matrix {
  const out = zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

/** The matrix times a vector: a·x. */
export function multiplyVector(a: Matrix, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let sum = 0;
    for (let j = 0; j < a.cols; j++) sum += a.data[i * a.cols + j] * x[j];
    out[i] = sum;
  }
  return out;
}

/**
 * The lower-triangular L with L·Lᵀ = a, for a symmetric positive definite `a`. A matrix that is
 * not (numerically) positive definite gets a ridge added to its diagonal — 1e-10 of its mean
 * diagonal, then ten times more until the factorisation succeeds — so a singular covariance (two
 * identical series, a series with no error) still gives an answer; `ridge` says how much was
 * added (0 when none). Cost O(n³/3).
 *
 * @example
 * cholesky({ rows: 2, cols: 2, data: Float64Array.of(4, 2, 2, 2) }).factor.data; // => Float64Array [2, 0, 1, 1]
 */
export function cholesky(a: Matrix): { factor: Matrix; ridge: number } {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError(`cholesky: ${a.rows}×${a.cols} is not square`);
  let meanDiagonal = 0;
  for (let i = 0; i < n; i++) meanDiagonal += Math.abs(a.data[i * n + i]) / n;
  const base = meanDiagonal > 0 && Number.isFinite(meanDiagonal) ? meanDiagonal : 1;
  for (let ridge = 0, attempt = 0; attempt < 14; attempt++, ridge = attempt === 1 ? base * 1e-10 : ridge * 10) {
    const factor = tryCholesky(a, ridge);
    if (factor) return { factor, ridge };
  }
  throw new RangeError('cholesky: matrix not positive definite even with a ridge of 100 times its mean diagonal');
}

function tryCholesky(a: Matrix, ridge: number): Matrix | undefined {
  const n = a.rows;
  const l = zeros(n, n);
  const L = l.data;
  for (let j = 0; j < n; j++) {
    let d = a.data[j * n + j] + ridge;
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) return undefined;
    const root = Math.sqrt(d);
    L[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a.data[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / root;
    }
  }
  return l;
}

/**
 * X with a·X = b, given the Cholesky factor L of a (L·Lᵀ = a): forward then back substitution
 * for each column of b. Cost O(n² · b.cols).
 */
export function choleskySolve(factor: Matrix, b: Matrix): Matrix {
  const n = factor.rows;
  if (b.rows !== n) throw new RangeError(`choleskySolve: factor ${n}×${n}, right side ${b.rows}×${b.cols}`);
  const L = factor.data;
  const x = { rows: b.rows, cols: b.cols, data: Float64Array.from(b.data) };
  const m = b.cols;
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      let s = x.data[i * m + c];
      for (let k = 0; k < i; k++) s -= L[i * n + k] * x.data[k * m + c];
      x.data[i * m + c] = s / L[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x.data[i * m + c];
      for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x.data[k * m + c];
      x.data[i * m + c] = s / L[i * n + i];
    }
  }
  return x;
}
