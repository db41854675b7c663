/**
 * Exact Gaussian likelihood of a stationary ARMA (the differenced series of an ARIMA) by the Kalman
 * filter on R's state-space form (stats::arima's `ARIMA_Like`, Gardner et al. 1980): state
 * a_t = T a_{t−1} + R e_t with T's first column phi and an identity above the diagonal, R = (1, θ_1, …),
 * started at the stationary covariance. R runs the filter on the undifferenced series with a diffuse
 * prior (κ = 1e6) for the differenced part and drops those first d + D·m innovations; differencing
 * first gives the same likelihood without the large κ. σ² is concentrated out, as in R.
 * Also R's parameter transforms for the optimiser (`ARIMA_transPars`: tanh of partial autocorrelations
 * keeps each AR part stationary) and `maInvert`.
 */

/** tanh then Durbin–Levinson: unconstrained values to the coefficients of a stationary AR (R's `partrans`). */
export function partrans(raw: ArrayLike<number>): Float64Array {
  const p = raw.length;
  const out = Float64Array.from(raw, Math.tanh);
  const work = Float64Array.from(out);
  for (let j = 1; j < p; j++) {
    const a = out[j];
    for (let k = 0; k < j; k++) work[k] -= a * out[j - k - 1];
    for (let k = 0; k < j; k++) out[k] = work[k];
  }
  return out;
}

/** Inverse of {@link partrans} (R's `invpartrans`): AR coefficients to unconstrained values. */
export function invPartrans(phi: ArrayLike<number>): Float64Array {
  const p = phi.length;
  const out = Float64Array.from(phi);
  const work = Float64Array.from(out);
  for (let j = p - 1; j > 0; j--) {
    const a = out[j];
    for (let k = 0; k < j; k++) work[k] = (out[k] + a * out[j - k - 1]) / (1 - a * a);
    for (let k = 0; k < j; k++) out[k] = work[k];
  }
  return out.map(Math.atanh);
}

/** Roots of 1 + c_1 z + … + c_q z^q (Durand–Kerner; q is small: one MA part of an ARIMA). */
export function polyRoots(c: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  let q = c.length;
  while (q > 0 && c[q - 1] === 0) q--;
  const lead = c[q - 1];
  // monic form z^q + a_{q−1} z^{q−1} + … + a_0 with a_k = coef(z^k) / c_q
  const a = new Float64Array(q + 1);
  a[0] = 1 / lead;
  for (let k = 1; k <= q; k++) a[k] = c[k - 1] / lead;
  const re = new Float64Array(q);
  const im = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    const angle = (2 * Math.PI * i) / q + 0.4;
    const radius = 1 + Math.abs(a[0]) ** (1 / q);
    re[i] = radius * Math.cos(angle);
    im[i] = radius * Math.sin(angle);
  }
  for (let iter = 0; iter < 500; iter++) {
    let change = 0;
    for (let i = 0; i < q; i++) {
      // p(z) by Horner from the leading coefficient
      let pr = 1;
      let pi = 0;
      for (let k = q - 1; k >= 0; k--) {
        const nr = pr * re[i] - pi * im[i] + a[k];
        pi = pr * im[i] + pi * re[i];
        pr = nr;
      }
      let dr = 1;
      let di = 0;
      for (let j = 0; j < q; j++) if (j !== i) {
        const xr = re[i] - re[j];
        const xi = im[i] - im[j];
        const nr = dr * xr - di * xi;
        di = dr * xi + di * xr;
        dr = nr;
      }
      const den = dr * dr + di * di;
      const sr = (pr * dr + pi * di) / den;
      const si = (pi * dr - pr * di) / den;
      re[i] -= sr;
      im[i] -= si;
      change = Math.max(change, Math.hypot(sr, si));
    }
    if (change < 1e-14) break;
  }
  return { re, im };
}

