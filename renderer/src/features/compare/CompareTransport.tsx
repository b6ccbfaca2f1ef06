/**
 * The one transport of the side-by-side view: play/pause, skip between candidate moments of
 * any pane, the shared time, speed, the alignment, and a scrubber over the shared timeline
 * (with the aligned prompts marked in n-th-prompt mode).
 */
import type { AlignMode, Alignment } from '../../../../shared/replay/align';
import type { ReplayClock } from '../replay/clock';
import { PlayControls } from '../replay/PlayControls';
import { seekOnClick, usePlayhead } from './playhead';

function Scrubber({ clock, alignment }: { clock: ReplayClock; alignment: Alignment }) {
  const duration = Math.max(1, alignment.durationMs);
  const head = usePlayhead(clock, duration);
  return (
    <div
      className="compare-scrubber"
      data-testid="compare-scrubber"
      title="Click to seek every pane"
      onClick={seekOnClick(clock, duration)}
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
  return (
    <div className="compare-transport">
      <div className="transport" role="toolbar" aria-label="Playback of every pane">
        <PlayControls clock={clock} durationMs={alignment.durationMs} onStep={onStep} scope=" in any pane" />
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
