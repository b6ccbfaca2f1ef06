/**
 * What every factor module receives: the session's events (sorted by time), its indexes,
 * vocabulary and candidate turns, and `push` to record an evidence item.
 */
import type { SessionEvent } from '../model/schema';
import type { Indexes } from './session-index';
import type { Turn } from './turns';
import type { Evidence, TextSpan } from './types';
import type { FactorId } from './weights';

export interface Ctx {
  events: readonly SessionEvent[];
  /** Identifiers, file names and commands of the session (lowercased). */
  vocab: Set<string>;
  /** Task title and statement. */
  task: string;
  ix: Indexes;
  turns: Turn[];
  out: RawEvidence[];
  seen: Set<string>;
}

/** An item as a rule records it; its points are worked out from the rule's weight afterwards. */
export type RawEvidence = Omit<Evidence, 'points' | 'value' | 'positive' | 'strength'>;

export interface Item {
  factor: FactorId;
  rule: string;
  eventIds: string[];
  spans?: TextSpan[];
  t: number;
  explanation: string;
}

/** Records an item once per dedupe key (when given). */
export function push(c: Ctx, item: Item, dedupeKey?: string): void {
  if (dedupeKey) {
    if (c.seen.has(dedupeKey)) return;
    c.seen.add(dedupeKey);
  }
  c.out.push({ ...item, spans: item.spans ?? [] });
}

/** The text of a candidate prompt, decision or narration ('' for anything else). */
export const promptText = (e: SessionEvent) => (e.kind === 'prompt' ? e.text : e.kind === 'decision' ? [e.question, e.rationale ?? '', e.options.join(' or ')].join('. ') : e.kind === 'narration' ? e.text : '');

/** A short quote of a sentence for an explanation. */
export const quote = (s: string, max = 90) => {
  // Without a list item's bullet or number: the quote is the item's words.
  // Without its closing full stop: every explanation puts one after the quote.
  const t = s.replace(/\s+/g, ' ').trim().replace(/^(?:[-*•]|\d+[.)])\s+/, '').replace(/(?<!\.)\.$/, '');
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
};

/** The span of a sentence in its event (the whole event when the offset is unknown). */
export const spanOf = (eventId: string, s: { start: number; text: string }): TextSpan[] => (s.start >= 0 ? [{ eventId, start: s.start, end: s.start + s.text.length }] : []);
