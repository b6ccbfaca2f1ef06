/**
 * agreement(): long-format ratings → per-factor figures that match the single statistics,
 * reviewer bias and within-one rates worked by hand, the classifier against the panel mean.
 */
import { describe, expect, it } from 'vitest';
import { agreement, ALL_FACTORS, type Rating } from '../../shared/stats/agreement';
import { icc } from '../../shared/stats/icc';
import { krippendorffAlpha } from '../../shared/stats/krippendorff';
import { weightedKappa } from '../../shared/stats/kappa';

/** Three reviewers on four sessions; c gives N/A once; "overall" is its own factor. */
const SCOPING: Record<string, (number | null)[]> = {
  s1: [1, 2, 1],
  s2: [3, 3, 4],
  s3: [4, 5, null],
  s4: [5, 5, 4],
};
const OVERALL: Record<string, (number | null)[]> = {
  s1: [1, 1, 2],
  s2: [3, 3, 3],
  s3: [4, 4, 5],
  s4: [5, 4, 5],
};
const REVIEWERS = ['a', 'b', 'c'];

function long(factor: string, table: Record<string, (number | null)[]>): Rating[] {
  return Object.entries(table).flatMap(([session, scores]) => scores.map((score, j) => ({ session, reviewer: REVIEWERS[j]!, factor, score })));
}

const ratings = [...long('overall', OVERALL), ...long('scoping', SCOPING)];

