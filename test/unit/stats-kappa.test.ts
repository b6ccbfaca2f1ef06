/**
 * Quadratic-weighted kappa: a table worked by hand, and the identity that holds for
 * quadratic weights, kappa_w = 2 cov / (var_a + var_b + (mean_a - mean_b)²).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kappaMatrix, weightedKappa } from '../../shared/stats/kappa';

describe('weightedKappa', () => {
  it('A = 1..5, B = 2,2,3,4,4 gives 6/7', () => {
    // Σ w O = (1/16 + 1/16) / 5 = 0.025; B's margins .4/.2/.4 on 2/3/4 give
    // Σ w E = (4.8 + 1.8 + 0.8 + 1.8 + 4.8) / 5 / 16 = 0.175; 1 - 0.025 / 0.175 = 6/7.
    const r = weightedKappa([1, 2, 3, 4, 5], [2, 2, 3, 4, 4]);
    expect(r.kappa).toBeCloseTo(6 / 7, 12);
    expect(r.n).toBe(5);
  });

  it('is 1 for identical ratings, and negative when the raters run opposite ways', () => {
    expect(weightedKappa([1, 3, 5], [1, 3, 5]).kappa).toBeCloseTo(1, 12);
    expect(weightedKappa([1, 2, 4, 5], [5, 4, 2, 1]).kappa).toBeLessThan(0);
  });

  it('leaves out units either rater marked N/A', () => {
    expect(weightedKappa([1, 2, 3, null, 4, 5], [2, 2, 3, 5, 4, 4])).toEqual(weightedKappa([1, 2, 3, 4, 5], [2, 2, 3, 4, 4]));
  });

  it('NaN when undefined; refuses scores off the scale', () => {
    expect(weightedKappa([null], [3]).kappa).toBeNaN();
    expect(weightedKappa([3, 3], [3, 3]).kappa).toBeNaN();
    expect(() => weightedKappa([6], [1])).toThrow(/whole scores 1-5/);
    expect(() => weightedKappa([2.5], [1])).toThrow(/whole scores/);
  });

  it('equals 2 cov / (var_a + var_b + (mean_a - mean_b)²) on random ratings', () => {
    const pairs = fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(pairs, (ps) => {
        const a = ps.map((p) => p[0]);
        const b = ps.map((p) => p[1]);
        const n = a.length;
        const ma = a.reduce((s, x) => s + x, 0) / n;
        const mb = b.reduce((s, x) => s + x, 0) / n;
        const va = a.reduce((s, x) => s + (x - ma) ** 2, 0) / n;
        const vb = b.reduce((s, x) => s + (x - mb) ** 2, 0) / n;
        const cov = a.reduce((s, x, i) => s + (x - ma) * (b[i]! - mb), 0) / n;
        const denom = va + vb + (ma - mb) ** 2;
        const k = weightedKappa(a, b).kappa;
        if (denom === 0) expect(k).toBeNaN();
        else expect(k).toBeCloseTo((2 * cov) / denom, 9);
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});

describe('kappaMatrix', () => {
  it('is symmetric with 1 on the diagonal', () => {
    const m = kappaMatrix([
      [1, 2, 3, 4, 5],
      [2, 2, 3, 4, 4],
      [1, 1, 3, 5, null],
    ]);
    expect(m[0]![1]!.kappa).toBeCloseTo(6 / 7, 12);
    expect(m[1]![0]!.kappa).toBeCloseTo(6 / 7, 12);
    expect(m[2]![0]!.n).toBe(4);
    expect(m.map((row, i) => row[i]!.kappa)).toEqual([1, 1, 1]);
  });
});
