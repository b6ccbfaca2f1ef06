/**
 * Tool-call sequencing: does the candidate steer the order of the work: understand before
 * changing, plan before building, test before committing, verify before shipping? A read
 * the agent's harness forces earns nothing; the candidate has to ask for it.
 */
import type { SessionEvent } from '../../model/schema';
import { push, quote, type Ctx } from '../context';
import { ORDERING, READ_ASK, SHIP_ASK, TESTISH, VERIFY_ASK } from '../cues';
import { after } from '../session-index';
import { basename } from '../text';
import { cueRule } from './common';

const READ_COMMAND = /\b(cat|less|head|grep|rg|sed -n)\b/;
/** A command that checks the work: tests, type checks, linters, builds, or a look at the changes. */
const OWN_CHECK = /\b(test|tests|pytest|vitest|jest|go test|cargo (?:test|check|build)|tsc|lint|eslint|make|build|git (?:diff|status|log|show))\b/;

export function sequencing(c: Ctx): void {
  const { events } = c;
  cueRule(c, { factor: 'sequencing', rule: 'asked-to-understand-first', bareRule: 'bare-sequencing-cue', re: READ_ASK, kinds: ['prompt', 'narration', 'refusal'], explain: (s, a) => (a ? `Asked for the code to be read or understood first: ${s}.` : `Ordering words that name nothing of the session: ${s}.`) });
  cueRule(c, { factor: 'sequencing', rule: 'asked-to-verify', bareRule: 'bare-sequencing-cue', re: VERIFY_ASK, kinds: ['prompt', 'narration', 'refusal'], explain: (s, a) => (a ? `Asked for the work to be tested or verified: ${s}.` : `Ordering words that name nothing of the session: ${s}.`) });
  cueRule(c, { factor: 'sequencing', rule: 'ordered-the-work', bareRule: 'bare-sequencing-cue', re: ORDERING, kinds: ['prompt', 'narration', 'refusal'], explain: (s, a) => (a ? `Put the work in an order: ${s}.` : `Ordering words that name nothing of the session: ${s}.`) });
  // Checks the candidate ran themselves (bash mode, their own terminal): tests, builds, diffs.
  for (const i of c.ix.candidateActs) {
    const x = events[i]!;
    if (x.kind === 'command' && OWN_CHECK.test(x.cmd)) push(c, { factor: 'sequencing', rule: 'checked-themselves', eventIds: [x.id], t: x.t, explanation: `Ran a check themselves: \`${x.cmd.slice(0, 80)}\`.` }, `own-check:${x.cmd}`);
  }
  for (const t of c.turns) {
    if (t.kind === 'plan-approved') push(c, { factor: 'sequencing', rule: 'plan-before-build', eventIds: [t.e.id], t: t.e.t, explanation: 'Approved a plan before the agent started building.' });
  }
  // Shipping (commit, push, merge…) asked for with edits since the last check.
  const isTest = (x: SessionEvent) => x.kind === 'test_run' || (x.kind === 'command' && TESTISH.test(x.cmd));
  let lastCheck = -1;
  let lastDiff = -1;
  for (const t of c.turns) {
    for (let j = Math.max(lastCheck, lastDiff) + 1; j < t.i; j++) {
      const x = events[j]!;
      if (x.kind === 'diff') lastDiff = j;
      else if (isTest(x)) lastCheck = j;
    }
    if (t.kind !== 'prompt' || !t.unique) continue;
    const verify = t.sentences.some((s) => VERIFY_ASK.test(s.text));
    if (verify) lastCheck = t.i;
    const ship = t.sentences.find((s) => SHIP_ASK.test(s.text));
    if (ship && !verify && lastDiff > lastCheck) push(c, { factor: 'sequencing', rule: 'shipped-unverified', eventIds: [t.e.id], t: t.e.t, explanation: `Asked to ship with edits nobody had checked since: ${quote(ship.text)}.` });
  }
  readBeforeWrite(c);
  testedBeforeCommit(c, isTest);
}

function readBeforeWrite(c: Ctx): void {
  const { events } = c;
  const readAsks = c.ix.candidateActs.filter((k) => {
    const x = events[k]!;
    return (x.kind === 'prompt' && READ_ASK.test(x.text)) || (x.kind === 'command' && READ_COMMAND.test(x.cmd));
  });
  const askedToRead = (before: number, path: string) => {
    const name = basename(path).toLowerCase();
    const sameFile = c.ix.diffsByPath.get(path)!;
    const prevEdit = sameFile[after(sameFile, before - 1) - 1] ?? -1;
    for (let r = after(readAsks, before - 1) - 1; r >= 0 && readAsks[r]! > prevEdit; r--) {
      const x = events[readAsks[r]!]!;
      if (x.kind === 'prompt' && (x.text.toLowerCase().includes(name) || /\b(the code|the file|codebase|repo(?:sitory)?)\b/i.test(x.text))) return x;
      if (x.kind === 'command' && x.cmd.includes(basename(path))) return x;
    }
    return undefined;
  };
  const firstTouch = new Set<string>();
  for (const i of c.ix.diffs) {
    const e = events[i] as Extract<SessionEvent, { kind: 'diff' }>;
    if (e.change === 'created' || firstTouch.has(e.path)) continue;
    firstTouch.add(e.path);
    const asked = askedToRead(i, e.path);
    push(c, { factor: 'sequencing', rule: asked ? 'read-before-write' : 'write-without-directed-read', eventIds: [e.id, ...(asked ? [asked.id] : [])], t: e.t, explanation: asked ? `Had ${basename(e.path)} read or searched before it was edited.` : `${basename(e.path)} was edited without the candidate asking for it to be read first (a read the agent's harness forces earns nothing).` }, `rbw:${e.path}`);
  }
}

function testedBeforeCommit(c: Ctx, isTest: (x: SessionEvent) => boolean): void {
  const { events } = c;
  for (const i of c.ix.commits) {
    const e = events[i]!;
    const lastDiff = i > 0 ? c.ix.lastDiffAtOrBefore[i - 1]! : -1;
    if (lastDiff === -1) continue;
    let test: SessionEvent | undefined;
    for (let k = Math.max(lastDiff + 1, c.ix.firstDirected); k < i && !test; k++) if (isTest(events[k]!)) test = events[k];
    push(c, { factor: 'sequencing', rule: test ? 'tested-before-commit' : 'committed-untested', eventIds: [e.id, ...(test ? [test.id] : [])], t: e.t, explanation: test ? 'Tests ran after the last edit and before the commit.' : 'Committed without running tests after the last edit.' }, `commit:${e.kind === 'git_action' ? e.message ?? '' : e.kind === 'command' ? e.cmd : ''}`);
  }
  const lastDiff = events.length ? c.ix.lastDiffAtOrBefore[events.length - 1]! : -1;
  if (lastDiff === -1) return;
  let test: SessionEvent | undefined;
  for (let k = Math.max(lastDiff + 1, c.ix.firstDirected); k < events.length && !test; k++) if (isTest(events[k]!)) test = events[k];
  push(c, { factor: 'sequencing', rule: test ? 'tested-after-last-edit' : 'untested-at-end', eventIds: [events[lastDiff]!.id, ...(test ? [test.id] : [])], t: events[lastDiff]!.t, explanation: test ? 'Tests ran after the last edit.' : 'Nothing was tested after the last edit.' });
}
