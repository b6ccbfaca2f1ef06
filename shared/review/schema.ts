/**
 * The `.baton-review` file: one reviewer's ratings and annotations, exchanged between the
 * members of a calibration panel and merged for the agreement statistics.
 *
 * Sessions are identified by content: `sessionHash` is the lowercase hex SHA-256 of the
 * session's source file (see sessionHash() in hash.ts), so two reviewers who imported the
 * same log refer to the same session whatever they named it.
 *
 * A rating holds the current scores of the six factors and the overall rating (1-5, null for
 * N/A), when they were submitted, why they replaced the previous ones (`reason`), and the
 * earlier submissions in `revisions`, oldest first.
 *
 * `decisions` (optional, added after version 1 was published: files without it still parse)
 * carries the hiring committee's decision on a session, so it travels with the reviews.
 * See docs/review-format.md.
 */
import { z } from 'zod';
import { OUTCOMES, Vote } from '../committee/decision';
import { MAX_SCORE, MIN_SCORE, REVIEW_FACTORS } from './factors';

import { REVIEW_FORMAT, REVIEW_FORMAT_VERSION } from './format';

export { REVIEW_FORMAT, REVIEW_FORMAT_VERSION };

const SHA256_HEX = /^[0-9a-f]{64}$/;
const datetime = z.iso.datetime({ offset: true });

export const Score = z.number().int().min(MIN_SCORE).max(MAX_SCORE).nullable();

export const Scores = z.strictObject({
  scoping: Score,
  tradeoff: Score,
  adversarial: Score,
  selfcorrection: Score,
  edgecase: Score,
  sequencing: Score,
  overall: Score,
});
export type Scores = z.infer<typeof Scores>;

export const Submission = z.strictObject({
  scores: Scores,
  submittedAt: datetime,
  /** Why these scores replaced the previous submission (absent on a first submission). */
  reason: z.string().max(4000).optional(),
});
export type Submission = z.infer<typeof Submission>;

export const SessionRating = z.strictObject({
  sessionHash: z.string().regex(SHA256_HEX, 'must be the lowercase hex SHA-256 of the session source (64 characters)'),
  /** A label for people; never used to match sessions. */
  sessionTitle: z.string().max(500).optional(),
  scores: Scores,
  submittedAt: datetime,
  reason: z.string().max(4000).optional(),
  /** Earlier submissions, oldest first. */
  revisions: z.array(Submission).max(1000).default([]),
});
export type SessionRating = z.infer<typeof SessionRating>;

export const ReviewerInfo = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  initials: z.string().min(1).max(4),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4'),
});
export type ReviewerInfo = z.infer<typeof ReviewerInfo>;

/**
 * One hunk of the diff an event made to a file (the Code pane's "This change"), for an
 * annotation on that hunk rather than on the whole event. `index` counts the event's hunks in
 * that file from 0; `header` is the unified-diff header (`@@ -12,3 +12,5 @@`) and
 * `startLine`-`endLine` the hunk's lines in the file after the change (1-based, inclusive;
 * for a hunk that only removes lines, both are the line after which they were removed), so
 * the hunk is found again even if the diff is cut differently elsewhere.
 */
export const AnnotationHunk = z
  .strictObject({
    file: z.string().min(1).max(4096),
    index: z.number().int().nonnegative().max(1_000_000),
    header: z.string().regex(/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@$/, 'must be a unified-diff hunk header like "@@ -12,3 +12,5 @@"'),
    startLine: z.number().int().nonnegative(),
    endLine: z.number().int().nonnegative(),
  })
  .refine((h) => h.endLine >= h.startLine, { message: 'endLine must not be before startLine', path: ['endLine'] });
export type AnnotationHunk = z.infer<typeof AnnotationHunk>;

export const Annotation = z
  .strictObject({
    id: z.string().min(1).max(200),
    sessionHash: z.string().regex(SHA256_HEX, 'must be the lowercase hex SHA-256 of the session source (64 characters)'),
    /** The reviewer id of the author: the file's reviewer. */
    reviewer: z.string().min(1).max(200),
    /** Start (and optional end) of the annotated moment, ms from the session start. */
    t0: z.number().finite().nonnegative(),
    t1: z.number().finite().nonnegative().optional(),
    eventId: z.string().min(1).max(200).optional(),
    /** A hunk of the event's diff (the event is `eventId`, a diff event). */
    hunk: AnnotationHunk.optional(),
    factor: z.enum(REVIEW_FACTORS),
    polarity: z.enum(['+', '-']),
    note: z.string().max(10_000),
    createdAt: datetime.optional(),
  })
  .refine((a) => a.t1 === undefined || a.t1 >= a.t0, { message: 't1 must not be before t0', path: ['t1'] })
  .refine((a) => a.hunk === undefined || a.eventId !== undefined, { message: 'a hunk needs the eventId of its diff', path: ['hunk'] });
export type Annotation = z.infer<typeof Annotation>;

/** A committee's decision on one session: hire, no hire or more evidence, the rationale, the votes. */
export const SessionDecision = z.strictObject({
  sessionHash: z.string().regex(SHA256_HEX, 'must be the lowercase hex SHA-256 of the session source (64 characters)'),
  /** A label for people; never used to match sessions. */
  sessionTitle: z.string().max(500).optional(),
  outcome: z.enum(OUTCOMES),
  rationale: z.string().max(20_000),
  votes: z.array(Vote).max(100).default([]),
  decidedAt: datetime,
});
export type SessionDecision = z.infer<typeof SessionDecision>;

export const BatonReview = z
  .strictObject({
    format: z.literal(REVIEW_FORMAT),
    version: z.number().int().min(1).max(REVIEW_FORMAT_VERSION),
    reviewer: ReviewerInfo,
    ratings: z.array(SessionRating).max(100_000),
    annotations: z.array(Annotation).max(1_000_000).default([]),
    /** Committee decisions, one per session at most (optional: older files have none). */
    decisions: z.array(SessionDecision).max(100_000).optional(),
  })
  .superRefine((review, ctx) => {
    const seen = new Set<string>();
    review.ratings.forEach((r, i) => {
      if (seen.has(r.sessionHash)) ctx.addIssue({ code: 'custom', path: ['ratings', i, 'sessionHash'], message: `session ${r.sessionHash.slice(0, 12)}… is rated twice` });
      seen.add(r.sessionHash);
    });
    const ids = new Set<string>();
    review.annotations.forEach((a, i) => {
      if (a.reviewer !== review.reviewer.id) ctx.addIssue({ code: 'custom', path: ['annotations', i, 'reviewer'], message: `"${a.reviewer}" is not this file's reviewer "${review.reviewer.id}"` });
      if (ids.has(a.id)) ctx.addIssue({ code: 'custom', path: ['annotations', i, 'id'], message: `duplicate annotation id "${a.id}"` });
      ids.add(a.id);
    });
    const decided = new Set<string>();
    review.decisions?.forEach((d, i) => {
      if (decided.has(d.sessionHash)) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'sessionHash'], message: `session ${d.sessionHash.slice(0, 12)}… has two decisions` });
      decided.add(d.sessionHash);
    });
  });
export type BatonReview = z.infer<typeof BatonReview>;
export type BatonReviewInput = z.input<typeof BatonReview>;
