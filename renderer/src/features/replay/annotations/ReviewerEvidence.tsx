/**
 * The score panel's "reviewers" section: the annotations tagged with the open factor, beside
 * the classifier's evidence; click a time to jump. Others' stay hidden until you submit.
 */
import { Markdown } from '../../../components/Markdown';
import { REVIEW_TO_CLASSIFIER } from '../../../../../shared/review/factors';
import type { FactorId } from '../../../../../shared/classifier/weights';
import { formatClock } from '../../session/summary';
import { ReviewerChip } from '../../panel/ReviewerSwitcher';
import { usePanelStore } from '../../panel/store';
import type { PaneProps } from '../types';
import { annotationTargetText } from './annotation-text';
import { useReviewHash, useVisibleAnnotations } from './hooks';
import { openAnnotation } from './open-annotation';

export function ReviewerEvidence({ session, clock, factor }: PaneProps & { factor: FactorId }) {
  const hash = useReviewHash(session);
  const reviewers = usePanelStore((s) => s.reviewers);
  const list = useVisibleAnnotations(hash).filter((a) => a.factor !== 'overall' && REVIEW_TO_CLASSIFIER[a.factor] === factor);
  if (list.length === 0) return null;
  return (
    <div className="reviewer-evidence" data-testid="reviewer-evidence">
      <h3>Reviewers&apos; annotations: {list.length}</h3>
      <ol>
        {list.map((a) => {
          const who = reviewers.find((r) => r.id === a.reviewer);
          return (
            <li key={a.id} className={a.polarity === '+' ? 'pos' : 'neg'} data-testid="reviewer-evidence-item">
              <ReviewerChip initials={who?.initials ?? '?'} colour={who?.colour ?? '#888888'} name={who?.name ?? a.reviewer} />
              <span className="polarity-sign">{a.polarity === '+' ? '+' : '−'}</span>
              <button className="conv-time" onClick={() => openAnnotation(a, clock)} title={a.hunk ? 'Show this hunk in the Code tab' : 'Jump to this moment'}>
                {formatClock(a.t0)}
              </button>
              {a.hunk && <span className="annotation-target muted small" data-testid="annotation-target">{annotationTargetText(a)}</span>}
              <Markdown text={a.note || '(no note)'} className="evidence-text" />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
