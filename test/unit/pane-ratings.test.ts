/** Ratings in the side-by-side panes: blind until you submit, one reviewer's in a lane pane. */
import { describe, expect, it } from 'vitest';
import { paneRatings, reviewerOfLane } from '../../renderer/src/features/panel/pane-ratings';
import type { RatingRow, ReviewerRow } from '../../renderer/src/db/schema';
import type { Scores } from '../../shared/review/schema';

const H = 'e'.repeat(64);
const who = (id: string, name: string, initials: string): ReviewerRow => ({ id, name, initials, colour: '#1f77b4', createdAt: 1 });
const ADA = who('r-ada', 'Ada', 'AD');
const BO = who('r-bo', 'Bo', 'BO');
const CY = who('r-cy', 'Cy', 'CY');
const s = (x: number): Scores => ({ scoping: x, tradeoff: x, adversarial: x, selfcorrection: null, edgecase: x, sequencing: x, overall: x });
const rated = (reviewer: string, x: number): RatingRow => ({ sessionHash: H, reviewer, current: { scores: s(x), submittedAt: '2026-12-01T10:00:00Z' }, revisions: [] });
const ROWS: RatingRow[] = [rated('r-bo', 2), rated('r-ada', 4), { sessionHash: H, reviewer: 'r-cy', draft: { scoping: 3 }, revisions: [] }];
const ALL = [ADA, BO, CY];

describe('paneRatings', () => {
  it('shows every submitted rating when nobody is reviewing or the reviewer has submitted', () => {
    const v = paneRatings(ROWS, ALL, { hideOthers: false });
    expect(v.shown.map((r) => r.reviewer)).toEqual(['r-ada', 'r-bo']);
    expect(v.hidden).toBe(0);
  });

  it('hides the others while the current reviewer has not submitted (a draft is not a rating)', () => {
    const v = paneRatings(ROWS, ALL, { reviewer: CY, hideOthers: true });
    expect(v.shown).toEqual([]);
    expect(v.hidden).toBe(2);
    const own = paneRatings(ROWS, ALL, { reviewer: ADA, hideOthers: false });
    expect(own.shown).toHaveLength(2);
  });

  it("shows a lane pane only that reviewer's rating, named by id, name or initials, and still blind", () => {
    expect(paneRatings(ROWS, ALL, { hideOthers: false }, 'r-bo').shown.map((r) => r.reviewer)).toEqual(['r-bo']);
    expect(paneRatings(ROWS, ALL, { hideOthers: false }, 'ada').shown.map((r) => r.reviewer)).toEqual(['r-ada']);
    expect(paneRatings(ROWS, ALL, { hideOthers: false }, 'BO').laneReviewer?.id).toBe('r-bo');
    const blind = paneRatings(ROWS, ALL, { reviewer: CY, hideOthers: true }, 'r-ada');
    expect(blind.shown).toEqual([]);
    expect(blind.hidden).toBe(1);
    expect(paneRatings(ROWS, ALL, { hideOthers: false }, 'nobody').shown).toEqual([]);
    expect(reviewerOfLane(ALL, 'nobody')).toBeUndefined();
  });
});
