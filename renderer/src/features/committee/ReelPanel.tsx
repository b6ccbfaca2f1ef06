/**
 * The evidence reel beside the replay: every clip with its range and caption, the current one
 * marked; play a clip, move it up or down, set its start or end to the playhead, remove it, or
 * add a clip at the playhead. Each edit is saved with the session at once.
 */
import { addClip, caption, clipMs, moveClip, reelMs, removeClip, trimClip, type Reel } from '../../../../shared/committee/reel';
import type { Blind } from '../../../../shared/committee/blind';
import type { CommitteeReviewer } from '../../../../shared/committee/inputs';
import { formatClock } from '../session/summary';
import { InlineCode } from '../../components/InlineCode';

interface Props {
  reel: Reel;
  current: number;
  durationMs: number;
  now: () => number;
  blind: Blind;
  reviewers?: readonly CommitteeReviewer[];
  editing: boolean;
  onPlay(index: number): void;
  onChange(reel: Reel): void;
}

export function ReelPanel({ reel, current, durationMs, now, blind, reviewers, editing, onPlay, onChange }: Props) {
  return (
    <div className="reel" data-testid="reel">
      <h2 className="reel-title">
        Evidence reel <span className="reel-total">{reel.clips.length} clips · {formatClock(reelMs(reel))}</span>
      </h2>
      <ol className="reel-list">
        {reel.clips.map((c, i) => (
          <li key={c.id} className={`reel-clip ${i === current ? 'on' : ''} ${c.polarity === '+' ? 'pos' : 'neg'}`} aria-current={i === current ? 'true' : undefined} data-testid="reel-clip">
            <button className="reel-play" onClick={() => onPlay(i)} aria-label={`Play clip ${i + 1}`}>
              <span className="reel-range">
                {i + 1}. {formatClock(c.t0)}–{formatClock(c.t1)} ({Math.round(clipMs(c) / 1000)} s)
              </span>
              <span className="reel-caption">
                <InlineCode text={blind(caption(c, reviewers))} />
              </span>
            </button>
            {editing && (
              <span className="reel-edit">
                <button className="btn" onClick={() => onChange(moveClip(reel, i, i - 1))} disabled={i === 0} aria-label={`Move clip ${i + 1} up`}>
                  ↑
                </button>
                <button className="btn" onClick={() => onChange(moveClip(reel, i, i + 1))} disabled={i === reel.clips.length - 1} aria-label={`Move clip ${i + 1} down`}>
                  ↓
                </button>
                <button className="btn" onClick={() => onChange(trimClip(reel, c.id, now(), c.t1, durationMs))} aria-label={`Start clip ${i + 1} at the playhead`}>
                  Start here
                </button>
                <button className="btn" onClick={() => onChange(trimClip(reel, c.id, c.t0, now(), durationMs))} aria-label={`End clip ${i + 1} at the playhead`}>
                  End here
                </button>
                <button className="btn" onClick={() => onChange(removeClip(reel, c.id))} aria-label={`Remove clip ${i + 1}`}>
                  Remove
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {editing && (
        <button className="btn" onClick={() => onChange(addClip(reel, { t0: now(), t1: Math.min(durationMs, now() + 20_000), factor: 'overall', polarity: '+', why: 'Added in the meeting' }, current))}>
          Add a clip at the playhead
        </button>
      )}
    </div>
  );
}
