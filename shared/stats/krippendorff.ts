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

/**
 * Nominal, ordinal and interval alpha of one coincidence matrix, in one pass, written into
 * `out` (allocated when omitted). No closures or allocations when `out` is given: the
 * bootstrap calls it once per resample.
 */
export function alphaAllMetrics(values: readonly number[], o: ArrayLike<number>, out: Float64Array = new Float64Array(3)): Float64Array {
  const V = values.length;
  let n = 0;
  for (let i = 0; i < V * V; i++) n += o[i]!;
  if (n < 2) {
    out[0] = out[1] = out[2] = NaN;
    return out;
  }
  let oNom = 0;
  let eNom = 0;
  let oOrd = 0;
  let eOrd = 0;
  let oInt = 0;
  let eInt = 0;
  for (let c = 0; c < V; c++) {
    let nc = 0;
    for (let k = 0; k < V; k++) nc += o[c * V + k]!;
    let between = 0; // Σ n_g for c < g < k
    for (let k = c + 1; k < V; k++) {
      let nk = 0;
      for (let j = 0; j < V; j++) nk += o[k * V + j]!;
      const ock = 2 * o[c * V + k]!;
      const eck = 2 * nc * nk;
      const dOrd = (between + (nc + nk) / 2) ** 2;
      const dInt = (values[c]! - values[k]!) ** 2;
      oNom += ock;
      eNom += eck;
      oOrd += ock * dOrd;
      eOrd += eck * dOrd;
      oInt += ock * dInt;
      eInt += eck * dInt;
      between += nk;
    }
  }
  out[0] = eNom === 0 ? NaN : 1 - ((n - 1) * oNom) / eNom;
  out[1] = eOrd === 0 ? NaN : 1 - ((n - 1) * oOrd) / eOrd;
  out[2] = eInt === 0 ? NaN : 1 - ((n - 1) * oInt) / eInt;
  return out;
}

/** Alpha over the given units (all when omitted; indices may repeat, as in a bootstrap). */
export function alphaOfUnits(prepared: PreparedAlpha, metric: AlphaMetric, unitIndices?: ArrayLike<number>): number {
  return alphaFromCoincidences(prepared.values, sumCoincidences(prepared, unitIndices), metric);
}

/** Krippendorff's alpha of a units × raters matrix. */
export function krippendorffAlpha(matrix: readonly (readonly Maybe[])[], metric: AlphaMetric): number {
  return alphaOfUnits(prepareAlpha(matrix), metric);
}
