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
  /**
   * Fills `out` with `out.length` successive draws of {@link Rng.nextInt}(n): the same numbers, in the same
   * order, leaving the stream where those calls would. One call per bootstrap resample instead of one per
   * document keeps the generator's state in registers and checks `n` once.
   *
   * @param n - an integer in [1, 2^31], so that every draw fits an Int32Array.
   */
  fillInts(n: number, out: Int32Array): void;
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
      const limit = rejectionLimit(n);
      for (;;) {
        const x = nextUint32();
        if (x < limit) return remainder(x, n);
      }
    },
    fillInts(n: number, out: Int32Array): void {
      if (!Number.isInteger(n) || n < 1 || n > 2147483648) {
        throw new RangeError(`fillInts needs an integer n in [1, 2^31], got ${n}`);
      }
      const limit = rejectionLimit(n);
      // The steps of nextUint32 on local copies of the state: closure variables would be loaded from and
      // stored to the heap on every draw. The state is written back at the end, so the stream continues.
      let s0 = a;
      let s1 = b;
      let s2 = c;
      let s3 = d;
      for (let i = 0; i < out.length; ) {
        const x = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
        if (x < limit) out[i++] = remainder(x, n);
      }
      a = s0;
      b = s1;
      c = s2;
      d = s3;
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

/** Rejection sampling for nextInt(n): draws at or above this are dropped, so every residue is equally likely. */
function rejectionLimit(n: number): number {
  return 4294967296 - (4294967296 % n);
}

/**
 * x % n for integers 0 ≤ x < 2^32 and 1 ≤ n ≤ 2^32, computed as x − ⌊x / n⌋·n: in V8, `%` of numbers above
 * 2^31 (half of all draws) falls back to the C library's fmod, several times slower than a division.
 *
 * Exact, not an approximation: write x = q·n + r with 0 ≤ r < n. For r > 0 the true quotient x/n lies at
 * least 1/n below q + 1, and rounding could only reach q + 1 from within half a spacing of doubles there, at
 * most (q + 1)·2^−53 ≤ (2^32/n + 1)·2^−53 < 1/n. Rounding is monotonic, so the rounded quotient is in
 * [q, q + 1) and its floor is q. Then q·n ≤ x < 2^53 and x − q·n are computed exactly.
 */
function remainder(x: number, n: number): number {
  return x - Math.floor(x / n) * n;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
