import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildIdleMap } from '../../../../shared/replay/idle';
import { navigate, routeHash, useHashEdit, type Route } from '../../app/router';
import { exportToFile } from '../../state/actions';
import { setUi } from '../../state/store';
import { firstScreenShown } from '../../state/first-screen';
import { SessionInfo } from '../session/SessionView';
import { Split } from '../../components/Split';
import { ReplayClock } from './clock';
import { ConversationPane } from './conversation/ConversationPane';
import { EventList } from './events/EventList';
import { loadLastPosition, saveLastPosition } from './load';
import { DecisionsPane } from './decisions/DecisionsPane';
import type { LoadedSession } from './types';
import { isTerminalOnly, isTerminalOnlyByCounts } from './main-pane';
import type { SessionRow } from '../../db/schema';
import { useOverlays } from './overlays';
import { Timeline, type TimelineHandle } from './timeline/Timeline';
import { AxisBus } from './timeline/axis-bus';
import { CodePane } from './code/CodePane';
import { ScorePanel, useScoreOverlay } from './score/ScorePanel';
import { committeeSession } from '../committee/blind-session';
import { loadLibraryBlind } from '../committee/library';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { replayKeyHandler } from './keys';
import { IDLE_KEEP_MS, IDLE_THRESHOLD_MS, stepEvent, Transport } from './Transport';
import { ignoreStopped, openSession, type SessionLoader } from './progressive';
import { ReviewLayer } from './annotations/ReviewLayer';
import { BlindGate, useBlindOverlays } from './annotations/BlindGate';
import { RatingForm } from '../panel/RatingForm';
import { usePanelStore } from '../panel/store';
import { candidateLabel } from '../../../../shared/model/candidate';

// xterm and wavesurfer load with the pane that shows them, not with the app: the first screen of
// a replay shows neither (the terminal waits for every event; audio only where a session has it).
const TerminalPane = lazy(() => import('./terminal/TerminalPane').then((m) => ({ default: m.TerminalPane })));
const AudioStrip = lazy(() => import('./audio/AudioStrip').then((m) => ({ default: m.AudioStrip })));

type Tab = 'rate' | 'score' | 'code' | 'terminal' | 'decisions' | 'info';
const TABS: { id: Tab; label: string }[] = [
  { id: 'rate', label: 'Rate' },
  { id: 'score', label: 'Score' },
  { id: 'code', label: 'Code' },
  { id: 'terminal', label: 'Terminal' },
  { id: 'decisions', label: 'Decisions' },
  { id: 'info', label: 'Task & info' },
];

function activity(session: LoadedSession): [number, number][] {
  return session.events.map((e) => {
    const end = e.kind === 'narration' ? e.endT : 'durationMs' in e && e.durationMs ? e.t + e.durationMs : e.t;
    return [e.t, end];
  });
}

function newClock(session: LoadedSession): ReplayClock {
  if (session.loading) return new ReplayClock(Math.max(session.meta.durationMs, session.loading.end, 1));
  const duration = Math.max(session.meta.durationMs, session.events.at(-1)?.t ?? 0, 1);
  return new ReplayClock(duration, buildIdleMap(activity(session), duration, IDLE_THRESHOLD_MS, IDLE_KEEP_MS));
}

/** Runs `fn` once the frame after this one has been painted. */
function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const raf = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(raf);
    clearTimeout(timer);
  };
}

