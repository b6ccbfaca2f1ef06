/**
 * One pane of the side-by-side view: a session (or a reviewer lane of it) in compact form —
 * title, its own time, scores, a ratings slot, a mini timeline, and the event list or the
 * conversation — following the shared clock through the alignment.
 */
import { useState } from 'react';
import type { Alignment } from '../../../../shared/replay/align';
import { navigate, routeHash } from '../../app/router';
import { formatCount } from '../../components/format';
import { formatClock } from '../session/summary';
import { useClock, type ReplayClock } from '../replay/clock';
import { ConversationPane } from '../replay/conversation/ConversationPane';
import { EventList } from '../replay/events/EventList';
import { usePrewarmConversation } from '../replay/conversation/prewarm';
import type { LoadedSession } from '../replay/types';
import { useCompareSlot } from './extensions';
import { MiniTimeline } from './MiniTimeline';
import type { PaneClock } from './pane-clock';
import { PaneScores } from './PaneScores';
import type { PaneSpec } from './route';
import { candidateLabel } from '../../../../shared/model/candidate';

type Body = 'events' | 'conversation';

export interface ComparePaneProps {
  index: number;
  spec: PaneSpec;
  session: LoadedSession;
  clock: PaneClock;
  shared: ReplayClock;
  alignment: Alignment;
  onRemove?: () => void;
}

/** The pane's own time, event and waiting badge: the only part of a pane a seek re-renders. */
function PanePosition({ index, session, clock, shared, alignment }: Pick<ComparePaneProps, 'index' | 'session' | 'clock' | 'shared' | 'alignment'>) {
  const second = useClock(clock, (s) => Math.floor(s.t / 1000));
  const eventNo = useClock(clock, (s) => session.index.indexAt(s.t) + 1);
  const waiting = useClock(shared, (s) => alignment.waiting(index, s.t));
  return (
    <>
      <span className="pane-time" data-testid="pane-time">
        {formatClock(second * 1000)} / {formatClock(clock.get().duration)}
      </span>
      <span data-testid="pane-event">
        event {formatCount(eventNo)} of {formatCount(session.events.length)}
      </span>
      {waiting && (
        <span className="badge" data-testid="pane-waiting" title={alignment.mode === 'prompt' ? 'This session reached its next prompt first and waits for the others' : 'This session has ended'}>
          {alignment.mode === 'prompt' ? 'waiting' : 'ended'}
        </span>
      )}
    </>
  );
}

export function ComparePane({ index, spec, session, clock, shared, alignment, onRemove }: ComparePaneProps) {
  const [body, setBody] = useState<Body>('events');
  // The conversation's markdown is rendered in idle time while the event list shows: switching
  // to it, and seeking in it, find the messages' HTML ready.
  usePrewarmConversation(session, () => clock.get().t);
  const ratings = useCompareSlot('ratings');
  const lane = useCompareSlot('lane');
  const m = session.meta;
  return (
    <section className="compare-pane" data-testid="compare-pane" data-session-id={spec.id} aria-label={`Pane ${index + 1}: ${m.title}`}>
      <header className="compare-pane-head">
        <a
          className="compare-pane-title"
          href={routeHash({ name: 'session', id: spec.id })}
          title={`Open ${m.title} in the full replay, at this moment`}
          onClick={(e) => {
            e.preventDefault();
            navigate({ name: 'session', id: spec.id, t: clock.get().t });
          }}
        >
          {m.title}
        </a>
        {onRemove && (
          <button className="icon-btn small" aria-label={`Remove ${m.title} from the comparison`} onClick={onRemove}>
            ✕
          </button>
        )}
      </header>
      <div className="compare-pane-sub muted small">
        <span>{candidateLabel(m.candidate)}</span>
        {spec.lane && <span className="badge">lane: {spec.lane}</span>}
        <PanePosition index={index} session={session} clock={clock} shared={shared} alignment={alignment} />
      </div>
      <PaneScores sessionId={spec.id} contentHash={session.row.contentHash} />
      {ratings?.({ session, clock, ...(spec.lane ? { lane: spec.lane } : {}) })}
      <MiniTimeline session={session} clock={clock} />
      {spec.lane && lane ? (
        lane({ session, clock, lane: spec.lane })
      ) : (
        <>
          {spec.lane && <p className="muted small">Reviewer lanes are not available in this build; showing the session's events.</p>}
          <div className="tabs compare-pane-tabs" role="tablist" aria-label={`Pane ${index + 1} view`}>
            {(['events', 'conversation'] as const).map((b) => (
              <button key={b} role="tab" aria-selected={body === b} className={`tab ${body === b ? 'on' : ''}`} onClick={() => setBody(b)}>
                {b === 'events' ? 'Events' : 'Conversation'}
              </button>
            ))}
          </div>
          <div className="compare-pane-body">{body === 'events' ? <EventList session={session} clock={clock} /> : <ConversationPane session={session} clock={clock} />}</div>
        </>
      )}
    </section>
  );
}
