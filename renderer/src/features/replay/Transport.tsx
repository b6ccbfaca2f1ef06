import { useSyncExternalStore } from 'react';
import { useClock, type ReplayClock } from './clock';
import { PlayControls } from './PlayControls';
import type { SessionLoader } from './progressive';
import type { LoadedSession } from './types';

/** Gaps longer than this are compressed by "skip idle", to this length. */
export const IDLE_THRESHOLD_MS = 30_000;
export const IDLE_KEEP_MS = 1_500;

/** "Loading events… n of N" while a progressively opened replay loads the rest of its events. */
function LoadingNote({ loader }: { loader: SessionLoader }) {
  const loaded = useSyncExternalStore(
    (cb) => loader.onProgress(cb),
    () => loader.loaded,
  );
  return (
    <span className="muted small" data-testid="replay-loading" role="status">
      Loading events… {loaded.toLocaleString()} of {loader.total.toLocaleString()}
    </span>
  );
}

export function Transport({ clock, session, loader }: { clock: ReplayClock; session: LoadedSession; loader?: SessionLoader }) {
  const skipIdle = useClock(clock, (s) => s.skipIdle);
  const current = useClock(clock, (s) => session.index.indexAt(s.t));
  const step = (dir: 1 | -1, candidateOnly: boolean) => stepEvent(clock, session, dir, candidateOnly);
  // While loading, the events are a window of the session: its place in the whole.
  const offset = session.loading?.offset ?? 0;
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <PlayControls clock={clock} durationMs={clock.get().duration} onStep={step} />
      <label className="toggle" title={`Compress quiet stretches over ${IDLE_THRESHOLD_MS / 1000} s`}>
        <input type="checkbox" checked={skipIdle} onChange={(e) => clock.setSkipIdle(e.target.checked)} /> Skip idle
      </label>
      <span className="muted small event-pos" data-testid="event-position">
        event {Math.max(0, offset + current + 1).toLocaleString()} of {(session.loading?.total ?? session.events.length).toLocaleString()}
      </span>
      {session.loading && loader && <LoadingNote loader={loader} />}
    </div>
  );
}

/**
 * Steps to the next or previous event (or candidate moment). While the session is still
 * loading, a step that would leave the loaded window waits for the rest: it does nothing.
 */
export function stepEvent(clock: ReplayClock, session: LoadedSession, dir: 1 | -1, candidateOnly: boolean): void {
  const { index, events } = session;
  const cur = index.indexAt(clock.get().t);
  let next: number;
  if (candidateOnly) next = dir === 1 ? index.nextCandidate(cur) : index.prevCandidate(cur);
  else {
    // Step over events that share the current time so a step always moves.
    next = cur + dir;
    while (next >= 0 && next < events.length && cur >= 0 && events[next]!.t === events[cur]!.t) next += dir;
  }
  if (next >= 0 && next < events.length) clock.seek(events[next]!.t);
  else if (session.loading && (dir === 1 ? session.loading.to < Infinity : session.loading.from > -Infinity)) return;
  else if (dir === -1) clock.seek(0);
}
