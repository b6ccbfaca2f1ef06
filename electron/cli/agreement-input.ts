/**
 * Reading the files `baton agreement` is given: .baton-review (JSON), long-format CSV and the
 * raters' wide TSV, told apart by extension (.baton-review/.json, .csv, .tsv) or, for other
 * names, by content. Review files are merged per reviewer first (history kept, conflicts
 * noted); then every source's current scores are combined, latest per session, reviewer
 * and factor.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { MAX_CSV_CHARS, readRatingsCsv, type LineProblem } from '../../shared/review/csv';
import { mergeReviews } from '../../shared/review/merge';
import { parseReview } from '../../shared/review/parse';
import { latestRatings, reviewRatings, type TimedRating } from '../../shared/review/ratings';
import type { BatonReview } from '../../shared/review/schema';
import { readRaterTsv, reviewerFromFileName } from '../../shared/review/tsv';

export type PanelFileKind = 'review' | 'csv' | 'tsv';

export interface PanelFile {
  path: string;
  kind?: PanelFileKind;
  /** Scores read (N/A included). */
  ratings: number;
  /** Set when the file could not be read at all. */
  error?: string;
  problems: LineProblem[];
}

export interface PanelInput {
  files: PanelFile[];
  ratings: TimedRating[];
  /** Older scores set aside for a later one of the same session, reviewer and factor. */
  replaced: number;
  /** Conflicts resolved while merging review files. */
  notes: string[];
}

const MAX_FILE_BYTES = MAX_CSV_CHARS;

export function detectKind(path: string, text: string): PanelFileKind {
  const ext = extname(path).toLowerCase();
  if (ext === '.baton-review' || ext === '.json') return 'review';
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv') return 'tsv';
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('{')) return 'review';
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes('\t') ? 'tsv' : 'csv';
}

/** `phase`: keep only the CSV rows of that phase (review and TSV files have no phases). */
export async function readPanel(paths: readonly string[], phase?: string): Promise<PanelInput> {
  const files: PanelFile[] = [];
  const rows: TimedRating[] = [];
  const reviews: BatonReview[] = [];
  for (const path of paths) {
    const file: PanelFile = { path, ratings: 0, problems: [] };
    files.push(file);
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new Error('not a file');
      if (info.size > MAX_FILE_BYTES) throw new Error(`too large (${info.size} bytes; the limit is ${MAX_FILE_BYTES})`);
      const text = await readFile(path, 'utf8');
      file.kind = detectKind(path, text);
      if (file.kind === 'review') {
        const review = parseReview(text, path);
        reviews.push(review);
        file.ratings = review.ratings.length * 7;
      } else {
        const read = file.kind === 'csv' ? readRatingsCsv(text, path) : readRaterTsv(text, reviewerFromFileName(path), path);
        file.problems = read.problems;
        file.ratings = read.ratings.length;
        for (const { line: _line, ...r } of read.ratings) if (phase === undefined || file.kind !== 'csv' || r.phase === phase) rows.push(r);
      }
    } catch (e) {
      const msg = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      // Parse errors already name the file; keep just the reason.
      file.error = msg.split('\n').map((l) => (l.startsWith(`${path}:`) ? l.slice(path.length + 1).trim() : l)).join('; ');
    }
  }
  const merged = mergeReviews(reviews);
  const { ratings, replaced } = latestRatings([...reviewRatings(merged.reviews), ...rows]);
  return { files, ratings, replaced, notes: merged.notes };
}
