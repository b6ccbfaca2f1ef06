/**
 * Self-correction: does the candidate notice their own (or the joint) wrong direction and
 * change course, instead of grinding on? Their own second thoughts ("actually", "let's go
 * back", "I messed up"), a stop followed by a new instruction, and a change of direction
 * after a failing check count; re-running the same failing command unchanged counts against.
 */
import type { SessionEvent } from '../../model/schema';
import { push, quote, type Ctx } from '../context';
import { APPROVAL_ONLY, DELIBERATION, OWN_REVERSAL, RETRY_ONLY } from '../cues';
import { after, isFailure, sameChecks } from '../session-index';
import { cueRule } from './common';

/** How many candidate actions after a failure may change direction. */
const REACTION_WINDOW = 3;

export function selfCorrection(c: Ctx): void {
  const { events } = c;
  cueRule(c, { factor: 'selfCorrection', rule: 'own-course-change', bareRule: 'bare-course-change', re: OWN_REVERSAL, kinds: ['prompt', 'narration', 'refusal'], explain: (s, a) => (a ? `Changed their own course: ${s}.` : `Second thoughts that name nothing of the session: ${s}.`) });
  cueRule(c, { factor: 'selfCorrection', rule: 'weighs-own-view', bareRule: 'bare-course-change', re: DELIBERATION, kinds: ['prompt', 'narration'], explain: (s, a) => (a ? `Weighed their own view out loud: ${s}.` : `Hedging that names nothing of the session: ${s}.`) });
  c.turns.forEach((t, k) => {
    if (t.kind !== 'interrupt') return;
    const next = c.turns[k + 1];
    if (next && next.kind === 'prompt' && next.unique && next.sentences.length && !APPROVAL_ONLY.test(next.words) && !RETRY_ONLY.test(next.words)) {
      push(c, { factor: 'selfCorrection', rule: 'stopped-and-rethought', eventIds: [t.e.id, next.e.id], t: t.e.t, explanation: `Stopped the work under way and set a new direction: ${quote(next.sentences[0]!.text)}.` });
    }
  });
  // Reactions to failing commands and test runs.
  const redirects = (x: SessionEvent) => x.kind === 'interrupt' || x.kind === 'decision' || (x.kind === 'prompt' && !APPROVAL_ONLY.test(x.text) && !RETRY_ONLY.test(x.text));
  for (const i of c.ix.failures) {
    const e = events[i]!;
    const cmd = e.kind === 'command' ? e.cmd : e.kind === 'test_run' ? e.cmd ?? 'tests' : '';
    const same = sameChecks(c.ix, e);
    if (e.kind === 'command' && same) {
      const rerun = same[after(same, i)];
      if (rerun !== undefined && c.ix.diffsBefore[rerun] === c.ix.diffsBefore[i + 1] && isFailure(events[rerun]!) && events[rerun]!.actor === 'candidate') {
        push(c, { factor: 'selfCorrection', rule: 'repeated-failure', eventIds: [events[rerun]!.id, e.id], t: events[rerun]!.t, explanation: `Ran \`${cmd.slice(0, 60)}\` again after it failed, with nothing changed in between.` }, `rerun:${cmd}`);
        continue;
      }
    }
    // Only failures the candidate saw: their own command, or one followed by their reaction.
    const from = after(c.ix.candidateActs, i);
    const next = c.ix.candidateActs.slice(from, from + REACTION_WINDOW).map((j) => events[j]!);
    const redirected = next.find(redirects);
    if (!redirected || e.actor !== 'candidate') continue;
    let passes: SessionEvent | undefined;
    if (same) {
      for (let q = after(same, i); q < same.length && !passes; q++) if (!isFailure(events[same[q]!]!)) passes = events[same[q]!];
    }
    push(c, { factor: 'selfCorrection', rule: passes ? 'corrected-and-verified' : 'changed-direction', eventIds: [e.id, redirected.id, ...(passes ? [passes.id] : [])], t: redirected.t, explanation: passes ? 'Changed direction after their check failed, and the same check later passed.' : 'Changed direction after their check failed.' }, `corr:${cmd}`);
  }
}
