/** Seeded samplers shared by the simulation tests (not a test file itself). */
import type { Rng } from '../../src/aggregate/stats/rng.js';

/** Binomial(n, p) by summing Bernoulli draws: exact, and fast enough for n ≤ a few hundred. */
export function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}

/** n_t uniform on [lo, hi]. */
export function sizes(rng: Rng, length: number, lo = 50, hi = 200): number[] {
  return Array.from({ length }, () => lo + rng.nextInt(hi - lo + 1));
}
