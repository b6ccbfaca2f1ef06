/**
 * Plays an asciinema recording into a terminal in step with the replay clock.
 *
 * Seeking never re-feeds the recording from its start: while the pane is idle, a second
 * terminal that is never shown parses the whole recording once and keeps a checkpoint (the
 * serialised screen, with a little scrollback) every CHECKPOINT_BYTES of output. A seek
 * restores the nearest checkpoint at or before the target and feeds only the output between
 * it and the target; moving forward by a little (playback) feeds just the new output.
 *
 * The terminals are injected (xterm in the app, @xterm/headless in unit tests), so the logic
 * here is plain and testable.
 */
import type { CastEvent } from '../../../../../shared/importers/asciinema';
import { upperBound } from '../../../../../shared/util/bisect';
import { clampTermSize } from '../../../../../shared/replay/terminal-size';

/** What the player needs from a terminal. */
export interface TermLike {
  /** Resolves when the data has been parsed into the buffer. */
  write(data: string): Promise<void>;
  reset(): void;
  resize(cols: number, rows: number): void;
  /** The screen (and some scrollback) as an escape-sequence string that recreates it. */
  serialize(): string;
}

export interface Frame {
  /** Session time, ms. */
  t: number;
  /** Output to write (empty for a pure resize). */
  data: string;
  resize?: [number, number];
}

export interface Checkpoint {
  /** Frames [0, frame) are included in the state. */
  frame: number;
  state: string;
  cols: number;
  rows: number;
}

/**
 * Output between checkpoints. A seek parses one checkpoint (about 8 K characters for a
 * 100×30 screen with its scrollback) plus at most this much output; at 4 KiB a seek on a
 * 3 MiB recording takes about 1 ms (p50) and the checkpoints hold about 4 MiB
 * (docs/benchmarks.md). 16 KiB made seeks about three times slower.
 */
export const CHECKPOINT_BYTES = 4 * 1024;

/** Output and resize events of a cast, on the session clock. Input, markers and exit codes are not drawn. */
export function castFrames(events: readonly CastEvent[], offsetMs: number): Frame[] {
  const frames: Frame[] = [];
  for (const e of events) {
    if (e.code === 'o') {
      // Merge output that lands on the same millisecond: fewer, larger writes.
      const last = frames[frames.length - 1];
      const t = offsetMs + e.t;
      if (last && !last.resize && last.t === t) last.data += e.data;
      else frames.push({ t, data: e.data });
    } else if (e.code === 'r') {
      const m = /^(\d+)x(\d+)$/.exec(e.data.trim());
      if (m) {
        const size = clampTermSize(Number(m[1]), Number(m[2]));
        frames.push({ t: offsetMs + e.t, data: '', resize: [size.cols, size.rows] });
      }
    }
  }
  return frames;
}

/** Index of the first frame with t > time (frames [0, result) are due at `time`). */
export function framesDue(times: Float64Array, time: number): number {
  return upperBound(times, time);
}

/**
 * Builds checkpoints by feeding every frame through `scratch` once, yielding between chunks
 * (`pause`) so a long recording never blocks the page. Returns them in frame order.
 */
export async function buildCheckpoints(
  frames: readonly Frame[],
  scratch: TermLike,
  size: { cols: number; rows: number },
  opts: { bytes?: number; pause?: () => Promise<void>; signal?: { aborted: boolean } } = {},
): Promise<Checkpoint[]> {
  const every = opts.bytes ?? CHECKPOINT_BYTES;
  let cols = size.cols;
  let rows = size.rows;
  scratch.reset();
  scratch.resize(cols, rows);
  const out: Checkpoint[] = [{ frame: 0, state: '', cols, rows }];
  let since = 0;
  let batch = '';
  for (let i = 0; i < frames.length; i++) {
    if (opts.signal?.aborted) break;
    const f = frames[i]!;
    if (f.resize) {
      if (batch) await scratch.write(batch);
      batch = '';
      [cols, rows] = f.resize;
      scratch.resize(cols, rows);
    }
    batch += f.data;
    since += f.data.length;
    if (since >= every) {
      await scratch.write(batch);
      batch = '';
      out.push({ frame: i + 1, state: scratch.serialize(), cols, rows });
      since = 0;
      if (opts.pause) await opts.pause();
    }
  }
  return out;
}

