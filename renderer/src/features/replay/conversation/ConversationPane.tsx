import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SessionEvent } from '../../../../../shared/model/schema';
import { interceptLinks } from '../../../components/links';
import { formatClock } from '../../session/summary';
import { useScrollSync } from '../scroll-sync';
import { useFollowClock } from '../follow-clock';
import { useClock } from '../clock';
import { floorIndex } from '../../../../../shared/util/bisect';
import type { PaneProps } from '../types';
import { Message } from './Message';
import { usePrewarmConversation } from './prewarm';
import { scrollAwayProps } from '../scroll-away';

const CONVERSATION_KINDS = new Set<SessionEvent['kind']>(['prompt', 'response', 'thinking', 'interrupt']);

/**
 * Prompts and responses as a chat, rendered through the sanitiser. The current message
 * follows the clock; later ones are dimmed. Links open outside the app only after the
 * reviewer confirms.
 */
export function ConversationPane({ session, clock }: PaneProps) {
  const items = useMemo(() => {
    const out: number[] = [];
    session.events.forEach((e, i) => {
      if (CONVERSATION_KINDS.has(e.kind) && e.lane === undefined) out.push(i);
    });
    return out;
  }, [session.events]);
  // Messages not shown yet are rendered in idle time: a seek to them finds their HTML ready.
  usePrewarmConversation(session, () => clock.get().t);
  const current = useClock(clock, (s) => session.index.indexAt(s.t));
  const currentItem = useMemo(() => floorIndex(items, current), [items, current]);
  const [follow, setFollow] = useState(true);
  /** Long messages the reviewer asked to see whole (by event id). */
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const onExpand = useCallback(
    (id: string, on: boolean) =>
      setExpanded((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const sync = useScrollSync(scrollRef);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const v = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 120, overscan: 3, useFlushSync: false, observeElementOffset: sync.observeElementOffset });

  // While the list follows the clock, the reveal below places the current message from the
  // measured heights. The virtualizer's own correction for a message measured above the view
  // would write scrollTop in the commit before the seek's held write (scroll-batch.ts), which
  // then undid it while the virtualizer kept the corrected offset: the pane showed a spot other
  // than the one it rendered for, the current message out of view.
  v.shouldAdjustScrollPositionOnItemSizeChange = follow ? () => false : undefined;

  /** Brings a message's end into view from the virtualizer's measurements (estimates until measured). */
  const reveal = useCallback(
    (item: number) => {
      const total = v.getTotalSize(); // brings measurementsCache up to date
      const m = v.measurementsCache[item];
      if (m) sync.reveal(m.start, m.end, total, 'end');
    },
    [v, sync],
  );
  useFollowClock(clock, follow, (t) => floorIndex(items, session.index.indexAt(t)), reveal);
  // Again in the commit when follow turns on, and whenever measuring the rendered messages
  // moved the current one (their real heights replace the estimates): the reviewer sees it
  // settle in view instead of drifting out of it.
  const virtualItems = v.getVirtualItems();
  // While the list follows the clock, messages out of view are empty boxes of their known height
  // (no markdown, nothing to style, lay out or paint): a seek builds and lays out only what it
  // brings into view. Once the reviewer scrolls the list away, the overscan is rendered whole,
  // ready as it comes into view.
  const top = v.scrollOffset ?? 0;
  const view = v.scrollRect?.height ?? 0;
  const shown = (start: number, end: number) => !follow || view <= 0 || (end > top && start < top + view);
  const placed = currentItem >= 0 ? v.measurementsCache[currentItem] : undefined;
  useLayoutEffect(() => {
    if (follow && currentItem >= 0) reveal(currentItem);
  }, [follow, currentItem, placed?.start, placed?.end, reveal]);

  if (items.length === 0) return <div className="pane-empty muted">No prompts or responses in this session.</div>;

  return (
    <div className="conversation" data-testid="conversation" onClick={interceptLinks}>
      <div className="conv-scroll" ref={scrollRef} {...scrollAwayProps('Conversation', () => setFollow(false))}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((vi) => {
            const e = session.events[items[vi.index]!]!;
            // Its own key: when it comes into view it mounts as a message and is measured then.
            if (!shown(vi.start, vi.end)) return <div key={`${vi.key}:out`} className="conv-msg conv-out" aria-hidden="true" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: vi.size, transform: `translateY(${vi.start}px)` }} />;
            return (
              <div
                key={vi.key}
                ref={v.measureElement}
                data-index={vi.index}
                className={`conv-msg conv-${e.kind} actor-${e.actor} ${vi.index === currentItem ? 'current' : ''} ${vi.index > currentItem ? 'future' : ''}`}
                data-testid="conv-message"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${vi.start}px)` }}
              >
                <div className="conv-meta">
                  <button className="conv-time" onClick={() => clock.seek(e.t)} title="Jump here">
                    {formatClock(e.t)}
                  </button>
                  <span className="conv-who">{e.kind === 'prompt' ? 'Candidate' : e.kind === 'response' ? 'Agent' : e.kind === 'thinking' ? 'Agent (thinking)' : 'Candidate'}</span>
                </div>
                <Message e={e} session={session} expanded={expanded.has(e.id)} onExpand={onExpand} />
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
