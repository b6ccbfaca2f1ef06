/**
 * The timeline's data model, kept pure so it can be tested and measured without a canvas:
 * lanes by actor and kind (and one lane per subagent), per-pixel aggregation of a visible
 * window, hit testing, and the view-window math for zooming and panning.
 *
 * Everything is O(columns × log n) per draw: a lane keeps its event times in a typed array
 * and a column's count is the difference of two binary searches, so an 8-hour,
 * 100,000-event session draws as fast as a short one.
 */
import type { SessionEvent, SessionMeta } from '../model/schema';
import { upperBound } from '../util/bisect';

export type LaneTone = 'candidate' | 'agent' | 'system' | 'narration' | 'subagent';

export interface TimelineLane {
  id: string;
  label: string;
  tone: LaneTone;
  /** Start times, ascending. */
  times: Float64Array;
  /** End times (>= start) for events with a duration; equal to start otherwise. */
  ends: Float64Array;
  /** Index of each lane entry in the session's event array. */
  eventIndex: Int32Array;
  /** 1 where the entry is a failure (non-zero exit, failed tests, error or denied tool). */
  failed: Uint8Array;
  /** Longest entry duration in the lane, so a range query can find spans that started earlier. */
  maxSpan: number;
}

interface LaneSpec {
  id: string;
  label: string;
  tone: LaneTone;
  match(e: SessionEvent): boolean;
}

const MAIN_LANES: LaneSpec[] = [
  { id: 'prompts', label: 'Prompts', tone: 'candidate', match: (e) => e.actor === 'candidate' && e.kind === 'prompt' },
  {
    id: 'candidate-actions',
    label: 'Candidate acts',
    tone: 'candidate',
    match: (e) => e.actor === 'candidate' && e.kind !== 'prompt' && e.kind !== 'narration',
  },
  { id: 'narration', label: 'Narration', tone: 'narration', match: (e) => e.kind === 'narration' },
  { id: 'responses', label: 'Responses', tone: 'agent', match: (e) => e.actor !== 'candidate' && (e.kind === 'response' || e.kind === 'thinking') },
  { id: 'tools', label: 'Tool calls', tone: 'agent', match: (e) => e.actor !== 'candidate' && e.kind === 'tool_call' },
  { id: 'diffs', label: 'Diffs', tone: 'agent', match: (e) => e.actor !== 'candidate' && e.kind === 'diff' },
  {
    id: 'commands',
    label: 'Commands',
    tone: 'agent',
    match: (e) => e.actor !== 'candidate' && (e.kind === 'command' || e.kind === 'test_run' || e.kind === 'git_action'),
  },
  { id: 'other', label: 'Other', tone: 'system', match: () => true },
];

export function isFailure(e: SessionEvent): boolean {
  switch (e.kind) {
    case 'command':
      return (e.exitCode !== undefined && e.exitCode !== null && e.exitCode !== 0) || e.interrupted === true;
    case 'test_run':
      return e.failed > 0 || (e.exitCode !== undefined && e.exitCode !== null && e.exitCode !== 0);
    case 'tool_call':
      return e.status === 'error' || e.status === 'denied';
    case 'approval':
      return !e.granted;
    case 'interrupt':
      return true;
    default:
      return false;
  }
}

export function eventEnd(e: SessionEvent): number {
  if (e.kind === 'narration') return Math.max(e.t, e.endT);
  if ('durationMs' in e && typeof e.durationMs === 'number' && e.durationMs > 0) return e.t + e.durationMs;
  return e.t;
}

class LaneBuilder {
  times: number[] = [];
  ends: number[] = [];
  idx: number[] = [];
  failed: number[] = [];
  maxSpan = 0;
  constructor(
    readonly id: string,
    readonly label: string,
    readonly tone: LaneTone,
  ) {}
  add(e: SessionEvent, i: number): void {
    const end = eventEnd(e);
    this.times.push(e.t);
    this.ends.push(end);
    this.idx.push(i);
    this.failed.push(isFailure(e) ? 1 : 0);
    this.maxSpan = Math.max(this.maxSpan, end - e.t);
  }
  build(): TimelineLane {
    return {
      id: this.id,
      label: this.label,
      tone: this.tone,
      times: Float64Array.from(this.times),
      ends: Float64Array.from(this.ends),
      eventIndex: Int32Array.from(this.idx),
      failed: Uint8Array.from(this.failed),
      maxSpan: this.maxSpan,
    };
  }
}

