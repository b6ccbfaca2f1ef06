/**
 * ICC against Shrout & Fleiss (1979), Table 2 (6 targets × 4 judges); the McGraw & Wong
 * (1996) intervals against scipy's F quantiles (the same figures psych::ICC prints:
 * ICC2 [0.019, 0.76], ICC2k [0.071, 0.93]).
 */
import { describe, expect, it } from 'vitest';
import { fCdf, fQuantile } from '../../shared/stats/fdist';
import { icc } from '../../shared/stats/icc';

const SF = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

describe('F distribution', () => {
  it('quantiles and CDF match scipy.stats.f', () => {
    expect(fQuantile(0.975, 3, 7.5)).toBeCloseTo(5.6313225360591925, 8);
    expect(fCdf(2.5, 4.2, 11.3)).toBeCloseTo(0.9001234238255296, 10);
    expect(fQuantile(0.05, 1, 1)).toBeCloseTo(0.006193958657108194, 10);
    expect(fQuantile(0.999, 2, 200)).toBeCloseTo(7.151930523760641, 8);
    expect(fQuantile(0.5, 0, 3)).toBeNaN();
  });
});

describe('icc on Shrout & Fleiss (1979)', () => {
  const r = icc(SF);
  it('ICC(1,1) .166, ICC(2,1) .290, ICC(3,1) .715, ICC(2,k) .620', () => {
    expect(r.icc11).toBeCloseTo(0.166, 3);
    expect(r.icc21).toBeCloseTo(0.290, 3);
    expect(r.icc31).toBeCloseTo(0.715, 3);
    expect(r.icc2k).toBeCloseTo(0.620, 3);
    expect(r).toMatchObject({ n: 6, k: 4, dropped: 0 });
  });

  it('95% intervals: ICC(2,1) [0.0188, 0.7611], ICC(2,k) [0.0711, 0.9272]', () => {
    expect(r.icc21Interval.lo).toBeCloseTo(0.018786513374712027, 6);
    expect(r.icc21Interval.hi).toBeCloseTo(0.7610843696489529, 6);
    expect(r.icc2kInterval.lo).toBeCloseTo(0.0711368153025034, 6);
    expect(r.icc2kInterval.hi).toBeCloseTo(0.927232040167722, 6);
  });

  it('a wider level gives a wider interval', () => {
    const r99 = icc(SF, 0.99);
    expect(r99.icc21Interval.lo).toBeLessThan(r.icc21Interval.lo);
    expect(r99.icc21Interval.hi).toBeGreaterThan(r.icc21Interval.hi);
  });
});

describe('icc with missing ratings', () => {
  it('drops rows with a missing rating (listwise) and says how many', () => {
    const withGaps = [...SF, [3, null, 4, 5], [null, null, null, null]];
    const r = icc(withGaps);
    expect(r).toMatchObject({ n: 6, dropped: 2 });
    expect(r.icc21).toBeCloseTo(icc(SF).icc21, 12);
  });

  it('is NaN with fewer than two complete rows or a single rater', () => {
    expect(icc([[1, 2], [3, null]]).icc21).toBeNaN();
    expect(icc([[1], [2], [3]]).icc2k).toBeNaN();
  });

  it('perfect agreement: every ICC is 1, and so is the interval', () => {
    const r = icc([[1, 1], [3, 3], [5, 5]]);
    expect([r.icc11, r.icc21, r.icc31, r.icc2k]).toEqual([1, 1, 1, 1]);
    expect(r.icc21Interval).toEqual({ lo: 1, hi: 1 });
  });
});
