/**
 * String hashing for the hashed feature space: FNV-1a over UTF-16 code units, finished with the murmur3
 * mixer so low and high bits are both usable. Works on a string without allocating, so the tokens of a
 * corpus can be hashed on the hot path.
 */

/** FNV-1a 32-bit of `s` (code units), seeded, finished with fmix32. Unsigned 32-bit result. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Combines two hashes (order matters: "we are" differs from "are we"). */
export function combineHashes(a: number, b: number, seed = 0): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ b ^ seed) >>> 0);
}

/** The murmur3 finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
