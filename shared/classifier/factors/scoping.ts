/**
 * Scoping before writing: does the candidate set the work up before code is written:
 * ask for understanding, options or a plan first, state constraints, break the work into
 * steps, ask or answer clarifying questions, approve a plan (plan mode)?
 */
import { promptText, push, quote, type Ctx } from '../context';
import { CONSTRAINT, PLAN_ASK, STEPS } from '../cues';
import { after } from '../session-index';
import { STRUCTURE_LINE } from '../turns';
import { cueRule, launches } from './common';

/** Own words of a detailed brief. */
const BRIEF_CHARS = 200;
/** Under this many characters of own words, with no question, a first prompt is terse. */
const TERSE_CHARS = 80;
/** A plan: this many characters of own words, laid out in at least three headings or list items, naming the session at least twice. */
const PLAN_CHARS = 600;
/** Own words that make an instruction scoped in itself. */
const PREPARED_CHARS = 200;

export function scoping(c: Ctx): void {
  const { diffs } = c.ix;
  /** Is the next diff after event i more than one candidate turn away (the ask came before writing)? */
  const beforeWriting = (k: number) => {
    const i = c.turns[k]!.i;
    const next = diffs[after(diffs, i)];
    const nextTurn = c.turns[k + 1];
    return next === undefined || nextTurn === undefined || nextTurn.i < next;
  };
  cueRule(c, { factor: 'scoping', rule: 'plan-first', bareRule: 'bare-scoping-cue', re: PLAN_ASK, kinds: ['prompt', 'narration'], when: (_, k) => beforeWriting(k), explain: (s, a) => (a ? `Asked for understanding, options or a plan before changes: ${s}.` : `Scoping words that name nothing of this session: ${s}.`) });
  cueRule(c, { factor: 'scoping', rule: 'constraint', bareRule: 'bare-scoping-cue', re: CONSTRAINT, kinds: ['prompt', 'narration', 'refusal'], explain: (s, a) => (a ? `Stated a constraint on the work: ${s}.` : `Constraint words that name nothing of this session: ${s}.`) });
  cueRule(c, { factor: 'scoping', rule: 'decomposed', bareRule: 'bare-scoping-cue', re: STEPS, kinds: ['prompt', 'narration'], explain: (s) => `Broke the work into steps: ${s}.` });
  const firstDiff = diffs[0] ?? c.events.length;
  for (const t of c.turns) {
    if (!t.unique) continue;
    if (t.kind === 'refusal' && t.e.kind === 'approval' && /exitplanmode/i.test(t.e.tool) && t.words) {
      push(c, { factor: 'scoping', rule: 'revised-plan', eventIds: [t.e.id], t: t.e.t, explanation: `Sent the agent's plan back with changes before any code: ${quote(t.words)}.` });
      continue;
    }
    if (t.kind === 'plan-approved') {
      push(c, { factor: 'scoping', rule: 'plan-approved', eventIds: [t.e.id], t: t.e.t, explanation: 'Had the agent plan first and approved the plan before it wrote code (plan mode).' });
      continue;
    }
    if (t.kind === 'decision' && t.i < firstDiff) {
      push(c, { factor: 'scoping', rule: 'decision-before-diff', eventIds: [t.e.id], t: t.e.t, explanation: 'Settled a design question before any code was written.' });
      continue;
    }
    if (t.kind !== 'prompt') continue;
    const q = t.sentences.find((s) => s.anchored && /\?\s*$/.test(s.text.trim()));
    if (q && t.i < firstDiff) push(c, { factor: 'scoping', rule: 'clarifying-question', eventIds: [t.e.id], t: t.e.t, explanation: `Asked about the problem before any code was written: ${quote(q.text)}.` });
    const own = t.sentences.filter((s) => s.anchored).reduce((n, s) => n + s.text.length, 0);
    const structure = t.words.split('\n').filter((l) => STRUCTURE_LINE.test(l)).length;
    const named = t.sentences.filter((s) => s.anchored).length;
    if (t.words.length >= PLAN_CHARS && structure >= 3 && named >= 2) push(c, { factor: 'scoping', rule: 'wrote-plan', eventIds: [t.e.id], t: t.e.t, explanation: `Set out a structured plan (${structure} headings or list items, ${t.words.length} characters) for the agent to follow.` });
    else if (own >= BRIEF_CHARS) push(c, { factor: 'scoping', rule: 'detailed-brief', eventIds: [t.e.id], t: t.e.t, explanation: `Wrote a detailed brief (${own} characters of their own about this work).` });
  }
  // Each prompt that set the agent writing: prepared by discussion, or scoped in itself?
  for (const l of launches(c)) {
    const t = c.turns[l.k]!;
    const own = t.sentences.filter((s) => s.anchored).reduce((n, s) => n + s.text.length, 0);
    const scoped = t.sentences.some((s) => s.anchored && (PLAN_ASK.test(s.text) || CONSTRAINT.test(s.text) || STEPS.test(s.text)));
    if (l.discussed > 0 || scoped || own >= PREPARED_CHARS) push(c, { factor: 'scoping', rule: 'prepared-launch', eventIds: [t.e.id], t: t.e.t, explanation: l.discussed > 0 ? `Code was written only after ${l.discussed} turn${l.discussed > 1 ? 's' : ''} of discussion.` : `The instruction that set the agent writing was scoped: ${quote(t.words)}.` });
    else push(c, { factor: 'scoping', rule: 'unprepared-launch', eventIds: [t.e.id], t: t.e.t, explanation: `Set the agent writing code on a short unscoped instruction: ${quote(t.words || promptText(t.e))}.` });
  }
  const first = c.turns.find((t) => t.kind === 'prompt');
  // Judged on the sentences that name something of the session: padding does not un-terse a prompt.
  const grounded = first ? first.sentences.filter((s) => s.anchored).reduce((n, s) => n + s.text.length, 0) : 0;
  if (first && grounded < TERSE_CHARS) {
    push(c, { factor: 'scoping', rule: 'terse-start', eventIds: [first.e.id], spans: [{ eventId: first.e.id, start: 0, end: Math.min(200, first.words.length) }], t: first.e.t, explanation: `The session started with a terse instruction: ${quote(first.words || promptText(first.e))}.` });
  }
}
