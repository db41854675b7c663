/**
 * STL (Cleveland et al. 1990) as R's `stl` runs it with its defaults and without robustness weights
 * (the Fortran of stats: inner = 2 passes, outer = 0, s.degree = 0, t.degree = l.degree = 1, jumps of
 * a tenth of each window, interpolated between). forecast's `nsdiffs` measures the seasonal strength on
 * it (via `mstl`, s.window = 11), so the seasonal difference D follows R on borderline series.
 */

/** Loess estimate at xs (1-based positions nleft..nright of y), tricube weights, degree 0 or 1 (R's `stlest`); undefined when every weight is 0. */
function est(y: Float64Array, n: number, len: number, ideg: number, xs: number, nleft: number, nright: number, w: Float64Array): number | undefined {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.trunc((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    w[j] = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      w[j] = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      a += w[j];
    }
  }
  if (a <= 0) return undefined;
  for (let j = nleft; j <= nright; j++) w[j] /= a;
  if (h > 0 && ideg > 0) {
    let mean = 0;
    for (let j = nleft; j <= nright; j++) mean += w[j] * j;
    let b = xs - mean;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j] * (j - mean) ** 2;
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j] *= b * (j - mean) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j] * y[j];
  return ys;
}

/** Loess smooth of y[1..n] into ys[1..n], estimated every `njump` points and interpolated between (R's `stless`). Arrays are 1-based. */
function less(y: Float64Array, n: number, len: number, ideg: number, njump: number, ys: Float64Array, offset: number): void {
  const w = new Float64Array(n + 1);
  const put = (i: number, v: number | undefined): void => {
    ys[offset + i] = v ?? y[i];
  };
  if (n < 2) {
    ys[offset + 1] = y[1];
    return;
  }
  const newnj = Math.min(njump, n - 1);
  let nleft = 1;
  let nright = n;
  if (len >= n) {
    for (let i = 1; i <= n; i += newnj) put(i, est(y, n, len, ideg, i, 1, n, w));
  } else if (newnj === 1) {
    const nsh = Math.trunc((len + 1) / 2);
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      put(i, est(y, n, len, ideg, i, nleft, nright, w));
    }
  } else {
    const nsh = Math.trunc((len + 1) / 2);
    for (let i = 1; i <= n; i += newnj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      put(i, est(y, n, len, ideg, i, nleft, nright, w));
    }
  }
  if (newnj !== 1) {
    for (let i = 1; i <= n - newnj; i += newnj) {
      const delta = (ys[offset + i + newnj] - ys[offset + i]) / newnj;
      for (let j = i + 1; j <= i + newnj - 1; j++) ys[offset + j] = ys[offset + i] + delta * (j - i);
    }
    const k = Math.trunc((n - 1) / newnj) * newnj + 1;
    if (k !== n) {
      put(n, est(y, n, len, ideg, n, nleft, nright, w));
      if (k !== n - 1) {
        const delta = (ys[offset + n] - ys[offset + k]) / (n - k);
        for (let j = k + 1; j <= n - 1; j++) ys[offset + j] = ys[offset + k] + delta * (j - k);
      }
    }
  }
}

/** Moving average of length len over x[1..n] into out[1..n−len+1] (R's `stlma`). */
function ma(x: Float64Array, n: number, len: number, out: Float64Array): void {
  let v = 0;
  for (let i = 1; i <= len; i++) v += x[i];
  out[1] = v / len;
  for (let j = 2; j <= n - len + 1; j++) {
    v += x[len + j - 1] - x[j - 1];
    out[j] = v / len;
  }
}

const odd = (v: number): number => (v % 2 === 0 ? v + 1 : v);

/**
 * Seasonal, trend and remainder of y with season length `period` by R's `stl(y, s.window)` defaults.
 *
 * @example
 * stl(Float64Array.from({ length: 48 }, (_, t) => t + 5 * Math.sin((2 * Math.PI * t) / 12)), 12, 11).seasonal[3]; // => ≈ 5
 */
export function stl(y: Float64Array, period: number, sWindow: number): { seasonal: Float64Array; trend: Float64Array; remainder: Float64Array } {
  const n = y.length;
  const np = Math.max(2, period);
  const ns = odd(Math.max(3, sWindow));
  const nt = odd(Math.max(3, Math.ceil((1.5 * np) / (1 - 1.5 / ns))));
  const nl = odd(Math.max(3, np));
  const [sjump, tjump, ljump] = [ns, nt, nl].map((v) => Math.ceil(v / 10));
  const Y = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) Y[i + 1] = y[i];
  const trend = new Float64Array(n + 1);
  const season = new Float64Array(n + 1);
  const c = new Float64Array(n + 2 * np + 1);
  const w1 = new Float64Array(n + 2 * np + 1);
  const w3 = new Float64Array(n + 2 * np + 1);
  const lowpass = new Float64Array(n + 1);
  const sub = new Float64Array(Math.ceil(n / np) + 3);
  const subOut = new Float64Array(Math.ceil(n / np) + 4);
  const wk = new Float64Array(Math.ceil(n / np) + 3);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 1; i <= n; i++) w1[i] = Y[i] - trend[i];
    // cycle-subseries smoothing, each extended by one point at both ends
    for (let j = 1; j <= np; j++) {
      const k = Math.trunc((n - j) / np) + 1;
      for (let i = 1; i <= k; i++) sub[i] = w1[(i - 1) * np + j];
      less(sub, k, ns, 0, sjump, subOut, 1);
      const nright = Math.min(ns, k);
      subOut[1] = est(sub, k, ns, 0, 0, 1, nright, wk) ?? subOut[2];
      const nleft = Math.max(1, k - ns + 1);
      subOut[k + 2] = est(sub, k, ns, 0, k + 1, nleft, k, wk) ?? subOut[k + 1];
      for (let m = 1; m <= k + 2; m++) c[(m - 1) * np + j] = subOut[m];
    }
    // low-pass filter of the cycle-subseries: moving averages np, np, 3 then loess
    const t1 = new Float64Array(n + 2 * np + 1);
    const t2 = new Float64Array(n + 2 * np + 1);
    ma(c, n + 2 * np, np, t1);
    ma(t1, n + np + 1, np, t2);
    ma(t2, n + 2, 3, w3);
    less(w3, n, nl, 1, ljump, lowpass, 0);
    for (let i = 1; i <= n; i++) season[i] = c[np + i] - lowpass[i];
    for (let i = 1; i <= n; i++) w1[i] = Y[i] - season[i];
    less(w1, n, nt, 1, tjump, trend, 0);
  }
  const seasonal = season.slice(1);
  const tr = trend.slice(1);
  return { seasonal, trend: tr, remainder: Float64Array.from(y, (v, i) => v - seasonal[i] - tr[i]) };
}
