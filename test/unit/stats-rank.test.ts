/**
 * Mid-ranks, Spearman and Pearson: hand-worked values (cross-checked with scipy.stats)
 * and missing values left out pairwise.
 */
import { describe, expect, it } from 'vitest';
import { midRanks, pearson, spearman } from '../../shared/stats/rank';

describe('midRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    expect(midRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(midRanks([3, 1, 3, 3, 2])).toEqual([4, 1, 4, 4, 2]);
    expect(midRanks([])).toEqual([]);
  });
});

describe('spearman', () => {
  it('is 1 and -1 for monotone data, whatever the spacing', () => {
    expect(spearman([1, 2, 3, 4], [1, 10, 100, 1000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [9, 7, 2, -5])).toBeCloseTo(-1, 12);
  });

  it('uses mid-ranks for ties: 8 / √95 for [1..5] vs [5,6,7,8,7]', () => {
    // ranks of y: 1, 2, 3.5, 5, 3.5 → Σdxdy = 8, Σdx² = 10, Σdy² = 9.5
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
    expect(spearman([1, 2, 2, 3, 9, 4], [3, 3, 1, 2, 8, 8])).toBeCloseTo(0.5821543981758688, 12);
  });

  it('leaves out pairs with a missing value before ranking', () => {
    expect(spearman([1, null, 2, 3, 4, 5, NaN], [5, 1, 6, 7, 8, 7, 3])).toBeCloseTo(8 / Math.sqrt(95), 12);
    expect(spearman([1, 2, undefined], [2, 1, 3])).toBeCloseTo(-1, 12);
  });

  it('is NaN when undefined: fewer than two pairs, or a constant side', () => {
    expect(spearman([1], [2])).toBeNaN();
    expect(spearman([1, null], [null, 2])).toBeNaN();
    expect(spearman([3, 3, 3], [1, 2, 3])).toBeNaN();
  });

  it('refuses unpaired data', () => {
    expect(() => spearman([1, 2], [1])).toThrow(/equal lengths/);
  });
});

describe('pearson', () => {
  it('matches a hand-worked value', () => {
    // dx = -2..2, dy = [-1.4,-2.4,0.6,-0.4,3.6]: Σdxdy = 12, Σdx² = 10, Σdy² = 21.2
    expect(pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 7])).toBeCloseTo(12 / Math.sqrt(212), 12);
    expect(pearson([1, 2, 3, 4, 5, null], [2, 1, 4, 3, 7, 100])).toBeCloseTo(0.8241633836921339, 12);
  });
});
