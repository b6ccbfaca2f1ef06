/**
 * From evidence to scores. A factor's score is its base plus the points of its evidence,
 * clipped to 0–100; a rule's k-th item is worth weight · (g(k) − g(k−1)) with g = log2(1 + n),
 * so repeated behaviour counts, with diminishing returns. With fewer than MIN_OPPORTUNITIES
 * candidate turns a factor is "insufficient evidence": it takes no part in the overall score
 * and its weight is spread over the others in proportion. The overall score is the weighted
 * mean of the sufficient factors.
 */
import { PARAMS, RULES, type Params } from './params';
import type { ClassifierResult, Evidence, FactorScore, Scores } from './types';
import { DEFAULT_WEIGHTS, FACTORS, FACTOR_LABELS, type FactorId, type Weights } from './weights';

export const MIN_OPPORTUNITIES = 3;

/** Diminishing returns: what n items of a rule are worth, in units of its weight. */
export const g = (n: number) => Math.log2(1 + n);

/** The points of a rule's k-th item (k from 1). */
export const itemPoints = (weight: number, k: number) => weight * (g(k) - g(k - 1));

/** A factor's score from how many items each of its rules found. */
export function scoreFromCounts(factor: FactorId, counts: Readonly<Record<string, number>>, params: Params = PARAMS): number {
  let s = params.base[factor];
  for (const [rule, n] of Object.entries(counts)) if (RULES[rule]?.factor === factor) s += (params.weights[rule] ?? 0) * g(n);
  return Math.min(100, Math.max(0, s));
}

/** A factor's score from its evidence alone (the sum of its points on its base, clipped). */
export function factorScore(factor: FactorId, evidence: readonly Pick<Evidence, 'points'>[], opportunities: number, params: Params = PARAMS): { score: number; opportunities: number; insufficient: boolean } {
  let s = params.base[factor];
  for (const e of evidence) s += e.points;
  return { score: Math.min(100, Math.max(0, s)), opportunities, insufficient: opportunities < MIN_OPPORTUNITIES };
}

const factorScores = new WeakMap<ClassifierResult, Record<FactorId, number>>();

/** A result's factor scores (cached per result: they do not depend on the weights). */
export function factorScoresOf(result: ClassifierResult): Readonly<Record<FactorId, number>> {
  return scoresOf(result);
}

function scoresOf(result: ClassifierResult): Record<FactorId, number> {
  let s = factorScores.get(result);
  if (!s) {
    s = {} as Record<FactorId, number>;
    for (const f of FACTORS) s[f] = factorScore(f, result.byFactor[f].map((i) => result.evidence[i]!), result.opportunities[f]).score;
    factorScores.set(result, s);
  }
  return s;
}

export type ScoreSummary = Pick<Scores, 'overall' | 'factors'>;

/** The overall and factor scores under these weights (constant time per session once its factor scores are known). */
export function summarize(result: ClassifierResult, weights: Weights = DEFAULT_WEIGHTS): ScoreSummary {
  const scores = scoresOf(result);
  const factors = {} as Record<FactorId, FactorScore>;
  let usable = 0;
  for (const f of FACTORS) {
    const opportunities = result.opportunities[f];
    const insufficient = opportunities < MIN_OPPORTUNITIES;
    factors[f] = { factor: f, score: scores[f], opportunities, insufficient, effectiveWeight: 0 };
    if (!insufficient) usable += weights[f];
  }
  let overall: number | null = null;
  if (usable > 0) {
    overall = 0;
    for (const f of FACTORS) {
      if (factors[f].insufficient) continue;
      factors[f].effectiveWeight = (weights[f] / usable) * 100;
      overall += (factors[f].score * factors[f].effectiveWeight) / 100;
    }
  }
  return { overall, factors };
}

/**
 * Recombines cached evidence under weights (cheap: no re-extraction). An item's factor
 * contribution is its points, scaled down when the factor's score was clipped at 0 or 100,
 * so the contributions always add up to the score minus the base.
 */
export function combine(result: ClassifierResult, weights: Weights = DEFAULT_WEIGHTS, params: Params = PARAMS): Scores {
  const { overall, factors } = summarize(result, weights);
  const scale = {} as Record<FactorId, number>;
  for (const f of FACTORS) {
    let raw = 0;
    for (const i of result.byFactor[f]) raw += result.evidence[i]!.points;
    const clipped = factors[f].score - params.base[f];
    scale[f] = raw === 0 ? 0 : clipped / raw;
  }
  const contribution = result.evidence.map((e) => {
    const fs = factors[e.factor];
    const perFactor = e.points * scale[e.factor];
    return { factor: perFactor, overall: fs.insufficient ? 0 : (perFactor * fs.effectiveWeight) / 100 };
  });
  return { overall, factors, contribution, why: whyText(result, factors, contribution) };
}

function whyText(result: ClassifierResult, factors: Record<FactorId, FactorScore>, contribution: { overall: number }[]): string {
  const ranked = result.evidence.map((e, i) => ({ e, c: contribution[i]!.overall })).filter((x) => x.c !== 0);
  const firstTwo = (xs: typeof ranked) => {
    const seen = new Set<string>();
    const out: typeof ranked = [];
    for (const x of xs) {
      if (seen.has(x.e.rule)) continue;
      seen.add(x.e.rule);
      if (out.push(x) === 2) break;
    }
    return out;
  };
  const up = firstTwo([...ranked].sort((a, b) => b.c - a.c).filter((x) => x.c > 0));
  const down = firstTwo([...ranked].sort((a, b) => a.c - b.c).filter((x) => x.c < 0));
  const thin = FACTORS.filter((f) => factors[f].insufficient).map((f) => FACTOR_LABELS[f].toLowerCase());
  const parts: string[] = [];
  if (up.length) parts.push(`Raised most by: ${up.map((x) => x.e.explanation.replace(/\.$/, '')).join('; ')}.`);
  if (down.length) parts.push(`Lowered most by: ${down.map((x) => x.e.explanation.replace(/\.$/, '')).join('; ')}.`);
  if (thin.length) parts.push(`Too little evidence to score ${thin.join(', ')}; their weight is spread over the other factors.`);
  return parts.join(' ') || 'Too little evidence in this session to score it.';
}
