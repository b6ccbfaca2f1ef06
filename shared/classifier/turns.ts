/**
 * The candidate's turns: every prompt, decision, narration, refusal (with the reason typed)
 * and interrupt, in time order, with the candidate's own words split into sentences.
 *
 * Own words leave out what the candidate pasted rather than wrote: fenced code, quoted lines,
 * log and stack-trace lines, and long paragraphs written in a review bot's third person
 * (no I, we, you, let's, can…). A sentence already said in an earlier turn is not judged
 * again, so a pasted or repeated instruction counts once however often it is sent.
 */
import type { SessionEvent } from '../model/schema';
import { normalize, sentences } from './text';
import { anchoredSentence } from './vocabulary';

export type TurnKind = 'prompt' | 'decision' | 'narration' | 'refusal' | 'interrupt' | 'plan-approved';

export interface Sentence {
  text: string;
  /** Offset of the sentence in the event's text (for highlighting), or -1 when it is not the event's own text field. */
  start: number;
  anchored: boolean;
}

export interface Turn {
  /** Index into the session's events (sorted by time). */
  i: number;
  e: SessionEvent;
  kind: TurnKind;
  /** The candidate's own words (pasted material left out). */
  words: string;
  /** Sentences of `words` not said before in the session. */
  sentences: Sentence[];
  /** Not a near-duplicate of an earlier turn. */
  unique: boolean;
}

const FENCE = /```[\s\S]*?(?:```|$)/g;
/** Lines that are pasted output rather than the candidate's words. */
const PASTED_LINE = /^\s*(?:If you need specific details from before exiting plan mode|[⏺⎿❯✻●▶►✔✘⏵]|>|\$ |#\s*\w+:|(?:fatal|error|warning|warn|panic|traceback|exception|caused by|at |npm err|go: |--- |\+\+\+ |@@ |diff --git|index [0-9a-f]{7})|\d{4}-\d{2}-\d{2}[ t]\d|\[\d{2}:\d{2}|\s{4,}\S)/i;
/** Words that show a person speaking to the agent rather than a pasted report. */
const SPEAKER = /\b(i|i'm|i've|i'd|me|my|we|we're|we've|our|us|you|your|let's|lets|please)\b/i;

/** The candidate's own words in a prompt: code fences, quotes, log lines and third-person reports left out. */
export function ownWords(text: string): string {
  const t = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const noFences = t.includes('```') ? t.replace(FENCE, ' ') : t;
  const kept: string[] = [];
  for (const para of noFences.split(/\n\s*\n/)) {
    const lines = para.split('\n').filter((l) => !PASTED_LINE.test(l) && /[a-z]{2}/i.test(l));
    const p = lines.join('\n');
    // A long paragraph in nobody's voice, and not laid out as a plan, is a pasted review or report.
    if (p.length >= 240 && !SPEAKER.test(p) && lines.filter((l) => STRUCTURE_LINE.test(l)).length < 2) continue;
    if (p.trim()) kept.push(p);
  }
  return kept.join('\n\n');
}

/** A heading or list item: how a plan is laid out. */
export const STRUCTURE_LINE = /^\s*(#{1,6}\s|\d+[.)]\s|[-*•]\s|\*\*[^*]+\*\*)/;

const REFUSAL_SAID = /the user said:\s*([\s\S]*)$/i;

/** Harness wording of a refusal, which nobody typed. */
const REFUSAL_BOILERPLATE = /doesn't want to (?:proceed|take this action)|tool use was rejected|STOP what you are doing/i;

/**
 * What the candidate typed when refusing a tool use: the importer keeps only that as the
 * reason; older archives may hold the harness's whole message, where it follows "the user said:".
 */
export function refusalWords(reason: string | undefined): string {
  if (!reason) return '';
  const m = REFUSAL_SAID.exec(reason);
  if (m) return m[1]!.trim();
  return REFUSAL_BOILERPLATE.test(reason) ? '' : reason.trim();
}

export interface TurnContext {
  vocab: ReadonlySet<string>;
  words: ReadonlySet<string>;
  cues: ReadonlySet<string>;
  unique: ReadonlySet<string>;
}

export function candidateTurns(events: readonly SessionEvent[], ctx: TurnContext): Turn[] {
  const turns: Turn[] = [];
  const said = new Set<string>();
  const split = (text: string, offsetKnown: boolean): Sentence[] => {
    const out: Sentence[] = [];
    for (const { s, start } of sentences(text)) {
      const key = normalize(s);
      if (key.length < 2 || said.has(key)) continue;
      said.add(key);
      out.push({ text: s, start: offsetKnown ? start : -1, anchored: anchoredSentence(s, ctx.vocab, ctx.words, ctx.cues) });
    }
    return out;
  };
  events.forEach((e, i) => {
    if (e.actor !== 'candidate') return;
    let kind: TurnKind | undefined;
    let words = '';
    let sameText = false;
    if (e.kind === 'prompt') {
      kind = 'prompt';
      words = ownWords(e.text);
      sameText = words === e.text;
    } else if (e.kind === 'narration') {
      kind = 'narration';
      words = e.text;
      sameText = true;
    } else if (e.kind === 'decision') {
      kind = 'decision';
      words = [e.question, e.rationale ?? ''].filter(Boolean).join('\n');
    } else if (e.kind === 'approval' && !e.granted) {
      kind = 'refusal';
      words = refusalWords(e.reason);
    } else if (e.kind === 'approval' && e.granted && /exitplanmode/i.test(e.tool)) {
      kind = 'plan-approved';
    } else if (e.kind === 'interrupt') {
      kind = 'interrupt';
    }
    if (!kind) return;
    turns.push({ i, e, kind, words, sentences: words ? split(words, sameText) : [], unique: kind !== 'prompt' && kind !== 'narration' && kind !== 'decision' ? true : ctx.unique.has(e.id) });
  });
  return turns;
}
