/**
 * The seeded bootstrap: reproducible, covers the estimate, narrows with more data, and
 * resamples whole clusters.
 */
import { describe, expect, it } from 'vitest';
import { alphaIntervals, bootstrap, mulberry32, percentileInterval, quantileSorted } from '../../shared/stats/bootstrap';
import { krippendorffAlpha, prepareAlpha } from '../../shared/stats/krippendorff';

describe('mulberry32', () => {
  it('is deterministic per seed and uniform enough', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(mulberry32(8)()).not.toBe(xs[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });
});

describe('percentiles', () => {
  it('type-7 quantiles and the 95% percentile interval', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i);
    expect(quantileSorted(xs, 0.025)).toBeCloseTo(2.5, 12);
    const iv = percentileInterval(xs, 101);
    expect(iv.lo).toBeCloseTo(2.5, 12);
    expect(iv.hi).toBeCloseTo(97.5, 12);
    expect(iv.valid).toBe(101);
    expect(percentileInterval([1, NaN, NaN], 3).lo).toBeNaN();
  });
});

describe('bootstrap', () => {
  const data = Array.from({ length: 40 }, (_, i) => ((i * 37) % 11) + (i % 3));
  const mean = (idx: Int32Array) => {
    let s = 0;
    for (const i of idx) s += data[i]!;
    return s / idx.length;
  };

  it('is reproducible with a seed and changes with another', () => {
    const a = bootstrap(data.length, mean, { seed: 5 });
    expect(bootstrap(data.length, mean, { seed: 5 })).toEqual(a);
    expect(bootstrap(data.length, mean, { seed: 6 })).not.toEqual(a);
    expect(a.valid).toBe(1000);
  });

  it('brackets the estimate, with roughly ±1.96 standard errors', () => {
    const m = data.reduce((s, x) => s + x, 0) / data.length;
    const sd = Math.sqrt(data.reduce((s, x) => s + (x - m) ** 2, 0) / data.length);
    const { lo, hi } = bootstrap(data.length, mean, { resamples: 4000 });
    expect(lo).toBeLessThan(m);
    expect(hi).toBeGreaterThan(m);
    expect((hi - lo) / 2).toBeGreaterThan(0.8 * 1.96 * (sd / Math.sqrt(data.length)));
    expect((hi - lo) / 2).toBeLessThan(1.2 * 1.96 * (sd / Math.sqrt(data.length)));
  });
});

describe('alphaIntervals', () => {
  const small = [
    [1, 1, 2], [2, 2, 2], [3, 4, 3], [4, 4, 5], [5, 5, 5], [2, 1, 1], [3, 3, null], [4, 5, 4],
  ];
  it('contain the point estimate for every metric and narrow with more sessions', () => {
    const iv = alphaIntervals(prepareAlpha(small));
    for (const m of ['nominal', 'ordinal', 'interval'] as const) {
      const a = krippendorffAlpha(small, m);
      expect(iv[m].lo).toBeLessThanOrEqual(a);
      expect(iv[m].hi).toBeGreaterThanOrEqual(a);
    }
    const big = Array.from({ length: 8 }, () => small).flat();
    const ivBig = alphaIntervals(prepareAlpha(big));
    expect(ivBig.interval.hi - ivBig.interval.lo).toBeLessThan(iv.interval.hi - iv.interval.lo);
  });

  it('resampling clusters keeps their units together', () => {
    const p = prepareAlpha(small);
    // One cluster holding every unit: every resample is the whole data.
    const one = alphaIntervals(p, { resamples: 50 }, [small.map((_, i) => i)]);
    const a = krippendorffAlpha(small, 'interval');
    expect(one.interval.lo).toBeCloseTo(a, 12);
    expect(one.interval.hi).toBeCloseTo(a, 12);
  });
});
