import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { EVENT_KINDS } from '../../../../../shared/model/kinds';
import type { Actor, EventKind, SessionEvent } from '../../../../../shared/model/schema';
import { eventSummary, formatClock } from '../../session/summary';
import { useClock, type ReplayClock } from '../clock';
import type { PaneProps } from '../types';
import { findEvents } from './search';
import { prepareSearch } from './search-index';
import { floorIndex, upperBound } from '../../../../../shared/util/bisect';
import { useScrollSync } from '../scroll-sync';
import { useFollowClock } from '../follow-clock';
import { AnnotationBadges } from '../annotations/AnnotationBadges';
import { charWidths, fitText, type CharWidths } from './fit-text';
import { scrollAwayProps } from '../scroll-away';

const ROW = 30;
/** Rows rendered beyond each edge of the view. */
const OVERSCAN = 3;

/** The list row of an event index: with filters on, the last shown event at or before it. */
const rowOfEvent = (visible: Int32Array | null, eventIndex: number) => (visible ? floorIndex(visible, eventIndex) : eventIndex);
const ACTORS: Actor[] = ['candidate', 'agent', 'system'];


/**
 * The session's events, in step with the clock: the current event is highlighted and kept in
 * view until the reviewer scrolls away. Filter by kind and actor; find across all events.
 */
/**
 * One row; memoised so a seek re-renders only the rows whose state changed. Placed with `top`
 * and clipped once (styles.css `.rev-row`): the frame after a seek paints, layerizes and commits
 * every row it brings in, and a transform or a clip per row and per cell is a property-tree node
 * and a paint chunk more for each.
 */
const Row = memo(function Row({ e, top, state, match, clock, widths, room }: { e: SessionEvent; top: number; state: 'past' | 'current' | 'future'; match: '' | 'match' | 'current'; clock: ReplayClock; widths: CharWidths | undefined; room: number }) {
  const summary = eventSummary(e);
  // Only what the row can show is laid out; the tooltip keeps the whole summary.
  const text = widths && room > 0 ? fitText(summary, room, widths) : summary;
  const cls = `rev-row actor-${e.actor} ${state === 'past' ? '' : state} ${match === '' ? '' : match === 'current' ? 'match match-current' : 'match'}`;
  return (
    <div
      className={cls}
      data-testid="replay-event"
      data-event-id={e.id}
      aria-current={state === 'current' ? 'true' : undefined}
      onClick={() => clock.seek(e.t)}
      style={{ position: 'absolute', top, left: 0, right: 0, height: ROW }}
      title={summary}
    >
      <span className="ev-time">{formatClock(e.t)}</span>
      <span className={`ev-kind kind-${e.kind}`}>{e.kind.replace('_', ' ')}</span>
      <span className="ev-text">{text}</span>
      <AnnotationBadges eventId={e.id} />
    </div>
  );
});

/** Typing pauses this long before a search starts; Enter searches at once. */
const FIND_DEBOUNCE_MS = 150;
const NO_MATCHES: number[] = [];

