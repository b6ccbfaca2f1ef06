import { describe, expect, it } from 'vitest';
import { AudioSync, MAX_AUDIO_SPEED, type MediaLike } from '../../renderer/src/features/replay/audio/audio-sync';
import { ReplayClock } from '../../renderer/src/features/replay/clock';

class FakeMedia implements MediaLike {
  currentTime = 0;
  playbackRate = 1;
  paused = true;
  readyState = 4;
  plays = 0;
  play() {
    this.paused = false;
    this.plays++;
    return Promise.resolve();
  }
  pause() {
    this.paused = true;
  }
}

/** A clock whose frames we step by hand. */
function manualClock(duration: number) {
  let pending: ((now: number) => void) | null = null;
  const clock = new ReplayClock(duration, undefined, (cb) => {
    pending = cb;
    return 1;
  }, () => {
    pending = null;
  });
  return {
    clock,
    frame(now: number) {
      const cb = pending;
      pending = null;
      cb?.(now);
    },
  };
}

describe('audio drives the clock while it plays', () => {
  it('reports the media position as the clock time, offset by where the recording starts', () => {
    const media = new FakeMedia();
    const { clock, frame } = manualClock(600_000);
    const sync = new AudioSync(media, 10_000, 120_000);
    clock.setDriver(sync);
    clock.subscribe((s) => sync.sync(s));
    clock.seek(40_000);
    expect(media.currentTime).toBe(30);
    clock.play();
    expect(media.paused).toBe(false);
    frame(0);
    // The audio advances 2.5 s while frames say otherwise: the audio wins.
    media.currentTime = 32.5;
    frame(16);
    expect(clock.get().t).toBe(42_500);
    clock.pause();
    expect(media.paused).toBe(true);
  });

  it('does not play before the recording starts, and starts when the clock reaches it', () => {
    const media = new FakeMedia();
    const { clock, frame } = manualClock(600_000);
    const sync = new AudioSync(media, 10_000, 120_000);
    clock.setDriver(sync);
    clock.subscribe((s) => sync.sync(s));
    clock.seek(9_000);
    clock.play();
    expect(media.paused).toBe(true);
    frame(0);
    frame(1_500); // frames are capped at 250 ms each; step until we pass 10 s
    for (let now = 1_750; now < 6_000; now += 250) frame(now);
    expect(clock.get().t).toBeGreaterThanOrEqual(10_000);
    expect(media.paused).toBe(false);
    expect(media.currentTime).toBeCloseTo((clock.get().t - 10_000) / 1000, 0);
  });

  it('above 4× the frame clock drives and the silent audio only follows', () => {
    const media = new FakeMedia();
    const { clock, frame } = manualClock(600_000);
    const sync = new AudioSync(media, 0, 120_000);
    clock.setDriver(sync);
    clock.subscribe((s) => sync.sync(s));
    clock.setSpeed(MAX_AUDIO_SPEED * 2);
    clock.play();
    expect(media.paused).toBe(true);
    frame(1_000);
    frame(1_200);
    expect(clock.get().t).toBe(1_600);
    expect(sync.now()).toBeUndefined();
    // It keeps its position near the clock so the waveform cursor follows.
    frame(1_400);
    expect(Math.abs(media.currentTime * 1000 - clock.get().t)).toBeLessThanOrEqual(250);
    // Back to 2×: the audio plays along again, at that rate.
    clock.setSpeed(2);
    frame(1_420);
    expect(media.paused).toBe(false);
    expect(media.playbackRate).toBe(2);
  });

  it('with skip idle on, the audio follows and is re-seeked when the clock jumps a gap', () => {
    const media = new FakeMedia();
    const { clock } = manualClock(600_000);
    const sync = new AudioSync(media, 0, 300_000);
    clock.subscribe((s) => sync.sync(s));
    clock.setDriver(sync);
    clock.setSkipIdle(true);
    clock.play();
    expect(sync.now()).toBeUndefined();
    clock.seek(100_000);
    expect(media.currentTime).toBe(100);
    media.currentTime = 100.1;
    clock.seek(100_050); // within the drift allowance: no re-seek
    expect(media.currentTime).toBe(100.05);
  });

  it('seeking past the end of the recording pauses it', () => {
    const media = new FakeMedia();
    const sync = new AudioSync(media, 0, 5_000);
    sync.play(1_000, 1);
    expect(media.paused).toBe(false);
    sync.seek(9_000);
    expect(media.paused).toBe(true);
    expect(sync.inRange(4_999)).toBe(true);
    expect(sync.inRange(5_000)).toBe(false);
  });
});
