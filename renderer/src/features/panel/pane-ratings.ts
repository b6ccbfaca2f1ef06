/**
 * Which reviewers' submitted ratings a side-by-side pane shows, under the blind rule: until
 * the current reviewer submits a session they see only their own rating of it. A pane showing
 * one reviewer's lane (`#/compare?s=ID:LANE`) shows that reviewer's rating alone.
 */
import type { RatingRow, ReviewerRow } from '../../db/schema';
import type { Visibility } from './store';

export interface PaneRatingsView {
  /** Submitted ratings to show, by reviewer name. */
  shown: RatingRow[];
  /** Submitted ratings by others, hidden until the current reviewer submits. */
  hidden: number;
  /** The reviewer the pane's lane names, when it names one known here. */
  laneReviewer?: ReviewerRow;
}

/** The reviewer a lane names: by id, else by name or initials (case-insensitive). */
export function reviewerOfLane(reviewers: readonly ReviewerRow[], lane: string): ReviewerRow | undefined {
  const l = lane.trim().toLowerCase();
  return reviewers.find((r) => r.id === lane) ?? reviewers.find((r) => r.name.toLowerCase() === l) ?? reviewers.find((r) => r.initials.toLowerCase() === l);
}

export function paneRatings(rows: readonly RatingRow[] | undefined, reviewers: readonly ReviewerRow[], v: Pick<Visibility, 'reviewer' | 'hideOthers'>, lane?: string): PaneRatingsView {
  const laneReviewer = lane ? reviewerOfLane(reviewers, lane) : undefined;
  const laneId = lane ? (laneReviewer?.id ?? lane) : undefined;
  const submitted = (rows ?? []).filter((r) => r.current && (laneId === undefined || r.reviewer === laneId));
  const mine = (r: RatingRow) => r.reviewer === v.reviewer?.id;
  const shown = v.hideOthers ? submitted.filter(mine) : submitted;
  const name = (r: RatingRow) => reviewers.find((x) => x.id === r.reviewer)?.name ?? r.reviewer;
  return { shown: [...shown].sort((a, b) => name(a).localeCompare(name(b))), hidden: submitted.length - shown.length, ...(laneReviewer ? { laneReviewer } : {}) };
}
