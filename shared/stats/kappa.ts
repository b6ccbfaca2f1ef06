/**
 * Cohen's weighted kappa (Cohen 1968) with quadratic weights, for two raters scoring the
 * same units on an ordered scale of whole numbers min..max (1..5 for review ratings):
 *
 *   kappa_w = 1 - Σ w_ij O_ij / Σ w_ij E_ij,   w_ij = (i - j)² / (k - 1)²
 *
 * O is the observed table of proportions, E the product of its margins. Units where either
 * rater gave no score are left out. NaN when undefined (no common units, or both raters
 * used a single identical category so that Σ w E = 0).
 */
import { isPresent, type Maybe } from './rank';

export interface KappaScale {
  min: number;
  max: number;
}

export const RATING_SCALE: KappaScale = { min: 1, max: 5 };

export interface KappaResult {
  kappa: number;
  /** Units both raters scored. */
  n: number;
}

export function weightedKappa(a: readonly Maybe[], b: readonly Maybe[], scale: KappaScale = RATING_SCALE): KappaResult {
  if (a.length !== b.length) throw new Error(`paired ratings need equal lengths, got ${a.length} and ${b.length}`);
  const k = scale.max - scale.min + 1;
  const table = new Float64Array(k * k);
  let n = 0;
  for (let u = 0; u < a.length; u++) {
    const x = a[u];
    const y = b[u];
    if (!isPresent(x) || !isPresent(y)) continue;
    const i = Math.round(x) - scale.min;
    const j = Math.round(y) - scale.min;
    if (i < 0 || i >= k || j < 0 || j >= k || x !== Math.round(x) || y !== Math.round(y)) {
      throw new Error(`weighted kappa needs whole scores ${scale.min}-${scale.max}, got ${x} and ${y}`);
    }
    table[i * k + j]! += 1;
    n++;
  }
  if (n === 0 || k < 2) return { kappa: NaN, n };
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rows[i]! += table[i * k + j]!;
      cols[j]! += table[i * k + j]!;
    }
  }
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      observed += (w * table[i * k + j]!) / n;
      expected += (w * rows[i]! * cols[j]!) / (n * n);
    }
  }
  if (expected === 0) return { kappa: NaN, n };
  return { kappa: 1 - observed / expected, n };
}

/**
 * Kappa between every two raters: `columns[r]` holds rater r's scores, aligned by unit.
 * The diagonal is 1 where a rater scored at least one unit.
 */
export function kappaMatrix(columns: readonly (readonly Maybe[])[], scale: KappaScale = RATING_SCALE): KappaResult[][] {
  const m = columns.length;
  const out: KappaResult[][] = columns.map(() => new Array<KappaResult>(m));
  for (let i = 0; i < m; i++) {
    const n = columns[i]!.filter(isPresent).length;
    out[i]![i] = { kappa: n > 0 ? 1 : NaN, n };
    // Kappa is symmetric: the table of (j, i) is the transpose of (i, j).
    for (let j = i + 1; j < m; j++) out[i]![j] = out[j]![i] = weightedKappa(columns[i]!, columns[j]!, scale);
  }
  return out;
}
