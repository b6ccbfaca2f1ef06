/**
 * Keeps a narration recording and the replay clock on one time line.
 *
 * While the clock plays at a speed the recording can follow (up to 4×, where speech is still
 * intelligible) and skip idle is off, the audio drives the clock: `now()` reports the media
 * element's position, so speech and events never drift apart. At higher speeds, with skip
 * idle on, or outside the stretch the recording covers, the animation-frame clock drives and
 * the audio follows it (it is paused, or re-seeked when it drifts by more than a few frames).
 */
import type { ClockDriver, ClockState } from '../clock';

/** The part of HTMLMediaElement this uses (a fake in unit tests). */
export interface MediaLike {
  currentTime: number;
  playbackRate: number;
  readonly paused: boolean;
  readonly readyState: number;
  play(): Promise<void> | void;
  pause(): void;
}

/** Fastest speed at which the audio plays along (and drives the clock). */
export const MAX_AUDIO_SPEED = 4;
/** How far the audio may drift from the clock before it is re-seeked, ms. */
export const RESYNC_MS = 250;

export class AudioSync implements ClockDriver {
  private skipIdle = false;
  private speed = 1;

  constructor(
    private readonly media: MediaLike,
    /** Where the recording starts on the session clock, ms. */
    private readonly offsetMs: number,
    /** Length of the recording, ms. */
    private readonly durationMs: number,
  ) {}

  inRange(t: number): boolean {
    return t >= this.offsetMs && t < this.offsetMs + this.durationMs;
  }

  private canPlayAlong(speed: number): boolean {
    return speed <= MAX_AUDIO_SPEED;
  }

  private mediaT(): number {
    return this.offsetMs + this.media.currentTime * 1000;
  }

  private setMediaTime(t: number): void {
    this.media.currentTime = Math.max(0, (t - this.offsetMs) / 1000);
  }

  private start(t: number): void {
    this.setMediaTime(t);
    this.media.playbackRate = this.speed;
    // Autoplay may be refused (no user gesture yet): the frame clock then drives alone.
    const p = this.media.play();
    if (p && typeof (p as Promise<void>).catch === 'function') (p as Promise<void>).catch(() => {});
  }

  /** The driving time, or undefined when the frame clock should drive. */
  now(): number | undefined {
    if (this.skipIdle || !this.canPlayAlong(this.speed) || this.media.paused || this.media.readyState < 2) return undefined;
    const t = this.mediaT();
    return this.inRange(t) ? t : undefined;
  }

  play(fromT: number, speed: number): void {
    this.speed = speed;
    this.sync({ t: fromT, playing: true, speed, skipIdle: this.skipIdle });
  }

  pause(): void {
    if (!this.media.paused) this.media.pause();
  }

  seek(t: number): void {
    if (this.inRange(t)) this.setMediaTime(t);
    else if (!this.media.paused) this.media.pause();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.canPlayAlong(speed)) this.media.playbackRate = speed;
    else if (!this.media.paused) this.media.pause();
  }

  /** Called on every clock update: starts, stops or re-seeks the audio to follow the clock. */
  sync(s: Pick<ClockState, 't' | 'playing' | 'speed' | 'skipIdle'>): void {
    this.skipIdle = s.skipIdle;
    this.speed = s.speed;
    if (!s.playing) {
      if (!this.media.paused) this.media.pause();
      return;
    }
    const want = this.canPlayAlong(s.speed) && this.inRange(s.t);
    if (!want) {
      if (!this.media.paused) this.media.pause();
      // Too fast to play along: keep the (silent) position in step so the waveform follows.
      if (this.inRange(s.t) && Math.abs(this.mediaT() - s.t) > RESYNC_MS) this.setMediaTime(s.t);
      return;
    }
    if (this.media.paused) {
      this.start(s.t);
      return;
    }
    if (this.media.playbackRate !== s.speed) this.media.playbackRate = s.speed;
    if (Math.abs(this.mediaT() - s.t) > RESYNC_MS) this.setMediaTime(s.t);
  }
}