/** R's `maInvert`: MA roots inside the unit circle replaced by their inverses (same likelihood, invertible). */
export function maInvert(ma: ArrayLike<number>): Float64Array {
  const q = ma.length;
  let q0 = q;
  while (q0 > 0 && ma[q0 - 1] === 0) q0--;
  if (q0 === 0) return Float64Array.from(ma);
  const { re, im } = polyRoots(Array.prototype.slice.call(ma, 0, q0) as number[]);
  let inside = false;
  for (let i = 0; i < q0; i++) if (Math.hypot(re[i], im[i]) < 1) inside = true;
  if (!inside) return Float64Array.from(ma);
  const out = new Float64Array(q);
  if (q0 === 1) {
    out[0] = 1 / ma[0];
    return out;
  }
  for (let i = 0; i < q0; i++) {
    const mod2 = re[i] * re[i] + im[i] * im[i];
    if (mod2 < 1) {
      re[i] /= mod2;
      im[i] = -im[i] / mod2;
    }
  }
  // x(z) = Π (1 − z / root)
  let xr = [1];
  let xi = [0];
  for (let i = 0; i < q0; i++) {
    const mod2 = re[i] * re[i] + im[i] * im[i];
    const ir = re[i] / mod2;
    const ii = -im[i] / mod2;
    const nr = new Array<number>(xr.length + 1).fill(0);
    const ni = new Array<number>(xr.length + 1).fill(0);
    for (let k = 0; k < xr.length; k++) {
      nr[k] += xr[k];
      ni[k] += xi[k];
      nr[k + 1] -= xr[k] * ir - xi[k] * ii;
      ni[k + 1] -= xr[k] * ii + xi[k] * ir;
    }
    xr = nr;
    xi = ni;
  }
  for (let k = 0; k < q0; k++) out[k] = xr[k + 1];
  return out;
}

/** Smallest modulus of the roots of 1 − Σ phi_i z^i (Infinity for none): forecast's `myarima` rejects fits under 1.01. */
export function minRootModulus(poly: ArrayLike<number>, sign: 1 | -1): number {
  let last = poly.length;
  while (last > 0 && !(Math.abs(poly[last - 1]) > 1e-8)) last--;
  if (last === 0) return Infinity;
  const c = Array.from({ length: last }, (_, i) => sign * poly[i]);
  const { re, im } = polyRoots(c);
  let min = Infinity;
  for (let i = 0; i < re.length; i++) min = Math.min(min, Math.hypot(re[i], im[i]));
  return min;
}

function solve(a: Float64Array[], b: Float64Array): Float64Array | undefined {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
    if (!(Math.abs(a[piv][col]) > 1e-300)) return undefined;
    [a[col], a[piv]] = [a[piv], a[col]];
    [b[col], b[piv]] = [b[piv], b[col]];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / a[col][col];
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[r][k] -= f * a[col][k];
      b[r] -= f * b[col];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x;
}

/**
 * Stationary covariance of the state (unit innovation variance), r = max(p, q + 1), row-major.
 * From the autocovariances γ and the psi weights: the first row is Cov(y_t, a_t[j]), then
 * P[i+1][k+1] = P[i][k] − φ_{i+1}φ_{k+1}P[0][0] − φ_{i+1}P[0][k+1] − φ_{k+1}P[i+1][0] − θ_iθ_k
 * (the Lyapunov equation P = T P Tᵀ + R Rᵀ read entry by entry). O(p³ + r²): R's Gardner method
 * solves a system of size p(p+1)/2 instead, the same matrix. Undefined when the AR part has a unit root.
 */
export function stationaryCovariance(phi: ArrayLike<number>, theta: ArrayLike<number>): Float64Array | undefined {
  const p = phi.length;
  const q = theta.length;
  const r = Math.max(p, q + 1);
  const ph = (k: number): number => (k >= 1 && k <= p ? phi[k - 1] : 0);
  const th = (k: number): number => (k === 0 ? 1 : k <= q ? theta[k - 1] : 0);
  const psi = new Float64Array(r + 1);
  for (let j = 0; j <= r; j++) {
    let v = th(j);
    for (let k = 1; k <= Math.min(j, p); k++) v += phi[k - 1] * psi[j - k];
    psi[j] = v;
  }
  // rhs(h) = Σ_{j=h}^{q} θ_j ψ_{j−h}
  const rhs = (h: number): number => {
    let s = 0;
    for (let j = h; j <= q; j++) s += th(j) * psi[j - h];
    return s;
  };
  const gamma = new Float64Array(r + 2);
  if (p === 0) {
    for (let h = 0; h <= r + 1; h++) gamma[h] = rhs(h);
  } else {
    const a = Array.from({ length: p + 1 }, () => new Float64Array(p + 1));
    const b = new Float64Array(p + 1);
    for (let h = 0; h <= p; h++) {
      a[h][h] += 1;
      for (let k = 1; k <= p; k++) a[h][Math.abs(h - k)] -= phi[k - 1];
      b[h] = rhs(h);
    }
    const g = solve(a, b);
    if (!g || !(g[0] > 0)) return undefined;
    for (let h = 0; h <= Math.min(p, r + 1); h++) gamma[h] = g[h];
    for (let h = p + 1; h <= r + 1; h++) {
      let v = rhs(h);
      for (let k = 1; k <= p; k++) v += phi[k - 1] * gamma[h - k];
      gamma[h] = v;
    }
  }
  const P = new Float64Array(r * r);
  // P[0][j] = Cov(y_t, Σ_l φ_{j+1+l} y_{t−1−l} + Σ_l θ_{j+l} e_{t−l})
  for (let j = 0; j < r; j++) {
    let s = 0;
    if (j === 0) s = gamma[0];
    else for (let l = 0; l <= r - 1 - j; l++) s += ph(j + 1 + l) * gamma[l + 1] + th(j + l) * psi[l];
    P[j] = s;
    P[j * r] = s;
  }
  for (let i = 0; i + 1 < r; i++) {
    for (let k = i; k + 1 < r; k++) {
      const v = P[i * r + k] - ph(i + 1) * ph(k + 1) * P[0] - ph(i + 1) * P[k + 1] - ph(k + 1) * P[i + 1] - th(i) * th(k);
      P[(i + 1) * r + k + 1] = v;
      P[(k + 1) * r + i + 1] = v;
    }
  }
  return P;
}

