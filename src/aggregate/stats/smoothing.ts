/**
 * Smoothers for indicator series: trailing rolling mean and exponentially weighted moving average.
 *
 * Both return a new array and leave the input untouched: the raw per-period values are what the
 * report's tables and confidence intervals are built on, and a chart's smoothing must never leak
 * into them. Empty periods (null) are gaps, not zeros: a week without coverage says nothing
 * about dehumanization, so it must not pull the line down.
 */

/** Default trailing window (periods) of {@link rollingMean}: four weeks ≈ one month on weekly series. */
export const DEFAULT_ROLLING_WINDOW = 4;
/** Default smoothing weight of {@link ewma}: the newest period gets 30 %, a half-life of about two periods. */
export const DEFAULT_EWMA_ALPHA = 0.3;

/** Options of {@link rollingMean}. */
export interface RollingMeanOptions {
  /**
   * Per-period weights (e.g. documents or sentences behind each value). When given, the window's
   * mean is weighted, so that for ratio indicators it equals the pooled ratio of the window and a
   * week with 3 articles does not count as much as a week with 300. Default: all 1.
   */
  readonly weights?: readonly number[];
  /** Fewest non-empty periods the window needs to give a value; default 1. */
  readonly minObservations?: number;
}

/**
 * Trailing rolling mean over the last `window` periods (the current one included).
 *
 * The window counts calendar periods, not observations: after a six-week gap, a four-week
 * window holds no data and gives null instead of reaching back to stale values. Inside the
 * window, empty periods are skipped. A value is produced at an empty period too, when the window
 * still holds at least `minObservations` non-empty periods, so that a short gap does not break
 * the smoothed line.
 *
 * @param values - per-period values, null for empty periods.
 * @param window - number of periods, a positive integer; default {@link DEFAULT_ROLLING_WINDOW}.
 */
export function rollingMean(
  values: readonly (number | null)[],
  window = DEFAULT_ROLLING_WINDOW,
  options: RollingMeanOptions = {},
): (number | null)[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  const minObs = options.minObservations ?? 1;
  if (!Number.isInteger(minObs) || minObs < 1) throw new RangeError(`minObservations must be a positive integer, got ${minObs}`);
  const weights = checkWeights(values, options.weights);
  checkValues(values);
  const out: (number | null)[] = [];
  for (let t = 0; t < values.length; t++) {
    let sw = 0;
    let swx = 0;
    let count = 0;
    // Summing afresh per window (O(n·k)) instead of a running sum avoids drift from adding and
    // subtracting floats over long daily series; k is small.
    for (let i = Math.max(0, t - window + 1); i <= t; i++) {
      const v = values[i];
      const w = weights ? weights[i] : 1;
      if (v === null || w === 0) continue;
      sw += w;
      swx += w * v;
      count++;
    }
    out.push(count >= minObs && sw > 0 ? swx / sw : null);
  }
  return out;
}

/** Options of {@link ewma}. */
export interface EwmaOptions {
  /**
   * What to show at an empty period: `'carry'` (default) repeats the last smoothed level, so the
   * line stays continuous; `'null'` leaves a gap. Either way the empty period does not update
   * the level.
   */
  readonly empty?: 'carry' | 'null';
}

/**
 * Exponentially weighted moving average: s_t = α·x_t + (1 − α)·s_{t−1}, started at the first
 * non-empty value (not at 0, which would bias the start of every series downwards).
 *
 * @param values - per-period values, null for empty periods.
 * @param alpha - weight of the newest value in (0, 1]; default {@link DEFAULT_EWMA_ALPHA}. 1 returns the input.
 */
export function ewma(values: readonly (number | null)[], alpha = DEFAULT_EWMA_ALPHA, options: EwmaOptions = {}): (number | null)[] {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
  checkValues(values);
  const empty = options.empty ?? 'carry';
  const out: (number | null)[] = [];
  let level: number | null = null;
  for (const v of values) {
    if (v === null) {
      out.push(empty === 'carry' ? level : null);
      continue;
    }
    level = level === null ? v : alpha * v + (1 - alpha) * level;
    out.push(level);
  }
  return out;
}

function checkValues(values: readonly (number | null)[]): void {
  for (const v of values) {
    if (v !== null && !Number.isFinite(v)) throw new RangeError(`values must be finite numbers or null, found ${v}`);
  }
}

function checkWeights(values: readonly unknown[], weights: readonly number[] | undefined): readonly number[] | undefined {
  if (weights === undefined) return undefined;
  if (weights.length !== values.length) throw new RangeError(`weights (${weights.length}) and values (${values.length}) differ in length`);
  for (const w of weights) if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`weights must be finite and non-negative, found ${w}`);
  return weights;
}
