/**
 * What the Panel view shows, derived from stored rows (pure: unit-tested without a browser).
 *
 * Blindness carries over: with a reviewer chosen, only the sessions that reviewer has
 * submitted are in the panel figures (the others are counted as hidden).
 */
import { FACTORS, type FactorId, type ScoreSummary } from '../../../../shared/classifier';
import { REVIEW_FACTORS, REVIEW_TO_CLASSIFIER, type ReviewFactor } from '../../../../shared/review/factors';
import type { Annotation } from '../../../../shared/review/schema';
import type { ClassifierScore, Rating } from '../../../../shared/stats/agreement';
import type { FitSession } from '../../../../shared/stats/weights-fit';
import type { RatingRow } from '../../db/schema';

export interface PanelInput {
  ratings: RatingRow[];
  annotations: Annotation[];
  /** The reviewer using the app now (undefined: panel lead, nothing hidden). */
  current?: string;
}

export interface PanelSelection {
  ratings: RatingRow[];
  annotations: Annotation[];
  sessions: string[];
  reviewers: string[];
  hidden: number;
}

export function selectVisible({ ratings, annotations, current }: PanelInput): PanelSelection {
  const submitted = ratings.filter((r) => r.current);
  const all = new Set(submitted.map((r) => r.sessionHash));
  const mine = current === undefined ? all : new Set(submitted.filter((r) => r.reviewer === current).map((r) => r.sessionHash));
  const keep = submitted.filter((r) => mine.has(r.sessionHash));
  return {
    ratings: keep,
    annotations: annotations.filter((a) => mine.has(a.sessionHash)),
    sessions: [...mine].sort(),
    reviewers: [...new Set(keep.map((r) => r.reviewer))].sort(),
    hidden: [...all].filter((h) => !mine.has(h)).length,
  };
}

export function longRatings(rows: readonly RatingRow[]): Rating[] {
  return rows.flatMap((r) => REVIEW_FACTORS.map((factor) => ({ session: r.sessionHash, reviewer: r.reviewer, factor, score: r.current!.scores[factor] })));
}

export interface TriageRow {
  session: string;
  factor: ReviewFactor;
  scores: { reviewer: string; score: number | null }[];
  spread: number;
  /** The reviewers' annotations of this factor in this session, by time. */
  cited: Annotation[];
}

/** Session × factor with at least two scores, most disagreement first. */
export function triage(rows: readonly RatingRow[], annotations: readonly Annotation[]): TriageRow[] {
  const bySession = new Map<string, RatingRow[]>();
  for (const r of rows) bySession.set(r.sessionHash, [...(bySession.get(r.sessionHash) ?? []), r]);
  const out: TriageRow[] = [];
  for (const [session, list] of bySession) {
    for (const factor of REVIEW_FACTORS) {
      const scores = list.map((r) => ({ reviewer: r.reviewer, score: r.current!.scores[factor] })).sort((a, b) => (a.reviewer < b.reviewer ? -1 : 1));
      const present = scores.map((s) => s.score).filter((s): s is number => s !== null);
      if (present.length < 2) continue;
      const cited = annotations.filter((a) => a.sessionHash === session && a.factor === factor).sort((a, b) => a.t0 - b.t0);
      out.push({ session, factor, scores, spread: Math.max(...present) - Math.min(...present), cited });
    }
  }
  return out.sort((a, b) => b.spread - a.spread || b.cited.length - a.cited.length || (a.session < b.session ? -1 : a.session > b.session ? 1 : REVIEW_FACTORS.indexOf(a.factor) - REVIEW_FACTORS.indexOf(b.factor)));
}

/**
 * The two reviewers of a triage row who disagree most (the lowest and the highest score; ties
 * by reviewer id), for opening their lanes side by side; undefined without two scores.
 */
export function disagreeingPair(row: Pick<TriageRow, 'scores'>): [string, string] | undefined {
  const scored = row.scores.filter((s): s is { reviewer: string; score: number } => s.score !== null);
  if (scored.length < 2) return undefined;
  const by = [...scored].sort((a, b) => a.score - b.score || (a.reviewer < b.reviewer ? -1 : 1));
  return [by[0]!.reviewer, by[by.length - 1]!.reviewer];
}

const CLASSIFIER_TO_REVIEW = Object.fromEntries(Object.entries(REVIEW_TO_CLASSIFIER).map(([r, c]) => [c, r])) as Record<FactorId, ReviewFactor>;

/** The classifier's scores in review-factor names (for agreement()); insufficient factors left out. */
export function classifierScores(byHash: ReadonlyMap<string, ScoreSummary>): ClassifierScore[] {
  const out: ClassifierScore[] = [];
  for (const [session, s] of byHash) {
    for (const f of FACTORS) if (!s.factors[f].insufficient) out.push({ session, factor: CLASSIFIER_TO_REVIEW[f], score: s.factors[f].score });
    if (s.overall !== null) out.push({ session, factor: 'overall', score: s.overall });
  }
  return out;
}

/** Sessions with a panel overall rating and classifier factor scores, for fitting weights. */
export function fitData(rows: readonly RatingRow[], byHash: ReadonlyMap<string, ScoreSummary>): FitSession[] {
  const overall = new Map<string, number[]>();
  for (const r of rows) {
    const o = r.current!.scores.overall;
    if (o !== null) overall.set(r.sessionHash, [...(overall.get(r.sessionHash) ?? []), o]);
  }
  const out: FitSession[] = [];
  for (const [hash, os] of [...overall].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const s = byHash.get(hash);
    if (!s) continue;
    const factors = FACTORS.map((f) => (s.factors[f].insufficient ? null : s.factors[f].score));
    if (factors.every((x) => x === null)) continue;
    out.push({ id: hash, factors, target: os.reduce((a, b) => a + b, 0) / os.length });
  }
  return out;
}
