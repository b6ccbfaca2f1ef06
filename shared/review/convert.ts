/**
 * Between long-format rows (CSV, a rater's TSV) and .baton-review documents, so ratings from
 * a spreadsheet join the same store and merge as files from the app do.
 *
 * Rows name sessions however the sheet does; `resolve` turns that name into the session's
 * review hash (or undefined when the session is not known: those rows are set aside and the
 * names listed). Per reviewer and session the latest score of each factor counts; a factor
 * with no row is N/A. A submission's time is the latest `time` among its rows; rows without
 * a time count as submitted at the Unix epoch, so re-importing the same sheet is idempotent.
 */
import { REVIEW_FACTORS, type ReviewFactor } from './factors';
import { latestRatings, type TimedRating } from './ratings';
import { REVIEW_FORMAT, REVIEW_FORMAT_VERSION, type BatonReview, type ReviewerInfo, type Scores, type SessionRating } from './schema';
import type { CsvRating } from './csv';

export const UNDATED = '1970-01-01T00:00:00.000Z';
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

/** A reviewer known only by id: initials and a colour derived from the id (stable across machines). */
export function reviewerFromId(id: string): ReviewerInfo {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const initials = (words.length > 1 ? words.map((w) => w[0]).join('') : id.replace(/[^A-Za-z0-9]/g, '').slice(0, 2) || '?').toUpperCase().slice(0, 4);
  return { id: id.slice(0, 200), name: id.slice(0, 200), initials, colour: PALETTE[h % PALETTE.length]! };
}

export interface RowsToReviews {
  reviews: BatonReview[];
  /** Session names no library session matched, sorted. */
  unmatched: string[];
}

export function rowsToReviews(rows: readonly Omit<CsvRating, 'line'>[], resolve: (session: string) => { hash: string; title?: string } | undefined): RowsToReviews {
  const unmatched = new Set<string>();
  const timed: TimedRating[] = [];
  const titles = new Map<string, string>();
  for (const r of rows) {
    const hit = resolve(r.session);
    if (!hit) {
      unmatched.add(r.session);
      continue;
    }
    if (hit.title) titles.set(hit.hash, hit.title);
    const t: TimedRating = { session: hit.hash, reviewer: r.reviewer, factor: r.factor, score: r.score };
    if (r.time) t.time = new Date(Date.parse(r.time)).toISOString();
    timed.push(t);
  }
  const { ratings } = latestRatings(timed);
  const byReviewer = new Map<string, Map<string, TimedRating[]>>();
  for (const r of ratings) {
    const sessions = byReviewer.get(r.reviewer) ?? new Map<string, TimedRating[]>();
    sessions.set(r.session, [...(sessions.get(r.session) ?? []), r]);
    byReviewer.set(r.reviewer, sessions);
  }
  const reviews = [...byReviewer.keys()].sort().map((reviewer): BatonReview => {
    const sessions = byReviewer.get(reviewer)!;
    const list: SessionRating[] = [...sessions.keys()].sort().map((hash) => {
      const rs = sessions.get(hash)!;
      const scores = Object.fromEntries(REVIEW_FACTORS.map((f) => [f, null])) as Scores;
      let at = UNDATED;
      for (const r of rs) {
        scores[r.factor as ReviewFactor] = r.score;
        if (r.time && r.time > at) at = r.time;
      }
      const rating: SessionRating = { sessionHash: hash, scores, submittedAt: at, revisions: [] };
      const title = titles.get(hash);
      if (title) rating.sessionTitle = title.slice(0, 500);
      return rating;
    });
    return { format: REVIEW_FORMAT, version: REVIEW_FORMAT_VERSION, reviewer: reviewerFromId(reviewer), ratings: list, annotations: [] };
  });
  return { reviews, unmatched: [...unmatched].sort() };
}

/**
 * Every submission of every review as long-format rows: earlier submissions with phase
 * "before discussion", the current one "submitted" (or "after discussion" when it replaced
 * an earlier one), the time of each and its reason as the note.
 */
export function reviewsToRows(reviews: readonly BatonReview[]): Omit<CsvRating, 'line'>[] {
  const out: Omit<CsvRating, 'line'>[] = [];
  for (const rv of reviews) {
    for (const r of rv.ratings) {
      const subs = [...r.revisions.map((s) => ({ ...s, phase: 'before discussion' })), { scores: r.scores, submittedAt: r.submittedAt, reason: r.reason, phase: r.revisions.length ? 'after discussion' : 'submitted' }];
      for (const s of subs) {
        for (const f of REVIEW_FACTORS) {
          const row: Omit<CsvRating, 'line'> = { session: r.sessionHash, reviewer: rv.reviewer.id, factor: f, score: s.scores[f], phase: s.phase, time: s.submittedAt };
          if (s.reason) row.note = s.reason;
          out.push(row);
        }
      }
    }
  }
  return out;
}
