/**
 * Alignment of several sessions on one shared clock (the side-by-side view). Pure math.
 *
 * - `elapsed`: shared time is each session's own elapsed time; a session that has ended
 *   holds at its end.
 * - `prompt`: the candidate's n-th prompt happens at the same shared moment in every session.
 *   The shared timeline is cut into segments: before the first prompt, between prompt n and
 *   n+1, and after the last. A segment lasts as long as the longest session's stretch; within
 *   it every session plays at its own pace from its n-th prompt and, when it reaches its next
 *   prompt (or its end) first, waits there until the segment ends. Speed is never changed, so
 *   one second of shared time is one second in every session that is not waiting.
 */
import type { SessionEvent } from '../model/schema';

export type AlignMode = 'elapsed' | 'prompt';
export const ALIGN_MODES: readonly AlignMode[] = ['elapsed', 'prompt'];

/** What alignment needs to know about one session. */
export interface AlignInput {
  /** Session length, ms (≥ the last event's time). */
  durationMs: number;
  /** Times of the candidate's prompts, ms, ascending. */
  promptTimes: readonly number[];
}

export interface Alignment {
  readonly mode: AlignMode;
  /** Length of the shared timeline, ms. */
  readonly durationMs: number;
  /** Shared times where the candidate's n-th prompt (1-based n = index + 1) starts in every session that has one (prompt mode), else []. */
  readonly promptMarks: readonly number[];
  /** Session time of pane `pane` at shared time `t` (clamped to the session). */
  toSession(pane: number, t: number): number;
  /**
   * A shared time at which pane `pane` shows session time `t` (for seeks from a pane): in
   * prompt mode a prompt maps to the start of its segment, where every session is at its n-th
   * prompt; toSession(pane, toShared(pane, t)) === t for every t in the session.
   */
  toShared(pane: number, t: number): number;
  /** True while pane `pane` waits (has ended, or reached its next prompt before the others). */
  waiting(pane: number, t: number): boolean;
}

/** The candidate's prompt times of time-sorted events. */
export function candidatePromptTimes(events: readonly SessionEvent[]): number[] {
  const out: number[] = [];
  for (const e of events) if (e.kind === 'prompt' && e.actor === 'candidate') out.push(e.t);
  return out;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);

/** Largest k with xs[k] <= v (xs ascending), or -1. */
function floorIdx(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function elapsed(inputs: readonly AlignInput[]): Alignment {
  const durs = inputs.map((s) => Math.max(0, s.durationMs));
  return {
    mode: 'elapsed',
    durationMs: Math.max(0, ...durs),
    promptMarks: [],
    toSession: (p, t) => clamp(t, 0, durs[p] ?? 0),
    toShared: (p, t) => clamp(t, 0, durs[p] ?? 0),
    waiting: (p, t) => t > (durs[p] ?? 0),
  };
}

function byPrompt(inputs: readonly AlignInput[]): Alignment {
  // Per session: anchors [0, p1, …, pm, end, end, …] padded to the same length.
  const maxPrompts = Math.max(0, ...inputs.map((s) => s.promptTimes.length));
  const segments = maxPrompts + 1;
  const anchors = inputs.map((s) => {
    const end = Math.max(0, s.durationMs, s.promptTimes.at(-1) ?? 0);
    const a = [0];
    for (const p of s.promptTimes) a.push(clamp(p, a.at(-1)!, end));
    while (a.length <= segments) a.push(end);
    return a;
  });
  // Shared segment boundaries: each segment as long as the longest session's stretch.
  const bounds = [0];
  for (let k = 0; k < segments; k++) {
    let len = 0;
    for (const a of anchors) len = Math.max(len, a[k + 1]! - a[k]!);
    bounds.push(bounds[k]! + len);
  }
  const durationMs = bounds[segments]!;
  const segmentAt = (t: number) => clamp(floorIdx(bounds, t), 0, segments - 1);
  return {
    mode: 'prompt',
    durationMs,
    promptMarks: bounds.slice(1, maxPrompts + 1),
    toSession(p, t) {
      const a = anchors[p];
      if (!a) return 0;
      const s = clamp(t, 0, durationMs);
      const k = segmentAt(s);
      return a[k]! + Math.min(s - bounds[k]!, a[k + 1]! - a[k]!);
    },
    toShared(p, t) {
      const a = anchors[p];
      if (!a) return 0;
      const end = a[segments]!;
      const s = clamp(t, 0, end);
      // The last segment that starts at or before s (a prompt at s starts its own segment).
      const k = clamp(floorIdx(a, s), 0, segments - 1);
      // Equal anchors (two prompts at one moment, or the end repeated): the first of them.
      let j = k;
      while (j > 0 && a[j] === a[j - 1]) j--;
      return bounds[j]! + Math.min(s - a[j]!, a[j + 1]! - a[j]!);
    },
    waiting(p, t) {
      const a = anchors[p];
      if (!a) return false;
      const s = clamp(t, 0, durationMs);
      const k = segmentAt(s);
      return s - bounds[k]! > a[k + 1]! - a[k]!;
    },
  };
}

/** Aligns sessions (in pane order) for one shared clock. */
export function alignSessions(mode: AlignMode, inputs: readonly AlignInput[]): Alignment {
  return mode === 'prompt' ? byPrompt(inputs) : elapsed(inputs);
}
