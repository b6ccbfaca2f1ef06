/**
 * Merging several `.baton-review` files into one review per reviewer, keeping history.
 *
 * Deterministic and idempotent: the result does not depend on the order of the inputs, and
 * merging a merge result again with any of its inputs gives the same result.
 *
 * - Reviews are grouped by reviewer id; the result is sorted by id.
 * - Per session, every submission (current and earlier) from every file is collected,
 *   duplicates dropped, and sorted by submission time (ties by content); the latest is the
 *   current rating, the others its `revisions`. `sessionTitle`: the latest one given.
 * - Annotations are united by id. Two different annotations with the same id: the one
 *   created later wins (ties by content), and a note says so.
 * - Reviewer details (name, initials, colour) come from the file with the latest
 *   submission; differing details are noted.
 * - Committee decisions (optional): one per session, the one decided last (ties by content),
 *   per reviewer's merged file and, in `decisions`, over every input (shared/review/decisions.ts).
 */
import { canonical } from './canonical';
import { mergeDecisions } from './decisions';
import type { Annotation, BatonReview, ReviewerInfo, SessionDecision, SessionRating, Submission } from './schema';
import { REVIEW_FORMAT, REVIEW_FORMAT_VERSION } from './format';

export { canonical } from './canonical';

const time = (iso: string | undefined) => (iso === undefined ? -Infinity : Date.parse(iso));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function bySubmission(a: Submission, b: Submission): number {
  return time(a.submittedAt) - time(b.submittedAt) || cmp(canonical(a), canonical(b));
}

function latestActivity(r: BatonReview): number {
  let t = -Infinity;
  for (const x of r.ratings) t = Math.max(t, time(x.submittedAt));
  for (const a of r.annotations) t = Math.max(t, time(a.createdAt));
  return t;
}

export interface MergeResult {
  reviews: BatonReview[];
  /** Conflicts resolved along the way, for people to check. */
  notes: string[];
  /** Every input's committee decisions, one per session (the one decided last). */
  decisions: SessionDecision[];
}

export function mergeReviews(inputs: readonly BatonReview[]): MergeResult {
  const notes: string[] = [];
  const byReviewer = new Map<string, BatonReview[]>();
  for (const r of inputs) {
    const list = byReviewer.get(r.reviewer.id) ?? [];
    list.push(r);
    byReviewer.set(r.reviewer.id, list);
  }
  const reviews = [...byReviewer.keys()].sort(cmp).map((id) => mergeOne(byReviewer.get(id)!, notes));
  const all = mergeDecisions(inputs.flatMap((r) => r.decisions ?? []));
  for (const n of all.notes) if (!notes.includes(n)) notes.push(n);
  return { reviews, notes, decisions: all.decisions };
}

function mergeOne(files: readonly BatonReview[], notes: string[]): BatonReview {
  const ordered = [...files].sort((a, b) => latestActivity(a) - latestActivity(b) || cmp(canonical(a.reviewer), canonical(b.reviewer)));
  const reviewer: ReviewerInfo = { ...ordered[ordered.length - 1]!.reviewer };
  const distinct = new Set(files.map((f) => canonical(f.reviewer)));
  if (distinct.size > 1) notes.push(`reviewer "${reviewer.id}" has different names, initials or colours across files; kept those of the latest file`);

  type Entry = { subs: Map<string, Submission>; titles: { t: number; title: string }[] };
  const sessions = new Map<string, Entry>();
  for (const f of files) {
    for (const r of f.ratings) {
      const entry: Entry = sessions.get(r.sessionHash) ?? { subs: new Map(), titles: [] };
      for (const s of [...r.revisions, { scores: r.scores, submittedAt: r.submittedAt, reason: r.reason }]) {
        const clean: Submission = s.reason === undefined ? { scores: s.scores, submittedAt: s.submittedAt } : { scores: s.scores, submittedAt: s.submittedAt, reason: s.reason };
        entry.subs.set(canonical(clean), clean);
      }
      if (r.sessionTitle !== undefined) entry.titles.push({ t: time(r.submittedAt), title: r.sessionTitle });
      sessions.set(r.sessionHash, entry);
    }
  }
  const ratings: SessionRating[] = [...sessions.keys()].sort(cmp).map((hash) => {
    const { subs, titles } = sessions.get(hash)!;
    const history = [...subs.values()].sort(bySubmission);
    const current = history[history.length - 1]!;
    titles.sort((a, b) => a.t - b.t || cmp(a.title, b.title));
    const rating: SessionRating = { sessionHash: hash, scores: current.scores, submittedAt: current.submittedAt, revisions: history.slice(0, -1) };
    const title = titles[titles.length - 1]?.title;
    if (title !== undefined) rating.sessionTitle = title;
    if (current.reason !== undefined) rating.reason = current.reason;
    return rating;
  });

  const annotations = new Map<string, Annotation>();
  const conflicts = new Set<string>();
  for (const f of files) {
    for (const a of f.annotations) {
      const prev = annotations.get(a.id);
      if (prev === undefined) {
        annotations.set(a.id, a);
        continue;
      }
      const [pc, ac] = [canonical(prev), canonical(a)];
      if (pc === ac) continue;
      conflicts.add(a.id);
      const keepNew = time(a.createdAt) - time(prev.createdAt) || cmp(ac, pc);
      const winner = keepNew > 0 ? a : prev;
      annotations.set(a.id, winner);
    }
  }
  for (const id of [...conflicts].sort(cmp)) notes.push(`annotation "${id}" of reviewer "${reviewer.id}" differs between files; kept the one created last`);
  const mergedAnnotations = [...annotations.values()].sort((a, b) => cmp(a.sessionHash, b.sessionHash) || a.t0 - b.t0 || cmp(a.id, b.id));
  const decisions = mergeDecisions(files.flatMap((f) => f.decisions ?? []));
  notes.push(...decisions.notes);
  const merged: BatonReview = { format: REVIEW_FORMAT, version: REVIEW_FORMAT_VERSION, reviewer, ratings, annotations: mergedAnnotations };
  if (decisions.decisions.length) merged.decisions = decisions.decisions;
  return merged;
}