/** What {@link arimaLike} returns: R's (ssq, Σ log gain, n) and, on request, standardized innovations and the last filtered state. */
export interface LikeResult {
  ssq: number;
  sumlog: number;
  nu: number;
  residuals?: Float64Array;
  state?: Float64Array;
}

/**
 * Kalman filter of the zero-mean stationary ARMA `w` (phi, theta expanded, subtracted and added form).
 * Once the filtered covariance has vanished (every diagonal under 1e-12 of σ²; it tends to 0 for an
 * invertible MA) the filter is in its steady state (gain 1, the CSS recursion), and the O(r²) covariance
 * update stops: series of 1,600 weeks with a lag-52 state stay fast. Undefined when the AR part is not stationary.
 */
export function arimaLike(w: ArrayLike<number>, phi: ArrayLike<number>, theta: ArrayLike<number>, keep = false): LikeResult | undefined {
  const p = phi.length;
  const q = theta.length;
  const r = Math.max(p, q + 1);
  const n = w.length;
  const P0 = stationaryCovariance(phi, theta);
  if (!P0) return undefined;
  // P is kept (r+1)×(r+1) with a zero last row and column, and phi padded to r, so the update
  // Pnew = T P Tᵀ + v vᵀ has no branches: Pnew[i][j] = v_i v_j + φ_i φ_j P00 + P[i+1][j+1] + φ_i P[0][j+1] + φ_j P[0][i+1]
  const s = r + 1;
  const P = new Float64Array(s * s);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * s + j] = P0[i * r + j];
  const ph = new Float64Array(r);
  for (let i = 0; i < p; i++) ph[i] = phi[i];
  const Pnew = new Float64Array(r * r);
  const a = new Float64Array(r);
  const anew = new Float64Array(r);
  const v = new Float64Array(r);
  v[0] = 1;
  for (let i = 1; i < r; i++) v[i] = i - 1 < q ? theta[i - 1] : 0;
  const residuals = keep ? new Float64Array(n) : undefined;
  let ssq = 0;
  let sumlog = 0;
  let nu = 0;
  let steady = false;
  for (let l = 0; l < n; l++) {
    for (let i = 0; i < r; i++) anew[i] = (i < r - 1 ? a[i + 1] : 0) + ph[i] * a[0];
    const resid = w[l] - anew[0];
    if (steady) {
      for (let i = 0; i < r; i++) a[i] = anew[i] + v[i] * resid;
      ssq += resid * resid;
      nu++;
      if (residuals) residuals[l] = resid;
      continue;
    }
    if (l > 0) {
      const P00 = P[0];
      for (let i = 0; i < r; i++) {
        const vi = v[i];
        const phi_i = ph[i];
        const c_i = P[i + 1];
        const row = (i + 1) * s + 1;
        for (let j = i; j < r; j++) {
          const tmp = vi * v[j] + phi_i * (ph[j] * P00 + P[j + 1]) + ph[j] * c_i + P[row + j];
          Pnew[i * r + j] = tmp;
          Pnew[j * r + i] = tmp;
        }
      }
    } else Pnew.set(P0);
    const gain = Pnew[0];
    if (!(gain > 0)) return undefined;
    nu++;
    ssq += (resid * resid) / gain;
    sumlog += Math.log(gain);
    if (residuals) residuals[l] = resid / Math.sqrt(gain);
    let maxDiag = 0;
    for (let i = 0; i < r; i++) {
      const mi = Pnew[i] / gain;
      a[i] = anew[i] + mi * resid;
      for (let j = i; j < r; j++) {
        const val = Pnew[i * r + j] - mi * Pnew[j];
        P[i * s + j] = val;
        P[j * s + i] = val;
      }
      maxDiag = Math.max(maxDiag, P[i * s + i]);
    }
    if (maxDiag < 1e-12) steady = true;
  }
  return { ssq, sumlog, nu, ...(residuals ? { residuals } : {}), ...(keep ? { state: a } : {}) };
}
