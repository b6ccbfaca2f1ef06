/**
 * Reviewer annotations in the replay: `a` annotates at the playhead, one lane per reviewer
 * under the timeline (click a mark to jump), the marks also drawn on the timeline itself,
 * and the annotation dialog. Others' annotations stay hidden until the reviewer submits.
 */
import { useEffect, useMemo } from 'react';
import { ANCHORS } from '../../../../../shared/review/anchors';
import type { Annotation } from '../../../../../shared/review/schema';
import { setUi } from '../../../state/store';
import { formatClock } from '../../session/summary';
import { ReviewerChip } from '../../panel/ReviewerSwitcher';
import { openAnnotate, usePanelStore } from '../../panel/store';
import type { ReviewerRow } from '../../../db/schema';
import { removeOverlay, setOverlay } from '../overlays';
import type { PaneProps } from '../types';
import { AnnotateDialog } from './AnnotateDialog';
import { useReviewHash, useSessionReview, useVisibleAnnotations } from './hooks';

export function annotationLabel(a: Annotation, who?: ReviewerRow): string {
  return `${who?.initials ?? a.reviewer} · ${ANCHORS[a.factor].label} ${a.polarity === '+' ? '+' : '−'}${a.note ? `: ${a.note.slice(0, 120)}` : ''}`;
}

function Lanes({ annotations, reviewers, duration, onSeek }: { annotations: Annotation[]; reviewers: ReviewerRow[]; duration: number; onSeek: (t: number) => void }) {
  const byReviewer = useMemo(() => {
    const m = new Map<string, Annotation[]>();
    for (const a of annotations) m.set(a.reviewer, [...(m.get(a.reviewer) ?? []), a]);
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  }, [annotations]);
  if (byReviewer.length === 0) return null;
  return (
    <div className="annotation-lanes" data-testid="annotation-lanes" aria-label="Annotations by reviewer">
      {byReviewer.map(([rid, list]) => {
        const who = reviewers.find((r) => r.id === rid);
        const colour = who?.colour ?? '#888888';
        return (
          <div key={rid} className="annotation-lane" data-testid="annotation-lane" data-reviewer={rid}>
            <span className="lane-label">
              <ReviewerChip initials={who?.initials ?? '?'} colour={colour} name={who?.name ?? rid} />
            </span>
            <div className="lane-track">
              {list.map((a) => {
                const left = (100 * a.t0) / duration;
                const width = a.t1 !== undefined ? (100 * (a.t1 - a.t0)) / duration : 0;
                return (
                  <button
                    key={a.id}
                    className={`annotation-mark ${a.polarity === '+' ? 'pos' : 'neg'} ${width > 0 ? 'span' : ''}`}
                    data-testid="annotation-mark"
                    style={{ left: `${Math.min(100, left)}%`, width: width > 0 ? `${width}%` : undefined, borderColor: colour }}
                    title={`${formatClock(a.t0)}${a.t1 !== undefined ? `–${formatClock(a.t1)}` : ''} · ${annotationLabel(a, who)}`}
                    aria-label={`${who?.name ?? rid}: ${ANCHORS[a.factor].label} ${a.polarity === '+' ? 'plus' : 'minus'} at ${formatClock(a.t0)}`}
                    onClick={() => onSeek(a.t0)}
                  >
                    {a.polarity === '+' ? '+' : '−'}
                  </button>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function ReviewLayer({ session, clock }: PaneProps) {
  const hash = useReviewHash(session);
  useSessionReview(hash);
  const annotations = useVisibleAnnotations(hash);
  const reviewers = usePanelStore((s) => s.reviewers);
  const annotating = usePanelStore((s) => s.annotating);
  const duration = Math.max(1, clock.get().duration);

  useEffect(() => {
    // No overlay at all without annotations (the timeline lists overlays by id).
    if (annotations.length === 0) return removeOverlay('annotations');
    setOverlay({
      id: 'annotations',
      label: 'Annotations',
      items: annotations.map((a) => {
        const who = reviewers.find((r) => r.id === a.reviewer);
        return { t: a.t0, ...(a.t1 !== undefined ? { endT: a.t1 } : {}), color: who?.colour ?? '#888888', label: annotationLabel(a, who), ...(a.eventId ? { eventIds: [a.eventId] } : {}) };
      }),
    });
    return () => removeOverlay('annotations');
  }, [annotations, reviewers]);

  // The event list shows each annotation on its event (or the event at its start time).
  useEffect(() => {
    const marks: Record<string, Annotation[]> = {};
    for (const a of annotations) {
      const i = a.eventId ? -1 : session.index.indexAt(a.t0);
      const id = a.eventId ?? (i >= 0 ? session.events[i]!.id : undefined);
      if (id) (marks[id] ??= []).push(a);
    }
    usePanelStore.setState({ eventMarks: marks });
    return () => usePanelStore.setState({ eventMarks: {} });
  }, [annotations, session]);

  // `a` annotates at the playhead (the event under it, if any).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'a' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      if (target?.closest('.monaco-editor, dialog')) return;
      e.preventDefault();
      if (!usePanelStore.getState().current) {
        setUi({ toast: { text: 'Choose who you are (the reviewer button, top right) before annotating.', kind: 'info' } });
        return;
      }
      clock.pause();
      const t = clock.get().t;
      const i = session.index.indexAt(t);
      openAnnotate(t, i >= 0 ? session.events[i]!.id : undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, session]);

  return (
    <>
      <Lanes annotations={annotations} reviewers={reviewers} duration={duration} onSeek={(t) => clock.seek(t)} />
      {annotating && <AnnotateDialog session={session} hash={hash} t0={annotating.t0} {...(annotating.eventId ? { eventId: annotating.eventId } : {})} />}
    </>
  );
}
