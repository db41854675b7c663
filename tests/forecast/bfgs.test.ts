/**
 * bfgs against R 4.2.2's optim(method = "BFGS") with its numerical gradient: the same steps reach
 * the same point (R: optim(c(-1.2, 1), fr, method = "BFGS") on Rosenbrock's function).
 */
import { describe, expect, it } from 'vitest';
import { bfgs, optimHessian } from '../../src/forecast/bfgs.js';

describe('bfgs as R optim BFGS', () => {
  it("stops where R's optim stops on Rosenbrock's function", () => {
    const fr = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const result = bfgs(fr, Float64Array.of(-1.2, 1));
    expect(result.x[0]).toBeCloseTo(0.999804433231, 8);
    expect(result.x[1]).toBeCloseTo(0.999608380623, 8);
    expect(result.value).toBeCloseTo(3.82738275611e-8, 12);
    expect(result.converged).toBe(true);
  });

  it('honours parscale and stops early at maxEvaluations', () => {
    const f = (x: Float64Array): number => (x[0] - 3) ** 2 + 10 * (x[1] + 2) ** 2;
    const result = bfgs(f, Float64Array.of(1, 1), { parscale: [10, 0.1] });
    expect(result.x[0]).toBeCloseTo(3, 6);
    expect(result.x[1]).toBeCloseTo(-2, 6);
    const capped = bfgs((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, Float64Array.of(-1.2, 1), { maxEvaluations: 10 });
    expect(capped.converged).toBe(false);
    expect(capped.evaluations).toBeLessThan(40);
  });

  it('numerical Hessian of a quadratic is its matrix', () => {
    const H = optimHessian((x) => x[0] ** 2 + 3 * x[0] * x[1] + 5 * x[1] ** 2, Float64Array.of(0.3, -0.2));
    expect(H?.[0][0]).toBeCloseTo(2, 6);
    expect(H?.[0][1]).toBeCloseTo(3, 6);
    expect(H?.[1][1]).toBeCloseTo(10, 6);
  });
});
