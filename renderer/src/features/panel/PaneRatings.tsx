/**
 * The reviewers' ratings of a session, in its side-by-side pane (the compare view's
 * `ratings` slot): one compact row per reviewer who submitted, blind until you submit, and in
 * a pane showing one reviewer's lane only that reviewer's.
 */
import { useMemo } from 'react';
import { ANCHORS } from '../../../../shared/review/anchors';
import { REVIEW_FACTORS } from '../../../../shared/review/factors';
import type { CompareSlotProps } from '../compare/extensions';
import { useReviewHash, useSessionReview } from '../replay/annotations/hooks';
import { paneRatings } from './pane-ratings';
import { ReviewerChip } from './ReviewerSwitcher';
import { usePanelStore, visibilityOf } from './store';

const SHORT: Record<(typeof REVIEW_FACTORS)[number], string> = { scoping: 'Scope', tradeoff: 'Trade', adversarial: 'Advers', selfcorrection: 'Self-c', edgecase: 'Edge', sequencing: 'Seq', overall: 'Overall' };

export function PaneRatings({ session, lane }: CompareSlotProps) {
  const hash = useReviewHash(session);
  useSessionReview(hash);
  const rows = usePanelStore((s) => s.ratings[hash]);
  const reviewers = usePanelStore((s) => s.reviewers);
  const current = usePanelStore((s) => s.current);
  const hideOthers = usePanelStore((s) => visibilityOf(s, hash).hideOthers);
  const view = useMemo(() => paneRatings(rows, reviewers, { reviewer: reviewers.find((r) => r.id === current), hideOthers }, lane), [rows, reviewers, current, hideOthers, lane]);
  const hiddenText = view.hidden > 0 ? `${view.hidden} other rating${view.hidden === 1 ? '' : 's'} hidden until you submit yours` : '';
  return (
    <div className="pane-ratings" data-testid="pane-ratings" aria-label="Reviewers' ratings">
      {view.shown.length === 0 ? (
        <p className="muted small" data-testid="pane-ratings-empty">
          {lane ? `No submitted rating by ${view.laneReviewer?.name ?? lane}` : 'No submitted ratings'}
          {hiddenText ? ` (${hiddenText})` : ''}.
        </p>
      ) : (
        <table className="pane-ratings-table">
          <thead>
            <tr>
              <th>Rated</th>
              {REVIEW_FACTORS.map((f) => (
                <th key={f} title={ANCHORS[f].label}>
                  {SHORT[f]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.shown.map((r) => {
              const who = reviewers.find((x) => x.id === r.reviewer);
              const s = r.current!;
              return (
                <tr key={r.reviewer} data-testid="pane-rating" data-reviewer={r.reviewer} title={`${who?.name ?? r.reviewer}, submitted ${new Date(s.submittedAt).toLocaleString()}${r.revisions.length ? ` (revised after discussion: ${s.reason ?? ''})` : ''}`}>
                  <td>
                    <ReviewerChip initials={who?.initials ?? '?'} colour={who?.colour ?? '#888888'} name={who?.name ?? r.reviewer} />
                  </td>
                  {REVIEW_FACTORS.map((f) => (
                    <td key={f} data-factor={f}>
                      {s.scores[f] ?? 'N/A'}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {view.shown.length > 0 && hiddenText && <p className="muted small">{hiddenText}.</p>}
    </div>
  );
}
