/**
 * Nelder–Mead as R's optim: converges on smooth problems, honours bounds,
 * and stops at maxit.
 */
import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../src/forecast/optim.js';

describe('nelderMead', () => {
  it('nelderMead(Rosenbrock, [-1.2, 1]) reaches (1, 1), as optim() does', () => {
    // R: optim(c(-1.2, 1), fr)$par ≈ c(1.000260, 1.000506) (R's optim help page)
    const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;
    const result = nelderMead(rosenbrock, Float64Array.of(-1.2, 1), { maxit: 500 });
    expect(result.x[0]).toBeCloseTo(1.00026, 3);
    expect(result.x[1]).toBeCloseTo(1.000506, 3);
    expect(result.evaluations).toBe(195);
  });

  it('nelderMead(f, start, { lower, upper }) stays inside the box', () => {
    const result = nelderMead((x) => (x[0] - 5) ** 2, Float64Array.of(0.5), { lower: Float64Array.of(0), upper: Float64Array.of(1) });
    expect(result.x[0]).toBeLessThanOrEqual(1);
    expect(result.x[0]).toBeGreaterThan(0.99);
  });

  it('nelderMead(f, start, { maxit: 10 }) stops after about 10 evaluations, not converged', () => {
    const result = nelderMead((x) => (x[0] - 1) ** 2 + (x[1] - 2) ** 2 + (x[2] - 3) ** 2, Float64Array.of(100, 100, 100), { maxit: 10 });
    expect(result.evaluations).toBeLessThanOrEqual(13);
    expect(result.converged).toBe(false);
  });
});
