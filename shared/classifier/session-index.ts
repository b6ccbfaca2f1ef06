/**
 * Positions computed once per session (so every rule runs in about linear time) and the
 * changed lines of every diff.
 */
import type { SessionEvent } from '../model/schema';
import { upperBound } from '../util/bisect';
import { TESTISH } from './cues';
import { trimmedLineSet, trimmedSlice } from './text';

export interface Indexes {
  /** diffsBefore[i]: number of diffs among events[0..i-1]. */
  diffsBefore: Int32Array;
  /** lastDiffAtOrBefore[i]: index of the last diff at or before i, or -1. */
  lastDiffAtOrBefore: Int32Array;
  /** Candidate prompts, interrupts, decisions and commands, in order. */
  candidateActs: number[];
  /** Candidate prompts and interrupts, in order. */
  candidateAsks: number[];
  /** Commands by command line, in order. */
  commandRuns: Map<string, number[]>;
  /** Test runs by command (or 'tests'), in order. */
  testRuns: Map<string, number[]>;
  /** Diffs by path, in order. */
  diffsByPath: Map<string, number[]>;
  /** The first index at which the candidate had asked for tests or run a command, or Infinity. */
  firstDirected: number;
  /** Commits (git actions or `git commit` commands), in order. */
  commits: number[];
  /** Diffs, in order. */
  diffs: number[];
  /** Diffs and test runs with at least one pass, in order: what can cover a raised edge case. */
  coverers: number[];
  /** changed[k]: the changed lines of the k-th diff (k = diffsBefore[i] for the diff at i). */
  changed: ChangedLines[];
  /** Candidate prompts, decisions and narration (the events with a promptText), in order. */
  candidateTexts: number[];
  /** Candidate prompts, in order. */
  candidatePrompts: number[];
  /** Permissions the candidate denied, in order. */
  denials: number[];
  /** Failed commands and test runs, in order. */
  failures: number[];
}

export const isCommit = (e: SessionEvent) => (e.kind === 'git_action' ? e.action === 'commit' : e.kind === 'command' && /\bgit commit\b/.test(e.cmd));

/** The other runs of the same check: commands by command line, test runs by command. */
export const sameChecks = (ix: Indexes, e: SessionEvent): number[] | undefined => (e.kind === 'command' ? ix.commandRuns.get(e.cmd) : e.kind === 'test_run' ? ix.testRuns.get(e.cmd ?? 'tests') : undefined);

const addTo = (m: Map<string, number[]>, key: string, i: number) => {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
};

/** Two ascending lists of distinct positions merged into one. */
export function merged(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! < b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

export function buildIndexes(events: readonly SessionEvent[]): Indexes {
  const n = events.length;
  const ix: Indexes = { diffsBefore: new Int32Array(n + 1), lastDiffAtOrBefore: new Int32Array(n), candidateActs: [], candidateAsks: [], commandRuns: new Map(), testRuns: new Map(), diffsByPath: new Map(), firstDirected: Infinity, commits: [], diffs: [], coverers: [], changed: [], candidateTexts: [], candidatePrompts: [], denials: [], failures: [] };
  const prevAfter = new Map<string, { text: string; lines: Set<string> }>();
  let last = -1;
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    ix.diffsBefore[i + 1] = ix.diffsBefore[i]! + (e.kind === 'diff' ? 1 : 0);
    if (e.kind === 'diff') {
      last = i;
      ix.diffs.push(i);
      ix.coverers.push(i);
      ix.changed.push(computeChangedLines(e, prevAfter));
      addTo(ix.diffsByPath, e.path, i);
    }
    ix.lastDiffAtOrBefore[i] = last;
    if (e.kind === 'command') {
      addTo(ix.commandRuns, e.cmd, i);
      if (isFailure(e)) ix.failures.push(i);
    } else if (e.kind === 'test_run') {
      addTo(ix.testRuns, e.cmd ?? 'tests', i);
      if (e.passed > 0) ix.coverers.push(i);
      if (isFailure(e)) ix.failures.push(i);
    }
    if (isCommit(e)) ix.commits.push(i);
    if (e.actor !== 'candidate') continue;
    if (e.kind === 'prompt' || e.kind === 'interrupt' || e.kind === 'decision' || e.kind === 'command') ix.candidateActs.push(i);
    if (e.kind === 'prompt' || e.kind === 'interrupt') ix.candidateAsks.push(i);
    if (e.kind === 'prompt' || e.kind === 'decision' || e.kind === 'narration') ix.candidateTexts.push(i);
    if (e.kind === 'prompt') ix.candidatePrompts.push(i);
    if (e.kind === 'approval' && !e.granted) ix.denials.push(i);
    if (ix.firstDirected === Infinity && ((e.kind === 'prompt' && TESTISH.test(e.text)) || e.kind === 'command')) ix.firstDirected = i;
  }
  return ix;
}

/** The first position in a sorted list whose value is greater than x. */
export const after = upperBound;

export function isFailure(e: SessionEvent): boolean {
  if (e.kind === 'command') return (e.exitCode ?? 0) !== 0 || e.interrupted === true;
  if (e.kind === 'test_run') return e.failed > 0;
  return false;
}

export interface ChangedLines {
  added: string[];
  removed: string[];
}

/** The changed lines of the diff at index i (computed once per session, in buildIndexes). */
export const changedLines = (ix: Indexes, i: number): ChangedLines => ix.changed[ix.diffsBefore[i]!]!;

/**
 * A diff's changed lines. `prev` holds, per path, the after text (and its line set) of the
 * last diff given as before/after: when this diff's before is that text (the file edited
 * again), its line set is reused instead of split again.
 */
export function computeChangedLines(e: Extract<SessionEvent, { kind: 'diff' }>, prev: Map<string, { text: string; lines: Set<string> }>): ChangedLines {
  const added: string[] = [];
  const removed: string[] = [];
  if (e.patch) {
    // Line by line without splitting: only + and - lines are sliced out.
    const p = e.patch;
    let from = 0;
    while (from < p.length) {
      let to = p.indexOf('\n', from);
      if (to === -1) to = p.length;
      const ch = p.charCodeAt(from);
      if ((ch === 43 || ch === 45) && !(to - from >= 3 && p.charCodeAt(from + 1) === ch && p.charCodeAt(from + 2) === ch)) {
        (ch === 43 ? added : removed).push(trimmedSlice(p, from + 1, to)); // + / -, not +++ / ---
      }
      from = to + 1;
    }
  } else {
    const beforeText = e.before ?? '';
    const afterText = e.after ?? '';
    const last = prev.get(e.path);
    const before = last && last.text === beforeText ? last.lines : trimmedLineSet(beforeText);
    const after = trimmedLineSet(afterText);
    prev.set(e.path, { text: afterText, lines: after });
    for (const l of after) if (!before.has(l) && l) added.push(l);
    for (const l of before) if (!after.has(l) && l) removed.push(l);
  }
  return { added, removed };
}