/** Up to this many subagents get a lane each; beyond it they are packed into shared rows. */
export const MAX_SEPARATE_SUBAGENT_LANES = 4;
/** At most this many subagent rows, however many subagents overlap. */
export const MAX_SUBAGENT_ROWS = 4;

/**
 * Assigns subagent lanes to rows: each gets its own row when there are few; otherwise they
 * are packed greedily so that subagents that never overlap in time share a row (a session
 * with hundreds of short subagents still fits in a few rows).
 */
export function packSubagents(spans: ReadonlyMap<string, readonly [number, number]>): Map<string, number> {
  const ids = [...spans.keys()];
  const rowOf = new Map<string, number>();
  if (ids.length <= MAX_SEPARATE_SUBAGENT_LANES) {
    ids.forEach((id, i) => rowOf.set(id, i));
    return rowOf;
  }
  ids.sort((a, b) => spans.get(a)![0] - spans.get(b)![0]);
  const rowEnds: number[] = [];
  for (const id of ids) {
    const [start, end] = spans.get(id)!;
    let row = rowEnds.findIndex((e) => e < start);
    if (row === -1) {
      if (rowEnds.length < MAX_SUBAGENT_ROWS) row = rowEnds.push(-Infinity) - 1;
      else row = rowEnds.indexOf(Math.min(...rowEnds));
    }
    rowEnds[row] = Math.max(rowEnds[row]!, end);
    rowOf.set(id, row);
  }
  return rowOf;
}

/**
 * Splits a session (events sorted by t) into lanes. Main-lane events go to kind/actor lanes;
 * subagents get lanes of their own under the main lanes (packed into a few rows when there
 * are many). Empty lanes are dropped.
 */
export function buildTimelineLanes(events: readonly SessionEvent[], meta: Pick<SessionMeta, 'lanes'>): TimelineLane[] {
  const main = MAIN_LANES.map((s) => new LaneBuilder(s.id, s.label, s.tone));
  const labels = new Map(meta.lanes.map((l) => [l.id, l.label]));
  // Where each subagent starts and ends, to decide its row.
  const spans = new Map<string, [number, number]>();
  for (const e of events) {
    if (!e.lane) continue;
    const s = spans.get(e.lane);
    const end = eventEnd(e);
    if (s) s[1] = Math.max(s[1], end);
    else spans.set(e.lane, [e.t, end]);
  }
  const rowOf = packSubagents(spans);
  const rowMembers: string[][] = [];
  for (const [id, row] of rowOf) (rowMembers[row] ??= []).push(id);
  const rows = rowMembers.map((members, r) =>
    members.length === 1
      ? new LaneBuilder(`lane:${members[0]!}`, `↳ ${labels.get(members[0]!) ?? members[0]!}`, 'subagent')
      : new LaneBuilder(`subagents:${r}`, `↳ Subagents (${members.length})`, 'subagent'),
  );
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.lane) {
      rows[rowOf.get(e.lane)!]!.add(e, i);
      continue;
    }
    const k = MAIN_LANES.findIndex((s) => s.match(e));
    main[k]!.add(e, i);
  }
  return [...main, ...rows].filter((b) => b.times.length > 0).map((b) => b.build());
}

/** First index with arr[i] >= x. */
export function lowerBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


/** Lane entries [from, to) whose start lies in [t0, t1]. */
export function visibleRange(lane: TimelineLane, t0: number, t1: number): [number, number] {
  return [lowerBound(lane.times, t0), upperBound(lane.times, t1)];
}

export interface Buckets {
  /** Entries starting in each column. */
  counts: Uint32Array;
  /** Failures starting in each column. */
  failures: Uint32Array;
  /** Largest count in any column (for scaling). */
  max: number;
}

/**
 * Counts lane entries per pixel column of the window [t0, t1). Each column costs two binary
 * searches (shared with the neighbour), so the cost does not depend on how many events are
 * in view. Failures are counted by a scan only when the window holds few enough of them.
 */
