/**
 * The side-by-side view (calibration panels): 2 to 4 sessions in one window, one transport
 * and one shared clock driving every pane. The shared time maps to each session's own time
 * through the alignment (elapsed time, or the candidate's n-th prompt: shared/replay/align.ts).
 * Each pane is compact (event list or conversation, mini timeline, scores), so four of them
 * seek within a frame or two. The URL keeps the sessions, the alignment and the time.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { alignSessions, candidatePromptTimes, type AlignMode, type Alignment } from '../../../../shared/replay/align';
import { navigate, useHashEdit, type Route } from '../../app/router';
import { ensureScores } from '../../state/scores';
import { setUi } from '../../state/store';
import { loadSession } from '../replay/load';
import type { LoadedSession } from '../replay/types';
import { ComparePane } from './ComparePane';
import { CompareTransport } from './CompareTransport';
import { replayKeyHandler } from '../replay/keys';
import { AlignedClocks } from './aligned-clocks';
import { compareHash, MIN_PANES, type CompareRoute } from './route';
import './compare.css';

const durationOf = (s: LoadedSession) => Math.max(s.meta.durationMs, s.events.at(-1)?.t ?? 0, 1);

function align(mode: AlignMode, sessions: readonly LoadedSession[]): Alignment {
  return alignSessions(
    mode,
    sessions.map((s) => ({ durationMs: durationOf(s), promptTimes: candidatePromptTimes(s.events) })),
  );
}

type Loaded = { sessions: LoadedSession[] } | { missing: string[] };

export function CompareView({ route }: { route: CompareRoute }) {
  const ids = route.panes.map((p) => p.id);
  const idsKey = ids.join('\n');
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const list = idsKey.split('\n').filter(Boolean);
    void Promise.all(list.map((id) => loadSession(id))).then((all) => {
      if (!live) return;
      const missing = list.filter((_, i) => !all[i]);
      setLoaded(missing.length ? { missing } : { sessions: all as LoadedSession[] });
    });
    void ensureScores(list);
    return () => {
      live = false;
    };
  }, [idsKey]);

  if (route.panes.length < MIN_PANES) return <CompareMessage text="Pick two to four sessions to compare: use Compare… in the library." />;
  if (!loaded) return <section className="compare loading">Loading {route.panes.length} sessions…</section>;
  if ('missing' in loaded) return <CompareMessage text={`${loaded.missing.length === 1 ? 'A session is' : `${loaded.missing.length} sessions are`} not in the library: ${loaded.missing.join(', ')}.`} />;
  return <CompareLoaded route={route} sessions={loaded.sessions} />;
}

function CompareMessage({ text }: { text: string }) {
  return (
    <section className="compare" data-testid="compare">
      <p>{text}</p>
      <button className="btn" onClick={() => navigate({ name: 'library' })}>
        Back to sessions
      </button>
    </section>
  );
}

function CompareLoaded({ route, sessions }: { route: CompareRoute; sessions: LoadedSession[] }) {
  const [mode, setMode] = useState<AlignMode>(route.align);
  const alignment = useMemo(() => align(mode, sessions), [mode, sessions]);
  const [aligned] = useState(() => new AlignedClocks(alignment, sessions.map(durationOf), sessions.map((s) => s.index)));
  const clock = aligned.shared;
  const panes = aligned.panes;

  // Every pane follows the shared clock through the alignment in force; a new alignment keeps
  // the first pane where it is and moves the others to match.
  useLayoutEffect(() => aligned.connect(), [aligned]);
  useLayoutEffect(() => aligned.realign(alignment), [aligned, alignment]);

  // Start where the link says; a hash edited by hand seeks.
  const seekTo = useCallback(
    (t: number | undefined) => {
      if (t !== undefined && Math.abs(clock.get().t - t) > 500) clock.seek(t);
    },
    [clock],
  );
  const [startT] = useState(route.t);
  useEffect(() => seekTo(startT), [seekTo, startT]);
  useHashEdit(useCallback((r: Route) => r.name === 'compare' && seekTo(r.t), [seekTo]));

  // The benchmark (npm run bench) drives the clock directly; only with ?bench in the URL.
  useEffect(() => {
    if (!new URLSearchParams(window.location.search).has('bench')) return;
    Object.assign(window, { __batonCompare: { clock, panes } });
    return () => {
      delete (window as { __batonCompare?: unknown }).__batonCompare;
    };
  }, [clock, panes]);

  // The URL follows the clock and the alignment: throttled while playing, once after seeks.
  const modeRef = useRef(mode);
  useEffect(() => {
    modeRef.current = mode;
  }, [mode]);
  // Parsed anew on every render of the app; the view is keyed by its panes, so the first stays true.
  const [specs] = useState(route.panes);
  useEffect(() => {
    let last = 0;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      last = performance.now();
      history.replaceState(null, '', compareHash({ panes: specs, align: modeRef.current, t: clock.get().t }));
    };
    const unsub = clock.subscribe((s) => {
      clearTimeout(settle);
      if (s.playing && performance.now() - last > 400) write();
      else if (!s.playing) settle = setTimeout(write, 250);
    });
    return () => {
      unsub();
      clearTimeout(settle);
    };
  }, [clock, specs]);
  useEffect(() => () => clock.dispose(), [clock]);

  // Keyboard: Space/K play, J/L ±10 s, arrows step, Shift+arrows candidate moments, [ ] speed, Home/End.
  useEffect(() => {
    const onKey = replayKeyHandler({
      clock,
      step: (dir, candidate) => aligned.step(dir, candidate),
      extra: (e) => {
        if (e.key !== '?') return false;
        setUi({ showShortcuts: true });
        return true;
      },
    });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, aligned]);

  const chooseMode = (m: AlignMode) => {
    modeRef.current = m;
    setMode(m);
  };
  const remove = (i: number) => navigate({ name: 'compare', panes: specs.filter((_, k) => k !== i), align: mode });

  return (
    <section className="compare" data-testid="compare" aria-label={`Side by side: ${sessions.length} sessions`}>
      <div className="replay-head">
        <button className="btn small" onClick={() => navigate({ name: 'library' })}>
          ← Sessions
        </button>
        <h1>Side by side</h1>
        <span className="muted">{sessions.length} sessions, one clock</span>
      </div>
      <CompareTransport clock={clock} alignment={alignment} onAlign={chooseMode} onStep={(dir, candidateOnly) => aligned.step(dir, candidateOnly)} />
      <div className={`compare-grid n${sessions.length}`}>
        {sessions.map((s, i) => (
          <ComparePane
            key={`${specs[i]!.id}:${i}`}
            index={i}
            spec={specs[i]!}
            session={s}
            clock={panes[i]!}
            shared={clock}
            alignment={alignment}
            onRemove={sessions.length > MIN_PANES ? () => remove(i) : undefined}
          />
        ))}
      </div>
    </section>
  );
}