/** The replay: one clock driving the timeline, event list, conversation and panes. */
export function ReplayView({ id, initialT }: { id: string; initialT?: number }) {
  const [session, setSession] = useState<LoadedSession | null | undefined>(undefined);
  // The import worker waits until this replay's first events are on the page (state/first-screen.ts).
  useEffect(() => {
    if (session !== undefined) firstScreenShown();
  }, [session]);
  const [clock, setClock] = useState<ReplayClock | null>(null);
  /** Loads the rest of a session opened from the chunks around its start position. */
  const [loader, setLoader] = useState<SessionLoader | undefined>(undefined);
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => t.id === localStorage.getItem('baton.replay.tab'))?.id ?? 'decisions');
  const [editingNames, setEditingNames] = useState(false);
  /** The session's row after its names were edited here (the loaded session, its clock and panes stay as they are). */
  const [renamedRow, setRenamedRow] = useState<SessionRow | null>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const timelineRef = useRef<TimelineHandle>(null);
  const overlays = useBlindOverlays(session, useOverlays());
  const axisBus = useMemo(() => new AxisBus(), []);

  /** Set in candidate-blind mode: the pseudonymiser of the session's texts. */
  const [blind, setBlind] = useState<{ fn: (s: string) => string } | undefined>(undefined);
  // Open at the link's time, else where the reviewer left off: from the chunks around it when
  // the session is large (the rest loads after the first paint), whole otherwise.
  useEffect(() => {
    let live = true;
    /** The loader this open made: stopped when the reviewer leaves, so its reads stop too. */
    let opened: SessionLoader | undefined;
    const start = initialT !== undefined ? Promise.resolve(initialT) : loadLastPosition(id);
    const show = (s: LoadedSession, t: number | undefined, l?: SessionLoader) => {
      const c = newClock(s);
      if (t !== undefined) c.seek(t);
      setClock(c);
      setSession(s);
      setLoader(l);
    };
    void Promise.all([loadLibraryBlind(), openSession(id, start), start])
      .then(async ([b, first, t]) => {
        opened = first?.loader;
        if (!live) return opened?.stop();
        if (!first) return setSession(null);
        if (!b) return show(first.first, t, first.loader);
        // With the library's Candidate-blind switch on, every pane shows the pseudonym
        // (committee/blind-session.ts), made from the whole session.
        const whole = first.loader ? await first.loader.all() : first.first;
        if (!live) return;
        const cs = committeeSession(whole, true);
        setBlind({ fn: cs.blind });
        show(cs.session, t);
      })
      .catch(ignoreStopped);
    return () => {
      live = false;
      opened?.stop();
    };
    // initialT is read once per session load; later hash edits are handled below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  // The rest of a progressively opened session, after the first paint; then its quiet stretches.
  useEffect(() => {
    if (!loader || !clock) return;
    let live = true;
    const cancel = afterPaint(() => {
      void loader
        .all()
        .then((whole) => {
          if (!live) return;
          const duration = clock.get().duration;
          clock.setIdleMap(buildIdleMap(activity(whole), duration, IDLE_THRESHOLD_MS, IDLE_KEEP_MS));
          setSession(whole);
          setLoader(undefined);
        })
        .catch(ignoreStopped);
    });
    return () => {
      live = false;
      cancel();
    };
  }, [loader, clock]);
  // Until then, a seek outside the loaded window loads the chunks around the new time.
  useEffect(() => {
    const range = session?.loading;
    if (!loader || !clock || !range) return;
    let live = true;
    let asked = false;
    const check = (t: number) => {
      if (asked || (t >= range.from && t <= range.to)) return;
      asked = true;
      void loader
        .window(t)
        .then((w) => live && setSession((cur) => (cur?.loading ? w : cur)))
        .catch(ignoreStopped);
    };
    check(clock.get().t);
    const unsub = clock.subscribe((s) => check(s.t));
    return () => {
      live = false;
      unsub();
    };
  }, [loader, clock, session]);
  // Scoring reads every chunk too: it starts once the replay has them all.
  useScoreOverlay(id, blind?.fn, !!session && !session.loading);

  // A hash edited by hand (or a pasted deep link) seeks; the first time was seeked on open.
  useHashEdit(
    useCallback((r: Route) => {
      if (clock && r.name === 'session' && r.id === id && r.t !== undefined && Math.abs(clock.get().t - r.t) > 500) clock.seek(r.t);
    }, [clock, id]),
  );

  // The benchmark (npm run bench) drives the clock directly; only with ?bench in the URL.
  useEffect(() => {
    if (!clock || !session || !new URLSearchParams(window.location.search).has('bench')) return;
    Object.assign(window, { __batonReplay: { clock, session } });
    return () => {
      delete (window as { __batonReplay?: unknown }).__batonReplay;
    };
  }, [clock, session]);

  // Keep the URL and the remembered position in step with the clock: throttled while playing,
  // and once the reviewer stops seeking (a burst of seeks writes once, not on every step).
  useEffect(() => {
    if (!clock) return;
    let lastUrl = 0;
    let lastSave = 0;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const sync = (force: boolean) => {
      const now = performance.now();
      const t = clock.get().t;
      if (force || now - lastUrl > 400) {
        lastUrl = now;
        history.replaceState(null, '', routeHash({ name: 'session', id, t }));
      }
      if (force || now - lastSave > 2000) {
        lastSave = now;
        void saveLastPosition(id, t);
      }
    };
    const unsub = clock.subscribe((s) => {
      clearTimeout(settle);
      if (s.playing) sync(false);
      else settle = setTimeout(() => sync(true), 250);
    });
    return () => {
      unsub();
      clearTimeout(settle);
      // Leaving the replay: remember the position, but leave the URL to the navigation.
      void saveLastPosition(id, clock.get().t);
      clock.dispose();
    };
  }, [clock, id]);

  // Keyboard: Space/K play, J/L ±10 s, arrows step, Shift+arrows candidate turns, [ ] speed, Home/End, / find, ? help.
  useEffect(() => {
    if (!clock || !session) return;
    const onKey = replayKeyHandler({
      clock,
      step: (dir, candidate) => stepEvent(clock, session, dir, candidate),
      ignoreWithin: '.monaco-editor',
      extra: (e) => {
        switch (e.key) {
          case '/':
            findRef.current?.focus();
            return true;
          case '?':
            setUi({ showShortcuts: true });
            return true;
          case '+':
          case '=':
            timelineRef.current?.zoom(0.5);
            return true;
          case '-':
          case '_':
            timelineRef.current?.zoom(2);
            return true;
          case '0':
            timelineRef.current?.fit();
            return true;
          default:
            return false;
        }
      },
    });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, session]);

  // An annotated diff hunk opened from a lane, a chip or a list: the Code tab shows it.
  useEffect(() => {
    const unsub = usePanelStore.subscribe((s, prev) => {
      if (s.revealHunk && s.revealHunk !== prev.revealHunk) setTab('code');
    });
    return () => {
      unsub();
      usePanelStore.setState({ revealHunk: undefined });
    };
  }, []);

  if (session === undefined) return <section className="replay loading">Loading session…</section>;
  if (session === null || !clock) {
    return (
      <section className="replay">
        <p>This session is not in the library.</p>
        <button className="btn" onClick={() => navigate({ name: 'library' })}>
          Back to sessions
        </button>
      </section>
    );
  }
  const row = renamedRow ?? session.row;
  const m = row.meta;
  const chooseTab = (t: Tab) => {
    setTab(t);
    localStorage.setItem('baton.replay.tab', t);
  };
  // A session that is only a terminal (an asciinema cast, a shell log) has no conversation:
  // its terminal takes the conversation's place as the main pane.
  const terminalMain = session.loading ? isTerminalOnlyByCounts(session) : isTerminalOnly(session);
  /** Panes that need the session up to the playhead (files, terminal, decisions, score) wait for every event. */
  const waiting = session.loading ? <p className="muted" data-testid="pane-loading">Loading the session's events…</p> : null;
  const tabs = terminalMain ? TABS.filter((t) => t.id !== 'terminal') : TABS;
  const shownTab = terminalMain && tab === 'terminal' ? 'score' : tab;
  const editNames = () => {
    setTab('info');
    setEditingNames(true);
  };
  return (
    <section className="replay" aria-label={`Replay of ${m.title}`} data-testid="replay">
      <div className="replay-head">
        <button className="btn small" onClick={() => navigate({ name: 'library' })}>
          ← Sessions
        </button>
        <h1 title={m.title}>{m.title}</h1>
        <span className="muted" data-testid="replay-candidate">
          {candidateLabel(m.candidate)}
        </span>
        {!blind && (
          <button className="btn small link" onClick={editNames} title="Set the candidate's name and the task title">
            Edit names
          </button>
        )}
        <div className="spacer" />
        <button className="btn small" onClick={() => navigate({ name: 'committee', id: session.row.id })} title="Present the evidence reel to a hiring committee">
          Committee mode
        </button>
        <button className="btn small" onClick={() => void exportToFile(session.row.id)}>
          Export .baton
        </button>
      </div>
      <Transport clock={clock} session={session} loader={loader} />
      <ErrorBoundary what="the timeline">
        <Timeline session={session} clock={clock} overlays={overlays} handleRef={timelineRef} axisBus={axisBus} />
      </ErrorBoundary>
      <ErrorBoundary what="the reviewers' annotations">
        <ReviewLayer session={session} clock={clock} axisBus={axisBus} />
      </ErrorBoundary>
      {m.audio && (
        <ErrorBoundary what="the narration audio">
          <Suspense fallback={null}>
            <AudioStrip session={session} clock={clock} axisBus={axisBus} />
          </Suspense>
        </ErrorBoundary>
      )}
      <Split key={terminalMain ? 'terminal' : 'conversation'} id={terminalMain ? 'replay-main-terminal' : 'replay-main'} direction="row" initial={terminalMain ? [0.24, 0.5, 0.26] : [0.26, 0.37, 0.37]}>
        <ErrorBoundary what="the event list">
          <EventList session={session} clock={clock} findRef={findRef} />
        </ErrorBoundary>
        {terminalMain ? (
          <div className="main-terminal" data-testid="main-terminal" aria-label="Terminal">
            <ErrorBoundary what="the terminal">
              {waiting ?? (
                <Suspense fallback={null}>
                  <TerminalPane session={session} clock={clock} />
                </Suspense>
              )}
            </ErrorBoundary>
          </div>
        ) : (
          <ErrorBoundary what="the conversation">
            <ConversationPane session={session} clock={clock} />
          </ErrorBoundary>
        )}
        <div className="tabs-pane">
          <div className="tabs" role="tablist" aria-label="Evidence panes">
            {tabs.map((t) => (
              <button key={t.id} role="tab" aria-selected={shownTab === t.id} className={`tab ${shownTab === t.id ? 'on' : ''}`} onClick={() => chooseTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          <div className="tab-body" role="tabpanel">
            <ErrorBoundary what={`the ${tabs.find((t) => t.id === shownTab)?.label ?? shownTab} tab`} resetKey={shownTab}>
              {shownTab === 'rate' && <RatingForm session={session} clock={clock} />}
              {waiting && shownTab !== 'rate' && shownTab !== 'info' && waiting}
              {!waiting && shownTab === 'score' && (
                <BlindGate session={session}>
                  <ScorePanel session={session} clock={clock} blind={blind?.fn} />
                </BlindGate>
              )}
              {!waiting && shownTab === 'code' && <CodePane session={session} clock={clock} />}
              {!waiting && shownTab === 'terminal' && (
                <Suspense fallback={null}>
                  <TerminalPane session={session} clock={clock} />
                </Suspense>
              )}
              {!waiting && shownTab === 'decisions' && <DecisionsPane session={session} clock={clock} />}
              {shownTab === 'info' && <SessionInfo row={row} editing={editingNames} onEditing={blind ? undefined : setEditingNames} onRenamed={setRenamedRow} />}
            </ErrorBoundary>
          </div>
        </div>
      </Split>
    </section>
  );
}