/** The checkpoint to restore for a target frame: the last one at or before it. */
export function checkpointFor(checkpoints: readonly Checkpoint[], frame: number): Checkpoint | undefined {
  let lo = 0;
  let hi = checkpoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (checkpoints[mid]!.frame <= frame) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? checkpoints[lo - 1] : undefined;
}

export interface SeekStats {
  /** Frames fed for this seek. */
  fed: number;
  restored: boolean;
}

/**
 * Drives the visible terminal. Calls are serialised: a seek issued while another is being
 * written waits for it, and only the newest pending target is applied.
 */
export class CastPlayer {
  readonly times: Float64Array;
  private checkpoints: Checkpoint[] = [];
  /** Frames [0, pos) are on the screen. */
  private pos = 0;
  private cols: number;
  private rows: number;
  private busy: Promise<void> = Promise.resolve();
  private pending: number | undefined;
  private started = false;
  last: SeekStats = { fed: 0, restored: false };

  constructor(
    private readonly frames: readonly Frame[],
    private readonly term: TermLike,
    private readonly size: { cols: number; rows: number },
  ) {
    this.times = Float64Array.from(frames, (f) => f.t);
    this.cols = size.cols;
    this.rows = size.rows;
  }

  get position(): number {
    return this.pos;
  }

  setCheckpoints(cps: Checkpoint[]): void {
    this.checkpoints = cps;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Shows the recording as it was at session time `t`. Resolves when written. */
  seek(t: number): Promise<void> {
    this.pending = t;
    this.busy = this.busy.then(() => this.apply());
    return this.busy;
  }

  private async apply(): Promise<void> {
    const t = this.pending;
    if (t === undefined) return;
    this.pending = undefined;
    const target = framesDue(this.times, t);
    if (!this.started) {
      this.started = true;
      this.term.reset();
      this.term.resize(this.cols, this.rows);
    }
    if (target === this.pos) {
      this.last = { fed: 0, restored: false };
      return;
    }
    let restored = false;
    if (target < this.pos || target - this.pos > this.feedLimit(target)) {
      const cp = checkpointFor(this.checkpoints, target);
      // Restoring only pays when it skips output we would otherwise feed.
      if (target < this.pos || (cp && cp.frame > this.pos)) {
        const base = cp ?? { frame: 0, state: '', cols: this.size.cols, rows: this.size.rows };
        this.term.reset();
        this.cols = base.cols;
        this.rows = base.rows;
        this.term.resize(base.cols, base.rows);
        this.pos = base.frame;
        restored = true;
        // The restored screen and the output after it go in as one write: one parse pass,
        // one callback.
        const fed = target - this.pos;
        await this.feed(this.pos, target, base.state);
        this.pos = target;
        this.last = { fed, restored };
        return;
      }
    }
    const fed = target - this.pos;
    await this.feed(this.pos, target);
    this.pos = target;
    this.last = { fed, restored };
  }

  /** How many frames we would rather feed than restore: those up to the next checkpoint. */
  private feedLimit(target: number): number {
    const cp = checkpointFor(this.checkpoints, target);
    return cp ? Math.max(0, target - cp.frame) : Infinity;
  }

  private async feed(from: number, to: number, prefix = ''): Promise<void> {
    let batch = prefix;
    for (let i = from; i < to; i++) {
      const f = this.frames[i]!;
      if (f.resize) {
        if (batch) await this.term.write(batch);
        batch = '';
        [this.cols, this.rows] = f.resize;
        this.term.resize(this.cols, this.rows);
      }
      batch += f.data;
    }
    if (batch) await this.term.write(batch);
  }
}
