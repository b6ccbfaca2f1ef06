/**
 * Committee mode: the replay and the evidence reel for a room. `presenter` is the driver's
 * view (reel with editing, notes, next clip, decision); `audience` is the room's view (a
 * second browser window or the desktop app's window on a second display), following the
 * presenter over BroadcastChannel. Keys (presenter): ←/→ previous and next clip, Space
 * play/pause, B blackout, F full screen, Esc leaves. Candidate-blind is on by default.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { buildReel, caption, type Reel } from '../../../../shared/committee/reel';
import type { Decision } from '../../../../shared/committee/decision';
import type { CommitteeInputs } from '../../../../shared/committee/inputs';
import { channelName, follow, readSyncMessage, type PresenterState } from '../../../../shared/committee/sync';
import { buildIdleMap } from '../../../../shared/replay/idle';
import { navigate } from '../../app/router';
import { platform } from '../../platform';
import { ensureScores, useScoreStore } from '../../state/scores';
import { setUi } from '../../state/store';
import { ReplayClock, useClock } from '../replay/clock';
import { ConversationPane } from '../replay/conversation/ConversationPane';
import { loadSession } from '../replay/load';
import { Timeline } from '../replay/timeline/Timeline';
import type { LoadedSession, TimelineOverlay } from '../replay/types';
import { formatClock } from '../session/summary';
import { committeeSession } from './blind-session';
import { ClipPlayer } from './clip-player';
import { DecisionPanel } from './DecisionPanel';
import { loadCommitteeInputs } from './inputs';
import { ReelPanel } from './ReelPanel';
import { reportFileName, saveReport } from './report-action';
import { InlineCode } from '../../components/InlineCode';
import './committee.css';
import { loadBlindSetting, loadCommittee, saveBlindSetting, saveDecision, saveNotes, saveReel } from './store';

type Role = 'presenter' | 'audience';

/** The timeline's scale in a room: its 12 px canvas labels drawn at 18 px, lanes and axis to match. */
const ROOM_TIMELINE_SCALE = 1.5;