export function bucketize(lane: TimelineLane, t0: number, t1: number, columns: number): Buckets {
  const cols = Math.max(1, Math.floor(columns));
  const counts = new Uint32Array(cols);
  const failures = new Uint32Array(cols);
  const span = t1 - t0;
  let max = 0;
  if (!(span > 0)) return { counts, failures, max };
  let prev = lowerBound(lane.times, t0);
  const first = prev;
  for (let c = 0; c < cols; c++) {
    const end = c === cols - 1 ? upperBound(lane.times, t1) : lowerBound(lane.times, t0 + ((c + 1) * span) / cols);
    const n = end - prev;
    counts[c] = n;
    if (n > max) max = n;
    prev = end;
  }
  const last = prev;
  const scale = cols / span;
  for (let i = first; i < last; i++) {
    if (lane.failed[i]) {
      const c = Math.min(cols - 1, Math.floor((lane.times[i]! - t0) * scale));
      failures[c]!++;
    }
  }
  return { counts, failures, max };
}

/** The lane entry nearest to t within tolerance (ms), or -1. Spans count when t falls inside. */
export function hitTest(lane: TimelineLane, t: number, toleranceMs: number): number {
  const n = lane.times.length;
  if (n === 0) return -1;
  let best = -1;
  let bestD = Infinity;
  const i = lowerBound(lane.times, t);
  for (const j of [i - 1, i]) {
    if (j < 0 || j >= n) continue;
    const d = Math.abs(lane.times[j]! - t);
    if (d < bestD) {
      bestD = d;
      best = j;
    }
  }
  if (bestD <= toleranceMs) return best;
  // Inside a span that started earlier (narration, long commands)?
  if (lane.maxSpan > 0) {
    const from = lowerBound(lane.times, t - lane.maxSpan);
    for (let j = Math.min(i, n) - 1; j >= from; j--) {
      if (lane.ends[j]! >= t) return j;
    }
  }
  return -1;
}

/** The visible window of the timeline, in session ms. */
export interface ViewWindow {
  start: number;
  end: number;
}

/** The narrowest window: 2 seconds, or the whole session if shorter. */
export function minSpan(duration: number): number {
  return Math.min(2_000, Math.max(duration, 1));
}

/** Clamps a window into [0, duration] keeping its span (and the span within limits). */
export function clampView(v: ViewWindow, duration: number): ViewWindow {
  const d = Math.max(duration, 1);
  let span = Math.min(Math.max(v.end - v.start, minSpan(d)), d);
  if (!Number.isFinite(span)) span = d;
  let start = Number.isFinite(v.start) ? v.start : 0;
  if (start < 0) start = 0;
  if (start + span > d) start = d - span;
  return { start, end: start + span };
}

/**
 * Zooms by `factor` (< 1 zooms in, > 1 out) keeping `anchor` (a session time) at the same
 * screen position.
 */
export function zoomView(v: ViewWindow, factor: number, anchor: number, duration: number): ViewWindow {
  const span = v.end - v.start;
  const f = Math.min(Math.max(factor, 0.01), 100);
  const rel = span > 0 ? (anchor - v.start) / span : 0.5;
  const next = span * f;
  return clampView({ start: anchor - rel * next, end: anchor - rel * next + next }, duration);
}

export function panView(v: ViewWindow, dt: number, duration: number): ViewWindow {
  return clampView({ start: v.start + dt, end: v.end + dt }, duration);
}

/** Keeps t in view: when it leaves, pages so that t sits near the left edge (as a player does). */
export function followView(v: ViewWindow, t: number, duration: number): ViewWindow {
  const span = v.end - v.start;
  if (t >= v.start && t <= v.end) return v;
  return clampView({ start: t - span * 0.1, end: t + span * 0.9 }, duration);
}

const HOUR = 3600e3;
const DAY = 24 * HOUR;
/** Round steps up to a day; beyond, a whole number of days (sessions can run for a week). */
const TICK_STEPS = [100, 250, 500, 1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, HOUR, 2 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR, DAY];

/**
 * A tick step (ms) for an axis showing `span` ms across `px` pixels: labels at least 90 px
 * apart however long the session (a 165-hour session over 1,270 px gets a label every 12 h).
 */
export function tickStep(span: number, px: number): number {
  const target = (span / Math.max(px, 1)) * 90;
  for (const s of TICK_STEPS) if (s >= target) return s;
  if (!Number.isFinite(target)) return Number.POSITIVE_INFINITY;
  const days = Math.ceil(target / DAY);
  const nice = [1, 2, 5, 7, 14, 30, 60, 90, 180, 365].find((d) => d >= days);
  return (nice ?? Math.ceil(days / 365) * 365) * DAY;
}
