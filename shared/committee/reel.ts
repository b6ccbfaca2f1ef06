/**
 * The evidence reel: the clips a committee watches, each a time range of the session with a
 * caption (factor, + or −, why). Built from the strongest positive and the strongest negative
 * evidence item of each factor plus every reviewer annotation, in session order, at most
 * REEL_MAX_MS long at 1×. Editing (reorder, trim, add, remove) is pure: each edit returns a
 * new reel; the app stores it with the session.
 */
import { z } from 'zod';
import { FACTOR_LABELS, FACTORS, type FactorId } from '../classifier/weights';
import type { Evidence } from '../classifier/types';
import type { SessionEvent } from '../model/schema';
import type { CommitteeAnnotation, CommitteeReviewer } from './inputs';

export const REEL_MAX_MS = 10 * 60_000;
/** Context before an evidence moment, and the least and most a built clip lasts. */
export const LEAD_MS = 4_000;
export const MIN_CLIP_MS = 8_000;
export const MAX_CLIP_MS = 45_000;
/** An annotation without an end covers this much after its start. */
export const ANNOTATION_SPAN_MS = 20_000;

export const ReelClip = z.object({
  id: z.string().min(1).max(200),
  t0: z.number().finite().nonnegative(),
  t1: z.number().finite().nonnegative(),
  factor: z.enum([...FACTORS, 'overall']),
  polarity: z.enum(['+', '-']),
  /** Why: the evidence's explanation or the reviewer's note. */
  why: z.string().max(10_000),
  source: z.enum(['evidence', 'annotation', 'manual']),
  eventIds: z.array(z.string().max(200)).max(1000).default([]),
  /** Author of an annotation clip. */
  reviewer: z.string().max(200).optional(),
});
export type ReelClip = z.infer<typeof ReelClip>;

export const Reel = z.object({ version: z.literal(1), clips: z.array(ReelClip).max(1000) });
export type Reel = z.infer<typeof Reel>;

export function factorLabel(f: FactorId | 'overall'): string {
  return f === 'overall' ? 'Overall' : FACTOR_LABELS[f];
}

/** "Scoping before writing + : asked for a plan before any edit" */
export function caption(c: Pick<ReelClip, 'factor' | 'polarity' | 'why' | 'reviewer'>, reviewers: readonly CommitteeReviewer[] = []): string {
  const who = c.reviewer ? ` (${reviewers.find((r) => r.id === c.reviewer)?.name ?? c.reviewer})` : '';
  return `${factorLabel(c.factor)} ${c.polarity === '+' ? '+' : '−'}: ${c.why}${who}`;
}

export const clipMs = (c: Pick<ReelClip, 't0' | 't1'>) => Math.max(0, c.t1 - c.t0);
export const reelMs = (r: Reel) => r.clips.reduce((s, c) => s + clipMs(c), 0);

function eventEnd(e: SessionEvent): number {
  if (e.kind === 'narration') return e.endT;
  if ((e.kind === 'command' || e.kind === 'tool_call' || e.kind === 'test_run') && e.durationMs !== undefined) return e.t + e.durationMs;
  return e.t;
}

/** The range an evidence item covers: its events, some lead-in, at least MIN_CLIP_MS, at most MAX_CLIP_MS. */
export function evidenceRange(ev: Pick<Evidence, 't' | 'eventIds'>, byId: ReadonlyMap<string, SessionEvent>, durationMs: number): { t0: number; t1: number } {
  let start = ev.t;
  let end = ev.t;
  for (const id of ev.eventIds) {
    const e = byId.get(id);
    if (!e) continue;
    start = Math.min(start, e.t);
    end = Math.max(end, eventEnd(e));
  }
  let t0 = Math.max(0, start - LEAD_MS);
  let t1 = Math.max(end, t0 + MIN_CLIP_MS);
  if (t1 - t0 > MAX_CLIP_MS) t1 = t0 + MAX_CLIP_MS;
  if (durationMs > 0 && t1 > durationMs) {
    t1 = durationMs;
    t0 = Math.max(0, Math.min(t0, t1 - MIN_CLIP_MS));
  }
  return { t0, t1 };
}

export interface ReelInput {
  evidence: readonly Evidence[];
  events: readonly SessionEvent[];
  durationMs: number;
  annotations?: readonly CommitteeAnnotation[];
  maxMs?: number;
}

