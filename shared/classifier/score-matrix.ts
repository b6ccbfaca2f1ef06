/**
 * Overall scores of many sessions at once, for ranking a library as a weight moves. A
 * session's factor scores do not depend on the weights, so they are laid out once in a
 * typed array (six per session) with whether each factor has enough evidence; a weight
 * change is then one tight loop over that array into a Float64Array, with no object per
 * session. The arithmetic is `summarize`'s, step for step, so both give the same numbers.
 */
import { factorScoresOf, MIN_OPPORTUNITIES } from './score';
import type { ClassifierResult } from './types';
import { FACTORS, type FactorId, type Weights } from './weights';

const F = FACTORS.length;

/** One session's factor scores as the library shows them (the same under any weights). */
export type FactorSummary = Readonly<Record<FactorId, { score: number; opportunities: number; insufficient: boolean }>>;

export interface ScoreMatrix {
  /** Session ids, in the order of the arrays below. */
  readonly ids: readonly string[];
  /** Where each id is in `ids`. */
  readonly row: ReadonlyMap<string, number>;
  /** Session i's factor scores at [i·6 + f], in FACTORS order. */
  readonly scores: Float64Array;
  /** 1 where session i's factor f has enough evidence to count. */
  readonly usable: Uint8Array;
  /** Session i's factor scores as objects, for the cells that show them. */
  readonly factors: readonly FactorSummary[];
}

/** Lays out the factor scores of every result. */
export function scoreMatrix(results: Readonly<Record<string, ClassifierResult>>): ScoreMatrix {
  const ids = Object.keys(results);
  const scores = new Float64Array(ids.length * F);
  const usable = new Uint8Array(ids.length * F);
  const row = new Map<string, number>();
  const factors: FactorSummary[] = [];
  ids.forEach((id, i) => {
    row.set(id, i);
    const summary = factorSummary(results[id]!);
    FACTORS.forEach((f, k) => {
      scores[i * F + k] = summary[f].score;
      usable[i * F + k] = summary[f].insufficient ? 0 : 1;
    });
    factors.push(summary);
  });
  return { ids, row, scores, usable, factors };
}

const summaries = new WeakMap<ClassifierResult, FactorSummary>();

/** A result's factor scores, one object per result (so a row showing them is not rendered again when results arrive for others). */
function factorSummary(result: ClassifierResult): FactorSummary {
  let summary = summaries.get(result);
  if (!summary) {
    const s = factorScoresOf(result);
    const out = {} as Record<FactorId, { score: number; opportunities: number; insufficient: boolean }>;
    for (const f of FACTORS) {
      const opportunities = result.opportunities[f];
      out[f] = { score: s[f], opportunities, insufficient: opportunities < MIN_OPPORTUNITIES };
    }
    summaries.set(result, (summary = out));
  }
  return summary;
}

/**
 * Every session's overall score under these weights (NaN where no factor has enough
 * evidence), into `out` when it is long enough. Same arithmetic as `summarize`: each usable
 * factor adds score · ((w / sum) · 100) / 100, in FACTORS order. The normalised weights are
 * worked out once per set of usable factors (at most 64), with 0 for a factor that does not
 * count, whose term then adds exactly 0; so the loop over sessions has no branch per factor
 * and stays cheap before the engine has optimised it (the first moves of a slider).
 */
export function overallScores(m: ScoreMatrix, weights: Weights, out?: Float64Array): Float64Array {
  const n = m.ids.length;
  const res = out && out.length >= n ? out : new Float64Array(n);
  const { masks, scores } = layout(m);
  const norm = normalisedWeights(weights);
  for (let i = 0, at = 0; i < n; i++, at += F) {
    const b = masks[i]! * F;
    if (b === 0 || Number.isNaN(norm[b])) {
      res[i] = NaN;
      continue;
    }
    res[i] =
      (scores[at]! * norm[b]!) / 100 +
      (scores[at + 1]! * norm[b + 1]!) / 100 +
      (scores[at + 2]! * norm[b + 2]!) / 100 +
      (scores[at + 3]! * norm[b + 3]!) / 100 +
      (scores[at + 4]! * norm[b + 4]!) / 100 +
      (scores[at + 5]! * norm[b + 5]!) / 100;
  }
  return res;
}

const layouts = new WeakMap<ScoreMatrix, { masks: Uint8Array; scores: Float64Array }>();

/**
 * Per session, which factors count, as bits in FACTORS order (0: none); and the scores with
 * 0 for a factor that does not count (whatever its score, its term must add exactly 0).
 */
function layout(m: ScoreMatrix): { masks: Uint8Array; scores: Float64Array } {
  let l = layouts.get(m);
  if (!l) {
    const masks = new Uint8Array(m.ids.length);
    const scores = new Float64Array(m.scores.length);
    for (let i = 0; i < masks.length; i++) {
      let mask = 0;
      for (let k = 0; k < F; k++) {
        if (!m.usable[i * F + k]) continue;
        mask |= 1 << k;
        scores[i * F + k] = m.scores[i * F + k]!;
      }
      masks[i] = mask;
    }
    layouts.set(m, (l = { masks, scores }));
  }
  return l;
}

/** For every set of usable factors, each factor's (w / sum) · 100, 0 where it does not count; NaN for a set whose weights sum to 0. */
function normalisedWeights(weights: Weights): Float64Array {
  const w = FACTORS.map((f) => weights[f]);
  const norm = new Float64Array((1 << F) * F);
  for (let mask = 1; mask < 1 << F; mask++) {
    let sum = 0;
    for (let k = 0; k < F; k++) if (mask & (1 << k)) sum += w[k]!;
    for (let k = 0; k < F; k++) norm[mask * F + k] = !(sum > 0) ? NaN : mask & (1 << k) ? (w[k]! / sum) * 100 : 0;
  }
  return norm;
}
