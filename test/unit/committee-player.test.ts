import { describe, expect, it } from 'vitest';
import { follow, readSyncMessage, type PresenterState } from '../../shared/committee/sync';
import type { ReelClip } from '../../shared/committee/reel';
import { ReplayClock } from '../../renderer/src/features/replay/clock';
import { ClipPlayer } from '../../renderer/src/features/committee/clip-player';

/** A clock whose animation frames the test runs by hand, at chosen times. */
function manualClock(duration: number) {
  let pending: ((now: number) => void) | null = null;
  const clock = new ReplayClock(duration, undefined, (cb) => ((pending = cb), 1), () => (pending = null));
  let now = 100;
  /** Runs frames 100 ms apart for `ms` of wall time (the first frame of a play only sets its start). */
  const advance = (ms: number) => {
    for (let end = now + ms; now < end; ) {
      const cb = pending;
      pending = null;
      now += 100;
      cb?.(now);
    }
  };
  /** The first frame after play(): the clock takes it as its starting point. */
  const start = () => {
    const cb = pending;
    pending = null;
    cb?.(now);
  };
  return { clock, advance, start };
}

const clip: ReelClip = { id: 'c', t0: 10_000, t1: 12_000, factor: 'scoping', polarity: '+', why: 'x', source: 'evidence', eventIds: [] };

describe('playing a reel clip', () => {
  it('seeks to the start, plays, and stops at the end of the range', () => {
    const { clock, advance, start } = manualClock(60_000);
    const player = new ClipPlayer(clock);
    player.play(clip);
    expect(clock.get()).toMatchObject({ t: 10_000, playing: true });
    start();
    advance(1000);
    expect(clock.get()).toMatchObject({ t: 11_000, playing: true });
    advance(1500);
    expect(clock.get()).toMatchObject({ t: 12_000, playing: false });
    advance(1500);
    expect(clock.get().t).toBe(12_000);
    player.dispose();
  });

  it('Space resumes the clip in progress and restarts one that ended', () => {
    const { clock, advance, start } = manualClock(60_000);
    const player = new ClipPlayer(clock);
    player.play(clip);
    start();
    advance(500);
    player.toggle(clip);
    expect(clock.get()).toMatchObject({ t: 10_500, playing: false });
    player.toggle(clip);
    expect(clock.get()).toMatchObject({ t: 10_500, playing: true });
    start();
    advance(5000);
    expect(clock.get()).toMatchObject({ t: 12_000, playing: false });
    player.toggle(clip);
    expect(clock.get()).toMatchObject({ t: 10_000, playing: true });
  });
});

describe('presenter / audience sync messages', () => {
  const state: PresenterState = { type: 'state', sid: 's', clip: 2, t: 5000, playing: true, speed: 1, blackout: false, blind: true };
  it('accepts only well-formed messages for this session', () => {
    expect(readSyncMessage(state, 's')).toEqual(state);
    expect(readSyncMessage(state, 'other')).toBeUndefined();
    expect(readSyncMessage({ ...state, t: -1 }, 's')).toBeUndefined();
    expect(readSyncMessage({ ...state, extra: 1 }, 's')).toBeUndefined();
    expect(readSyncMessage('hello', 's')).toBeUndefined();
  });
  it('follows the presenter: seeks when drifted or paused elsewhere, plays and pauses with it', () => {
    expect(follow({ t: 5200, playing: true, speed: 1 }, state)).toEqual({});
    expect(follow({ t: 9000, playing: false, speed: 2 }, state)).toEqual({ seek: 5000, play: true, speed: 1 });
    expect(follow({ t: 5200, playing: true, speed: 1 }, { ...state, playing: false })).toEqual({ seek: 5000, play: false });
  });
});
