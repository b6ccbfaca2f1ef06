/** Rule helpers the factor modules share. */
import { push, quote, spanOf, type Ctx } from '../context';
import type { Turn, TurnKind } from '../turns';
import type { FactorId } from '../weights';

export interface CueRule {
  factor: FactorId;
  /** Rule for a sentence that also names something of the session. */
  rule: string;
  /** Rule for the same cue in a sentence that names nothing of the session (little weight). */
  bareRule: string;
  re: RegExp;
  kinds?: readonly TurnKind[];
  /** Only turns that pass this filter. */
  when?: (t: Turn, k: number) => boolean;
  explain: (sentence: string, anchored: boolean) => string;
  /** Items one turn may give (each a different sentence): 1 unless a turn can hold several. */
  perTurn?: number;
}

const TEXT_TURNS: readonly TurnKind[] = ['prompt', 'decision', 'narration', 'refusal'];

/**
 * An item for each turn whose own words hold the cue: the first anchored sentence that does
 * (up to `perTurn` of them) under `rule`, or else the first sentence under `bareRule`. A turn
 * that repeats an earlier one (near-duplicate) earns nothing. Returns the turns that hit.
 */
export function cueRule(c: Ctx, r: CueRule): Turn[] {
  const hit: Turn[] = [];
  const kinds = r.kinds ?? TEXT_TURNS;
  c.turns.forEach((t, k) => {
    if (!t.unique || !kinds.includes(t.kind) || (r.when && !r.when(t, k))) return;
    const found = t.sentences.filter((s) => r.re.test(s.text));
    if (!found.length) return;
    const anchored = found.filter((x) => x.anchored);
    for (const s of anchored.length ? anchored.slice(0, r.perTurn ?? 1) : found.slice(0, 1)) {
      push(c, { factor: r.factor, rule: s.anchored ? r.rule : r.bareRule, eventIds: [t.e.id], spans: spanOf(t.e.id, s), t: t.e.t, explanation: r.explain(quote(s.text), s.anchored) });
    }
    hit.push(t);
  });
  return hit;
}

/** Has the agent produced anything (an answer, a diff, a command, a tool call) since the turn before this one? */
export function answersAgent(c: Ctx, k: number): boolean {
  const from = k > 0 ? c.turns[k - 1]!.i : -1;
  for (let j = c.turns[k]!.i - 1; j > from; j--) {
    const x = c.events[j]!;
    if (x.actor === 'agent' && (x.kind === 'response' || x.kind === 'diff' || x.kind === 'command' || x.kind === 'tool_call')) return true;
  }
  return false;
}

/** A prompt that set the agent writing code: a diff of the agent's follows it before the candidate's next turn. */
export interface Launch {
  /** Index into c.turns. */
  k: number;
  /** Prompts since the previous launch (the discussion before this one). */
  discussed: number;
}

export function launches(c: Ctx): Launch[] {
  const out: Launch[] = [];
  const { diffs } = c.ix;
  let d = 0;
  let since = 0;
  c.turns.forEach((t, k) => {
    if (t.kind !== 'prompt') return;
    const next = c.turns[k + 1]?.i ?? c.events.length;
    while (d < diffs.length && diffs[d]! <= t.i) d++;
    let launched = false;
    for (let q = d; q < diffs.length && diffs[q]! < next; q++) if (c.events[diffs[q]!]!.actor !== 'candidate') {
      launched = true;
      break;
    }
    if (launched) {
      if (t.unique) out.push({ k, discussed: since });
      since = 0;
    } else if (t.unique && t.sentences.length) since++;
  });
  return out;
}