describe('agreement', () => {
  const r = agreement(ratings, { factors: ['scoping', 'overall'], seed: 3 });
  const scoping = r.factors[0]!;

  it('lists sessions, reviewers and factors in a stable order', () => {
    expect(r.sessions).toEqual(['s1', 's2', 's3', 's4']);
    expect(r.reviewers).toEqual(['a', 'b', 'c']);
    expect(r.factors.map((f) => f.factor)).toEqual(['scoping', 'overall']);
    expect(scoping).toMatchObject({ nSessions: 4, nReviewers: 3, nRatings: 11, iccUnits: 3 });
  });

  it('alpha and ICC equal the single statistics on the factor matrix', () => {
    const m = Object.values(SCOPING);
    expect(scoping.alphaNominal).toBeCloseTo(krippendorffAlpha(m, 'nominal'), 12);
    expect(scoping.alphaOrdinal).toBeCloseTo(krippendorffAlpha(m, 'ordinal'), 12);
    expect(scoping.alphaInterval).toBeCloseTo(krippendorffAlpha(m, 'interval'), 12);
    expect(scoping.icc21).toBeCloseTo(icc(m).icc21, 12);
    expect(scoping.icc2k).toBeCloseTo(icc(m).icc2k, 12);
    expect(scoping.icc21Interval.lo).toBeCloseTo(icc(m).icc21Interval.lo, 12);
    expect(scoping.alphaIntervalInterval.lo).toBeLessThanOrEqual(scoping.alphaInterval!);
    expect(scoping.alphaIntervalInterval.hi).toBeGreaterThanOrEqual(scoping.alphaInterval!);
  });

  it('kappa matrix over reviewer pairs', () => {
    expect(scoping.kappa.reviewers).toEqual(['a', 'b', 'c']);
    const col = (j: number) => Object.values(SCOPING).map((row) => row[j]);
    expect(scoping.kappa.kappa[0]![2]).toBeCloseTo(weightedKappa(col(0), col(2)).kappa, 12);
    expect(scoping.kappa.n[0]![2]).toBe(3);
    expect(scoping.kappa.n[0]![1]).toBe(4);
  });

  it("each reviewer's bias against the others and within-one-point rate, by hand", () => {
    // a vs mean(b, c): 1-1.5, 3-3.5, 4-5, 5-4.5 → (-0.5 - 0.5 - 1 + 0.5) / 4 = -0.375
    // a's pairs: |1-2| |1-1| |3-3| |3-4| |4-5| |5-5| |5-4| all ≤ 1 → 7 / 7
    // b vs mean(a, c): 2-1, 3-3.5, 5-4, 5-4.5 → (1 - 0.5 + 1 + 0.5) / 4 = 0.5
    // c vs mean(a, b): 1-1.5, 4-3, 4-5 → (-0.5 + 1 - 1) / 3 = -1/6
    const [a, b, c] = scoping.reviewers;
    expect(a).toMatchObject({ reviewer: 'a', n: 4, withinOne: 1 });
    expect(a!.meanBias).toBeCloseTo(-0.375, 12);
    expect(b!.meanBias).toBeCloseTo(0.5, 12);
    expect(c!.n).toBe(3);
    expect(c!.meanBias).toBeCloseTo(-1 / 6, 12);
  });

  it('allFactors pools every factor but overall', () => {
    expect(r.allFactors.factor).toBe(ALL_FACTORS);
    expect(r.allFactors.alphaInterval).toBeCloseTo(scoping.alphaInterval!, 12);
    const two = agreement([...ratings, ...long('tradeoff', OVERALL)], { seed: 3 });
    expect(two.allFactors.nRatings).toBe(11 + 12);
    expect(two.allFactors.alphaInterval).toBeCloseTo(krippendorffAlpha([...Object.values(SCOPING), ...Object.values(OVERALL)], 'interval'), 12);
  });

  it('is deterministic for a seed; N/A-only sessions do not count', () => {
    expect(agreement(ratings, { factors: ['scoping', 'overall'], seed: 3 })).toEqual(r);
    const withEmpty = agreement([...ratings, { session: 's9', reviewer: 'a', factor: 'scoping', score: null }], { factors: ['scoping', 'overall'], seed: 3 });
    expect(withEmpty.factors[0]!.nSessions).toBe(4);
    expect(withEmpty.factors[0]!.alphaOrdinal).toBe(scoping.alphaOrdinal);
  });

  it('refuses scores off the 1-5 scale, naming the rating', () => {
    expect(() => agreement([{ session: 's1', reviewer: 'a', factor: 'scoping', score: 70 }])).toThrow('score 70 of a for s1/scoping is not a whole number 1-5 or null');
    expect(() => agreement([{ session: 's1', reviewer: 'a', factor: 'scoping', score: NaN }])).toThrow(/not a whole number/);
  });

  it('refuses panels beyond its limits with a sentence instead of running out of memory', () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ session: `s${i}`, reviewer: `r${i}`, factor: 'overall', score: 3 }));
    expect(() => agreement(many)).toThrow('10001 sessions: agreement handles up to 10000');
    const wide = Array.from({ length: 3_000 }, (_, i) => ({ session: `s${i}`, reviewer: `r${i % 1000}`, factor: `f${i % 2}`, score: 3 }));
    expect(() => agreement(wide)).toThrow('3000 sessions × 1000 reviewers × 2 factors: agreement handles up to 5000000 cells');
  });

  it('figures that are not defined are null, not NaN', () => {
    const one = agreement([{ session: 's1', reviewer: 'a', factor: 'scoping', score: 3 }]);
    expect(one.factors[0]).toMatchObject({ alphaInterval: null, icc21: null, alphaIntervalInterval: { lo: null, hi: null } });
    expect(one.factors[0]!.reviewers[0]).toMatchObject({ n: 0, meanBias: null, withinOne: null });
  });

  it('classifier vs the panel mean: Spearman and bias after mapping 0-100 to 1-5', () => {
    // Panel means for scoping: 4/3, 10/3, 4.5, 14/3. Classifier 0, 50, 75, 100 → 1, 3, 4, 5.
    const classifier = ['s1', 's2', 's3', 's4'].map((session, i) => ({ session, factor: 'scoping', score: [0, 50, 75, 100][i]! }));
    const res = agreement(ratings, { factors: ['scoping', 'overall'], classifier, seed: 3 });
    const c = res.factors[0]!.classifier!;
    expect(c.n).toBe(4);
    expect(c.spearman).toBeCloseTo(1, 12);
    const diffs = [1 - 4 / 3, 3 - 10 / 3, 4 - 4.5, 5 - 14 / 3];
    expect(c.meanBias).toBeCloseTo(diffs.reduce((s, d) => s + d, 0) / 4, 12);
    expect(c.mae).toBeCloseTo(diffs.reduce((s, d) => s + Math.abs(d), 0) / 4, 12);
    expect(res.factors[1]!.classifier).toMatchObject({ n: 0, spearman: null });
  });
});
