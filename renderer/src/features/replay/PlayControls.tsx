/**
 * The playback controls every view with a clock shows (the replay, side by side): previous
 * and next candidate moment, play/pause, the time, the speed. Views add their own controls
 * after these.
 */
import { formatClock } from '../session/summary';
import { SPEEDS, useClock, type ReplayClock } from './clock';

/** Skip-to-moment icons as SVG: symbol glyphs are missing from many system fonts. */
function SkipIcon({ dir }: { dir: 1 | -1 }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" style={{ transform: dir === -1 ? 'scaleX(-1)' : undefined }}>
      <path d="M2 2 L9 7 L2 12 Z" fill="currentColor" />
      <rect x="10" y="2" width="2" height="10" fill="currentColor" />
    </svg>
  );
}

export function PlayControls({ clock, durationMs, onStep, scope = '' }: { clock: ReplayClock; durationMs: number; onStep: (dir: 1 | -1, candidateOnly: boolean) => void; /** e.g. " in any pane", for the buttons' titles. */ scope?: string }) {
  const playing = useClock(clock, (s) => s.playing);
  const speed = useClock(clock, (s) => s.speed);
  const second = useClock(clock, (s) => Math.floor(s.t / 1000));
  return (
    <>
      <button className="btn small" onClick={() => onStep(-1, true)} title={`Previous candidate moment${scope} (Shift+←)`} aria-label="Previous candidate moment">
        <SkipIcon dir={-1} />
      </button>
      <button className="btn primary play-btn" onClick={() => clock.toggle()} aria-label={playing ? 'Pause' : 'Play'} data-testid="play">
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button className="btn small" onClick={() => onStep(1, true)} title={`Next candidate moment${scope} (Shift+→)`} aria-label="Next candidate moment">
        <SkipIcon dir={1} />
      </button>
      <span className="clock-time" data-testid="clock-time" aria-live="off">
        {formatClock(second * 1000)} <span className="muted">/ {formatClock(durationMs)}</span>
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
    </>
  );
}
