/**
 * Krippendorff's alpha against the published example of Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability": 4 observers × 12 units with missing values; and against
 * a direct pairwise formula on random matrices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALPHA_METRICS, alphaAllMetrics, alphaFromCoincidences, alphaOfUnits, krippendorffAlpha, prepareAlpha, sumCoincidences } from '../../shared/stats/krippendorff';

const _ = null;
/** Rows are units 1..12, columns observers A..D. */
const K2011 = [
  [1, 1, _, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [_, 5, 5, 5],
  [_, _, 1, 1],
  [_, 3, _, _],
];

describe('Krippendorff (2011) example', () => {
  it('nominal .743, ordinal .815, interval .849', () => {
    expect(krippendorffAlpha(K2011, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(K2011, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(K2011, 'interval')).toBeCloseTo(0.849, 3);
  });

  it('unit 12 (one value) is not pairable: 40 pairable values', () => {
    const p = prepareAlpha(K2011);
    const total = p.units.reduce((s, b) => s + b.reduce((a, x) => a + x, 0), 0);
    expect(total).toBeCloseTo(40, 12);
    expect(p.values).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not depend on the order of units or raters', () => {
    const shuffled = [...K2011].reverse().map((r) => [r[2], r[0], r[3], r[1]]);
    for (const m of ['nominal', 'ordinal', 'interval'] as const) expect(krippendorffAlpha(shuffled, m)).toBeCloseTo(krippendorffAlpha(K2011, m), 12);
  });
});

describe('krippendorffAlpha edge cases', () => {
  it('perfect agreement with variation is 1; no variation or no pairs is NaN', () => {
    expect(krippendorffAlpha([[1, 1], [2, 2], [5, 5]], 'interval')).toBe(1);
    expect(krippendorffAlpha([[3, 3], [3, 3]], 'nominal')).toBeNaN();
    expect(krippendorffAlpha([[1, null], [null, 2]], 'interval')).toBeNaN();
    expect(krippendorffAlpha([], 'ordinal')).toBeNaN();
  });

  it('systematic disagreement goes below zero', () => {
    expect(krippendorffAlpha([[1, 2], [2, 1], [1, 2], [2, 1]], 'nominal')).toBeLessThan(0);
  });

  it('alphaOfUnits with repeated indices equals alpha of the repeated matrix', () => {
    const p = prepareAlpha(K2011);
    const idx = [0, 0, 5, 5, 5, 9, 10, 1];
    expect(alphaOfUnits(p, 'ordinal', idx)).toBeCloseTo(krippendorffAlpha(idx.map((i) => K2011[i]!), 'ordinal'), 12);
  });
});

/** Direct definition: D_o over within-unit pairs weighted 1/(m_u - 1), D_e over all pairs. */
function directAlpha(matrix: (number | null)[][], delta: (a: number, b: number) => number): number {
  const units = matrix.map((r) => r.filter((v): v is number => v !== null)).filter((r) => r.length >= 2);
  const all = units.flat();
  const n = all.length;
  let dO = 0;
  for (const u of units) {
    let s = 0;
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) s += delta(u[i]!, u[j]!);
    dO += s / (u.length - 1);
  }
  dO /= n;
  let dE = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) dE += delta(all[i]!, all[j]!);
  dE /= n * (n - 1);
  return 1 - dO / dE;
}

describe('agrees with the direct pairwise definition', () => {
  const matrix = fc.array(fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 4 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 15 });
  it('nominal and interval on random 1-5 matrices with missing values', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        for (const [metric, delta] of [
          ['nominal', (a: number, b: number) => (a === b ? 0 : 1)],
          ['interval', (a: number, b: number) => (a - b) ** 2],
        ] as const) {
          const direct = directAlpha(m, delta);
          const ours = krippendorffAlpha(m, metric);
          if (Number.isFinite(direct)) expect(ours).toBeCloseTo(direct, 9);
          else expect(ours).toBeNaN();
        }
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});

describe('alphaAllMetrics', () => {
  it('equals the three metrics one by one', () => {
    const p = prepareAlpha(K2011);
    const o = sumCoincidences(p);
    expect([...alphaAllMetrics(p.values, o)]).toEqual(ALPHA_METRICS.map((m) => alphaFromCoincidences(p.values, o, m)).map((x) => expect.closeTo(x, 12)));
    expect([...alphaAllMetrics([], new Float64Array(0))]).toEqual([NaN, NaN, NaN]);
  });
});
