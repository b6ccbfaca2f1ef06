/**
 * Which stored chunks of events a replay needs to show one moment, and how the events of
 * some chunks become a time-ordered slice of the whole session (issue 20: open from the
 * chunks around the start position, load the rest behind the first paint).
 *
 * A session's chunks are numbered in import order; each knows its earliest and latest event
 * time and its event count. The whole session in time order is the chunks' events joined in
 * chunk order and stably sorted by time (equal times keep import order). A window is a time
 * range [from, to]: the slice holds every event of the session with from <= t <= to, in that
 * same order, and `offset` says where the slice starts in the whole session. Chunks may
 * overlap in time (import order is not always time order): every chunk whose span meets the
 * range is read, so the slice is never missing an event of its range.
 */
import type { SessionEvent } from '../model/schema';

/** A stored chunk's place, time span and size, without its events. */
export interface ChunkSpan {
  n: number;
  t0: number;
  t1: number;
  count: number;
}

export interface ChunkWindow {
  /** Every event with from <= t <= to is in the window's chunks. */
  from: number;
  to: number;
  /** The chunk numbers to read, ascending. */
  chunks: number[];
}

/**
 * The window around time t: the chunk holding t (else the first chunk after it, else the
 * last) and `spread` chunks on either side in time order, widened to every chunk its range
 * meets. The range always holds t (with spread 0 and t before the chunk after it, it starts
 * at t); at the session's ends it is open (−∞ or +∞).
 */
export function windowAt(spans: readonly ChunkSpan[], t: number, spread = 1): ChunkWindow {
  if (!spans.length) return { from: -Infinity, to: Infinity, chunks: [] };
  const byTime = [...spans].sort((a, b) => a.t0 - b.t0 || a.n - b.n);
  let k = byTime.findIndex((c) => c.t1 >= t);
  if (k === -1) k = byTime.length - 1;
  const lo = k - spread;
  const hi = k + spread;
  const from = lo <= 0 ? -Infinity : Math.min(t, byTime[lo]!.t0);
  const to = hi >= byTime.length - 1 ? Infinity : byTime[hi]!.t1;
  const chunks = spans.filter((c) => c.t1 >= from && c.t0 <= to).map((c) => c.n);
  return { from, to, chunks: chunks.sort((a, b) => a - b) };
}

/** Joins chunks' events (given in chunk order) into time order; equal times keep their order. */
export function joinInTimeOrder(parts: readonly (readonly SessionEvent[])[]): SessionEvent[] {
  const events: SessionEvent[] = [];
  for (const p of parts) for (const ev of p) events.push(ev);
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) if (events[i]!.t < events[i - 1]!.t) sorted = false;
  // Array.prototype.sort is stable: ties keep chunk order, then their order in the chunk.
  if (!sorted) events.sort((a, b) => a.t - b.t);
  return events;
}

/**
 * The session's events with from <= t <= to, in the session's order, and how many of its
 * events come before them. `loaded` holds the events of (at least) every chunk the window
 * names, by chunk number.
 */
export function sliceWindow(spans: readonly ChunkSpan[], loaded: ReadonlyMap<number, readonly SessionEvent[]>, win: Pick<ChunkWindow, 'from' | 'to'>): { events: SessionEvent[]; offset: number } {
  let offset = 0;
  const parts: SessionEvent[][] = [];
  for (const c of [...spans].sort((a, b) => a.n - b.n)) {
    if (c.t1 < win.from) {
      offset += c.count;
      continue;
    }
    if (c.t0 > win.to) continue;
    const evs = loaded.get(c.n);
    if (!evs) throw new Error(`chunk ${c.n} is needed for the window but not loaded`);
    const inside: SessionEvent[] = [];
    for (const e of evs) {
      if (e.t < win.from) offset++;
      else if (e.t <= win.to) inside.push(e);
    }
    parts.push(inside);
  }
  return { events: joinInTimeOrder(parts), offset };
}
