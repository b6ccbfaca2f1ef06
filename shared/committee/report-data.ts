/**
 * The figures of a committee report, apart from how they are printed: per-factor spread of the
 * reviewers' scores before and after discussion, the share of reviewer pairs within one point,
 * Krippendorff's alpha (interval) with the factors pooled, and who dissents.
 */
import { agreement, type Rating } from '../stats/agreement';
import { REVIEW_FACTORS, type ReviewFactor } from '../review/factors';
import type { CommitteeRating, CommitteeScores } from './inputs';

export interface SpreadFigure {
  factor: ReviewFactor;
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Share of reviewer pairs whose scores are within one point; null with fewer than two scores. */
  withinOne: number | null;
}

export interface PhaseFigures {
  factors: SpreadFigure[];
  /** Krippendorff's alpha (interval), every factor but overall pooled; null when not defined. */
  alpha: number | null;
}

export interface AgreementFigures {
  before: PhaseFigures | null;
  after: PhaseFigures;
}

const round = (x: number | null, d = 2) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

function phase(scores: { reviewer: string; s: CommitteeScores }[], session: string): PhaseFigures {
  const factors = REVIEW_FACTORS.map((factor): SpreadFigure => {
    const xs = scores.map((x) => x.s.scores[factor]).filter((v): v is number => typeof v === 'number');
    let pairs = 0;
    let close = 0;
    for (let i = 0; i < xs.length; i++)
      for (let j = i + 1; j < xs.length; j++) {
        pairs++;
        if (Math.abs(xs[i]! - xs[j]!) <= 1) close++;
      }
    return { factor, n: xs.length, mean: xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null, min: xs.length ? Math.min(...xs) : null, max: xs.length ? Math.max(...xs) : null, withinOne: pairs ? round(close / pairs) : null };
  });
  const ratings: Rating[] = scores.flatMap((x) => REVIEW_FACTORS.map((factor) => ({ session, reviewer: x.reviewer, factor, score: x.s.scores[factor] ?? null })));
  let alpha: number | null = null;
  if (scores.length >= 2) alpha = round(agreement(ratings, { resamples: 0, factors: REVIEW_FACTORS }).allFactors.alphaInterval);
  return { factors, alpha };
}

export function agreementFigures(ratings: readonly CommitteeRating[], session = 's'): AgreementFigures {
  const sorted = [...ratings].sort((a, b) => (a.reviewer < b.reviewer ? -1 : a.reviewer > b.reviewer ? 1 : 0));
  const withBefore = sorted.filter((r) => r.before);
  return {
    before: withBefore.length ? phase(sorted.map((r) => ({ reviewer: r.reviewer, s: r.before ?? r.after })), session) : null,
    after: phase(sorted.map((r) => ({ reviewer: r.reviewer, s: r.after })), session),
  };
}

/** Reviewers whose overall score after discussion is two or more points from the panel's median. */
export function ratingDissent(ratings: readonly CommitteeRating[]): { reviewer: string; score: number; median: number }[] {
  const xs = ratings.map((r) => ({ reviewer: r.reviewer, score: r.after.scores.overall })).filter((x): x is { reviewer: string; score: number } => typeof x.score === 'number');
  if (xs.length < 3) return [];
  const sorted = xs.map((x) => x.score).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return xs.filter((x) => Math.abs(x.score - median) >= 2).map((x) => ({ ...x, median })).sort((a, b) => (a.reviewer < b.reviewer ? -1 : 1));
}
