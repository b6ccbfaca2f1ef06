import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SessionEvent } from '../../../../../shared/model/schema';
import { formatClock } from '../../session/summary';
import type { ReplayClock } from '../clock';
import { useClock } from '../clock';
import type { PaneProps } from '../types';
import { floorIndex } from '../../../../../shared/util/bisect';
import { useScrollSync } from '../scroll-sync';
import { useFollowClock } from '../follow-clock';
import { scrollAwayProps } from '../scroll-away';

type Steering = Extract<SessionEvent, { kind: 'decision' | 'approval' | 'interrupt' }>;
type CardState = 'past' | 'current' | 'future';

const Card = memo(function Card({ e, state, clock }: { e: Steering; state: CardState; clock: ReplayClock }) {
  return (
    <>
      <button className="conv-time" onClick={() => clock.seek(e.t)} title="Jump here">
        {formatClock(e.t)}
      </button>{' '}
      <span className="muted small">{e.actor}</span>
      {e.kind === 'decision' && (
        <>
          <h4>{e.question}</h4>
          {e.options.length > 0 && (
            <ul className="options">
              {e.options.map((o) => (
                <li key={o} className={o === e.chosen ? 'chosen' : ''}>
                  {o === e.chosen ? '✔ ' : ''}
                  {o}
                </li>
              ))}
            </ul>
          )}
          {e.chosen && !e.options.includes(e.chosen) && <p>Chose: {e.chosen}</p>}
          {e.rationale && <p className="rationale">{e.rationale}</p>}
        </>
      )}
      {e.kind === 'approval' && (
        <h4 className={e.granted ? 'granted' : 'denied'}>
          {e.granted ? 'Allowed' : 'Denied'} {e.tool}
          {e.reason ? <span className="muted"> — {e.reason}</span> : null}
        </h4>
      )}
      {e.kind === 'interrupt' && <h4 className="denied">Interrupted the agent{e.reason ? `: ${e.reason}` : ''}</h4>}
      <span className="sr-only">{state === 'current' ? '(latest so far)' : state === 'future' ? '(not yet reached)' : ''}</span>
    </>
  );
});

/**
 * The candidate's steering moments: decisions with their reasoning, approvals, interrupts.
 * Virtualized (a long session has thousands), following the clock unless the reviewer
 * scrolls away.
 */
export function DecisionsPane({ session, clock }: PaneProps) {
  const items = useMemo(() => {
    const out: number[] = [];
    session.events.forEach((e, i) => {
      if (e.kind === 'decision' || e.kind === 'approval' || e.kind === 'interrupt') out.push(i);
    });
    return Int32Array.from(out);
  }, [session.events]);
  // The last card at or before the clock: binary search over event indices.
  const lastPassed = useClock(clock, (s) => {
    return floorIndex(items, session.index.indexAt(s.t));
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const sync = useScrollSync(scrollRef);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const v = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 96, overscan: 3, useFlushSync: false, gap: 8, paddingStart: 10, paddingEnd: 10, observeElementOffset: sync.observeElementOffset });

  /** Brings a card into view (with the list's top padding above it) from the virtualizer's offsets: no layout read. */
  const reveal = useCallback(
    (item: number) => {
      const total = v.getTotalSize(); // brings measurementsCache up to date
      const m = v.measurementsCache[item];
      if (m) sync.reveal(Math.max(0, m.start - 10), m.end, total, 0);
    },
    [v, sync],
  );
  useFollowClock(clock, follow, (t) => floorIndex(items, session.index.indexAt(t)), reveal);
  // Again in the commit when following resumes, or measuring the cards moved the current one.
  const placed = lastPassed >= 0 ? v.measurementsCache[lastPassed] : undefined;
  useLayoutEffect(() => {
    if (follow && lastPassed >= 0) reveal(lastPassed);
  }, [follow, lastPassed, placed?.start, placed?.end, reveal]);

  if (items.length === 0) return <p className="pane-empty muted">No decisions, approvals or interrupts were recorded in this session.</p>;
  return (
    <div className="decisions-wrap">
      <div className="decisions" data-testid="decisions" ref={scrollRef} {...scrollAwayProps('Decisions, approvals and interrupts', () => setFollow(false))}>
        <div role="list" aria-label={`${items.length} decisions, approvals and interrupts`} style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((vi) => {
            const e = session.events[items[vi.index]!] as Steering;
            const state: CardState = vi.index === lastPassed ? 'current' : vi.index > lastPassed ? 'future' : 'past';
            return (
              <div
                role="listitem"
                key={e.id}
                ref={v.measureElement}
                data-index={vi.index}
                className={`decision-card kind-${e.kind} ${state === 'current' ? 'current' : ''} ${state === 'future' ? 'future' : ''}`}
                data-testid="decision-card"
                style={{ position: 'absolute', top: 0, left: 10, right: 10, transform: `translateY(${vi.start}px)` }}
              >
                <Card e={e} state={state} clock={clock} />
              </div>
            );
          })}
        </div>
      </div>
      {!follow && (
        <button className="btn small follow-btn" onClick={() => setFollow(true)}>
          Follow playhead
        </button>
      )}
    </div>
  );
}