/** The automatic reel. Deterministic; never longer than maxMs (default 10 minutes). */
export function buildReel(input: ReelInput): Reel {
  const maxMs = input.maxMs ?? REEL_MAX_MS;
  const byId = new Map(input.events.map((e) => [e.id, e]));
  type Cand = { clip: ReelClip; priority: number };
  const cands: Cand[] = [];
  for (const factor of FACTORS) {
    const items = input.evidence.filter((e) => e.factor === factor && e.points !== 0);
    const best = (sign: 1 | -1) => items.filter((e) => Math.sign(e.points) === sign).sort((a, b) => sign * (b.points - a.points) || a.t - b.t || a.rule.localeCompare(b.rule))[0];
    for (const ev of [best(1), best(-1)]) {
      if (!ev) continue;
      const { t0, t1 } = evidenceRange(ev, byId, input.durationMs);
      cands.push({ clip: { id: `ev-${factor}-${ev.positive ? 'pos' : 'neg'}`, t0, t1, factor, polarity: ev.points > 0 ? '+' : '-', why: ev.explanation, source: 'evidence', eventIds: [...ev.eventIds] }, priority: Math.abs(ev.points) });
    }
  }
  // Annotations come first in priority: a reviewer chose them.
  for (const a of input.annotations ?? []) {
    let t0 = a.t0;
    let t1 = Math.max(a.t1 ?? a.t0 + ANNOTATION_SPAN_MS, t0 + 1000);
    if (a.t1 === undefined) t0 = Math.max(0, t0 - LEAD_MS);
    if (input.durationMs > 0) t1 = Math.min(t1, Math.max(input.durationMs, t0 + 1000));
    cands.push({ clip: { id: `an-${a.id}`, t0, t1, factor: a.factor, polarity: a.polarity, why: a.note, source: 'annotation', eventIds: a.eventId ? [a.eventId] : [], reviewer: a.reviewer }, priority: Infinity });
  }
  // Over the limit: drop the weakest evidence first, then shorten the annotations evenly.
  cands.sort((a, b) => b.priority - a.priority || a.clip.t0 - b.clip.t0 || a.clip.id.localeCompare(b.clip.id));
  let total = cands.reduce((s, c) => s + clipMs(c.clip), 0);
  while (total > maxMs && cands.length && cands[cands.length - 1]!.priority !== Infinity) total -= clipMs(cands.pop()!.clip);
  if (total > maxMs) {
    const scale = maxMs / total;
    for (const c of cands) c.clip.t1 = c.clip.t0 + Math.floor(clipMs(c.clip) * scale);
  }
  const clips = cands.map((c) => c.clip).sort((a, b) => a.t0 - b.t0 || a.id.localeCompare(b.id));
  return { version: 1, clips };
}

/** Moves the clip at `from` to index `to`. */
export function moveClip(reel: Reel, from: number, to: number): Reel {
  if (from < 0 || from >= reel.clips.length) return reel;
  const clips = [...reel.clips];
  const [c] = clips.splice(from, 1);
  clips.splice(Math.max(0, Math.min(to, clips.length)), 0, c!);
  return { ...reel, clips };
}

/** New bounds for a clip, kept within the session and at least one second long. */
export function trimClip(reel: Reel, id: string, t0: number, t1: number, durationMs: number): Reel {
  const a = Math.max(0, Math.min(t0, durationMs));
  const b = Math.max(a + 1000, Math.min(t1, durationMs || t1));
  return { ...reel, clips: reel.clips.map((c) => (c.id === id ? { ...c, t0: a, t1: b } : c)) };
}

export function removeClip(reel: Reel, id: string): Reel {
  return { ...reel, clips: reel.clips.filter((c) => c.id !== id) };
}

/** Adds a clip after `afterIndex` (at the end by default), with an id not yet used. */
export function addClip(reel: Reel, clip: Omit<ReelClip, 'id' | 'source' | 'eventIds'> & { eventIds?: string[] }, afterIndex = reel.clips.length - 1): Reel {
  let n = reel.clips.length + 1;
  const ids = new Set(reel.clips.map((c) => c.id));
  while (ids.has(`clip-${n}`)) n++;
  const c: ReelClip = { ...clip, id: `clip-${n}`, source: 'manual', eventIds: clip.eventIds ?? [], t1: Math.max(clip.t1, clip.t0 + 1000) };
  const clips = [...reel.clips];
  clips.splice(afterIndex + 1, 0, c);
  return { ...reel, clips };
}

/**
 * A stored or packed reel, checked: its schema, then that no clip ends before it starts.
 * Undefined (with the reason, naming the field) when it is not one.
 */
export function parseReel(value: unknown): { reel?: Reel; error?: string } {
  const r = Reel.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : '';
    return { error: `${i.path.join('.') || 'reel'}: ${i.message}${more}` };
  }
  const backwards = r.data.clips.findIndex((clip) => clip.t1 < clip.t0);
  if (backwards >= 0) return { error: `clips.${backwards} ends before it starts` };
  return { reel: r.data };
}

/** Whether a clip that started playing has reached its end at clock time t. */
export function clipEnded(clip: Pick<ReelClip, 't1'>, t: number): boolean {
  return t >= clip.t1;
}
