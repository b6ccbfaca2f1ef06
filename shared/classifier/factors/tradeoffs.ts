/**
 * Tradeoff articulation: does the candidate explain choices between alternatives, with a
 * criterion and a reason? Decisions recorded with options and a rationale count most; a
 * large change (a dependency, an API or schema file, 80+ lines) that no reasoning preceded
 * counts against.
 */
import type { SessionEvent } from '../../model/schema';
import { push, quote, type Ctx } from '../context';
import { ALTERNATIVE, CRITERION, DELIBERATION, REASON, WEIGH_QUESTION } from '../cues';
import { changedLines } from '../session-index';
import { basename, normalize } from '../text';
import { cueRule } from './common';

const LARGE_LINES = 80;
const REASONING_WINDOW_MS = 30 * 60_000;

export function tradeoffs(c: Ctx): void {
  const reasoned: number[] = [];
  const explain = (what: string) => (s: string, a: boolean) => (a ? `${what}: ${s}.` : `Tradeoff words that name nothing of this session: ${s}.`);
  for (const t of cueRule(c, { factor: 'tradeoffs', rule: 'gave-reason', bareRule: 'bare-tradeoff-cue', re: REASON, explain: explain('Gave a reason for a choice') })) reasoned.push(t.i);
  for (const t of cueRule(c, { factor: 'tradeoffs', rule: 'compared-options', bareRule: 'bare-tradeoff-cue', re: ALTERNATIVE, explain: explain('Compared alternatives') })) reasoned.push(t.i);
  cueRule(c, { factor: 'tradeoffs', rule: 'deliberated', bareRule: 'bare-tradeoff-cue', re: DELIBERATION, explain: explain('Thought a choice through out loud') });
  cueRule(c, { factor: 'tradeoffs', rule: 'weighing-question', bareRule: 'bare-tradeoff-cue', re: WEIGH_QUESTION, explain: explain('Questioned whether a choice is worth it') });
  for (const t of c.turns) {
    if (!t.unique) continue;
    if (t.kind === 'decision' && t.e.kind === 'decision') {
      const e = t.e;
      const alts = e.options.length >= 2;
      const why = !!e.rationale && (e.rationale.trim().length >= 40 || REASON.test(e.rationale) || CRITERION.test(e.rationale));
      const rule = alts && why ? 'reasoned-decision' : 'unreasoned-decision';
      push(c, { factor: 'tradeoffs', rule, eventIds: [e.id], t: e.t, explanation: alts && why ? `Chose “${e.chosen ?? '?'}” among ${e.options.length} options and gave the reason.` : `Chose “${e.chosen ?? '?'}” without giving a reason.` }, `dec:${normalize(e.question)}`);
      if (rule === 'reasoned-decision') reasoned.push(t.i);
      continue;
    }
    // A sentence that names an alternative, a criterion and a reason at once.
    const s = t.sentences.find((x) => x.anchored && ALTERNATIVE.test(x.text) && CRITERION.test(x.text) && REASON.test(x.text));
    if (s) push(c, { factor: 'tradeoffs', rule: 'weighed-alternatives', eventIds: [t.e.id], t: t.e.t, explanation: `Weighed alternatives against a criterion, with a reason: ${quote(s.text)}.` });
  }
  reasoned.sort((a, b) => a - b);
  for (const idx of c.ix.diffs) {
    const e = c.events[idx] as Extract<SessionEvent, { kind: 'diff' }>;
    const { added, removed } = changedLines(c.ix, idx);
    const big = added.length + removed.length >= LARGE_LINES;
    const dep = /(^|\/)(package\.json|requirements[\w-]*\.txt|pyproject\.toml|go\.mod|Cargo\.toml|Gemfile|pom\.xml|build\.gradle)$/.test(e.path) && added.some((l) => /["']?[\w@/.-]+["']?\s*[:=<>~^]/.test(l));
    const schema = /(schema|migration|\.proto$|\.graphql$|openapi|api\.)/i.test(e.path);
    if (!big && !dep && !schema) continue;
    const what = dep ? 'a dependency change' : schema ? 'an API or schema change' : `a large change (${added.length + removed.length} lines)`;
    const before = reasoned.filter((r) => r < idx && e.t - c.events[r]!.t < REASONING_WINDOW_MS);
    if (before.length) continue; // the reasoning already earned its credit
    push(c, { factor: 'tradeoffs', rule: 'unreasoned-large-change', eventIds: [e.id], t: e.t, explanation: `${what} in ${basename(e.path)} with no tradeoff discussed by the candidate beforehand.` }, `large:${e.path}:${dep}:${schema}`);
  }
}
