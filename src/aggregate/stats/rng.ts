/**
 * A small seeded pseudo-random generator (xoshiro128**, Blackman & Vigna 2018).
 *
 * Why our own: every bootstrap interval and permutation p value this tool prints must be
 * reproducible from the seed that is written next to it, on any machine and any Node
 * version. `Math.random` cannot be seeded, so reports would differ between runs.
 * xoshiro128** works on 32-bit integers only (exact with `Math.imul` and `>>>`), passes
 * BigCrush, and has a 2^128 − 1 period, which is ample for a few million draws per report.
 */

/** A seed: a number (any finite value) or a string such as `"report-2024/bootstrap"`. */
export type Seed = number | string;

/** A seeded stream of random numbers. Each call advances the stream. */
export interface Rng {
  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** A uniform integer in [0, n), without modulo bias. `n` must be an integer in [1, 2^32]. */
  nextInt(n: number): number;
  /** A standard normal deviate (Box–Muller), for simulations. */
  nextNormal(): number;
}

/**
 * Hash a seed into 32 bits. Strings use FNV-1a over UTF-16 code units so that the same text
 * gives the same stream everywhere; numbers are split into their high and low 32-bit words so
 * that nearby seeds (1, 2, 3, ...) and non-integers still give distinct states.
 */
function seedToUint32(seed: Seed): number {
  if (typeof seed === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number or a string, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  const frac = Math.floor((seed - Math.floor(seed)) * 4294967296) >>> 0;
  return (low ^ Math.imul(high, 0x9e3779b1) ^ Math.imul(frac, 0x85ebca6b)) >>> 0;
}

/** splitmix32: spreads one 32-bit seed over the four state words, so that no seed gives the all-zero state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Create a seeded generator. The same seed always gives the same sequence.
 *
 * @param seed - number or string; derive independent streams with distinct strings (`${seed}/perm`).
 */
export function createRng(seed: Seed): Rng {
  const init = { s: seedToUint32(seed) };
  let a = splitmix32(init);
  let b = splitmix32(init);
  let c = splitmix32(init);
  let d = splitmix32(init);
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point of xoshiro

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  let spareNormal: number | null = null;

  return {
    next: () => nextUint32() / 4294967296,
    nextInt(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
        throw new RangeError(`nextInt needs an integer n in [1, 2^32], got ${n}`);
      }
      // Rejection sampling: drop the top partial block of 2^32 so every residue is equally likely.
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const x = nextUint32();
        if (x < limit) return x % n;
      }
    },
    nextNormal(): number {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      // 1 − u keeps the logarithm's argument in (0, 1].
      const u = 1 - nextUint32() / 4294967296;
      const v = nextUint32() / 4294967296;
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
