import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { BlobRef, SessionEvent } from '../../../../../shared/model/schema';
import { interceptLinks } from '../../../components/links';
import { renderMarkdown } from '../../../components/Markdown';
import { highlightCodeBlocks } from '../../../components/highlight';
import { formatClock } from '../../session/summary';
import { useScrollSync } from '../scroll-sync';
import { useClock } from '../clock';
import { floorIndex } from '../../../../../shared/util/bisect';
import type { LoadedSession, PaneProps } from '../types';

const CONVERSATION_KINDS = new Set<SessionEvent['kind']>(['prompt', 'response', 'thinking', 'interrupt']);

/** Markdown rendered through the sanitiser, code blocks highlighted after mount. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const html = useMemo(() => renderMarkdown(text), [text]);
  useEffect(() => {
    // Highlighting is cosmetic: do it when the page is idle, never inside a seek's frame.
    const el = ref.current;
    if (!el) return;
    const run = () => void highlightCodeBlocks(el);
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 50));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const id = idle(run);
    return () => cancel(id);
  }, [html]);
  return <div ref={ref} className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
});

function BlobImage({ session, img }: { session: LoadedSession; img: BlobRef }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    let made: string | undefined;
    void session.loadBlob(img.blob).then((b) => {
      if (!live || !b || !/^image\/(png|jpeg|gif|webp)$/.test(b.type || img.mime)) return;
      made = URL.createObjectURL(b.type ? b : new Blob([b], { type: img.mime }));
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [session, img]);
  return url ? <img className="conv-image" src={url} alt="Image attached to the prompt" /> : <span className="muted small">[image]</span>;
}

const Message = memo(function Message({ e, session }: { e: SessionEvent; session: LoadedSession }) {
  if (e.kind === 'thinking') {
    return (
      <details className="conv-thinking">
        <summary>Thinking</summary>
        <div className="conv-plain">{e.text}</div>
      </details>
    );
  }
  if (e.kind === 'interrupt') return <p className="conv-interrupt">The candidate interrupted the agent{e.reason ? `: ${e.reason}` : ''}</p>;
  if (e.kind === 'prompt' || e.kind === 'response') {
    return (
      <>
        <MarkdownBlock text={e.text} />
        {e.kind === 'prompt' && e.images?.map((img) => <BlobImage key={img.blob} session={session} img={img} />)}
      </>
    );
  }
  return null;
});

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
  const current = useClock(clock, (s) => session.index.indexAt(s.t));
  const currentItem = useMemo(() => floorIndex(items, current), [items, current]);
  const [follow, setFollow] = useState(true);
  const scrollRef = useRef<HTMLDivElement>(null);
  const sync = useScrollSync(scrollRef);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const v = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 120, overscan: 3, useFlushSync: false, observeElementOffset: sync.observeElementOffset });

  /** Brings a message's end into view from the virtualizer's measurements (estimates until measured). */
  const reveal = useCallback(
    (item: number) => {
      const total = v.getTotalSize(); // brings measurementsCache up to date
      const m = v.measurementsCache[item];
      if (m) sync.reveal(m.start, m.end, total, 'end');
    },
    [v, sync],
  );
  // Follow the clock from its own listener, before React renders the seek, so that render
  // already holds the messages around the new current one.
  const live = useRef({ follow, items });
  useLayoutEffect(() => {
    live.current = { follow, items };
  });
  useLayoutEffect(
    () =>
      clock.subscribe((s) => {
        const { follow, items } = live.current;
        if (!follow) return;
        const item = floorIndex(items, session.index.indexAt(s.t));
        if (item >= 0) reveal(item);
      }),
    [clock, session.index, reveal],
  );
  // Again in the commit when follow turns on, and whenever measuring the rendered messages
  // moved the current one (their real heights replace the estimates): the reviewer sees it
  // settle in view instead of drifting out of it.
  const virtualItems = v.getVirtualItems();
  const placed = currentItem >= 0 ? v.measurementsCache[currentItem] : undefined;
  useLayoutEffect(() => {
    if (follow && currentItem >= 0) reveal(currentItem);
  }, [follow, currentItem, placed?.start, placed?.end, reveal]);

  if (items.length === 0) return <div className="pane-empty muted">No prompts or responses in this session.</div>;

  return (
    <div className="conversation" data-testid="conversation" onClick={interceptLinks}>
      <div className="conv-scroll" ref={scrollRef} onWheel={() => setFollow(false)} onPointerDown={(e) => e.target === e.currentTarget && setFollow(false)}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((vi) => {
            const e = session.events[items[vi.index]!]!;
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
                <Message e={e} session={session} />
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
