/**
 * A time index over a session's events: binary search by time, the current event, and the
 * candidate's own moments (for "step to the next candidate action"). Pure and O(log n) per
 * query, so a 100,000-event session seeks instantly.
 */
import type { SessionEvent } from '../model/schema';
import { upperBound } from '../util/bisect';

export interface SessionIndex {
  readonly events: readonly SessionEvent[];
  /** Event start times, ascending (parallel to events). */
  readonly times: Float64Array;
  /** Indices into events of the candidate's own actions, ascending. */
  readonly candidate: Int32Array;
  /** Index of the last event with t <= time, or -1. */
  indexAt(time: number): number;
  /** Next / previous candidate event index strictly after / before an event index. */
  nextCandidate(fromIndex: number): number;
  prevCandidate(fromIndex: number): number;
}

/** Sorts a copy of events by time (stable: equal times keep their order). */
export function sortByTime(events: readonly SessionEvent[]): SessionEvent[] {
  return events
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].t - b[0].t || a[1] - b[1])
    .map(([e]) => e);
}


/** Builds the index. `events` must already be sorted by t (see sortByTime). */
export function buildSessionIndex(events: readonly SessionEvent[]): SessionIndex {
  const times = new Float64Array(events.length);
  const cand: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    times[i] = e.t;
    if (e.actor === 'candidate') cand.push(i);
  }
  const candidate = Int32Array.from(cand);
  return {
    events,
    times,
    candidate,
    indexAt: (time) => upperBound(times, time) - 1,
    nextCandidate(fromIndex) {
      const k = upperBound(candidate, fromIndex);
      return k < candidate.length ? candidate[k]! : -1;
    },
    prevCandidate(fromIndex) {
      // first candidate index >= fromIndex, then step back one
      let lo = 0;
      let hi = candidate.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (candidate[mid]! < fromIndex) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 ? candidate[lo - 1]! : -1;
    },
  };
}
