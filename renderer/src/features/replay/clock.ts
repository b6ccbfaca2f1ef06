/**
 * The replay clock: the single source of truth for "now" in a replay. Every pane follows it.
 * While the session's audio plays, the audio element drives the clock (so speech and events
 * never drift); otherwise animation frames do. With "skip idle" on, time advances on the
 * played clock of an IdleMap and quiet stretches pass in a moment.
 */
import { useSyncExternalStore } from 'react';
import { identityIdleMap, type IdleMap } from '../../../../shared/replay/idle';

export const SPEEDS = [0.5, 1, 2, 4, 8, 16, 32] as const;

export interface ClockState {
  /** Current real session time, ms. */
  t: number;
  playing: boolean;
  speed: number;
  skipIdle: boolean;
  duration: number;
}

/** Something that can report and follow time (the audio track). */
export interface ClockDriver {
  /** Current time in session ms, or undefined when the driver cannot drive right now. */
  now(): number | undefined;
  play(fromT: number, speed: number): void;
  pause(): void;
  seek(t: number): void;
  setSpeed(speed: number): void;
}

type Listener = (s: ClockState) => void;

export class ReplayClock {
  private state: ClockState;
  private readonly listeners = new Set<Listener>();
  private raf = 0;
  private lastFrame = 0;
  private driver: ClockDriver | null = null;
  private idle: IdleMap;
  private idleMap: IdleMap;

  constructor(
    duration: number,
    idleMap?: IdleMap,
    private readonly frame: (cb: (now: number) => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly cancelFrame: (id: number) => void = (id) => cancelAnimationFrame(id),
  ) {
    this.state = { t: 0, playing: false, speed: 1, skipIdle: false, duration };
    this.idleMap = idleMap ?? identityIdleMap(duration);
    this.idle = identityIdleMap(duration);
  }

  get(): ClockState {
    return this.state;
  }

  /** The idle map in force (identity unless skip idle is on). */
  get activeIdleMap(): IdleMap {
    return this.idle;
  }

  /** The idle map that skip idle would use (for shading gaps on the timeline). */
  get skipMap(): IdleMap {
    return this.idleMap;
  }

  subscribe(cb: Listener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private set(patch: Partial<ClockState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  seek(t: number): void {
    const clamped = Math.min(Math.max(0, t), this.state.duration);
    this.driver?.seek(clamped);
    this.set({ t: clamped });
  }

  play(): void {
    if (this.state.playing) return;
    const t = this.state.t >= this.state.duration ? 0 : this.state.t;
    this.set({ playing: true, t });
    this.driver?.play(t, this.state.speed);
    this.lastFrame = 0;
    this.raf = this.frame(this.tick);
  }

  pause(): void {
    if (!this.state.playing) return;
    this.cancelFrame(this.raf);
    this.driver?.pause();
    this.set({ playing: false });
  }

  toggle(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.driver?.setSpeed(speed);
    this.set({ speed });
  }

  stepSpeed(dir: 1 | -1): void {
    const i = SPEEDS.indexOf(this.state.speed as (typeof SPEEDS)[number]);
    const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i === -1 ? 1 : i) + dir))]!;
    this.setSpeed(next);
  }

  setSkipIdle(on: boolean): void {
    this.idle = on ? this.idleMap : identityIdleMap(this.state.duration);
    this.set({ skipIdle: on });
  }

  /**
   * Sets the map skip idle uses (a replay opened progressively knows its quiet stretches only
   * once every event is loaded); with skip idle on, it takes effect at once.
   */
  setIdleMap(map: IdleMap): void {
    this.idleMap = map;
    if (this.state.skipIdle) {
      this.idle = map;
      this.set({});
    }
  }

  /**
   * Changes the length of the clock's timeline and moves to `t` (the side-by-side view does
   * this when it re-aligns its sessions). Skip idle is turned off: its map was for the old length.
   */
  setDuration(duration: number, t: number): void {
    this.idleMap = identityIdleMap(duration);
    this.idle = this.idleMap;
    this.state = { ...this.state, duration, skipIdle: false };
    this.seek(t);
  }

  /** Attaches (or detaches) an external driver such as the audio track. */
  setDriver(d: ClockDriver | null): void {
    this.driver = d;
    if (d && this.state.playing) d.play(this.state.t, this.state.speed);
  }

  private readonly tick = (now: number): void => {
    if (!this.state.playing) return;
    const driven = this.driver?.now();
    let t: number;
    if (driven !== undefined) {
      t = driven;
    } else {
      const dt = this.lastFrame ? Math.min(now - this.lastFrame, 250) : 0;
      const played = this.idle.realToPlayed(this.state.t) + dt * this.state.speed;
      t = this.idle.playedToReal(played);
    }
    this.lastFrame = now;
    if (t >= this.state.duration) {
      this.set({ t: this.state.duration });
      this.pause();
      return;
    }
    this.set({ t });
    this.raf = this.frame(this.tick);
  };

  dispose(): void {
    this.cancelFrame(this.raf);
    this.listeners.clear();
  }
}

/**
 * Subscribes a component to a derived value of the clock. The selector's result is compared
 * with Object.is, so a pane that selects "the current event index" re-renders only when that
 * index changes, not on every frame.
 */
export function useClock<T>(clock: ReplayClock, select: (s: ClockState) => T): T {
  return useSyncExternalStore(
    (cb) => clock.subscribe(cb),
    () => select(clock.get()),
  );
}
