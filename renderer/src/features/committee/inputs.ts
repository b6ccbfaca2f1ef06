/**
 * The review panel's inputs for committee mode, read from its tables (schema v3, issue 18):
 * every reviewer, their annotations of this session and their submitted ratings (the first
 * submission is "before discussion", the current one "after"; drafts are left out). Sessions
 * are matched by review key (shared/review/session-key.ts), as the panel stores them.
 */
import { fromReviews, type CommitteeInputs } from '../../../../shared/committee/inputs';
import { REVIEW_FORMAT, REVIEW_FORMAT_VERSION } from '../../../../shared/review/format';
import type { BatonReview } from '../../../../shared/review/schema';
import { reviewKey } from '../../../../shared/review/session-key';
import { db, type BatonDB } from '../../db/schema';

export async function loadCommitteeInputs(contentHash: string, database: BatonDB = db()): Promise<CommitteeInputs> {
  const hash = reviewKey(contentHash);
  const [reviewers, annotations, ratings] = await Promise.all([database.reviewers.toArray(), database.annotations.where('sessionHash').equals(hash).toArray(), database.ratings.where('sessionHash').equals(hash).toArray()]);
  const reviews: BatonReview[] = reviewers
    .filter((r) => annotations.some((a) => a.reviewer === r.id) || ratings.some((x) => x.reviewer === r.id && x.current))
    .map((r) => ({
      format: REVIEW_FORMAT,
      version: REVIEW_FORMAT_VERSION,
      reviewer: { id: r.id, name: r.name, initials: r.initials, colour: r.colour },
      ratings: ratings
        .filter((x) => x.reviewer === r.id && x.current)
        .map((x) => ({ sessionHash: hash, scores: x.current!.scores, submittedAt: x.current!.submittedAt, ...(x.current!.reason === undefined ? {} : { reason: x.current!.reason }), revisions: x.revisions })),
      annotations: annotations.filter((a) => a.reviewer === r.id),
    }));
  return fromReviews(reviews, hash);
}
