/**
 * A seeded pseudo-random generator: mulberry32, a 32-bit generator by Tommy Ettinger
 * (public domain, https://gist.github.com/tommyettinger/46a874533244883189143505d203312c).
 * Same seed, same sequence, on every machine: the sample data depends on nothing else.
 * Not for cryptography. Each draw costs a few integer operations.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  uniform(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A standard normal draw (Box-Muller), times `sd` plus `mean`. */
  normal(mean?: number, sd?: number): number;
  /** A Poisson draw of mean `lambda` (Knuth's method below 30, a rounded normal above). */
  poisson(lambda: number): number;
  /** One element of `items`, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** A new generator seeded from this one, so one part's draws do not shift another's. */
  fork(): Random;
}

/**
 * Creates a mulberry32 generator from a 32-bit integer seed.
 *
 * @example
 * const r = createRandom(42);
 * r.int(1, 6); // => the same die roll on every run for seed 42
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    normal(mean = 0, sd = 1) {
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return mean + sd * z;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return mean + sd * radius * Math.cos(2 * Math.PI * v);
    },
    poisson(lambda) {
      if (lambda <= 0) return 0;
      if (lambda >= 30) return Math.max(0, Math.round(random.normal(lambda, Math.sqrt(lambda))));
      const limit = Math.exp(-lambda);
      let k = 0;
      let product = next();
      while (product > limit) {
        k += 1;
        product *= next();
      }
      return k;
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    fork: () => createRandom(Math.floor(next() * 4294967296)),
  };
  return random;
}
