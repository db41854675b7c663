/**
 * Classical decomposition and the small statistics the exponential-smoothing
 * family needs (as R's `decompose`, `acf` and `lsfit` compute them).
 */

/**
 * Classical decomposition (R's `decompose`): a centred moving average of order
 * `m` gives the trend; the seasonal figure is the mean detrended value at each
 * position of the cycle, counted from the first observation, normalised to sum
 * 0 (additive) or average 1 (multiplicative). Returns the seasonal component
 * for every observation.
 * Business meaning: the typical weekly/monthly pattern a seasonal model starts from.
 * Cost O(n) (a running sum of the window's inner terms, recomputed every 64 steps so rounding
 * cannot drift). Needs n ≥ 2m.
 *
 * @example
 * classicalSeasonal(Float64Array.of(1, 3, 1, 3, 1, 3), 2, 'additive'); // => [-1, 1, -1, 1, -1, 1]
 */
export function classicalSeasonal(y: Float64Array, m: number, type: 'additive' | 'multiplicative'): Float64Array {
  const n = y.length;
  const even = m % 2 === 0;
  const width = even ? m + 1 : m;
  const half = Math.floor(width / 2);
  const endWeight = even ? 0.5 : 1;
  const figure = new Float64Array(m);
  const counts = new Float64Array(m);
  // inner = Σ y[first+1 .. first+width-2], the terms of weight 1 between the two ends
  let inner = 0;
  for (let t = half; t < n - half; t++) {
    const first = t - half;
    if ((t - half) % 64 === 0) {
      inner = 0;
      for (let k = 1; k < width - 1; k++) inner += y[first + k];
    } else if (width > 2) {
      inner += y[first + width - 2] - y[first];
    }
    const trend = (width > 1 ? endWeight * y[first] + inner + endWeight * y[first + width - 1] : y[first]) / m;
    const detrended = type === 'additive' ? y[t] - trend : y[t] / trend;
    if (Number.isFinite(detrended)) {
      figure[t % m] += detrended;
      counts[t % m] += 1;
    }
  }
  let mean = 0;
  for (let i = 0; i < m; i++) {
    figure[i] = counts[i] > 0 ? figure[i] / counts[i] : type === 'additive' ? 0 : 1;
    mean += figure[i] / m;
  }
  for (let i = 0; i < m; i++) figure[i] = type === 'additive' ? figure[i] - mean : figure[i] / mean;
  const seasonal = new Float64Array(n);
  for (let t = 0; t < n; t++) seasonal[t] = figure[t % m];
  return seasonal;
}

/**
 * Sample autocorrelations r_1..r_maxLag (R's `acf`, demeaned, divided by n·variance).
 *
 * @example
 * autocorrelations(Float64Array.of(1, 2, 3, 4), 1)[0]; // => 0.25
 */
export function autocorrelations(y: Float64Array, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t] / n;
  const centred = new Float64Array(n);
  for (let t = 0; t < n; t++) centred[t] = y[t] - mean;
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += centred[t] ** 2;
  const r = new Float64Array(maxLag);
  // four lags per pass over the series: each lag's sum adds the same products in the same order
  // (t ascending) as a pass of its own, in four independent chains the processor overlaps
  let k = 1;
  for (; k + 3 <= maxLag; k += 4) {
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let c4 = 0;
    let t = 0;
    for (; t + k + 3 < n; t++) {
      const x = centred[t];
      c1 += x * centred[t + k];
      c2 += x * centred[t + k + 1];
      c3 += x * centred[t + k + 2];
      c4 += x * centred[t + k + 3];
    }
    for (let u = t; u + k < n; u++) c1 += centred[u] * centred[u + k];
    for (let u = t; u + k + 1 < n; u++) c2 += centred[u] * centred[u + k + 1];
    for (let u = t; u + k + 2 < n; u++) c3 += centred[u] * centred[u + k + 2];
    r[k - 1] = c0 > 0 ? c1 / c0 : 0;
    r[k] = c0 > 0 ? c2 / c0 : 0;
    r[k + 1] = c0 > 0 ? c3 / c0 : 0;
    r[k + 2] = c0 > 0 ? c4 / c0 : 0;
  }
  for (; k <= maxLag; k++) {
    let c = 0;
    for (let t = 0; t + k < n; t++) c += centred[t] * centred[t + k];
    r[k - 1] = c0 > 0 ? c / c0 : 0;
  }
  return r;
}

/**
 * Least-squares line of y[from..to) on x = x0, x0+1, …: returns [intercept, slope].
 *
 * @example
 * lineFit(Float64Array.of(1, 3, 5), 0, 3, 1); // => [-1, 2]
 */
export function lineFit(y: Float64Array, from: number, to: number, x0: number): [number, number] {
  const k = to - from;
  if (k < 2) return [k === 1 ? y[from] : 0, 0];
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < k; i++) {
    sx += x0 + i;
    sy += y[from + i];
  }
  const mx = sx / k;
  const my = sy / k;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < k; i++) {
    const dx = x0 + i - mx;
    sxy += dx * (y[from + i] - my);
    sxx += dx * dx;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return [my - slope * mx, slope];
}

/**
 * Ordinary least squares by the normal equations (Gaussian elimination with
 * partial pivoting); columns given as arrays. Returns NaN coefficients for a
 * singular design. For the handful of columns a seasonal start needs.
 *
 * @example
 * leastSquares([Float64Array.of(1, 1, 1), Float64Array.of(0, 1, 2)], Float64Array.of(1, 3, 5)); // => [1, 2]
 */
export function leastSquares(columns: Float64Array[], y: Float64Array): Float64Array {
  const k = columns.length;
  const a = new Float64Array(k * (k + 1));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < y.length; t++) s += columns[i][t] * columns[j][t];
      a[i * (k + 1) + j] = s;
    }
    let s = 0;
    for (let t = 0; t < y.length; t++) s += columns[i][t] * y[t];
    a[i * (k + 1) + k] = s;
  }
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * (k + 1) + c]) > Math.abs(a[pivot * (k + 1) + c])) pivot = r;
    if (pivot !== c) {
      for (let j = 0; j <= k; j++) {
        const tmp = a[c * (k + 1) + j];
        a[c * (k + 1) + j] = a[pivot * (k + 1) + j];
        a[pivot * (k + 1) + j] = tmp;
      }
    }
    const d = a[c * (k + 1) + c];
    if (Math.abs(d) < 1e-300) return new Float64Array(k).fill(NaN);
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const factor = a[r * (k + 1) + c] / d;
      for (let j = c; j <= k; j++) a[r * (k + 1) + j] -= factor * a[c * (k + 1) + j];
    }
  }
  const beta = new Float64Array(k);
  for (let i = 0; i < k; i++) beta[i] = a[i * (k + 1) + k] / a[i * (k + 1) + i];
  return beta;
}
