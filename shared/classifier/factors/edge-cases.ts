/**
 * Edge-case ownership: does the candidate raise the cases the task did not spell out
 * ("what if the user edits between prompts", "amend", "Windows", "empty input") and get
 * them handled or tested? A category the task statement already names is no credit.
 */
import { push, quote, spanOf, type Ctx } from '../context';
import { EDGE_CATEGORIES, SCENARIO } from '../cues';
import { after, changedLines } from '../session-index';
import { cueRule } from './common';

/** A sentence that asks about or conditions on a case (not one that merely mentions the word). */
const ASKS_ABOUT = /\?|\b(if|when|unless|case|what|whether|once|after|before|during|while)\b/i;

export function edgeCases(c: Ctx): void {
  cueRule(c, { factor: 'edgeCases', rule: 'raised-scenario', bareRule: 'bare-edge-cue', re: SCENARIO, kinds: ['prompt', 'narration', 'refusal', 'decision'], perTurn: 3, explain: (s, a) => (a ? `Raised a scenario the work has to survive: ${s}.` : `Edge-case words that name nothing of the session: ${s}.`) });
  const task = c.task.toLowerCase();
  const open = EDGE_CATEGORIES.filter((cat) => !cat.re.test(task));
  const raised = new Set<string>();
  const texts = new Map<number, string>(); // what each coverer adds, joined once
  for (const t of c.turns) {
    if (!t.unique || raised.size === open.length) continue;
    for (const cat of open) {
      if (raised.has(cat.id)) continue;
      const s = t.sentences.find((x) => x.anchored && cat.re.test(x.text) && ASKS_ABOUT.test(x.text));
      if (!s) continue;
      raised.add(cat.id);
      const covered = coveredLater(c, t.i, cat.re, texts);
      push(c, { factor: 'edgeCases', rule: covered ? 'edge-case-covered' : 'edge-case-raised', eventIds: [t.e.id], spans: spanOf(t.e.id, s), t: t.e.t, explanation: `Raised ${cat.label}, which the task did not mention${covered ? ', and later code or tests cover it' : ''}: ${quote(s.text)}.` });
    }
  }
}

/** Does a later diff's added lines, or a later passing test run's command, cover it? */
function coveredLater(c: Ctx, i: number, re: RegExp, texts: Map<number, string>): boolean {
  const { coverers } = c.ix;
  for (let k = after(coverers, i); k < coverers.length; k++) {
    const j = coverers[k]!;
    let text = texts.get(j);
    if (text === undefined) {
      const x = c.events[j]!;
      texts.set(j, (text = x.kind === 'diff' ? changedLines(c.ix, j).added.join('\n') : x.kind === 'test_run' ? x.cmd ?? '' : ''));
    }
    if (re.test(text)) return true;
  }
  return false;
}
