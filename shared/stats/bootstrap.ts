/**
 * Nonparametric bootstrap over units (sessions): draw units with replacement, recompute the
 * statistic, and take the percentile interval. A seeded PRNG makes every interval
 * reproducible: the same data, seed and resample count give the same figures.
 *
 * Resamples where the statistic is undefined (NaN, e.g. no variation in the draw) are left
 * out; `valid` says how many remained. The interval is NaN when fewer than half were valid.
 */
import { alphaAllMetrics, sumCoincidences, type AlphaMetric, type PreparedAlpha } from './krippendorff';

/** mulberry32: a small, fast 32-bit generator; returns uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** PRNG seed (default 18). */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
}

export interface BootstrapInterval {
  lo: number;
  hi: number;
  /** Resamples where the statistic was defined. */
  valid: number;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 18;

/** The q-quantile of ascending values, linear between order statistics (R's type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function percentileInterval(samples: ArrayLike<number>, total: number, level = 0.95): BootstrapInterval {
  const finite = new Float64Array(samples.length);
  let valid = 0;
  for (let i = 0; i < samples.length; i++) if (Number.isFinite(samples[i])) finite[valid++] = samples[i]!;
  const sorted = finite.subarray(0, valid).sort(); // a typed array sorts numerically
  if (valid === 0 || valid * 2 < total) return { lo: NaN, hi: NaN, valid };
  const tail = (1 - level) / 2;
  return { lo: quantileSorted(sorted, tail), hi: quantileSorted(sorted, 1 - tail), valid };
}

/**
 * Bootstraps several statistics at once over the same resamples: `statistic` gets the drawn
 * unit indices (length nUnits, with repeats) and returns one number per statistic (it may
 * return the same array every time: the values are copied at once).
 */
export function bootstrapMany(nUnits: number, statistic: (indices: Int32Array) => ArrayLike<number>, options: BootstrapOptions = {}): BootstrapInterval[] {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const samples: Float64Array[] = [];
  const idx = new Int32Array(nUnits);
  for (let r = 0; r < resamples && nUnits > 0; r++) {
    for (let i = 0; i < nUnits; i++) idx[i] = Math.floor(random() * nUnits);
    const values = statistic(idx);
    for (let s = 0; s < values.length; s++) (samples[s] ??= new Float64Array(resamples))[r] = values[s]!;
  }
  return samples.map((s) => percentileInterval(s, resamples, options.level));
}

/** Bootstraps one statistic. */
export function bootstrap(nUnits: number, statistic: (indices: Int32Array) => number, options: BootstrapOptions = {}): BootstrapInterval {
  return bootstrapMany(nUnits, (idx) => [statistic(idx)], options)[0] ?? { lo: NaN, hi: NaN, valid: 0 };
}

/**
 * Percentile intervals of Krippendorff's alpha for each metric, resampling clusters of units:
 * `clusters[c]` lists the units of cluster c (a session; several units when factors are
 * pooled). Without clusters, every unit is its own cluster.
 */
export function alphaIntervals(prepared: PreparedAlpha, options: BootstrapOptions = {}, clusters?: readonly (readonly number[])[]): Record<AlphaMetric, BootstrapInterval> {
  const groups = clusters ?? prepared.units.map((_, i) => [i]);
  const V = prepared.values.length;
  // Each cluster's coincidences summed once and kept sparse (a session uses few of the V²
  // value pairs), so a resample costs a few additions per drawn session.
  const start = new Int32Array(groups.length + 1);
  const sums = groups.map((units) => sumCoincidences(prepared, units));
  const total = sums.reduce((n, sum) => n + sum.filter((x) => x !== 0).length, 0);
  const cells = new Int32Array(total);
  const weights = new Float64Array(total);
  let e = 0;
  sums.forEach((sum, c) => {
    for (let i = 0; i < sum.length; i++) {
      if (sum[i] !== 0) {
        cells[e] = i;
        weights[e++] = sum[i]!;
      }
    }
    start[c + 1] = e;
  });
  const o = new Float64Array(V * V);
  const out = new Float64Array(3);
  const intervals = bootstrapMany(
    groups.length,
    (idx) => {
      o.fill(0);
      for (let i = 0; i < idx.length; i++) {
        const c = idx[i]!;
        for (let e = start[c]!; e < start[c + 1]!; e++) o[cells[e]!]! += weights[e]!;
      }
      return alphaAllMetrics(prepared.values, o, out);
    },
    options,
  );
  const none = { lo: NaN, hi: NaN, valid: 0 };
  return { nominal: intervals[0] ?? none, ordinal: intervals[1] ?? none, interval: intervals[2] ?? none };
}
