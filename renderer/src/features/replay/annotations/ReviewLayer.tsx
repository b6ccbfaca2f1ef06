/**
 * Reviewer annotations in the replay: `a` annotates at the playhead, one lane per reviewer
 * under the timeline on its time axis (AnnotationLanes; click a mark to jump), the marks also drawn on the timeline itself,
 * and the annotation dialog. Others' annotations stay hidden until the reviewer submits.
 */
import { useEffect } from 'react';
import type { Annotation } from '../../../../../shared/review/schema';
import { setUi } from '../../../state/store';
import { openAnnotate, usePanelStore } from '../../panel/store';
import { removeOverlay, setOverlay } from '../overlays';
import type { AxisBus } from '../timeline/axis-bus';
import type { PaneProps } from '../types';
import { AnnotateDialog } from './AnnotateDialog';
import { AnnotationLanes } from './AnnotationLanes';
import { annotationLabel } from './annotation-text';
import { openAnnotation } from './open-annotation';
import { useReviewHash, useSessionReview, useVisibleAnnotations } from './hooks';

export function ReviewLayer({ session, clock, axisBus }: PaneProps & { axisBus: AxisBus }) {
  const hash = useReviewHash(session);
  useSessionReview(hash);
  const annotations = useVisibleAnnotations(hash);
  const reviewers = usePanelStore((s) => s.reviewers);
  const annotating = usePanelStore((s) => s.annotating);

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
      <AnnotationLanes annotations={annotations} reviewers={reviewers} axisBus={axisBus} onOpen={(a) => openAnnotation(a, clock)} />
      {annotating && <AnnotateDialog session={session} hash={hash} t0={annotating.t0} {...(annotating.eventId ? { eventId: annotating.eventId } : {})} {...(annotating.hunk ? { hunk: annotating.hunk } : {})} />}
    </>
  );
}
