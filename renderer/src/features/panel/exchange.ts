/**
 * Panel exchange without a server: export the current reviewer's work as a .baton-review
 * file, import any number of .baton-review, CSV (long format) and rater TSV files, export
 * every rating as CSV. Sessions in CSV and TSV are matched to the library by review hash, or
 * by the session's source file name without its extension (how ../shared/rated-sessions
 * names them); unmatched names are reported.
 */
import { rowsToReviews, reviewsToRows } from '../../../../shared/review/convert';
import { readRatingsCsv, writeRatingsCsv, CsvError } from '../../../../shared/review/csv';
import { parseReview, stringifyReview, ReviewParseError } from '../../../../shared/review/parse';
import type { BatonReview } from '../../../../shared/review/schema';
import { reviewKey } from '../../../../shared/review/session-key';
import { readRaterTsv, reviewerFromFileName } from '../../../../shared/review/tsv';
import { decisionsForReview, importDecisions } from '../../db/decision-exchange';
import { buildReview, importReviews, listReviewers, type ImportSummary } from '../../db/review-store';
import { db, type SessionRow } from '../../db/schema';
import { listSessions } from '../../db/store';
import { platform } from '../../platform';
import { setUi } from '../../state/store';
import { loadPanel } from './store';

const HEX64 = /^[0-9a-f]{64}$/;

function baseName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** session name or hash → review hash, from the library. */
export function sessionResolver(rows: readonly SessionRow[]): (name: string) => { hash: string; title?: string } | undefined {
  const byHash = new Map<string, SessionRow>();
  const byName = new Map<string, SessionRow>();
  for (const r of rows) {
    byHash.set(reviewKey(r.contentHash), r);
    const f = r.meta.source.fileName;
    if (f && !byName.has(baseName(f))) byName.set(baseName(f), r);
  }
  return (name) => {
    const n = name.trim();
    if (HEX64.test(n)) return { hash: n, ...(byHash.get(n) ? { title: byHash.get(n)!.title } : {}) };
    const row = byName.get(n) ?? byName.get(baseName(n));
    return row ? { hash: reviewKey(row.contentHash), title: row.title } : undefined;
  };
}

export interface ExchangeResult extends ImportSummary {
  files: number;
  /** Committee decisions in the files for sessions of this library. */
  decisions: number;
  /** One line per problem: "file:line: message" or "file: message". */
  problems: string[];
}

const MAX_LISTED = 20;

export async function importReviewFiles(files: readonly File[]): Promise<ExchangeResult> {
  const resolve = sessionResolver(await listSessions(db()));
  const reviews: BatonReview[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const text = await file.text();
      const ext = file.name.toLowerCase().split('.').pop();
      if (ext === 'csv' || ext === 'tsv') {
        const read = ext === 'csv' ? readRatingsCsv(text, file.name) : readRaterTsv(text, reviewerFromFileName(file.name), file.name);
        for (const p of read.problems.slice(0, MAX_LISTED)) problems.push(`${file.name}:${p.line}: ${p.message}`);
        if (read.problems.length > MAX_LISTED) problems.push(`${file.name}: … and ${read.problems.length - MAX_LISTED} more problems`);
        const { reviews: got, unmatched } = rowsToReviews(read.ratings, resolve);
        if (unmatched.length) problems.push(`${file.name}: ${unmatched.length} session${unmatched.length > 1 ? 's are' : ' is'} not in the library (import ${unmatched.length > 1 ? 'them' : 'it'} first): ${unmatched.slice(0, 8).join(', ')}${unmatched.length > 8 ? ', …' : ''}`);
        reviews.push(...got);
      } else {
        reviews.push(parseReview(text, file.name));
      }
    } catch (e) {
      if (e instanceof ReviewParseError || e instanceof CsvError) problems.push(...e.message.split('\n'));
      else problems.push(`${file.name}: ${(e as Error).message}`);
    }
  }
  const summary = await importReviews(db(), reviews);
  const decided = await importDecisions(db(), reviews.flatMap((r) => r.decisions ?? []));
  const n = decided.unmatched.length;
  if (n) problems.push(`${n} decision${n > 1 ? 's are' : ' is'} for session${n > 1 ? 's' : ''} not in the library (import ${n > 1 ? 'them' : 'it'} first): ${decided.unmatched.slice(0, 8).map((h) => `${h.slice(0, 12)}…`).join(', ')}`);
  return { ...summary, notes: [...summary.notes, ...decided.notes.filter((x) => !summary.notes.includes(x))], files: files.length, decisions: decided.matched, problems };
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'review';
}

export async function exportReviewFile(reviewerId: string, sessionHashes: readonly string[]): Promise<boolean> {
  const review = await buildReview(db(), reviewerId, sessionHashes);
  const decisions = await decisionsForReview(db(), sessionHashes);
  if (decisions.length) review.decisions = decisions;
  const blob = new Blob([stringifyReview(review)], { type: 'application/json' });
  return platform().saveFile(`${safeName(review.reviewer.name)}.baton-review`, blob);
}

/** Every reviewer's submitted ratings (with history) in long format. */
export async function exportCsv(): Promise<boolean> {
  const reviewers = await listReviewers(db());
  const reviews = await Promise.all(reviewers.map((r) => buildReview(db(), r.id)));
  const blob = new Blob([writeRatingsCsv(reviewsToRows(reviews))], { type: 'text/csv' });
  return platform().saveFile('panel-ratings.csv', blob);
}

/** .baton-review files dropped on the window or chosen with Import files…: merged, with a short report. */
export async function importDroppedReviews(files: readonly File[]): Promise<void> {
  const r = await importReviewFiles(files);
  await loadPanel();
  const text = r.problems.length
    ? r.problems.slice(0, 3).join('\n')
    : `Reviews imported: ${r.reviewers.join(', ')} (${r.ratings} rated sessions, ${r.annotations} annotations after merging${r.decisions ? `, ${r.decisions} committee decision${r.decisions > 1 ? 's' : ''}` : ''}). See the Panel view.`;
  setUi({ toast: { text, kind: r.problems.length ? 'error' : 'info' } });
}
