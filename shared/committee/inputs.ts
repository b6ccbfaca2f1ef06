/**
 * What committee mode takes from the review panel (issue 18): reviewers, their annotations
 * and their ratings before and after discussion. All optional: a committee can meet over the
 * classifier's evidence alone. fromReviews() adapts merged `.baton-review` files; the app's
 * own reviewer tables map onto the same shapes.
 */
import { REVIEW_FACTORS, REVIEW_TO_CLASSIFIER, type ReviewFactor } from '../review/factors';
import type { BatonReview } from '../review/schema';
import type { FactorId } from '../classifier/weights';

export interface CommitteeReviewer {
  id: string;
  name: string;
  initials?: string;
  colour?: string;
}

export interface CommitteeAnnotation {
  id: string;
  reviewer: string;
  /** ms from the session start; t1 ≥ t0 when given. */
  t0: number;
  t1?: number;
  eventId?: string;
  /** A classifier factor id, or 'overall'. */
  factor: FactorId | 'overall';
  polarity: '+' | '-';
  note: string;
}

/** One reviewer's scores (1-5, null for N/A) at one moment of the discussion. */
export interface CommitteeScores {
  scores: Partial<Record<ReviewFactor, number | null>>;
  submittedAt?: string;
  reason?: string;
}

export interface CommitteeRating {
  reviewer: string;
  /** The first submission (before the meeting's discussion), when there was an earlier one. */
  before?: CommitteeScores;
  /** The current submission. */
  after: CommitteeScores;
}

export interface CommitteeInputs {
  reviewers?: CommitteeReviewer[];
  annotations?: CommitteeAnnotation[];
  ratings?: CommitteeRating[];
}

const toFactor = (f: ReviewFactor): FactorId | 'overall' => (f === 'overall' ? 'overall' : REVIEW_TO_CLASSIFIER[f]);

/** The inputs for one session (by content hash) from merged review files. */
export function fromReviews(reviews: readonly BatonReview[], sessionHash: string): Required<CommitteeInputs> {
  const reviewers: CommitteeReviewer[] = [];
  const annotations: CommitteeAnnotation[] = [];
  const ratings: CommitteeRating[] = [];
  for (const r of reviews) {
    reviewers.push({ id: r.reviewer.id, name: r.reviewer.name, initials: r.reviewer.initials, colour: r.reviewer.colour });
    for (const a of r.annotations) {
      if (a.sessionHash !== sessionHash) continue;
      annotations.push({ id: a.id, reviewer: a.reviewer, t0: a.t0, ...(a.t1 === undefined ? {} : { t1: a.t1 }), ...(a.eventId === undefined ? {} : { eventId: a.eventId }), factor: toFactor(a.factor), polarity: a.polarity, note: a.note });
    }
    const rating = r.ratings.find((x) => x.sessionHash === sessionHash);
    if (rating) {
      const first = rating.revisions[0];
      ratings.push({
        reviewer: r.reviewer.id,
        ...(first ? { before: { scores: first.scores, submittedAt: first.submittedAt, ...(first.reason ? { reason: first.reason } : {}) } } : {}),
        after: { scores: rating.scores, submittedAt: rating.submittedAt, ...(rating.reason ? { reason: rating.reason } : {}) },
      });
    }
  }
  return { reviewers, annotations, ratings };
}

export { REVIEW_FACTORS };
