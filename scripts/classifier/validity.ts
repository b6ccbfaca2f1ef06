/**
 * How well Baton's scores agree with the raters' mean on the rated development set: per
 * factor and overall, Spearman and Krippendorff's alpha (interval, Baton mapped to 1–5 as
 * 1 + score / 25), with the shipped constants and leave-one-session-out (fit on the others
 * with scripts/classifier/fit.ts, score the one left out).
 */
import { combine, DEFAULT_WEIGHTS, FACTORS, MIN_OPPORTUNITIES, PARAMS, scoreFromCounts, type ClassifierResult, type FactorId, type Params } from '../../shared/classifier';
import { krippendorffAlpha } from '../../shared/stats/krippendorff';
import { spearman } from '../../shared/stats/rank';
import { fit, type FitSession } from './fit';
import { extract, ruleCounts, TARGETS, type RatedSession, type Target } from './rated';

export interface TargetRow {
  target: Target;
  /** Sessions with a raters' mean. */
  n: number;
  spearman: number;
  alpha: number;
  looSpearman: number;
  looAlpha: number;
  /** Sessions where Baton says insufficient evidence, and of those, where both raters gave a number. */
  insufficient: number;
  insufficientBothRated: number;
  raterSpearman: number;
}

export interface SessionScores {
  id: string;
  shipped: Record<Target, number | null>;
  loo: Record<Target, number | null>;
  mean: Record<Target, number | null>;
}

export interface Validity {
  rows: TargetRow[];
  sessions: SessionScores[];
}

const toRating = (score: number | null) => (score === null ? null : 1 + score / 25);

function overallOf(scores: Record<FactorId, number>, insufficient: Record<FactorId, boolean>): number | null {
  let w = 0;
  let s = 0;
  for (const f of FACTORS) {
    if (insufficient[f]) continue;
    w += DEFAULT_WEIGHTS[f];
    s += DEFAULT_WEIGHTS[f] * scores[f];
  }
  return w ? s / w : null;
}

function scoresWith(r: ClassifierResult, counts: Record<string, number>, params: Params): Record<Target, number | null> {
  const factor = {} as Record<FactorId, number>;
  const insufficient = {} as Record<FactorId, boolean>;
  for (const f of FACTORS) {
    factor[f] = scoreFromCounts(f, counts, params);
    insufficient[f] = r.opportunities[f] < MIN_OPPORTUNITIES;
  }
  const out = {} as Record<Target, number | null>;
  for (const f of FACTORS) out[f] = insufficient[f] ? null : factor[f];
  out.overall = overallOf(factor, insufficient);
  return out;
}

export function validity(rated: readonly RatedSession[], params: Params = PARAMS): Validity {
  const results = rated.map(extract);
  const counts = results.map(ruleCounts);
  const fitRows: FitSession[] = rated.map((s, i) => ({ id: s.id, counts: counts[i]!, target: Object.fromEntries(FACTORS.map((f) => [f, s.mean[f]])) as Record<FactorId, number | null> }));
  const sessions: SessionScores[] = rated.map((s, i) => {
    const held = fit(fitRows.filter((_, j) => j !== i));
    return { id: s.id, shipped: scoresWith(results[i]!, counts[i]!, params), loo: scoresWith(results[i]!, counts[i]!, held), mean: s.mean };
  });
  // Sanity: the shipped scores are what the app computes.
  results.forEach((r, i) => {
    const c = combine(r);
    for (const f of FACTORS) if (!c.factors[f].insufficient && Math.abs(c.factors[f].score - sessions[i]!.shipped[f]!) > 0.01) throw new Error(`score mismatch on ${rated[i]!.id} ${f}`);
  });
  const rows = TARGETS.map((t): TargetRow => {
    const mean = sessions.map((s) => s.mean[t]);
    const shipped = sessions.map((s) => s.shipped[t]);
    const loo = sessions.map((s) => s.loo[t]);
    const both = rated.map((s) => s.raters.length >= 2 && s.raters.every((r) => r[t] !== null));
    return {
      target: t,
      n: mean.filter((m) => m !== null).length,
      spearman: spearman(shipped, mean),
      alpha: krippendorffAlpha(sessions.map((s) => [toRating(s.shipped[t]), s.mean[t]]), 'interval'),
      looSpearman: spearman(loo, mean),
      looAlpha: krippendorffAlpha(sessions.map((s) => [toRating(s.loo[t]), s.mean[t]]), 'interval'),
      insufficient: shipped.filter((v) => v === null).length,
      insufficientBothRated: shipped.filter((v, i) => v === null && both[i]).length,
      raterSpearman: spearman(rated.map((s) => s.raters[0]?.[t] ?? null), rated.map((s) => s.raters[1]?.[t] ?? null)),
    };
  });
  return { rows, sessions };
}
