/**
 * A side-by-side pane showing one reviewer's lane of a session (`#/compare?s=ID:REVIEWER`,
 * the compare view's `lane` slot): that reviewer's annotations in time order, the one at the
 * playhead marked; click one to move every pane there. Blind like the replay: a reviewer who
 * has not submitted the session sees only their own lane.
 */
import { useMemo } from 'react';
import { ANCHORS } from '../../../../shared/review/anchors';
import { Markdown } from '../../components/Markdown';
import type { CompareSlotProps } from '../compare/extensions';
import { useClock } from '../replay/clock';
import { annotationTargetText } from '../replay/annotations/annotation-text';
import { useReviewHash, useSessionReview, useVisibleAnnotations } from '../replay/annotations/hooks';
import { formatClock } from '../session/summary';
import { reviewerOfLane } from './pane-ratings';
import { ReviewerChip } from './ReviewerSwitcher';
import { usePanelStore } from './store';

export function PaneLane({ session, clock, lane = '' }: CompareSlotProps) {
  const hash = useReviewHash(session);
  useSessionReview(hash);
  const reviewers = usePanelStore((s) => s.reviewers);
  const all = usePanelStore((s) => s.annotations[hash]);
  const visible = useVisibleAnnotations(hash);
  const who = reviewerOfLane(reviewers, lane);
  const id = who?.id ?? lane;
  const list = useMemo(() => visible.filter((a) => a.reviewer === id).sort((a, b) => a.t0 - b.t0 || (a.id < b.id ? -1 : 1)), [visible, id]);
  const hidden = (all ?? []).filter((a) => a.reviewer === id).length - list.length;
  const at = useClock(clock, (s) => {
    let k = -1;
    for (let i = 0; i < list.length && list[i]!.t0 <= s.t; i++) k = i;
    return k;
  });
  return (
    <div className="pane-lane compare-pane-body" data-testid="pane-lane" data-reviewer={id}>
      <p className="small">
        {who && <ReviewerChip initials={who.initials} colour={who.colour} name={who.name} />} Annotations by {who?.name ?? lane}: {list.length}
        {hidden > 0 && <span className="muted"> ({hidden} hidden until you submit your rating)</span>}
      </p>
      {list.length === 0 ? (
        <p className="muted small">{who ? 'No annotation to show.' : `No reviewer "${lane}" on this machine: import their .baton-review in the Panel view.`}</p>
      ) : (
        <ol className="pane-lane-list">
          {list.map((a, i) => (
            <li key={a.id} className={`${a.polarity === '+' ? 'pos' : 'neg'} ${i === at ? 'now' : ''}`} data-testid="pane-lane-item" aria-current={i === at ? 'true' : undefined}>
              <button className="conv-time" onClick={() => clock.seek(a.t0)} title="Move every pane to this moment">
                {formatClock(a.t0)}
              </button>{' '}
              <strong>
                {ANCHORS[a.factor].label} {a.polarity === '+' ? '+' : '−'}
              </strong>
              {a.hunk && <span className="muted small"> · {annotationTargetText(a)}</span>}
              <Markdown text={a.note || '(no note)'} className="evidence-text" />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
