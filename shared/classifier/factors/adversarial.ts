/**
 * Adversarial prompting: does the candidate pressure-test the agent: push back when it is
 * wrong, refuse a tool use and say why, stop it and redirect, have its edits undone? A bare
 * "looks good" after an unverified edit counts against.
 */
import type { SessionEvent } from '../../model/schema';
import { push, quote, type Ctx } from '../context';
import { APPROVAL_ONLY, CHALLENGE, PROBE } from '../cues';
import { after, changedLines } from '../session-index';
import { basename, normalize } from '../text';
import { answersAgent, cueRule } from './common';

/** Tools whose refusal only declines to answer the agent's question. */
const DECLINED_QUESTION = /^AskUserQuestion$/i;

/** Asks for something to be taken back. */
const UNDO_ASK = /\b(revert|undo|put (?:it |\w+ )?back|back the way|restore|roll ?back|remove|drop|delete|get rid of|go back)\b/i;

/** How many later edits of the same file may undo an agent edit. */
const REVERT_LOOKAHEAD = 25;

export function adversarial(c: Ctx): void {
  const { events } = c;
  cueRule(c, { factor: 'adversarial', rule: 'challenge', bareRule: 'bare-challenge', re: CHALLENGE, kinds: ['prompt', 'narration'], when: (_, k) => answersAgent(c, k), explain: (s, a) => (a ? `Pushed back on the agent: ${s}.` : `Pushed back without naming anything of the session: ${s}.`) });
  cueRule(c, { factor: 'adversarial', rule: 'probing-question', bareRule: 'bare-probe', re: PROBE, kinds: ['prompt', 'narration'], when: (_, k) => answersAgent(c, k), explain: (s, a) => (a ? `Questioned the agent's work: ${s}.` : `A question that names nothing of the session: ${s}.`) });
  c.turns.forEach((t, k) => {
    // Declining to answer the agent's own question is not pushing back on its work.
    if (t.kind === 'refusal' && t.e.kind === 'approval' && !t.words && DECLINED_QUESTION.test(t.e.tool)) return;
    if (t.kind === 'refusal' && t.e.kind === 'approval') {
      // Keyed by what was typed, so the same refusal repeated counts once.
      const said = t.words;
      push(c, { factor: 'adversarial', rule: said ? 'refused-with-reason' : 'refused-tool-use', eventIds: [t.e.id], t: t.e.t, explanation: said ? `Refused the agent's ${t.e.tool} and said why: ${quote(said)}.` : `Refused the agent's ${t.e.tool}.` }, said ? `refuse:${normalize(said).slice(0, 80)}` : `refuse:${t.e.tool}`);
      return;
    }
    if (t.kind === 'interrupt') {
      const next = c.turns[k + 1];
      if (next && next.kind === 'prompt' && next.unique && !APPROVAL_ONLY.test(next.words) && next.sentences.length) {
        push(c, { factor: 'adversarial', rule: 'stopped-and-redirected', eventIds: [t.e.id, next.e.id], t: t.e.t, explanation: `Stopped the agent mid-turn and redirected it: ${quote(next.sentences[0]!.text)}.` });
      }
      return;
    }
    // An approval that adds nothing about the work (cue words that name nothing do not count).
    if (t.kind !== 'prompt' || (!t.unique && k > 0) || t.sentences.some((s) => s.anchored)) return;
    if (!APPROVAL_ONLY.test(t.words.split('\n')[0] ?? '')) return;
    // "ok" right after an agent diff, with nothing run or read in between.
    const from = k > 0 ? c.turns[k - 1]!.i : -1;
    let diffAt = -1;
    let verified = false;
    for (let j = t.i - 1; j > from; j--) {
      const x = events[j]!;
      if (x.kind === 'command' || x.kind === 'test_run' || (x.kind === 'tool_call' && (x.category === 'read' || x.category === 'shell'))) verified = true;
      if (x.kind === 'diff' && x.actor !== 'candidate') {
        diffAt = j;
        break;
      }
    }
    if (diffAt >= 0 && !verified) {
      const d = events[diffAt] as Extract<SessionEvent, { kind: 'diff' }>;
      push(c, { factor: 'adversarial', rule: 'rubber-stamp', eventIds: [t.e.id, d.id], t: t.e.t, explanation: `Approved the edit to ${basename(d.path)} without anything being run or read in between.` });
    }
  });
  reverts(c);
}

/** A later diff removes what an agent diff added (and restores what it removed), by the candidate or after they asked. */
function reverts(c: Ctx): void {
  const { events } = c;
  // What the candidate asked for in their own new words (a repeated prompt asks nothing new).
  const asks = c.turns.filter((t) => t.kind === 'prompt' && t.unique && t.sentences.some((x) => UNDO_ASK.test(x.text) || CHALLENGE.test(x.text))).map((t) => t.i);
  for (const list of c.ix.diffsByPath.values()) {
    for (let a = 0; a < list.length - 1; a++) {
      const ia = list[a]!;
      const da = events[ia] as Extract<SessionEvent, { kind: 'diff' }>;
      if (da.actor === 'candidate') continue;
      const ca = changedLines(c.ix, ia);
      const total = ca.added.length + ca.removed.length;
      if (total === 0) continue;
      const addedA = new Set(ca.added);
      const removedA = new Set(ca.removed);
      for (let b = a + 1; b < Math.min(list.length, a + 1 + REVERT_LOOKAHEAD); b++) {
        const ib = list[b]!;
        const db = events[ib] as Extract<SessionEvent, { kind: 'diff' }>;
        const cb = changedLines(c.ix, ib);
        // Fewer changed lines than half of A's cannot undo half of A.
        if (cb.removed.length + cb.added.length < 0.5 * total) continue;
        let undone = 0;
        for (const l of cb.removed) if (addedA.has(l)) undone++;
        for (const l of cb.added) if (removedA.has(l)) undone++;
        const inv = undone / total;
        if (inv < 0.5) continue;
        const k = asks[after(asks, ia)];
        const asked = k !== undefined && k <= ib ? events[k] : undefined;
        if (asked || db.actor === 'candidate') {
          push(c, { factor: 'adversarial', rule: inv >= 0.9 ? 'reverted-agent-edit' : 'partly-reverted-agent-edit', eventIds: [db.id, da.id, ...(asked ? [asked.id] : [])], t: db.t, explanation: `Had the agent's edit to ${basename(da.path)} ${inv >= 0.9 ? 'undone' : 'partly undone'}.` }, `revert:${da.path}:${normalize(ca.added.join(' ')).slice(0, 120)}`);
        }
        break;
      }
    }
  }
}
