/**
 * NelderMeadSearch (ask and tell) against R's nmmin written out here as one loop that calls its
 * objective (the form nelderMead had before the search was made a state machine): on problems
 * with bounds, non-finite regions, shrinks, maxit reached and no coordinate at all, the search asks
 * for the same points in the same order and stops with the same result, to the bit.
 */
import { describe, expect, it } from 'vitest';
import { nelderMead, NelderMeadSearch, type NelderMeadOptions, type NelderMeadResult } from '../../src/forecast/optim.js';
import { seededRandom } from '../../src/forecast/models/npts.js';

const BIG = 1.0e35;

// R's nmmin (src/appl/optim.c) as a loop; a point outside the bounds is valued Infinity without asking
function referenceNmmin(ask: (x: Float64Array) => number, start: Float64Array, options: NelderMeadOptions = {}): NelderMeadResult {
  const n = start.length;
  const maxit = options.maxit ?? 2000;
  const intol = options.reltol ?? Math.sqrt(2.220446049250313e-16);
  const abstol = options.abstol ?? -Infinity;
  const lower = options.lower;
  const upper = options.upper;
  const bvec = Float64Array.from(start);
  if (n === 0) return { x: bvec, value: ask(bvec), evaluations: 1, converged: true };

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

  let f = (lower || upper) && !inside(bvec) ? Infinity : ask(bvec);
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
          f = (lower || upper) && !inside(bvec) ? Infinity : ask(bvec);
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
    f = (lower || upper) && !inside(bvec) ? Infinity : ask(bvec);
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
      f = (lower || upper) && !inside(bvec) ? Infinity : ask(bvec);
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
      f = (lower || upper) && !inside(bvec) ? Infinity : ask(bvec);
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


/** The points asked and the result, from the reference loop and from the search. */
function both(objective: (x: Float64Array) => number, start: Float64Array, options: NelderMeadOptions = {}) {
  const referencePoints: number[][] = [];
  const reference = referenceNmmin((x) => {
    referencePoints.push([...x]);
    return objective(x);
  }, start, options);
  const searchPoints: number[][] = [];
  const search = new NelderMeadSearch(start, options);
  while (search.result === undefined) {
    searchPoints.push([...search.point]);
    search.tell(objective(search.point));
  }
  return { reference, referencePoints, result: search.result, searchPoints };
}

const same = (a: NelderMeadResult, b: NelderMeadResult) => {
  expect([...a.x]).toEqual([...b.x]);
  expect(Object.is(a.value, b.value)).toBe(true);
  expect([a.evaluations, a.converged]).toEqual([b.evaluations, b.converged]);
};

describe('NelderMeadSearch(start, options)', () => {
  it('asks for the points R\'s nmmin evaluates, in its order, and stops where it stops (400 random problems)', () => {
    const random = seededRandom(7);
    let bounded = 0;
    let unconverged = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(random() * 5);
      const centre = Float64Array.from({ length: n }, () => (random() - 0.5) * 20);
      const start = Float64Array.from({ length: n }, (_, i) => (trial % 7 === 0 && i === 0 ? 0 : (random() - 0.5) * 10));
      const scale = Float64Array.from({ length: n }, () => 0.1 + random() * 10);
      const kind = trial % 4;
      const objective = (x: Float64Array) => {
        let v = 0;
        for (let i = 0; i < n; i++) v += scale[i] * (x[i] - centre[i]) ** 2;
        if (kind === 1) v += 100 * (x[n - 1] - x[0] * x[0]) ** 2; // a curved valley
        if (kind === 2 && x[0] > centre[0] + 1) return NaN; // a region where the objective is undefined
        if (kind === 3 && x[0] < centre[0] - 2) return Infinity;
        return v;
      };
      const options: NelderMeadOptions = { maxit: trial % 5 === 0 ? 1 + Math.floor(random() * 40) : 2000 };
      if (trial % 3 === 0) {
        options.lower = Float64Array.from(start, (s) => s - 1 - random() * 3);
        options.upper = Float64Array.from(start, (s) => s + 1 + random() * 3);
        bounded++;
      }
      if (trial % 11 === 0) options.reltol = 1e-12;
      const { reference, referencePoints, result, searchPoints } = both(objective, start, options);
      expect(searchPoints).toEqual(referencePoints);
      same(result, reference);
      if (!result.converged) unconverged++;
    }
    expect(bounded).toBeGreaterThan(100);
    expect(unconverged).toBeGreaterThan(10);
  });

  it('a start outside the bounds stops at once, valued Infinity, without asking', () => {
    const { referencePoints, result, searchPoints, reference } = both((x) => x[0] ** 2, Float64Array.of(5), { lower: Float64Array.of(0), upper: Float64Array.of(1) });
    expect(searchPoints).toEqual([]);
    expect(referencePoints).toEqual([]);
    same(result, reference);
    expect(result.value).toBe(Infinity);
  });

  it('with no coordinate, asks once and returns that value', () => {
    const { result, searchPoints } = both(() => 3, new Float64Array(0));
    expect(searchPoints).toEqual([[]]);
    expect(result).toMatchObject({ value: 3, evaluations: 1, converged: true });
  });

  it('nelderMead is the search driven by its objective; tell after the stop throws', () => {
    const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;
    const { reference, result } = both(rosenbrock, Float64Array.of(-1.2, 1), { maxit: 500 });
    same(nelderMead(rosenbrock, Float64Array.of(-1.2, 1), { maxit: 500 }), reference);
    same(result, reference);
    const search = new NelderMeadSearch(Float64Array.of(0));
    while (!search.result) search.tell((search.point[0] - 3) ** 2);
    expect(() => search.tell(0)).toThrow(/already stopped/);
  });
});
