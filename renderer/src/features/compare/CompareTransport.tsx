/**
 * The one transport of the side-by-side view: play/pause, skip between candidate moments of
 * any pane, the shared time, speed, the alignment, and a scrubber over the shared timeline
 * (with the aligned prompts marked in n-th-prompt mode).
 */
import { useLayoutEffect, useRef } from 'react';
import type { AlignMode, Alignment } from '../../../../shared/replay/align';
import { formatClock } from '../session/summary';
import { SPEEDS, useClock, type ReplayClock } from '../replay/clock';

function SkipIcon({ dir }: { dir: 1 | -1 }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" style={{ transform: dir === -1 ? 'scaleX(-1)' : undefined }}>
      <path d="M2 2 L9 7 L2 12 Z" fill="currentColor" />
      <rect x="10" y="2" width="2" height="10" fill="currentColor" />
    </svg>
  );
}

function Scrubber({ clock, alignment }: { clock: ReplayClock; alignment: Alignment }) {
  const head = useRef<HTMLDivElement>(null);
  const duration = Math.max(1, alignment.durationMs);
  useLayoutEffect(() => {
    const place = (t: number) => {
      if (head.current) head.current.style.left = `${(Math.min(t, duration) / duration) * 100}%`;
    };
    place(clock.get().t);
    return clock.subscribe((s) => place(s.t));
  }, [clock, duration]);
  return (
    <div
      className="compare-scrubber"
      data-testid="compare-scrubber"
      title="Click to seek every pane"
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        clock.seek(((e.clientX - r.left) / r.width) * duration);
      }}
    >
      {alignment.promptMarks.map((t, i) => (
        <span key={i} className="compare-prompt-mark" style={{ left: `${(t / duration) * 100}%` }} title={`Prompt ${i + 1} in every session`} />
      ))}
      <div className="mini-playhead" ref={head} aria-hidden />
    </div>
  );
}

export function CompareTransport({
  clock,
  alignment,
  onAlign,
  onStep,
}: {
  clock: ReplayClock;
  alignment: Alignment;
  onAlign: (m: AlignMode) => void;
  onStep: (dir: 1 | -1, candidateOnly: boolean) => void;
}) {
  const playing = useClock(clock, (s) => s.playing);
  const speed = useClock(clock, (s) => s.speed);
  const second = useClock(clock, (s) => Math.floor(s.t / 1000));
  return (
    <div className="compare-transport">
      <div className="transport" role="toolbar" aria-label="Playback of every pane">
        <button className="btn small" onClick={() => onStep(-1, true)} title="Previous candidate moment in any pane (Shift+←)" aria-label="Previous candidate moment">
          <SkipIcon dir={-1} />
        </button>
        <button className="btn primary play-btn" onClick={() => clock.toggle()} aria-label={playing ? 'Pause' : 'Play'} data-testid="play">
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button className="btn small" onClick={() => onStep(1, true)} title="Next candidate moment in any pane (Shift+→)" aria-label="Next candidate moment">
          <SkipIcon dir={1} />
        </button>
        <span className="clock-time" data-testid="clock-time" aria-live="off">
          {formatClock(second * 1000)} <span className="muted">/ {formatClock(alignment.durationMs)}</span>
        </span>
        <label className="speed">
          <span className="sr-only">Speed</span>
          <select aria-label="Playback speed" value={speed} onChange={(e) => clock.setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label className="toggle">
          Align by{' '}
          <select aria-label="Align sessions by" value={alignment.mode} onChange={(e) => onAlign(e.target.value as AlignMode)} data-testid="align-mode">
            <option value="elapsed">elapsed time</option>
            <option value="prompt">the candidate's n-th prompt</option>
          </select>
        </label>
      </div>
      <Scrubber clock={clock} alignment={alignment} />
    </div>
  );
}
