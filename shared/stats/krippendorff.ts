/**
 * Krippendorff's alpha by the coincidence-matrix method (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability"), for any number of raters and missing values.
 *
 * The data is a units × raters matrix (rows: the rated things, e.g. sessions; columns: the
 * raters); null, undefined and NaN mean "not rated". A unit with fewer than two ratings is
 * not pairable and contributes nothing.
 *
 *   o[c][k] = Σ_u (number of c-k pairs in unit u) / (m_u - 1)
 *   n_c     = Σ_k o[c][k],  n = Σ_c n_c
 *   alpha   = 1 - (n - 1) Σ o[c][k] δ²(c,k) / Σ n_c n_k δ²(c,k)
 *
 * with δ² nominal: [c ≠ k]; ordinal: (Σ_{g=c..k} n_g - (n_c + n_k)/2)²; interval: (c - k)².
 * Alpha is NaN when it is undefined: fewer than two pairable values, or no variation at all.
 *
 * For resampling, prepareAlpha() computes each unit's coincidences once, and
 * alphaOfUnits() adds up any multiset of units, so a bootstrap resample costs
 * O(units × values²) instead of re-reading the ratings.
 */
import { isPresent, type Maybe } from './rank';

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';
export const ALPHA_METRICS: readonly AlphaMetric[] = ['nominal', 'ordinal', 'interval'];

export interface PreparedAlpha {
  /** The distinct values present in pairable units, ascending. */
  values: number[];
  /** One row-major values × values coincidence block per unit (zeros for an unpairable unit). */
  units: Float64Array[];
}

export function prepareAlpha(matrix: readonly (readonly Maybe[])[]): PreparedAlpha {
  const present = matrix.map((row) => row.filter(isPresent));
  const values = [...new Set(present.filter((r) => r.length >= 2).flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const V = values.length;
  const units = present.map((row) => {
    const block = new Float64Array(V * V);
    const m = row.length;
    if (m < 2) return block;
    const counts = new Map<number, number>();
    for (const v of row) {
      const i = index.get(v)!;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) block[c * V + k] = (c === k ? nc * (nc - 1) : nc * nk) / (m - 1);
    }
    return block;
  });
  return { values, units };
}

/** Sums the coincidence blocks of the given units (indices may repeat). */
export function sumCoincidences(prepared: PreparedAlpha, unitIndices?: ArrayLike<number>): Float64Array {
  const V = prepared.values.length;
  const o = new Float64Array(V * V);
  const add = (block: Float64Array) => {
    for (let i = 0; i < block.length; i++) o[i]! += block[i]!;
  };
  if (unitIndices === undefined) for (const b of prepared.units) add(b);
  else for (let i = 0; i < unitIndices.length; i++) add(prepared.units[unitIndices[i]!]!);
  return o;
}

/** Alpha from a values × values coincidence matrix. */
export function alphaFromCoincidences(values: readonly number[], o: ArrayLike<number>, metric: AlphaMetric): number {
  const V = values.length;
  const nc = new Float64Array(V);
  let n = 0;
  for (let c = 0; c < V; c++) {
    let s = 0;
    for (let k = 0; k < V; k++) s += o[c * V + k]!;
    nc[c] = s;
    n += s;
  }
  if (n < 2) return NaN;
  // Cumulative marginals for the ordinal metric: cum[c] = Σ_{g<c} n_g.
  const cum = new Float64Array(V + 1);
  for (let c = 0; c < V; c++) cum[c + 1] = cum[c]! + nc[c]!;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = c + 1; k < V; k++) {
      let d: number;
      if (metric === 'nominal') d = 1;
      else if (metric === 'interval') d = (values[c]! - values[k]!) ** 2;
      else d = (cum[k + 1]! - cum[c]! - (nc[c]! + nc[k]!) / 2) ** 2;
      // δ² is symmetric and zero on the diagonal: count each off-diagonal pair twice.
      observed += 2 * o[c * V + k]! * d;
      expected += 2 * nc[c]! * nc[k]! * d;
    }
  }
  if (expected === 0) return NaN;
  return 1 - ((n - 1) * observed) / expected;
}

/** Alpha over the given units (all when omitted; indices may repeat, as in a bootstrap). */
export function alphaOfUnits(prepared: PreparedAlpha, metric: AlphaMetric, unitIndices?: ArrayLike<number>): number {
  return alphaFromCoincidences(prepared.values, sumCoincidences(prepared, unitIndices), metric);
}

/** Krippendorff's alpha of a units × raters matrix. */
export function krippendorffAlpha(matrix: readonly (readonly Maybe[])[], metric: AlphaMetric): number {
  return alphaOfUnits(prepareAlpha(matrix), metric);
}
