import { useMemo } from 'react';
import type { SessionEvent } from '../../../../../shared/model/schema';
import { formatClock } from '../../session/summary';
import { useClock } from '../clock';
import type { PaneProps } from '../types';

type Steering = Extract<SessionEvent, { kind: 'decision' | 'approval' | 'interrupt' }>;

/** The candidate's steering moments: decisions with their reasoning, approvals, interrupts. */
export function DecisionsPane({ session, clock }: PaneProps) {
  const items = useMemo(
    () =>
      session.events
        .map((e, i) => [e, i] as const)
        .filter((x): x is readonly [Steering, number] => x[0].kind === 'decision' || x[0].kind === 'approval' || x[0].kind === 'interrupt'),
    [session.events],
  );
  const current = useClock(clock, (s) => session.index.indexAt(s.t));
  const lastPassed = useMemo(() => {
    let k = -1;
    for (let j = 0; j < items.length; j++) if (items[j]![1] <= current) k = j;
    return k;
  }, [items, current]);

  if (items.length === 0) return <p className="pane-empty muted">No decisions, approvals or interrupts were recorded in this session.</p>;
  return (
    <ol className="decisions" data-testid="decisions">
      {items.map(([e, i], j) => (
        <li
          key={e.id}
          className={`decision-card kind-${e.kind} ${j === lastPassed ? 'current' : ''} ${i > current ? 'future' : ''}`}
          data-testid="decision-card"
        >
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
        </li>
      ))}
    </ol>
  );
}
