/**
 * One lane per reviewer under the timeline, on the timeline's own time axis: a mark sits at
 * the x the timeline draws its moment at, and moves with every zoom, pan and follow (the axis
 * comes from the timeline's AxisBus, as the narration waveform's does). Marks at one moment
 * sit side by side rather than on top of each other. Click a mark to jump.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ANCHORS } from '../../../../../shared/review/anchors';
import type { Annotation } from '../../../../../shared/review/schema';
import type { ReviewerRow } from '../../../db/schema';
import { formatClock } from '../../session/summary';
import { ReviewerChip } from '../../panel/ReviewerSwitcher';
import type { AxisBus, AxisState } from '../timeline/axis-bus';
import { annotationLabel, annotationTargetText } from './annotation-text';
import { laneMarkBox, spreadPoints } from './lane-place';

type Axis = Pick<AxisState, 'start' | 'end' | 'plotX' | 'plotW'>;

/** The timeline's axis in the lane track's pixels, kept current. */
function useTrackAxis(axisBus: AxisBus, host: React.RefObject<HTMLDivElement | null>, ready: boolean): Axis | null {
  const [axis, setAxis] = useState<Axis | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || !ready) return;
    let raf = 0;
    const place = () => {
      raf = 0;
      const a = axisBus.get();
      const track = el.querySelector<HTMLElement>('.lane-track');
      if (!a || !track) return;
      const dx = a.el.getBoundingClientRect().left - track.getBoundingClientRect().left;
      setAxis((p) => (p && p.start === a.start && p.end === a.end && p.plotX === a.plotX + dx && p.plotW === a.plotW ? p : { start: a.start, end: a.end, plotX: a.plotX + dx, plotW: a.plotW }));
    };
    const later = () => {
      if (!raf) raf = requestAnimationFrame(place);
    };
    const unsub = axisBus.subscribe(place);
    const ro = new ResizeObserver(later);
    ro.observe(el);
    place();
    return () => {
      unsub();
      ro.disconnect();
      cancelAnimationFrame(raf);
    };
  }, [axisBus, host, ready]);
  return axis;
}

export function AnnotationLanes({ annotations, reviewers, axisBus, onOpen }: { annotations: Annotation[]; reviewers: ReviewerRow[]; axisBus: AxisBus; onOpen: (a: Annotation) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const byReviewer = useMemo(() => {
    const m = new Map<string, Annotation[]>();
    for (const a of annotations) m.set(a.reviewer, [...(m.get(a.reviewer) ?? []), a]);
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  }, [annotations]);
  const axis = useTrackAxis(axisBus, host, byReviewer.length > 0);
  if (byReviewer.length === 0) return null;
  return (
    <div ref={host} className="annotation-lanes" data-testid="annotation-lanes" aria-label="Annotations by reviewer">
      {byReviewer.map(([rid, list]) => {
        const who = reviewers.find((r) => r.id === rid);
        const colour = who?.colour ?? '#888888';
        return (
          <div key={rid} className="annotation-lane" data-testid="annotation-lane" data-reviewer={rid}>
            <span className="lane-label">
              <ReviewerChip initials={who?.initials ?? '?'} colour={colour} name={who?.name ?? rid} />
            </span>
            <div className="lane-track">
              {axis &&
                (() => {
                  const boxes = list.map((a) => laneMarkBox(axis, a.t0, a.t1));
                  const lefts = spreadPoints(boxes);
                  return list.map((a, i) => ({ a, box: boxes[i] ? { left: lefts[i]!, width: boxes[i]!.width } : null }));
                })().map(({ a, box }) => {
                  if (!box) return null;
                  const target = annotationTargetText(a);
                  return (
                    <button
                      key={a.id}
                      className={`annotation-mark ${a.polarity === '+' ? 'pos' : 'neg'} ${box.width > 0 ? 'span' : ''} ${a.hunk ? 'hunk' : ''}`}
                      data-testid="annotation-mark"
                      data-t0={a.t0}
                      style={{ left: `${box.left}px`, width: box.width > 0 ? `${box.width}px` : undefined, borderColor: colour }}
                      title={`${formatClock(a.t0)}${a.t1 !== undefined ? `–${formatClock(a.t1)}` : ''}${target ? ` · ${target}` : ''} · ${annotationLabel(a, who)}`}
                      aria-label={`${who?.name ?? rid}: ${ANCHORS[a.factor].label} ${a.polarity === '+' ? 'plus' : 'minus'} at ${formatClock(a.t0)}${target ? ` on ${target}` : ''}`}
                      onClick={() => onOpen(a)}
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
