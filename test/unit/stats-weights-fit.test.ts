import { describe, expect, it } from 'vitest';
import { compareWeights, fitWeights, fixedError, leaveOneOutError, overallScore, projectToSimplex, rankChanges, toRatingScale } from '../../shared/stats/weights-fit';
import { mulberry32 as mulberry } from '../../shared/stats/bootstrap';

/** Sessions whose panel overall is exactly the classifier's overall under `truth` (on the 1-5 scale), plus noise. */
function synthetic(truth: number[], n: number, noise: number, seed = 7) {
  const rnd = mulberry(seed);
  return Array.from({ length: n }, (_, i) => {
    const factors = truth.map(() => Math.round(rnd() * 100));
    if (i % 5 === 0) factors[i % truth.length] = null as unknown as number;
    const o = overallScore(truth, factors)!;
    return { id: `s${i}`, factors, target: toRatingScale(o) + (rnd() - 0.5) * 2 * noise };
  });
}

describe('weight fitting', () => {
  it('projects onto the simplex: non-negative, summing to one, unchanged when already on it', () => {
    const p = projectToSimplex([0.9, 0.6, -0.3]);
    expect(p.every((x) => x >= 0)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(projectToSimplex([0.2, 0.3, 0.5]).map((x) => +x.toFixed(12))).toEqual([0.2, 0.3, 0.5]);
  });

  it('averages only the factors with a score, like the app', () => {
    expect(overallScore([50, 50, 0], [80, null, 10])).toBe(80);
    expect(overallScore([1, 1], [null, null])).toBeNull();
  });

  it('recovers the weights that generated noiseless ratings, as whole numbers >= 0 summing to 100', () => {
    const truth = [40, 0, 30, 0, 20, 10];
    const w = fitWeights(synthetic(truth, 60, 0));
    expect(w.reduce((a, b) => a + b, 0)).toBe(100);
    expect(w.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    w.forEach((x, i) => expect(Math.abs(x - truth[i]!), `factor ${i}`).toBeLessThanOrEqual(3));
  });

  it('is deterministic', () => {
    const data = synthetic([10, 20, 30, 20, 10, 10], 30, 0.3);
    expect(fitWeights(data)).toEqual(fitWeights(data));
  });

  it('beats default and equal weights out of sample when the panel weighs factors differently, and says which ranks change', () => {
    const data = synthetic([0, 0, 70, 0, 0, 30], 40, 0.1);
    const defaults = [22, 18, 18, 16, 14, 12];
    const c = compareWeights(data, defaults);
    expect(c.beatsBoth).toBe(true);
    expect(c.fittedError.rmse!).toBeLessThan(c.defaultError.rmse!);
    expect(c.fittedError.n).toBe(40);
    expect(c.rankChanges.length).toBeGreaterThan(0);
    for (const r of c.rankChanges) expect(r.before).not.toBe(r.after);
  });

  it('does not claim to beat the defaults when the panel rates exactly like the default weights', () => {
    const defaults = [22, 18, 18, 16, 14, 12];
    const data = synthetic(defaults, 25, 0);
    expect(fixedError(data, defaults).rmse).toBeCloseTo(0, 9);
    const c = compareWeights(data, defaults);
    expect(c.beatsBoth).toBe(false);
  });

  it('leave-one-out error is never below the in-sample error of the same fit on noisy data', () => {
    const data = synthetic([30, 10, 20, 10, 20, 10], 20, 0.8, 3);
    const inSample = fixedError(data, fitWeights(data));
    expect(leaveOneOutError(data).rmse!).toBeGreaterThanOrEqual(inSample.rmse! - 1e-9);
  });

  it('judges a large panel by 20-fold cross-validation, a small one leave-one-out', () => {
    expect(compareWeights(synthetic([1, 1, 1, 1, 1, 1], 30, 0.2), [1, 1, 1, 1, 1, 1]).validation).toBe('leave-one-out');
    const big = compareWeights(synthetic([30, 10, 20, 10, 20, 10], 600, 0.2), [22, 18, 18, 16, 14, 12]);
    expect(big.validation).toBe('20-fold');
    expect(big.fittedError.n).toBe(600);
  });

  it('lists no rank change between identical weights', () => {
    const data = synthetic([1, 1, 1, 1, 1, 1], 10, 0);
    expect(rankChanges(data, [1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2])).toEqual([]);
  });
});
