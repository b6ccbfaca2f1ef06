/**
 * Rows of the calibration-panel tables (schema v3). Sessions are referred to by their
 * review hash (shared/review/session-key.ts), not by the library's storage id, so ratings
 * and annotations imported from another machine attach to the same session.
 */
import type { Annotation, Scores, Submission } from '../../../shared/review/schema';

export interface ReviewerRow {
  /** Matches a reviewer across .baton-review files. */
  id: string;
  name: string;
  initials: string;
  colour: string;
  createdAt: number;
  /** Known only from an imported file (not a profile someone uses on this machine). */
  imported?: boolean;
}

/** An annotation as stored: the .baton-review annotation itself. */
export type AnnotationRow = Annotation;

/** What a reviewer is filling in and has not submitted: any factor may still be unset. */
export type DraftScores = Partial<Scores>;

export interface RatingRow {
  sessionHash: string;
  reviewer: string;
  sessionTitle?: string;
  draft?: DraftScores;
  /** The current submission (locked; a change is a revision with a reason). */
  current?: Submission;
  /** Earlier submissions, oldest first. */
  revisions: Submission[];
}