export function EventList({ session, clock, findRef }: PaneProps & { findRef?: RefObject<HTMLInputElement | null> }) {
  const { events, index } = session;
  const [kinds, setKinds] = useState<ReadonlySet<EventKind>>(new Set());
  const [actor, setActor] = useState<Actor | ''>('');
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  /** The last finished search and the query it answered: matches count only for that query. */
  const [found, setFound] = useState<{ query: string; hits: number[] }>({ query: '', hits: [] });
  const [cursor, setCursor] = useState(-1);
  const wanted = query.trim();
  const fresh = found.query === wanted;
  const matches = fresh ? found.hits : NO_MATCHES;
  const scrollRef = useRef<HTMLDivElement>(null);
  const sync = useScrollSync(scrollRef);

  const present = useMemo(() => EVENT_KINDS.filter((k) => session.row.counts[k]), [session.row.counts]);

  /** Event indices that pass the filters. */
  const visible = useMemo(() => {
    if (kinds.size === 0 && !actor) return null;
    const out: number[] = [];
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (kinds.size && !kinds.has(e.kind)) continue;
      if (actor && e.actor !== actor) continue;
      out.push(i);
    }
    return Int32Array.from(out);
  }, [events, kinds, actor]);
  const count = visible ? visible.length : events.length;
  const eventAt = (row: number) => (visible ? visible[row]! : row);
  const rowOf = (eventIndex: number) => rowOfEvent(visible, eventIndex);

  const current = useClock(clock, (s) => index.indexAt(s.t));
  // Matches are ascending: a row's match state is a binary search, not a set of every match.
  const isMatch = (ei: number) => {
    const k = upperBound(matches, ei) - 1;
    return k >= 0 && matches[k] === ei;
  };
  const currentMatch = cursor >= 0 ? matches[cursor] : undefined;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const v = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: OVERSCAN, useFlushSync: false, observeElementOffset: sync.observeElementOffset });

  const currentRow = rowOf(current);
  useFollowClock(
    clock,
    follow,
    (t) => rowOfEvent(visible, index.indexAt(t)),
    (row) => sync.reveal(row * ROW, (row + 1) * ROW, count * ROW, 'nearest'),
  );
  // And after a change of filters or of follow, in the commit: that frame shows the row.
  useLayoutEffect(() => {
    if (follow && currentRow >= 0) sync.reveal(currentRow * ROW, (currentRow + 1) * ROW, count * ROW, 'nearest');
  }, [follow, currentRow, count, sync]);

  // Find runs over every event (not only rendered rows), debounced while typing, newest search
  // wins. Until the search for the text in the box has answered, the count shows "…" and the
  // matches of an older text are not used for anything. While the session is still loading
  // (only a window of its events is here) it waits: the count shows "…" until every event is.
  const loading = !!session.loading;
  // Once every event is here, their searchable strings are gathered in idle time, so the first
  // search only tests strings.
  useEffect(() => (loading ? undefined : prepareSearch(events)), [events, loading]);
  /** The debounced search of the box's text: Enter waits for it when it has started, and calls it off when it has not. */
  const debounced = useRef<{ events: readonly SessionEvent[]; query: string; timer: ReturnType<typeof setTimeout>; hits?: Promise<number[]> } | null>(null);
  useEffect(() => {
    if (loading) return;
    const ctrl = new AbortController();
    const job: NonNullable<typeof debounced.current> = {
      events,
      query: wanted,
      timer: setTimeout(() => {
        job.hits = findEvents(events, wanted, ctrl.signal);
        void job.hits.then((hits) => {
          if (ctrl.signal.aborted) return;
          // Enter may have searched this text already and moved to a match: keep that.
          setFound((prev) => (prev.query === wanted ? prev : { query: wanted, hits }));
        });
      }, FIND_DEBOUNCE_MS),
    };
    debounced.current = job;
    return () => {
      clearTimeout(job.timer);
      ctrl.abort();
      if (debounced.current === job) debounced.current = null;
    };
  }, [events, wanted, loading]);

  /** Enter pressed while the session was loading: the move it asked for, made once every event is here. */
  const [pendingMove, setPendingMove] = useState<0 | 1 | -1>(0);
  useEffect(() => {
    if (loading || !pendingMove) return;
    setPendingMove(0);
    void goMatch(pendingMove);
    // goMatch is this render's: it searches the whole session that just arrived.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loading, pendingMove]);

  /** Enter before the debounced search ran: search the box's text now, then move. */
  const goMatch = async (dir: 1 | -1) => {
    if (loading) return setPendingMove(dir);
    if (fresh) return moveTo(matches, cursor, dir);
    // One search per text: the debounced one if it is under way, else this one instead of it.
    const job = debounced.current?.events === events && debounced.current.query === wanted ? debounced.current : undefined;
    if (job && !job.hits) clearTimeout(job.timer);
    const hits = await (job?.hits ?? findEvents(events, wanted));
    setFound({ query: wanted, hits });
    moveTo(hits, -1, dir);
  };

  const moveTo = (matches: number[], cursor: number, dir: 1 | -1) => {
    if (!matches.length) return;
    let next: number;
    if (cursor === -1) {
      // From the playhead: the first match after (or before) the current event.
      const after = upperBound(matches, current);
      next = dir === 1 ? (after === matches.length ? 0 : after) : after - 1;
      if (next < 0) next = matches.length - 1;
    } else {
      next = (cursor + dir + matches.length) % matches.length;
    }
    setCursor(next);
    const ei = matches[next]!;
    const row = rowOf(ei);
    // Centre the match first: the seek's own follow then finds it in view and leaves it there.
    if (row >= 0) sync.reveal(row * ROW, (row + 1) * ROW, count * ROW, 0.5);
    setFollow(false);
    clock.seek(events[ei]!.t);
  };

  const toggleKind = (k: EventKind) =>
    setKinds((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });

  // Rows are keyed by slot (index modulo the rows a full view shows), so a seek that moves the
  // list fills the rows it has with other events instead of unmounting and mounting them.
  const shown = v.getVirtualItems();
  const slots = Math.max(shown.length, Math.ceil((v.scrollRect?.height ?? 0) / ROW) + 2 * OVERSCAN + 1);

  // The summaries' font and where they start in a row, read once from the first row shown; the
  // room they have then follows the list's width, which the virtualizer keeps (no layout read).
  const [fit, setFit] = useState<{ widths: CharWidths; start: number }>();
  const hasRows = shown.length > 0;
  useLayoutEffect(() => {
    if (fit || !hasRows) return;
    const text = scrollRef.current?.querySelector<HTMLElement>('.ev-text');
    const widths = text && charWidths(getComputedStyle(text).font);
    if (text && widths) setFit({ widths, start: text.offsetLeft });
  }, [fit, hasRows]);
  const room = fit ? (v.scrollRect?.width ?? 0) - fit.start : 0;

  return (
    <div className="replay-events" data-testid="replay-events">
      <div className="find-bar">
        <input
          ref={findRef}
          type="search"
          aria-label="Find in events"
          placeholder="Find in all events…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setCursor(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void goMatch(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              (e.target as HTMLInputElement).blur();
            }
          }}
        />
        <span className="find-count muted small" data-testid="find-count" aria-live="polite">
          {wanted ? (!fresh ? '…' : matches.length ? `${cursor >= 0 ? cursor + 1 : 0} / ${matches.length}` : 'no matches') : ''}
        </span>
        <button className="btn small" aria-label="Previous match" onClick={() => void goMatch(-1)} disabled={!matches.length}>
          ↑
        </button>
        <button className="btn small" aria-label="Next match" onClick={() => void goMatch(1)} disabled={!matches.length}>
          ↓
        </button>
      </div>
      <div className="chips" role="group" aria-label="Filter events">
        <select aria-label="Filter by actor" value={actor} onChange={(e) => setActor(e.target.value as Actor | '')}>
          <option value="">Everyone</option>
          {ACTORS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        {present.map((k) => (
          <button key={k} className={`chip kind-${k} ${kinds.has(k) ? 'on' : ''}`} aria-pressed={kinds.has(k)} onClick={() => toggleKind(k)}>
            {k.replace('_', ' ')}
          </button>
        ))}
      </div>
      <div
        className="replay-event-scroll"
        ref={scrollRef}
        data-testid="replay-event-scroll"
        {...scrollAwayProps('Events', () => setFollow(false))}
      >
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {shown.map((vi) => {
            const ei = eventAt(vi.index);
            const e = events[ei]!;
            return (
              <Row
                key={vi.index % slots}
                e={e}
                top={vi.start}
                state={ei === current ? 'current' : ei > current ? 'future' : 'past'}
                match={ei === currentMatch ? 'current' : isMatch(ei) ? 'match' : ''}
                clock={clock}
                widths={fit?.widths}
                room={room}
              />
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
