/** Reviewer annotations inline in an event-list row: one small chip per annotation. */
import { ANCHORS } from '../../../../../shared/review/anchors';
import { usePanelStore } from '../../panel/store';
import { annotationTargetText } from './annotation-text';

export function AnnotationBadges({ eventId }: { eventId: string }) {
  const marks = usePanelStore((s) => s.eventMarks[eventId]);
  const reviewers = usePanelStore((s) => s.reviewers);
  if (!marks?.length) return null;
  return (
    <span className="ev-annotations" data-testid="event-annotations">
      {marks.map((a) => {
        const who = reviewers.find((r) => r.id === a.reviewer);
        const target = annotationTargetText(a);
        return (
          <span key={a.id} className={`ev-annotation ${a.polarity === '+' ? 'pos' : 'neg'}`} style={{ borderColor: who?.colour }} title={`${who?.name ?? a.reviewer} · ${ANCHORS[a.factor].label} ${a.polarity}${target ? ` on ${target}` : ''}${a.note ? `: ${a.note}` : ''}`}>
            {who?.initials ?? '?'} {a.polarity === '+' ? '+' : '−'}
            {a.hunk && <span className="ev-annotation-hunk"> · hunk {a.hunk.index + 1}</span>}
          </span>
        );
      })}
    </span>
  );
}
