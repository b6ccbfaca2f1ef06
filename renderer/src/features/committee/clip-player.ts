/**
 * Plays one reel clip on the replay clock: seek to its start, play, and stop at its end (the
 * clock's own listener pauses it, so every pane following the clock stops in step).
 */
import { clipEnded, type ReelClip } from '../../../../shared/committee/reel';
import type { ReplayClock } from '../replay/clock';

export class ClipPlayer {
  private clip: ReelClip | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly clock: ReplayClock) {
    this.unsubscribe = clock.subscribe((s) => {
      const c = this.clip;
      if (!c || !s.playing || !clipEnded(c, s.t)) return;
      this.clip = null;
      clock.pause();
      clock.seek(c.t1);
    });
  }

  /** Starts a clip from its beginning. */
  play(clip: ReelClip): void {
    this.clip = clip;
    this.clock.pause();
    this.clock.seek(clip.t0);
    this.clock.play();
  }

  /** Space: pause, or resume the clip in progress (from its start when it had ended). */
  toggle(clip: ReelClip | undefined): void {
    const s = this.clock.get();
    if (s.playing) return this.clock.pause();
    if (!clip) return this.clock.play();
    if (s.t < clip.t0 || s.t >= clip.t1) return this.play(clip);
    this.clip = clip;
    this.clock.play();
  }

  dispose(): void {
    this.unsubscribe();
  }
}
