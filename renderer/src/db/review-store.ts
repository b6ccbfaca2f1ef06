/**
 * Reviewers, annotations and ratings in IndexedDB (schema v3), and the bridge to the
 * .baton-review exchange format: export one reviewer's work for chosen sessions, import any
 * number of files idempotently (merged with what is stored by shared/review/merge.ts, so
 * history is kept and the order of imports does not matter).
 */
import { mergeReviews } from '../../../shared/review/merge';
import { REVIEW_FORMAT, REVIEW_FORMAT_VERSION } from '../../../shared/review/format';
import type { Annotation, BatonReview, Scores, SessionRating, Submission } from '../../../shared/review/schema';
import type { BatonDB, RatingRow, ReviewerRow } from './schema';
import type { DraftScores } from './review-rows';

export async function listReviewers(database: BatonDB): Promise<ReviewerRow[]> {
  return (await database.reviewers.toArray()).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export async function putReviewer(database: BatonDB, r: ReviewerRow): Promise<void> {
  await database.reviewers.put(r);
}

export async function sessionAnnotations(database: BatonDB, sessionHash: string): Promise<Annotation[]> {
  const rows = await database.annotations.where('sessionHash').equals(sessionHash).toArray();
  return rows.sort((a, b) => a.t0 - b.t0 || (a.id < b.id ? -1 : 1));
}

export async function putAnnotation(database: BatonDB, a: Annotation): Promise<void> {
  await database.annotations.put(a);
}

export async function deleteAnnotation(database: BatonDB, id: string): Promise<void> {
  await database.annotations.delete(id);
}

export async function sessionRatings(database: BatonDB, sessionHash: string): Promise<RatingRow[]> {
  return database.ratings.where('sessionHash').equals(sessionHash).toArray();
}

export async function getRating(database: BatonDB, sessionHash: string, reviewer: string): Promise<RatingRow | undefined> {
  return database.ratings.get([sessionHash, reviewer]);
}

export async function saveDraft(database: BatonDB, sessionHash: string, reviewer: string, draft: DraftScores, sessionTitle?: string): Promise<void> {
  await database.transaction('rw', database.ratings, async () => {
    const prev = await database.ratings.get([sessionHash, reviewer]);
    await database.ratings.put({ ...(prev ?? { sessionHash, reviewer, revisions: [] }), draft, ...(sessionTitle ? { sessionTitle } : {}) });
  });
}

/** Every factor set (a score or N/A): the draft can be submitted. */
export function completeScores(draft: DraftScores | undefined): Scores | undefined {
  if (!draft) return undefined;
  const keys = ['scoping', 'tradeoff', 'adversarial', 'selfcorrection', 'edgecase', 'sequencing', 'overall'] as const;
  if (keys.some((k) => draft[k] === undefined)) return undefined;
  return Object.fromEntries(keys.map((k) => [k, draft[k]!])) as Scores;
}

/**
 * Submits (locks) the scores. A session already submitted keeps its earlier submission as a
 * revision; the new one needs a reason (a post-discussion change).
 */
export async function submitRating(database: BatonDB, sessionHash: string, reviewer: string, scores: Scores, at: Date, reason?: string, sessionTitle?: string): Promise<RatingRow> {
  return database.transaction('rw', database.ratings, async () => {
    const prev = (await database.ratings.get([sessionHash, reviewer])) ?? { sessionHash, reviewer, revisions: [] };
    const why = reason?.trim();
    if (prev.current && !why) throw new Error('A change after submitting needs a reason.');
    const current: Submission = { scores, submittedAt: at.toISOString(), ...(prev.current && why ? { reason: why } : {}) };
    const next: RatingRow = { sessionHash, reviewer, revisions: prev.current ? [...prev.revisions, prev.current] : prev.revisions, current };
    const title = sessionTitle ?? prev.sessionTitle;
    if (title) next.sessionTitle = title;
    await database.ratings.put(next);
    return next;
  });
}

function toSessionRating(r: RatingRow): SessionRating | undefined {
  if (!r.current) return undefined;
  const out: SessionRating = { sessionHash: r.sessionHash, scores: r.current.scores, submittedAt: r.current.submittedAt, revisions: r.revisions };
  if (r.sessionTitle) out.sessionTitle = r.sessionTitle;
  if (r.current.reason) out.reason = r.current.reason;
  return out;
}

/** One reviewer's submitted ratings and annotations, for the sessions given (all when omitted). */
export async function buildReview(database: BatonDB, reviewerId: string, sessionHashes?: readonly string[]): Promise<BatonReview> {
  const reviewer = await database.reviewers.get(reviewerId);
  if (!reviewer) throw new Error(`No reviewer "${reviewerId}" on this machine.`);
  const wanted = sessionHashes ? new Set(sessionHashes) : undefined;
  const ratings = (await database.ratings.where('reviewer').equals(reviewerId).toArray())
    .filter((r) => !wanted || wanted.has(r.sessionHash))
    .map(toSessionRating)
    .filter((r): r is SessionRating => r !== undefined)
    .sort((a, b) => (a.sessionHash < b.sessionHash ? -1 : 1));
  const annotations = (await database.annotations.where('reviewer').equals(reviewerId).toArray())
    .filter((a) => !wanted || wanted.has(a.sessionHash))
    .sort((a, b) => (a.sessionHash < b.sessionHash ? -1 : a.sessionHash > b.sessionHash ? 1 : a.t0 - b.t0 || (a.id < b.id ? -1 : 1)));
  return {
    format: REVIEW_FORMAT,
    version: REVIEW_FORMAT_VERSION,
    reviewer: { id: reviewer.id, name: reviewer.name, initials: reviewer.initials, colour: reviewer.colour },
    ratings,
    annotations,
  };
}

export interface ImportSummary {
  reviewers: string[];
  ratings: number;
  annotations: number;
  notes: string[];
}

/**
 * Merges reviews into the store. Per reviewer, the stored review and every file are merged
 * together (deterministic, history kept), so importing a file twice changes nothing. Drafts
 * on this machine are left alone; a reviewer new to this machine is added as imported.
 */
export async function importReviews(database: BatonDB, files: readonly BatonReview[]): Promise<ImportSummary> {
  const byReviewer = new Map<string, BatonReview[]>();
  for (const f of files) byReviewer.set(f.reviewer.id, [...(byReviewer.get(f.reviewer.id) ?? []), f]);
  const summary: ImportSummary = { reviewers: [...byReviewer.keys()].sort(), ratings: 0, annotations: 0, notes: [] };
  for (const [id, list] of byReviewer) {
    await database.transaction('rw', [database.reviewers, database.ratings, database.annotations], async () => {
      const known = await database.reviewers.get(id);
      const stored = known ? await buildReview(database, id) : undefined;
      const { reviews, notes } = mergeReviews(stored ? [stored, ...list] : list);
      summary.notes.push(...notes);
      const merged = reviews[0]!;
      if (!known) await database.reviewers.put({ ...merged.reviewer, createdAt: Date.now(), imported: true });
      else if (known.imported) await database.reviewers.put({ ...known, ...merged.reviewer });
      for (const r of merged.ratings) {
        const prev = await database.ratings.get([r.sessionHash, id]);
        const row: RatingRow = { sessionHash: r.sessionHash, reviewer: id, revisions: r.revisions, current: { scores: r.scores, submittedAt: r.submittedAt, ...(r.reason ? { reason: r.reason } : {}) } };
        const title = r.sessionTitle ?? prev?.sessionTitle;
        if (title) row.sessionTitle = title;
        if (prev?.draft) row.draft = prev.draft;
        await database.ratings.put(row);
      }
      await database.annotations.bulkPut(merged.annotations);
      summary.ratings += merged.ratings.length;
      summary.annotations += merged.annotations.length;
    });
  }
  return summary;
}