export function CommitteeView({ id, role }: { id: string; role: Role }) {
  const [raw, setRaw] = useState<LoadedSession | null | undefined>(undefined);
  const [blindOn, setBlindOn] = useState<boolean | undefined>(undefined);
  const [savedReel, setReel] = useState<Reel | undefined>(undefined);
  const [decision, setDecision] = useState<Decision | undefined>(undefined);
  const [notes, setNotes] = useState('');
  const [inputs, setInputs] = useState<CommitteeInputs>({});
  const [current, setCurrent] = useState(-1);
  const [blackout, setBlackout] = useState(false);
  const [panel, setPanel] = useState<'reel' | 'decision'>('reel');
  const result = useScoreStore((s) => s.results[id]);
  const weights = useScoreStore((s) => s.weights);

  useEffect(() => {
    let live = true;
    void Promise.all([loadSession(id), loadBlindSetting(), loadCommittee(id)]).then(async ([s, b, rec]) => {
      const inp = s ? await loadCommitteeInputs(s.row.contentHash) : {};
      if (!live) return;
      setRaw(s ?? null);
      setBlindOn(b);
      if (rec.reel) setReel(rec.reel);
      setDecision(rec.decision);
      setNotes(rec.notes);
      setInputs(inp);
    });
    void ensureScores([id]);
    return () => {
      live = false;
    };
  }, [id]);

  // The automatic reel, once the evidence is in, until one is saved.
  const autoReel = useMemo(() => (raw && result ? buildReel({ evidence: result.evidence, events: raw.events, durationMs: raw.meta.durationMs, annotations: inputs.annotations ?? [] }) : undefined), [raw, result, inputs]);
  const reel = savedReel ?? autoReel;

  const cs = useMemo(() => (raw && blindOn !== undefined ? committeeSession(raw, blindOn) : undefined), [raw, blindOn]);
  const clock = useMemo(() => {
    if (!raw) return null;
    const duration = Math.max(raw.meta.durationMs, raw.events.at(-1)?.t ?? 0, 1);
    return new ReplayClock(duration, buildIdleMap([], duration, 30_000, 1_500));
  }, [raw]);
  const player = useMemo(() => (clock ? new ClipPlayer(clock) : null), [clock]);
  useEffect(
    () => () => {
      player?.dispose();
      clock?.dispose();
    },
    [clock, player],
  );

  const changeReel = useCallback(
    (next: Reel) => {
      setReel(next);
      if (role === 'presenter') void saveReel(id, next);
    },
    [id, role],
  );

  const playClip = useCallback(
    (i: number) => {
      const c = reel?.clips[i];
      if (!c || !player) return;
      setCurrent(i);
      player.play(c);
    },
    [reel, player],
  );

  // Sync: the presenter tells, the audience follows.
  const stateRef = useRef({ current, blackout, blindOn });
  useLayoutEffect(() => {
    stateRef.current = { current, blackout, blindOn };
  });
  const channel = useMemo(() => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName(id))), [id]);
  useEffect(() => () => channel?.close(), [channel]);
  const post = useCallback(() => {
    if (!channel || !clock || role !== 'presenter') return;
    const s = clock.get();
    const { current, blackout, blindOn } = stateRef.current;
    const msg: PresenterState = { type: 'state', sid: id, clip: current, t: s.t, playing: s.playing, speed: s.speed, blackout, blind: blindOn !== false };
    channel.postMessage(msg);
  }, [channel, clock, role, id]);
  useEffect(() => {
    if (!channel || !clock) return;
    if (role === 'presenter') {
      let last = 0;
      let wasPlaying = false;
      const unsub = clock.subscribe((s) => {
        const now = performance.now();
        if (!s.playing || !wasPlaying || now - last > 250) {
          last = now;
          post();
        }
        wasPlaying = s.playing;
      });
      const onHello = (e: MessageEvent) => {
        if (readSyncMessage(e.data, id)?.type === 'hello') post();
      };
      channel.addEventListener('message', onHello);
      return () => {
        unsub();
        channel.removeEventListener('message', onHello);
      };
    }
    const onState = (e: MessageEvent) => {
      const m = readSyncMessage(e.data, id);
      if (m?.type !== 'state') return;
      const s = clock.get();
      const f = follow(s, m);
      if (f.speed !== undefined) clock.setSpeed(f.speed);
      if (f.seek !== undefined) clock.seek(f.seek);
      if (f.play === true) clock.play();
      if (f.play === false) clock.pause();
      setCurrent(m.clip);
      setBlackout(m.blackout);
      setBlindOn(m.blind);
    };
    channel.addEventListener('message', onState);
    channel.postMessage({ type: 'hello', sid: id });
    return () => channel.removeEventListener('message', onState);
  }, [channel, clock, role, id, post]);
  useEffect(post, [post, current, blackout, blindOn]);

  // Keys of the presenter (the audience window takes B and F too).
  useEffect(() => {
    if (!clock || !player) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      let handled = true;
      const n = reel?.clips.length ?? 0;
      if (role === 'presenter' && e.key === 'ArrowRight') playClip(Math.min(n - 1, current + 1));
      else if (role === 'presenter' && e.key === 'ArrowLeft') playClip(Math.max(0, current - 1));
      else if (role === 'presenter' && e.key === ' ') player.toggle(reel?.clips[current]);
      else if (e.key === 'b' || e.key === 'B') setBlackout((b) => !b);
      else if (e.key === 'f' || e.key === 'F') {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      } else if (e.key === 'Escape' && role === 'presenter') navigate({ name: 'session', id });
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, player, reel, current, role, id, playClip]);

  const overlays = useMemo<TimelineOverlay[]>(
    () => (reel ? [{ id: 'committee-reel', label: 'Reel', items: reel.clips.map((c, i) => ({ t: c.t0, endT: c.t1, color: c.polarity === '+' ? '#5fd394' : '#ff7b6e', label: `${i + 1}. ${caption(c)}` })) }] : []),
    [reel],
  );

  if (raw === undefined || blindOn === undefined) return <section className="presenter loading">Loading session…</section>;
  if (raw === null || !cs || !clock || !player) {
    return (
      <section className="presenter">
        <p>This session is not in the library.</p>
        <button className="btn" onClick={() => navigate({ name: 'library' })}>
          Back to sessions
        </button>
      </section>
    );
  }
  const clip = reel?.clips[current];
  const next = reel?.clips[current + 1];
  const toggleBlind = () => {
    const on = !blindOn;
    setBlindOn(on);
    void saveBlindSetting(on);
  };
  const openAudience = () => {
    const hash = `#/audience/${encodeURIComponent(id)}`;
    const pf = platform();
    if (pf.openAudienceWindow) void pf.openAudienceWindow(hash).then((r) => setUi({ toast: { text: `Audience window on ${r.display}.`, kind: 'info' } }));
    else window.open(`${window.location.pathname}${window.location.search}${hash}`, 'baton-audience', 'popup,width=1280,height=720');
  };
  const report = (kind: 'html' | 'pdf') => {
    if (!result || !reel) return setUi({ toast: { text: 'The session is still being scored.', kind: 'info' } });
    void saveReport({ cs, blindOn, result, weights, presetName: 'current', reel, decision, inputs }, kind);
  };
  return (
    <section className={`presenter ${role}`} data-testid={role === 'presenter' ? 'presenter' : 'audience'} aria-label={role === 'presenter' ? 'Committee presenter' : 'Committee audience'}>
      <header className="presenter-head">
        <h1 title={cs.session.meta.title}>{cs.session.meta.title}</h1>
        <span className="presenter-candidate" data-testid="committee-candidate">
          {cs.candidate}
        </span>
        <ClockReadout clock={clock} />
        {role === 'presenter' && (
          <>
            <label className="presenter-toggle">
              <input type="checkbox" checked={blindOn} onChange={toggleBlind} /> Candidate-blind
            </label>
            <button className="btn" onClick={openAudience}>
              Audience window
            </button>
            <button className="btn" onClick={() => setPanel(panel === 'reel' ? 'decision' : 'reel')}>
              {panel === 'reel' ? 'Decision' : 'Reel'}
            </button>
            <button className="btn" onClick={() => navigate({ name: 'session', id })}>
              Leave (Esc)
            </button>
          </>
        )}
      </header>
      <div className="presenter-body">
        <div className="presenter-stage">
          <Timeline key={String(blindOn)} session={cs.session} clock={clock} overlays={overlays} scale={ROOM_TIMELINE_SCALE} />
          <div className="presenter-conversation">
            <ConversationPane key={String(blindOn)} session={cs.session} clock={clock} />
          </div>
          <div className="presenter-caption" data-testid="clip-caption" aria-live="polite">
            {clip ? <InlineCode text={cs.blind(caption(clip, inputs.reviewers))} /> : 'Press → to play the first clip.'}
          </div>
        </div>
        {role === 'presenter' && (
          <aside className="presenter-side">
            {panel === 'reel' && reel && <ReelPanel reel={reel} current={current} durationMs={clock.get().duration} now={() => clock.get().t} blind={cs.blind} reviewers={inputs.reviewers} editing onPlay={playClip} onChange={changeReel} />}
            {panel === 'reel' && (
              <div className="presenter-notes">
                <div className="presenter-next" data-testid="next-clip">
                  Next: {next ? <InlineCode text={cs.blind(caption(next, inputs.reviewers))} /> : 'end of the reel'}
                </div>
                <label>
                  Notes
                  <textarea value={notes} rows={3} onChange={(e) => setNotes(e.target.value)} onBlur={() => void saveNotes(id, notes)} aria-label="Presenter notes" />
                </label>
              </div>
            )}
            {panel === 'decision' && (
              <DecisionPanel
                decision={decision}
                sessionHash={raw.row.contentHash}
                onSave={(d) => {
                  setDecision(d);
                  void saveDecision(id, d).then(() => setUi({ toast: { text: 'Decision recorded.', kind: 'info' } }));
                }}
                onReport={report}
                onExport={() => decision && void platform().saveFile(reportFileName(cs.candidate, 'html').replace(/^decision-record-(.*)\.html$/, 'decision-$1.baton-decision'), new Blob([JSON.stringify(decision, null, 2) + '\n'], { type: 'application/json' }))}
              />
            )}
          </aside>
        )}
      </div>
      {blackout && <div className="presenter-blackout" data-testid="blackout" aria-label="Blackout" />}
    </section>
  );
}

function ClockReadout({ clock }: { clock: ReplayClock }) {
  const second = useClock(clock, (s) => Math.floor(s.t / 1000));
  const playing = useClock(clock, (s) => s.playing);
  return (
    <span className="presenter-clock" data-testid="committee-clock">
      {playing ? '▶' : '❚❚'} {formatClock(second * 1000)}
    </span>
  );
}
