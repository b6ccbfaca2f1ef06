/**
 * From review files, CSV and TSV rows to the long-format ratings agreement() takes.
 */
import type { Rating } from '../stats/agreement';
import { REVIEW_FACTORS, type ReviewFactor } from './factors';
import type { BatonReview } from './schema';

export interface TimedRating extends Rating {
  factor: ReviewFactor;
  time?: string;
  phase?: string;
  note?: string;
}

/** The current scores of every review, one row per factor (session = content hash). */
export function reviewRatings(reviews: readonly BatonReview[]): TimedRating[] {
  return reviews.flatMap((r) =>
    r.ratings.flatMap((x) => REVIEW_FACTORS.map((factor) => ({ session: x.sessionHash, reviewer: r.reviewer.id, factor, score: x.scores[factor], time: x.submittedAt }))),
  );
}

/**
 * One score per (session, reviewer, factor): the one with the latest `time` (rows without a
 * time count as oldest), the later row on a tie. `replaced` counts the rows set aside.
 */
export function latestRatings(rows: readonly TimedRating[]): { ratings: TimedRating[]; replaced: number } {
  const keep = new Map<string, { row: TimedRating; t: number }>();
  for (const row of rows) {
    const key = `${row.session}\u0000${row.reviewer}\u0000${row.factor}`;
    const t = row.time === undefined ? -Infinity : Date.parse(row.time);
    const prev = keep.get(key);
    if (!prev || t >= prev.t) keep.set(key, { row, t });
  }
  return { ratings: [...keep.values()].map((k) => k.row), replaced: rows.length - keep.size };
}
