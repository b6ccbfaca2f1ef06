import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { EVENT_KINDS } from '../../../../shared/model/schema';
import { navigate } from '../../app/router';
import { FORMAT_LABELS, formatDate, formatDuration } from '../../components/format';
import { Markdown } from '../../components/Markdown';
import { db, type EventRow } from '../../db/schema';
import { loadEvents } from '../../db/store';
import { exportToFile } from '../../state/actions';
import { setUi, useStore } from '../../state/store';
import { eventSummary, formatClock } from './summary';

function EventList({ events }: { events: EventRow[] }) {
  const ref = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const v = useVirtualizer({ count: events.length, getScrollElement: () => ref.current, estimateSize: () => 32, overscan: 20 });
  return (
    <div className="event-list" ref={ref} data-testid="event-list">
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((vi) => {
          const e = events[vi.index]!;
          return (
            <div key={vi.key} className={`event-row actor-${e.actor}`} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: 32, transform: `translateY(${vi.start}px)` }}>
              <span className="ev-time">{formatClock(e.t)}</span>
              <span className={`ev-kind kind-${e.kind}`}>{e.kind.replace('_', ' ')}</span>
              <span className="ev-actor">{e.actor}</span>
              <span className="ev-text">{eventSummary(e)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function SessionView({ id }: { id: string }) {
  const row = useStore((s) => s.library.rows.find((r) => r.id === id));
  const loaded = useStore((s) => s.library.loaded);
  const [events, setEvents] = useState<EventRow[] | null>(null);
  useEffect(() => {
    let live = true;
    void loadEvents(db(), id).then((evs) => live && setEvents(evs));
    return () => {
      live = false;
    };
  }, [id]);

  if (!row) {
    return (
      <section className="session-view">
        <p>{loaded ? 'This session is not in the library.' : 'Loading…'}</p>
        <button className="btn" onClick={() => navigate({ name: 'library' })}>
          Back to sessions
        </button>
      </section>
    );
  }
  const m = row.meta;
  return (
    <section className="session-view" aria-label={`Session ${m.title}`}>
      <div className="session-head">
        <button className="btn small" onClick={() => navigate({ name: 'library' })}>
          ← Sessions
        </button>
        <h1>{m.title}</h1>
        <div className="spacer" />
        <button className="btn small" onClick={() => void exportToFile(row.id)}>
          Export .baton
        </button>
        <button className="btn small danger" onClick={() => setUi({ confirmDelete: row.id })}>
          Delete
        </button>
      </div>
      <div className="session-grid">
        <div className="panel">
          <dl className="facts">
            <dt>Candidate</dt>
            <dd>{m.candidate.displayName ? `${m.candidate.displayName} (${m.candidate.id})` : m.candidate.id}</dd>
            <dt>Task</dt>
            <dd>{m.task.title}</dd>
            <dt>Source</dt>
            <dd>
              {FORMAT_LABELS[m.source.format] ?? m.source.format}
              {m.source.version ? ` ${m.source.version}` : ''}
            </dd>
            <dt>Agent</dt>
            <dd>{[m.agent?.name, m.agent?.version, m.model].filter(Boolean).join(' · ') || '—'}</dd>
            <dt>Started</dt>
            <dd>{formatDate(m.startedAt)}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(m.durationMs)}</dd>
            <dt>Audio</dt>
            <dd>{m.audio ? `narration, ${formatDuration(m.audio.durationMs)}` : 'none'}</dd>
          </dl>
          <h3>Events ({row.eventCount.toLocaleString()})</h3>
          <ul className="counts" data-testid="event-counts">
            {EVENT_KINDS.filter((k) => row.counts[k]).map((k) => (
              <li key={k}>
                <span className={`ev-kind kind-${k}`}>{k.replace('_', ' ')}</span> {row.counts[k]!.toLocaleString()}
              </li>
            ))}
          </ul>
          {m.task.statement && (
            <>
              <h3>Task statement</h3>
              <Markdown text={m.task.statement} className="task-md" />
            </>
          )}
        </div>
        <div className="panel events-panel">
          <h3>Timeline of events</h3>
          {events ? <EventList events={events} /> : <p className="muted">Loading events…</p>}
        </div>
      </div>
    </section>
  );
}
