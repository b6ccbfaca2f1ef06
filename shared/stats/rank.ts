/**
 * Ranks and correlations. Missing values (null, undefined, NaN, ±Infinity) are left out
 * pairwise: a pair counts only when both of its values are present.
 *
 * A correlation that is not defined (fewer than two complete pairs, or one side constant)
 * is NaN; callers turn that into "not enough data".
 */

export type Maybe = number | null | undefined;

export function isPresent(v: Maybe): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * 1-based mid-ranks: tied values share the mean of the ranks they span,
 * so [10, 20, 20, 30] → [1, 2.5, 2.5, 4].
 */
export function midRanks(values: readonly number[]): number[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    const rank = (i + 1 + j) / 2; // mean of ranks i+1 … j
    for (let m = i; m < j; m++) ranks[order[m]!] = rank;
    i = j;
  }
  return ranks;
}

/** The pairs where both values are present, as two aligned arrays. */
export function completePairs(x: readonly Maybe[], y: readonly Maybe[]): [number[], number[]] {
  if (x.length !== y.length) throw new Error(`paired data needs equal lengths, got ${x.length} and ${y.length}`);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = y[i];
    if (isPresent(xi) && isPresent(yi)) {
      a.push(xi);
      b.push(yi);
    }
  }
  return [a, b];
}

/** Pearson's product-moment correlation over the complete pairs. */
export function pearson(x: readonly Maybe[], y: readonly Maybe[]): number {
  const [a, b] = completePairs(x, y);
  return pearsonComplete(a, b);
}

function pearsonComplete(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * Spearman's rho: Pearson's correlation of the mid-ranks of the complete pairs (ranks are
 * taken after incomplete pairs are dropped), which handles ties correctly.
 */
export function spearman(x: readonly Maybe[], y: readonly Maybe[]): number {
  const [a, b] = completePairs(x, y);
  return pearsonComplete(midRanks(a), midRanks(b));
}
