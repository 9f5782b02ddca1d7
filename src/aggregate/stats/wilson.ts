/**
 * Wilson score interval for a proportion, and the inverse normal CDF it needs.
 *
 * Why Wilson and not the textbook Wald interval p ± z·√(p(1−p)/n): indicator cells are often
 * small (a week of one outlet, a workshop session) and proportions near 0 are the norm for
 * dehumanization. Wald collapses to [0, 0] at k = 0 and leaves [0, 1] elsewhere; Wilson stays
 * inside [0, 1], is never zero-width, and has near-nominal coverage (Newcombe 1998).
 */

/** A point estimate with a confidence interval. */
export interface ProportionInterval {
  /** k / n. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** The two-sided confidence level used, e.g. 0.95. */
  readonly confidence: number;
}

// Coefficients of Acklam's rational approximations (relative error below 1.15e-9 over (0, 1)).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/**
 * Inverse of the standard normal CDF (the quantile function), by Peter Acklam's algorithm.
 *
 * Why an approximation of our own: JavaScript has no built-in, and we need z for any
 * confidence level a user asks for (0.9, 0.99, 0.999), not just a table of 1.96.
 *
 * @param p - probability in (0, 1); 0 and 1 give −∞ and +∞.
 * @returns z such that Φ(z) = p, to about 1e-9 relative accuracy.
 */
export function inverseNormalCdf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * The two-sided critical value z for a confidence level: Φ⁻¹(1 − (1 − level)/2).
 *
 * @param level - confidence level in (0, 1), e.g. 0.95 → 1.959964.
 */
export function zForConfidence(level: number): number {
  assertConfidence(level);
  return inverseNormalCdf(1 - (1 - level) / 2);
}

/**
 * Wilson score interval for k successes out of n trials.
 *
 * Formula, with p̂ = k/n and z = {@link zForConfidence}(level):
 *   centre = (p̂ + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √( p̂(1 − p̂)/n + z²/4n² )
 *
 * @param k - successes, an integer in [0, n].
 * @param n - trials, a non-negative integer.
 * @param level - confidence level, default 0.95.
 * @returns the interval, or null when n = 0 (no data is not a proportion of zero).
 */
export function wilsonInterval(k: number, n: number, level = 0.95): ProportionInterval | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k must be an integer in [0, n=${n}], got ${k}`);
  assertConfidence(level);
  if (n === 0) return null;
  const z = zForConfidence(level);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // At k = 0 and k = n the bound is exactly 0 or 1 in exact arithmetic; pin it so that
  // rounding never reports a lower bound of 1e-17 or an upper bound above 1.
  const lower = k === 0 ? 0 : Math.max(0, Math.min(p, centre - half));
  const upper = k === n ? 1 : Math.min(1, Math.max(p, centre + half));
  return { estimate: p, lower, upper, confidence: level };
}

function assertConfidence(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}
