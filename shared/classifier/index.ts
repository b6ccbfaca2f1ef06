/**
 * The orchestration classifier: session → evidence → factor scores (0–100) → overall.
 *
 * Every rule looks at one *opportunity* (a prompt before the first diff, an agent diff the
 * candidate could have challenged, a failure they could have corrected…) and records one
 * evidence item with a value in [0, 1]: 1 is what a strong orchestrator does, 0 what a weak
 * one does. A factor's score is a rate over its opportunities, shrunk toward a neutral prior
 * so a short session cannot swing to 0 or 100:
 *
 *     score = 100 · (Σ value + K · PRIOR) / (n + K)
 *
 * and each item's signed contribution is 100 · (value − PRIOR) / (n + K), so a score is
 * PRIOR·100 plus the sum of its evidence: recomputable from the evidence alone. Fewer than
 * MIN_OPPORTUNITIES opportunities make the factor "insufficient evidence"; its weight is
 * spread over the others in proportion. Only the candidate's own actions earn value; the
 * agent's actions only create opportunities.
 */
import type { SessionEvent, SessionMeta } from '../model/schema';
import { DEFAULT_WEIGHTS, FACTORS, FACTOR_LABELS, type FactorId, type Weights } from './weights';
import { upperBound } from '../util/bisect';

export { DEFAULT_WEIGHTS, FACTORS, FACTOR_LABELS, parseWeights, roundToTotal, setWeight, type FactorId, type Weights } from './weights';

export const CLASSIFIER_VERSION = 'baton-classifier-2';
export const PRIOR = 0.5;
export const K = 4;
export const MIN_OPPORTUNITIES = 3;

export interface TextSpan {
  eventId: string;
  start: number;
  end: number;
}

export interface Evidence {
  factor: FactorId;
  rule: string;
  /** 0…1: what this opportunity says about the candidate. */
  value: number;
  /** value ≥ PRIOR. */
  positive: boolean;
  /** |value − PRIOR| · 2: how far from neutral. */
  strength: number;
  eventIds: string[];
  spans: TextSpan[];
  /** Session time of the moment, for seeking. */
  t: number;
  explanation: string;
}

export interface ClassifierResult {
  version: string;
  evidence: Evidence[];
  /** Per factor: evidence indices (into `evidence`). */
  byFactor: Record<FactorId, number[]>;
}

export interface FactorScore {
  factor: FactorId;
  score: number;
  opportunities: number;
  insufficient: boolean;
  /** The weight actually applied (after spreading insufficient factors' weights). */
  effectiveWeight: number;
}

export interface Scores {
  overall: number | null;
  factors: Record<FactorId, FactorScore>;
  /** Per evidence index: contribution to its factor's score and to the overall score. */
  contribution: { factor: number; overall: number }[];
  why: string;
}

// ---------------------------------------------------------------------------------------
// Text helpers

function normalize(text: string): string {
  const lower = text.toLowerCase();
  // ASCII text (the usual case): letters and digits are [a-z0-9], everything else becomes
  // one space per run, which is what the two Unicode-aware passes below give on it.
  if (!NON_ASCII.test(lower)) return lower.replace(/[^a-z0-9]+/g, ' ').trim();
  return lower.replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
}
const NON_ASCII = /[\u0080-\uffff]/;

/** Sentences: ended by . ! ? before whitespace (not inside `client.ts`), or by a newline. */
function sentences(text: string): { s: string; start: number }[] {
  const out: { s: string; start: number }[] = [];
  const re = /[^\n]+?(?:[.!?](?=\s|$)|(?=\n)|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].trim()) out.push({ s: m[0], start: m.index });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** The last path segment (what `p.split(/[\\/]/).pop()` gives, without the array). */
const basename = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

const isWordCode = (ch: number) => (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
/** [A-Za-z_]: where a word (a match of /[A-Za-z_][\w.$/-]{3,}/g) can start. */
const isWordStartCode = (ch: number) => (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
/** [\w.$/-]: what a word continues with. */
const isWordRestCode = (ch: number) => isWordCode(ch) || ch === 46 || ch === 36 || ch === 47 || ch === 45;

/**
 * The end of text[start, end) without trailing punctuation when that token looks like an
 * identifier (camelCase, snake_case, a path, a dotted or dashed name, digits after the first
 * character), else -1. (A character loop on the text itself: this runs on every word of
 * every diff and output, and most words are plain ones not worth a string.)
 */
function identifierEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const ch = text.charCodeAt(end - 1);
    if (ch === 46 || ch === 44 || ch === 59 || ch === 58) end--; // . , ; :
    else break;
  }
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (i > start && ((ch >= 65 && ch <= 90) || ch === 95 || ch === 47 || ch === 36 || (ch >= 48 && ch <= 57))) return end;
    if ((ch === 46 || ch === 45) && i > start && i + 1 < end && isWordCode(text.charCodeAt(i - 1)) && isWordCode(text.charCodeAt(i + 1))) return end;
  }
  return -1;
}

/**
 * Calls fn(start, end) for each word, i.e. match of /[A-Za-z_][\w.$/-]{3,}/g, in text[from, to),
 * in order, without building the matches: a match starts at an [A-Za-z_] and takes the whole
 * run of [\w.$/-] after it when that run is at least 3 long (shorter, and no match can start
 * inside it). Stops, returning true, when fn returns true.
 */
function forEachWord(text: string, from: number, to: number, fn: (start: number, end: number) => boolean | void): boolean {
  let p = from;
  while (p < to) {
    if (!isWordStartCode(text.charCodeAt(p))) {
      p++;
      continue;
    }
    let q = p + 1;
    while (q < to && isWordRestCode(text.charCodeAt(q))) q++;
    if (q - p >= 4 && fn(p, q)) return true;
    p = q;
  }
  return false;
}

/** A word's key: text[start, end) lowercased, without trailing . , ; : */
function wordKey(text: string, start: number, end: number): string {
  while (end > start) {
    const ch = text.charCodeAt(end - 1);
    if (ch === 46 || ch === 44 || ch === 59 || ch === 58) end--;
    else break;
  }
  return text.slice(start, end).toLowerCase();
}

/** Tokens that name things in the session: file names, identifiers, commands. */
function vocabulary(events: readonly SessionEvent[], meta: Pick<SessionMeta, 'task'>): Set<string> {
  const vocab = new Set<string>();
  const scanned = new Set<string>();
  const seenLines = new Set<string>();
  const seenPaths = new Set<string>();
  const seenFiles = new Set<string>();
  let text = '';
  const addIdentifier = (start: number, end: number) => {
    const e = identifierEnd(text, start, end);
    if (e > start) vocab.add(text.slice(start, e).toLowerCase());
  };
  const addWords = (t: string, limit = 4000) => {
    if (t.length < 200) {
      if (scanned.has(t)) return; // the same command line again
      scanned.add(t);
    }
    // Identifier-like tokens only (camelCase, snake_case, paths, dotted names, numbers):
    // plain English words would let any sentence pass as "about this session".
    // Line by line, skipping lines already scanned: successive versions of a file repeat
    // most of their lines, and a token never spans a line, so the result is the same.
    text = t;
    const stop = Math.min(t.length, limit);
    let from = 0;
    while (from <= stop) {
      let to = t.indexOf('\n', from);
      if (to === -1 || to > stop) to = stop;
      const lineFrom = from;
      from = to + 1;
      if (to - lineFrom < 4) continue;
      const line = t.slice(lineFrom, to);
      if (seenLines.has(line)) continue;
      seenLines.add(line);
      forEachWord(t, lineFrom, to, addIdentifier);
    }
  };
  addWords(meta.task.statement, 20_000);
  for (const e of events) {
    if (e.kind === 'diff') {
      if (!seenPaths.has(e.path)) {
        seenPaths.add(e.path);
        vocab.add(e.path.toLowerCase());
        vocab.add(basename(e.path).toLowerCase());
        vocab.add(basename(e.path).toLowerCase().replace(/\.\w+$/, ''));
      }
      if (e.after) addWords(e.after);
      if (e.patch) addWords(e.patch);
    } else if (e.kind === 'command') addWords(e.cmd);
    else if (e.kind === 'response' && e.actor !== 'candidate') addWords(e.text);
    else if (e.kind === 'tool_call' && e.input && typeof e.input === 'object') {
      const fp = (e.input as Record<string, unknown>).file_path;
      if (typeof fp === 'string' && !seenFiles.has(fp)) {
        seenFiles.add(fp);
        vocab.add(basename(fp).toLowerCase());
      }
    }
  }
  for (const w of ['the', 'this', 'that', 'with', 'from', 'have', 'should', 'would', 'could', 'there', 'about']) vocab.delete(w);
  return vocab;
}

/** Does this sentence name something of the session? */
function anchoredIn(sentence: string, vocab: ReadonlySet<string>, extra?: ReadonlySet<string>): boolean {
  const named = forEachWord(sentence, 0, sentence.length, (start, end) => {
    const k = wordKey(sentence, start, end);
    return vocab.has(k) || extra?.has(k);
  });
  if (named) return true;
  if (extra) for (const n of sentence.match(/\b\d{2,}\b/g) ?? []) if (extra.has(n)) return true;
  return /`[^`]+`|\b\d+(\.\d+)?\s*(ms|s|kb|mb|%|x)\b/i.test(sentence);
}

interface CueHit {
  start: number;
  end: number;
  anchored: boolean;
}

const globalRes = new Map<RegExp, RegExp>();

/** The pattern with the g flag (made once per pattern). */
function globalOf(re: RegExp): RegExp {
  let r = globalRes.get(re);
  if (!r) globalRes.set(re, (r = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));
  return r;
}

function findCues(text: string, re: RegExp, vocab: ReadonlySet<string>, extra?: ReadonlySet<string>): CueHit[] {
  const hits: CueHit[] = [];
  const r = globalOf(re);
  // Most texts hold no cue at all: one scan of the whole text settles that (not for patterns
  // with ^ or $, which can match at a sentence's edge and nowhere in the whole text).
  if (!/[\^$]/.test(re.source)) {
    r.lastIndex = 0;
    if (!r.test(text)) return hits;
  }
  for (const { s, start } of sentences(text)) {
    r.lastIndex = 0;
    let m: RegExpExecArray | null;
    let anchored: boolean | undefined;
    while ((m = r.exec(s))) {
      anchored ??= anchoredIn(s, vocab, extra);
      hits.push({ start: start + m.index, end: start + m.index + m[0].length, anchored });
      if (m[0].length === 0) r.lastIndex++;
    }
  }
  return hits;
}

// Cue families (case-insensitive). Each is a family of phrasings, not a single word.
const CONSTRAINT = /\b(must(?:n't| not)?|should(?:n't| not)?|do not|don't|never|only|without|keep|preserve|limit(?:ed)?|at most|at least|no more than|backwards?[- ]compatible|requirement|constraint)\b/i;
const STEPS = /(^|\n)\s*(\d+[.)]|[-*])\s+\S|\b(first|then|next|after that|finally|step \d|in order)\b/i;
const PLAN = /\b(plan|outline|propose|approach|before (?:you|writing|coding|changing)|don't (?:write|change|code) (?:anything|yet)|design|walk me through)\b/i;
const QUESTION = /\?\s*$|\?\s/m;
const ALTERNATIVE = /\b(or|instead of|versus|vs\.?|alternatively|option|either|compared to|rather than)\b/i;
const CRITERION = /\b(speed|fast(?:er)?|slow(?:er)?|performance|latency|throughput|memory|allocation|risk(?:s|y|ier)?|safe(?:r|ty)?|readab(?:le|ility)|maintainab(?:le|ility)|simpl(?:e|er|icity)|complex(?:ity)?|cost|cheap(?:er)?|security|compatib(?:le|ility)|scal(?:e|able|ability)|testab(?:le|ility))\b/i;
const REASON = /\b(because|since|so that|which means|otherwise|the reason|given that|as it|trade-?off)\b/i;
const CHALLENGE = /\b(why|are you sure|is that (?:right|correct)|that's (?:wrong|not)|that is (?:wrong|not)|wrong|incorrect|doesn't|does not|won't|will not|isn't|is not|missing|forgot|you (?:broke|changed|removed)|revert|undo|actually|but|no,|not what|instead|hallucinat|double-check|prove|show me)\b/i;
const APPROVAL_ONLY = /^\s*(?:(?:ok(?:ay)?|k|looks (?:good|fine|great)|lgtm|great|nice|perfect|thanks?|thank you|ship it|yes|yep|sure|go ahead|continue|do it|just do it|cool|good|fine)[\s,.!]*)+$/i;
const WAIT = /\b(wait|hmm|hold on|scratch that|actually,? no|on second thought|my mistake|i was wrong)\b/i;
const TESTISH = /\b(test|tests|pytest|vitest|jest|mocha|go test|cargo test|npm (?:run )?test|spec|check|tsc|lint)\b/i;
const READISH = /\b(read|look at|inspect|open|check|review|search|grep|find|explore|understand|study)\b/i;

const EDGE_CATEGORIES: { id: string; label: string; re: RegExp }[] = [
  { id: 'empty', label: 'empty or missing values', re: /\b(empty|null|undefined|nil|none|blank|missing value|zero[- ]length|no (?:items|rows|input))\b/i },
  { id: 'bounds', label: 'bounds and limits', re: /\b(off[- ]by[- ]one|boundar(?:y|ies)|overflow|underflow|max(?:imum)?|min(?:imum)?|negative|out of range|limit)\b/i },
  { id: 'unicode-time', label: 'unicode, encodings and time', re: /\b(unicode|utf-?8|utf-?16|emoji|encoding|locale|time ?zones?|dst|daylight|leap (?:year|second|day)|utc|rollover)\b/i },
  { id: 'concurrency', label: 'concurrency', re: /\b(race(?: condition)?|concurren(?:t|cy)|lock(?:ing)?|parallel|deadlock|thread|atomic|idempoten(?:t|cy))\b/i },
  { id: 'failures', label: 'failures and retries', re: /\b(timeouts?|times? out|timed out|retr(?:y|ies)|network (?:error|failure)|fails?|failure|exception|crash|backoff|partial failure|error handling)\b/i },
  { id: 'invalid', label: 'invalid input', re: /\b(invalid|malformed|validat(?:e|ion)|sanitiz(?:e|ation)|injection|escap(?:e|ing)|bad input|garbage)\b/i },
  { id: 'large', label: 'large inputs', re: /\b(large|huge|millions?|billions?|big (?:file|input)|pagination|stream(?:ing)?|out of memory|oom|scale)\b/i },
];

// ---------------------------------------------------------------------------------------
// Extraction

interface Ctx {
  events: readonly SessionEvent[];
  vocab: Set<string>;
  task: string;
  out: Evidence[];
  seen: Set<string>;
  ix: Indexes;
}

/**
 * Positions computed once per session, so every rule runs in about linear time (a
 * 100,000-event session is scored in well under a second).
 */
interface Indexes {
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

const isCommit = (e: SessionEvent) => (e.kind === 'git_action' ? e.action === 'commit' : e.kind === 'command' && /\bgit commit\b/.test(e.cmd));

/** The other runs of the same check: commands by command line, test runs by command. */
const sameChecks = (ix: Indexes, e: SessionEvent): number[] | undefined => (e.kind === 'command' ? ix.commandRuns.get(e.cmd) : e.kind === 'test_run' ? ix.testRuns.get(e.cmd ?? 'tests') : undefined);

const addTo = (m: Map<string, number[]>, key: string, i: number) => {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
};

/** Two ascending lists of distinct positions merged into one. */
function merged(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! < b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function buildIndexes(events: readonly SessionEvent[]): Indexes {
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
const after = upperBound;

function push(c: Ctx, e: Omit<Evidence, 'positive' | 'strength'>, dedupeKey?: string): void {
  if (dedupeKey) {
    if (c.seen.has(dedupeKey)) return;
    c.seen.add(dedupeKey);
  }
  const value = Math.min(1, Math.max(0, e.value));
  c.out.push({ ...e, value, positive: value >= PRIOR, strength: Math.round(Math.abs(value - PRIOR) * 2 * 1000) / 1000 });
}

const isCandidate = (e: SessionEvent) => e.actor === 'candidate';
const promptText = (e: SessionEvent) => (e.kind === 'prompt' ? e.text : e.kind === 'decision' ? [e.question, e.rationale ?? '', e.options.join(' or ')].join('. ') : e.kind === 'narration' ? e.text : '');

function isFailure(e: SessionEvent): boolean {
  if (e.kind === 'command') return (e.exitCode ?? 0) !== 0 || e.interrupted === true;
  if (e.kind === 'test_run') return e.failed > 0;
  return false;
}

interface ChangedLines {
  added: string[];
  removed: string[];
}

/** The changed lines of the diff at index i (computed once per session, in buildIndexes). */
const changedLines = (c: Ctx, i: number): ChangedLines => c.ix.changed[c.ix.diffsBefore[i]!]!;

/**
 * text.slice(from, to).trim() with one string instead of two: ASCII whitespace is cut by
 * hand; at a non-ASCII character on either edge (which may be whitespace) trim() decides.
 */
function trimmedSlice(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b) {
    const ch = text.charCodeAt(a);
    if (ch === 32 || (ch >= 9 && ch <= 13)) a++;
    else if (ch < 128) break;
    else return text.slice(from, to).trim();
  }
  while (b > a) {
    const ch = text.charCodeAt(b - 1);
    if (ch === 32 || (ch >= 9 && ch <= 13)) b--;
    else if (ch < 128) break;
    else return text.slice(from, to).trim();
  }
  return text.slice(a, b);
}

/** The set of a text's lines, trimmed (what `new Set(text.split('\n').map(trim))` gives, without the arrays). */
function trimmedLineSet(text: string): Set<string> {
  const set = new Set<string>();
  let from = 0;
  for (;;) {
    const to = text.indexOf('\n', from);
    if (to === -1) break;
    set.add(trimmedSlice(text, from, to));
    from = to + 1;
  }
  set.add(trimmedSlice(text, from, text.length));
  return set;
}

/**
 * A diff's changed lines. `prev` holds, per path, the after text (and its line set) of the
 * last diff given as before/after: when this diff's before is that text (the file edited
 * again), its line set is reused instead of split again.
 */
function computeChangedLines(e: Extract<SessionEvent, { kind: 'diff' }>, prev: Map<string, { text: string; lines: Set<string> }>): ChangedLines {
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

const NEAR_DUPLICATE = 0.8;

/**
 * Near-duplicate candidate texts (trigram Jaccard ≥ 0.8) count once. Candidates for a match
 * come from prefix filtering (two sets that similar must share one of their rarest
 * trigrams), so this stays near linear however many prompts a session has.
 */
function uniqueCandidateTexts(events: readonly SessionEvent[], ix: Indexes): Set<string> {
  // Identical texts (after normalizing) are duplicates outright; only distinct ones are compared.
  const distinct = new Map<string, string>(); // normalized text -> first event id
  const raw = new Set<string>(); // texts seen verbatim: no need to normalize them again
  for (const i of ix.candidateTexts) {
    const e = events[i]!;
    const text = promptText(e);
    if (raw.has(text)) continue;
    raw.add(text);
    if (!text.trim()) continue;
    const norm = normalize(text.length > 20_000 ? text.slice(0, 20_000) : text);
    if (!distinct.has(norm)) distinct.set(norm, e.id);
  }
  // Trigram sets as sorted runs of ranks, rarest trigram first (the order prefix filtering needs).
  // A trigram as one small integer: each distinct character gets an id, three ids make the
  // code (exact up to 1,023 distinct characters per session, which covers any alphabet's
  // everyday use; past that, rare collisions only blur the similarity slightly).
  const norms = [...distinct.keys()];
  const charId = new Uint16Array(65536); // UTF-16 code unit -> id, 0 = none yet
  let nextId = 0;
  let total = 0;
  for (const norm of norms) {
    for (let i = 0; i < norm.length; i++) {
      const ch = norm.charCodeAt(i);
      if (!charId[ch]) charId[ch] = (nextId++ % 1023) + 1;
    }
    if (norm.length > 2) total += norm.length - 2;
  }
  // Each distinct trigram gets a dense number (in order of first appearance) through a flat
  // table when the alphabet is small (the usual case), else through a map of codes.
  const base = Math.min(nextId, 1023) + 1;
  const table = base * base * base <= 1 << 21 ? new Int32Array(base * base * base) : undefined; // slot -> dense number + 1
  const byCode = new Map<number, number>();
  const codes: number[] = []; // dense number -> code
  const df: number[] = []; // dense number -> how many texts have it
  const lastText: number[] = []; // dense number -> the last text counted in df
  const grams = new Int32Array(total); // each text's distinct trigrams, text after text
  const startOf = new Int32Array(norms.length + 1);
  let w = 0;
  for (let t = 0; t < norms.length; t++) {
    const norm = norms[t]!;
    startOf[t] = w;
    if (norm.length < 3) continue;
    let a = charId[norm.charCodeAt(0)]!;
    let b = charId[norm.charCodeAt(1)]!;
    for (let i = 2; i < norm.length; i++) {
      const c3 = charId[norm.charCodeAt(i)]!;
      let g: number;
      if (table) {
        const slot = (a * base + b) * base + c3;
        g = table[slot]! - 1;
        if (g < 0) {
          g = codes.push((a << 20) | (b << 10) | c3) - 1;
          table[slot] = g + 1;
          df.push(0);
          lastText.push(-1);
        }
      } else {
        const code = (a << 20) | (b << 10) | c3;
        g = byCode.get(code) ?? -1;
        if (g < 0) {
          g = codes.push(code) - 1;
          byCode.set(code, g);
          df.push(0);
          lastText.push(-1);
        }
      }
      if (lastText[g] !== t) {
        lastText[g] = t;
        df[g]!++;
        grams[w++] = g;
      }
      a = b;
      b = c3;
    }
  }
  startOf[norms.length] = w;
  // Rank: rarest first, ties by code.
  const byRarity = codes.map((_, g) => g).sort((x, y) => df[x]! - df[y]! || codes[x]! - codes[y]!);
  const rank = new Int32Array(codes.length);
  byRarity.forEach((g, r) => (rank[g] = r));
  for (let k = 0; k < w; k++) grams[k] = rank[grams[k]!]!;
  for (let t = 0; t < norms.length; t++) if (startOf[t + 1]! - startOf[t]! > 1) grams.subarray(startOf[t], startOf[t + 1]).sort();

  // Prefix index: per rank, the kept texts whose prefix holds it (linked lists in flat arrays).
  const head = new Int32Array(codes.length).fill(-1);
  const entryNext: number[] = [];
  const entryText: number[] = [];
  const tried = new Int32Array(norms.length).fill(-1); // kept text -> the text that last compared with it
  let keptEmpty = false;
  const ids = new Set<string>();
  let t = -1;
  for (const id of distinct.values()) {
    t++;
    const from = startOf[t]!;
    const n = startOf[t + 1]! - from;
    // (The epsilon keeps 0.8 × 5 from rounding up to 5 and shortening the prefix.)
    const prefix = Math.min(n, n - Math.ceil(NEAR_DUPLICATE * n - 1e-9) + 1);
    let dup = n === 0 && keptEmpty;
    for (let p = 0; p < prefix && !dup; p++) {
      for (let en = head[grams[from + p]!]!; en !== -1; en = entryNext[en]!) {
        const k = entryText[en]!;
        if (tried[k] === t) continue;
        tried[k] = t;
        const m = startOf[k + 1]! - startOf[k]!;
        if (m < NEAR_DUPLICATE * n - 1e-9 || n < NEAR_DUPLICATE * m - 1e-9) continue; // sizes too far apart
        if (nearDuplicate(grams, startOf[k]!, m, from, n)) {
          dup = true;
          break;
        }
      }
    }
    if (dup) continue;
    if (n === 0) keptEmpty = true;
    for (let p = 0; p < prefix; p++) {
      const r = grams[from + p]!;
      entryNext.push(head[r]!);
      head[r] = entryText.push(t) - 1;
    }
    ids.add(id);
  }
  return ids;
}

/**
 * Trigram Jaccard ≥ NEAR_DUPLICATE, for two sorted runs of distinct numbers in `xs`. Stops as
 * soon as the matches still possible cannot reach it: the similarity only grows with the
 * intersection, so the bound decides exactly as the full count would.
 */
function nearDuplicate(xs: Int32Array, a: number, la: number, b: number, lb: number): boolean {
  if (la === 0 && lb === 0) return true;
  const aEnd = a + la;
  const bEnd = b + lb;
  const sum = la + lb;
  // The least intersection whose similarity, computed as inter / (sum - inter), reaches
  // NEAR_DUPLICATE (it grows with the intersection): then only integers are compared below.
  let need = Math.max(0, Math.floor((NEAR_DUPLICATE * sum) / (1 + NEAR_DUPLICATE)) - 2);
  while (need / (sum - need) < NEAR_DUPLICATE) need++;
  let i = a;
  let j = b;
  let inter = 0;
  while (i < aEnd && j < bEnd) {
    const x = xs[i]!;
    const y = xs[j]!;
    if (x === y) {
      inter++;
      i++;
      j++;
      continue;
    }
    if (x < y) i++;
    else j++;
    if (inter + Math.min(aEnd - i, bEnd - j) < need) return false;
  }
  return inter >= need;
}

function scoping(c: Ctx, unique: Set<string>): void {
  // "Tasks" start at the session start and after each commit; scoping is what the
  // candidate says before the first diff of each.
  const { events } = c;
  const { diffs, candidateTexts } = c.ix;
  let i = 0;
  let taskNo = 0;
  while (i < events.length) {
    const firstDiff = diffs[after(diffs, i - 1)] ?? -1;
    const end = firstDiff === -1 ? events.length : firstDiff;
    let prompts = 0;
    // Only candidate prompts, decisions and narration can be unique texts.
    for (let k = after(candidateTexts, i - 1); k < candidateTexts.length && candidateTexts[k]! < end; k++) {
      const e = events[candidateTexts[k]!]!;
      if (!unique.has(e.id)) continue;
      if (e.kind === 'decision') {
        push(c, { factor: 'scoping', rule: 'decision-before-diff', value: 0.9, eventIds: [e.id], spans: [], t: e.t, explanation: 'Recorded a decision before any code was written.' });
        continue;
      }
      if (e.kind !== 'prompt') continue;
      prompts++;
      const t = e.text;
      const kinds: [RegExp, string][] = [
        [CONSTRAINT, 'states constraints'],
        [STEPS, 'breaks the work into steps'],
        [PLAN, 'asks for a plan first'],
        [QUESTION, 'asks a clarifying question'],
      ];
      const found = kinds.map(([re, label]) => ({ label, hits: findCues(t, re, c.vocab) })).filter((k) => k.hits.length);
      const anchored = found.filter((k) => k.hits.some((h) => h.anchored));
      const spans = found.flatMap((k) => k.hits.slice(0, 2).map((h) => ({ eventId: e.id, start: h.start, end: h.end })));
      if (anchored.length) {
        push(c, { factor: 'scoping', rule: 'scoped-prompt', value: Math.min(1, 0.65 + 0.12 * anchored.length), eventIds: [e.id], spans, t: e.t, explanation: `Before the first edit, the prompt ${anchored.map((k) => k.label).join(', ')}, in terms of this task.` });
      } else {
        // Scoping words that name nothing of the task earn nothing: judged as if absent.
        // Judge length on the sentences that are about this task: padding does not un-terse a prompt.
        const grounded = sentences(t).filter(({ s: sen }) => anchoredIn(sen, c.vocab)).map(({ s: sen }) => sen).join(' ');
        const terse = prompts === 1 && grounded.trim().length < 80;
        const note = found.length ? ` (its scoping words name nothing of this task)` : '';
        if (terse) push(c, { factor: 'scoping', rule: 'terse-start', value: 0.1, eventIds: [e.id], spans: [{ eventId: e.id, start: 0, end: Math.min(t.length, 200) }], t: e.t, explanation: `The task started with a terse instruction: no grounded constraints, steps, plan or questions${note}.` });
        else push(c, { factor: 'scoping', rule: 'unscoped-prompt', value: 0.3, eventIds: [e.id], spans: [], t: e.t, explanation: `A prompt before the first edit with no grounded constraints, steps, plan or questions${note}.` });
      }
    }
    if (firstDiff === -1) break;
    // Next task: after the next commit following this diff.
    const commit = c.ix.commits[after(c.ix.commits, firstDiff)];
    if (commit === undefined) break;
    i = commit + 1;
    taskNo++;
    if (taskNo > 50) break;
  }
}

function tradeoffs(c: Ctx, unique: Set<string>): void {
  const reasoned: number[] = [];
  for (const idx of c.ix.candidateTexts) {
    const e = c.events[idx]!;
    if (!unique.has(e.id)) continue;
    if (e.kind === 'decision') {
      const alts = e.options.length >= 2;
      const why = !!e.rationale && (REASON.test(e.rationale) || CRITERION.test(e.rationale));
      const value = alts && why ? 0.95 : alts || e.rationale ? 0.7 : 0.45;
      push(c, { factor: 'tradeoffs', rule: 'decision', value, eventIds: [e.id], spans: [], t: e.t, explanation: alts && why ? `Chose "${e.chosen ?? '?'}" among ${e.options.length} options and gave the reason.` : 'A decision without both alternatives and a reason.' }, `dec:${normalize(e.question)}`);
      if (value >= 0.7) reasoned.push(idx);
      continue;
    }
    const t = promptText(e);
    if (!t) continue;
    const alt = findCues(t, ALTERNATIVE, c.vocab);
    const crit = findCues(t, CRITERION, c.vocab);
    const why = findCues(t, REASON, c.vocab);
    if (alt.length && crit.length && why.length) {
      const anchored = [...alt, ...crit, ...why].some((h) => h.anchored);
      push(
        c,
        {
          factor: 'tradeoffs',
          rule: anchored ? 'weighed-alternatives' : 'ungrounded-tradeoff-cue',
          value: anchored ? 0.9 : 0.55,
          eventIds: [e.id],
          spans: [alt[0]!, crit[0]!, why[0]!].map((h) => ({ eventId: e.id, start: h.start, end: h.end })),
          t: e.t,
          explanation: anchored ? 'Named an alternative, a criterion and a reason, about this code.' : 'Tradeoff words without naming anything of this session: little credit.',
        },
        anchored ? undefined : 'tradeoffs:ungrounded',
      );
      if (anchored) reasoned.push(idx);
    }
  }
  // Large changes: a new dependency, a schema/API file, or many lines. Was reasoning given
  // by the candidate shortly before?
  for (const idx of c.ix.diffs) {
    const e = c.events[idx] as Extract<SessionEvent, { kind: 'diff' }>;
    const { added, removed } = changedLines(c, idx);
    const big = added.length + removed.length >= 80;
    const dep = /(^|\/)(package\.json|requirements[\w-]*\.txt|pyproject\.toml|go\.mod|Cargo\.toml|Gemfile|pom\.xml|build\.gradle)$/.test(e.path) && added.some((l) => /["']?[\w@/.-]+["']?\s*[:=<>~^]/.test(l));
    const schema = /(schema|migration|\.proto$|\.graphql$|openapi|api\.)/i.test(e.path);
    if (!big && !dep && !schema) continue;
    const what = dep ? 'a dependency change' : schema ? 'an API or schema change' : `a large change (${added.length + removed.length} lines)`;
    const before = reasoned.filter((r) => r < idx && c.events[idx]!.t - c.events[r]!.t < 30 * 60_000);
    push(
      c,
      {
        factor: 'tradeoffs',
        rule: before.length ? 'reasoned-large-change' : 'unreasoned-large-change',
        value: before.length ? 0.85 : 0.2,
        eventIds: [e.id, ...before.slice(-1).map((r) => c.events[r]!.id)],
        spans: [],
        t: e.t,
        explanation: before.length ? `${what} in ${basename(e.path)} came after the candidate weighed alternatives.` : `${what} in ${basename(e.path)} with no tradeoff discussed by the candidate beforehand.`,
      },
      `large:${e.path}:${dep}:${schema}`,
    );
  }
}

function adversarial(c: Ctx, unique: Set<string>): void {
  const { events } = c;
  // "ok, looks good" right after an agent's diff, with nothing run or read in between.
  const rubberStamp = (e: Extract<SessionEvent, { kind: 'prompt' }>, o: Extract<SessionEvent, { kind: 'diff' }>, oi: number, i: number) => {
    let verified = false;
    for (let j = oi + 1; j < i && !verified; j++) {
      const x = events[j]!;
      verified = x.kind === 'command' || x.kind === 'test_run' || (x.kind === 'tool_call' && (x.category === 'read' || x.category === 'shell'));
    }
    if (!verified) push(c, { factor: 'adversarial', rule: 'rubber-stamp', value: 0.1, eventIds: [e.id, o.id], spans: [{ eventId: e.id, start: 0, end: e.text.length }], t: e.t, explanation: `Approved the edit to ${basename(o.path)} without anything being run or read in between.` });
  };
  let lastPrompt = -1;
  // Only candidate prompts and denied permissions count here.
  for (const i of merged(c.ix.candidatePrompts, c.ix.denials)) {
    const e = events[i]!;
    if (e.kind === 'approval') {
      push(c, { factor: 'adversarial', rule: 'denied-permission', value: 0.85, eventIds: [e.id], spans: [], t: e.t, explanation: `Refused the agent permission to use ${e.tool}.` }, `deny:${e.tool}:${e.reason ?? ''}`);
      continue;
    }
    if (e.kind !== 'prompt') continue;
    // Each candidate prompt answers the agent's latest output since the previous prompt.
    const from = lastPrompt;
    lastPrompt = i;
    if (!unique.has(e.id)) continue;
    let oi = -1;
    for (let j = i - 1; j > from; j--) {
      const x = events[j]!;
      if (x.actor !== 'candidate' && (x.kind === 'diff' || x.kind === 'response')) {
        oi = j;
        break;
      }
    }
    if (oi === -1) continue;
    const o = events[oi]!;
    if (o.kind !== 'diff' && o.kind !== 'response') continue;
    if (!CHALLENGE.test(e.text)) {
      if (APPROVAL_ONLY.test(e.text) && o.kind === 'diff') rubberStamp(e, o, oi, i);
      continue;
    }
    // The words of the output being answered: a challenge that names them is anchored to it.
    const outputVocab = new Set<string>();
    const text = o.kind === 'diff' ? `${o.path} ${changedLines(c, oi).added.join('\n')}\n${o.after ?? o.patch ?? ''}` : o.text;
    forEachWord(text, 0, Math.min(text.length, 8000), (start, end) => {
      const k = wordKey(text, start, end);
      if (c.vocab.has(k) || /[._/$-]|\d/.test(k)) outputVocab.add(k);
    });
    for (const num of text.slice(0, 8000).match(/\b\d{2,}\b/g) ?? []) outputVocab.add(num);
    if (o.kind === 'diff') {
      outputVocab.add(basename(o.path).toLowerCase());
      outputVocab.add(basename(o.path).toLowerCase().replace(/\.\w+$/, ''));
    }
    const hits = findCues(e.text, CHALLENGE, new Set(), outputVocab);
    const anchored = hits.filter((h) => h.anchored);
    if (anchored.length) {
      push(c, { factor: 'adversarial', rule: 'anchored-challenge', value: 0.95, eventIds: [e.id, o.id], spans: anchored.slice(0, 2).map((h) => ({ eventId: e.id, start: h.start, end: h.end })), t: e.t, explanation: `Challenged the agent's ${o.kind === 'diff' ? `edit to ${basename(o.path)}` : 'answer'}, naming what it got wrong.` });
    } else if (hits.length) {
      push(c, { factor: 'adversarial', rule: 'unanchored-challenge', value: 0.55, eventIds: [e.id, o.id], spans: hits.slice(0, 1).map((h) => ({ eventId: e.id, start: h.start, end: h.end })), t: e.t, explanation: 'Pushed back without naming anything from the agent’s output: little credit.' }, 'adv:unanchored');
    } else if (APPROVAL_ONLY.test(e.text) && o.kind === 'diff') rubberStamp(e, o, oi, i);
  }
  // Reverts of agent hunks: a later diff removes what an agent diff added (and restores what
  // it removed), after the candidate asked for it.
  for (const list of c.ix.diffsByPath.values()) {
    for (let a = 0; a < list.length - 1; a++) {
      const ia = list[a]!;
      const da = events[ia] as Extract<SessionEvent, { kind: 'diff' }>;
      if (da.actor === 'candidate') continue;
      const ca = changedLines(c, ia);
      if (ca.added.length + ca.removed.length === 0) continue;
      const addedA = new Set(ca.added);
      const removedA = new Set(ca.removed);
      // The next edits of the same file (a revert comes soon after, or it is a rewrite).
      for (let b = a + 1; b < Math.min(list.length, a + 26); b++) {
      const ib = list[b]!;
      const db = events[ib] as Extract<SessionEvent, { kind: 'diff' }>;
      const cb = changedLines(c, ib);
      const total = ca.added.length + ca.removed.length;
      // Cheap bound first: fewer changed lines than half of A's cannot undo half of A.
      if (cb.removed.length + cb.added.length < 0.5 * total) continue;
      let undone = 0;
      for (const l of cb.removed) if (addedA.has(l)) undone++;
      for (const l of cb.added) if (removedA.has(l)) undone++;
      const inv = undone / total;
      if (inv < 0.5) continue;
      const k = c.ix.candidateAsks[after(c.ix.candidateAsks, ia)];
      const asked = k !== undefined && k <= ib ? events[k] : undefined;
      if (asked || db.actor === 'candidate') {
        push(c, { factor: 'adversarial', rule: inv >= 0.9 ? 'reverted-agent-edit' : 'partly-reverted-agent-edit', value: inv >= 0.9 ? 0.9 : 0.75, eventIds: [db.id, da.id, ...(asked ? [asked.id] : [])], spans: [], t: db.t, explanation: `Had the agent's edit to ${basename(da.path)} ${inv >= 0.9 ? 'undone' : 'partly undone'}.` }, `revert:${da.path}:${normalize(ca.added.join(' ')).slice(0, 120)}`);
      }
      break;
      }
    }
  }
}

function selfCorrection(c: Ctx, unique: Set<string>): void {
  const { events } = c;
  // Does this candidate action change direction (not just "ok" or "try again")? Judged once each.
  const judged = new Map<SessionEvent, boolean>();
  // For each run of a check, the index of the first passing run from there on (or -1),
  // found when asked: walking forward to a pass or to a run already answered, and noting the
  // answer on the way, so each run is looked at about once however often it is asked.
  const nextPass = new Map<readonly number[], Int32Array>(); // -2: not known yet
  const nextPassFrom = (same: readonly number[], k: number) => {
    let np = nextPass.get(same);
    if (!np) nextPass.set(same, (np = new Int32Array(same.length).fill(-2)));
    let j = k;
    while (j < same.length && np[j] === -2 && isFailure(events[same[j]!]!)) j++;
    const found = j === same.length ? -1 : np[j] !== -2 ? np[j]! : same[j]!;
    for (let q = k; q <= j && q < same.length; q++) np[q] = found;
    return found;
  };
  const redirects = (x: SessionEvent) => {
    let r = judged.get(x);
    if (r === undefined) judged.set(x, (r = x.kind === 'interrupt' || x.kind === 'decision' || (x.kind === 'prompt' && !APPROVAL_ONLY.test(x.text) && !/^\s*(try again|again|retry|run it (?:once )?(?:more|again))\b/i.test(x.text))));
    return r;
  };
  // The latest candidate prompt, normalized only when a key needs it.
  let lastPrompt = -1;
  let lastPromptKey = -1;
  let lastPromptText = '';
  const lastPromptTextNow = () => {
    if (lastPromptKey !== lastPrompt) {
      lastPromptKey = lastPrompt;
      lastPromptText = normalize((events[lastPrompt] as Extract<SessionEvent, { kind: 'prompt' }>).text.slice(0, 1000)).slice(0, 80);
    }
    return lastPromptText;
  };
  // Only candidate prompts and failures count here.
  for (const i of merged(c.ix.candidatePrompts, c.ix.failures)) {
    const e = events[i]!;
    if (e.kind === 'prompt') lastPrompt = i;
    const wait = e.kind === 'prompt' && unique.has(e.id) && WAIT.test(e.text.slice(0, 200));
    if (!isFailure(e) && !wait) continue;
    const cmd = e.kind === 'command' ? e.cmd : e.kind === 'test_run' ? e.cmd ?? 'tests' : undefined;
    // The next few candidate actions after the failure.
    const from = after(c.ix.candidateActs, i);
    const next = c.ix.candidateActs.slice(from, from + 3).map((k) => events[k]!);
    const redirected = next.find(redirects);
    // Repeating the same failing command with nothing changed in between.
    if (cmd && e.kind === 'command') {
      const same = c.ix.commandRuns.get(e.cmd)!;
      const rerun = same[after(same, i)];
      if (rerun !== undefined && c.ix.diffsBefore[rerun] === c.ix.diffsBefore[i + 1] && isFailure(events[rerun]!)) {
        push(c, { factor: 'selfCorrection', rule: 'repeated-failure', value: 0.1, eventIds: [events[rerun]!.id, e.id], spans: [], t: events[rerun]!.t, explanation: `Ran \`${cmd.slice(0, 60)}\` again after it failed, with nothing changed in between.` }, `rerun:${cmd}:${lastPrompt === -1 ? '' : lastPromptTextNow()}`);
        continue;
      }
    }
    if (!redirected) {
      if (next.length) push(c, { factor: 'selfCorrection', rule: 'no-change-of-direction', value: 0.25, eventIds: [e.id, ...next.map((x) => x.id)], spans: [], t: e.t, explanation: 'After the failure, the next candidate actions did not change direction.' }, `nodir:${cmd ?? e.id}`);
      continue;
    }
    // Full credit when the same check later passes.
    let passes: SessionEvent | undefined;
    const same = sameChecks(c.ix, e);
    if (same !== undefined) {
      const k = nextPassFrom(same, after(same, i));
      if (k >= 0) passes = events[k];
    }
    push(
      c,
      {
        factor: 'selfCorrection',
        rule: passes ? 'corrected-and-verified' : 'changed-direction',
        value: passes ? 1 : 0.75,
        eventIds: [e.id, redirected.id, ...(passes ? [passes.id] : [])],
        spans: [],
        t: redirected.t,
        explanation: passes ? `Changed direction after ${wait ? 'second thoughts' : 'a failure'}, and the same check later passed.` : `Changed direction after ${wait ? 'second thoughts' : 'a failure'}.`,
      },
      `corr:${cmd ?? normalize(promptText(e)).slice(0, 60)}`,
    );
  }
}

/**
 * Could this pattern match differently on a text than on each of its lines: match a newline
 * (\s, \D, \W, \n, a negated class, a dot, an escape by code…) or anchor at ^ or $? (Conservative:
 * any doubt says yes.)
 */
const crossesLines = (re: RegExp) => re.source.includes('\\\\') || /\\[^bB]|\[\^|[.^$]/.test(re.source.replace(/\\[-.^$()[\]{}|?*+/ ]/g, ''));

function edgeCases(c: Ctx, unique: Set<string>): void {
  const task = c.task.toLowerCase();
  const inTask = EDGE_CATEGORIES.map((cat) => cat.re.test(task));
  let open = inTask.filter((x) => !x).length;
  const raised = new Map<string, { e: SessionEvent; i: number; start: number; end: number }>();
  for (let k = 0; k < c.ix.candidateTexts.length && open > 0; k++) {
    const i = c.ix.candidateTexts[k]!;
    const e = c.events[i]!;
    if (!unique.has(e.id)) continue;
    const t = promptText(e);
    if (!t) continue;
    EDGE_CATEGORIES.forEach((cat, n) => {
      if (inTask[n] || raised.has(cat.id)) return;
      const hit = findCues(t, cat.re, c.vocab).find((h) => h.anchored);
      if (hit) {
        raised.set(cat.id, { e, i, start: hit.start, end: hit.end });
        open--;
      }
    });
  }
  const { coverers } = c.ix;
  // What covers a category: a diff whose added lines (joined by newlines) match, or a passing
  // test run whose command does. All of them in one text, one per line, so a pattern that
  // cannot match across a newline is tested in one scan from the first one that counts.
  let all: { text: string; offsets: Int32Array } | undefined;
  const allCoverers = () => {
    if (!all) {
      const lines: string[] = [];
      const offsets = new Int32Array(coverers.length);
      let pos = 0;
      coverers.forEach((j, k) => {
        offsets[k] = pos;
        const x = c.events[j]!;
        for (const l of x.kind === 'diff' ? changedLines(c, j).added : [x.kind === 'test_run' ? x.cmd ?? '' : '']) {
          lines.push(l);
          pos += l.length + 1;
        }
      });
      all = { text: lines.join('\n'), offsets };
    }
    return all;
  };
  const covers = (j: number, re: RegExp) => {
    const x = c.events[j]!;
    return x.kind === 'diff' ? re.test(changedLines(c, j).added.join('\n')) : x.kind === 'test_run' && re.test(x.cmd ?? '');
  };
  // Is it covered by a diff or a passing test run at or after the time it was raised? Events
  // are sorted by time, so those are the ones from the first event at that time on.
  const later = (i: number, re: RegExp) => {
    const t = c.events[i]!.t;
    while (i > 0 && c.events[i - 1]!.t >= t) i--;
    const first = after(coverers, i - 1);
    if (first === coverers.length) return false;
    if (!crossesLines(re)) {
      const { text, offsets } = allCoverers();
      const g = globalOf(re);
      g.lastIndex = offsets[first]!;
      return g.test(text);
    }
    for (let k = first; k < coverers.length; k++) if (covers(coverers[k]!, re)) return true;
    return false;
  };
  EDGE_CATEGORIES.forEach((cat, k) => {
    if (inTask[k]) return; // the task statement raised it: no opportunity for the candidate
    const r = raised.get(cat.id);
    if (r) {
      const covered = later(r.i, cat.re);
      push(c, { factor: 'edgeCases', rule: covered ? 'edge-case-covered' : 'edge-case-raised', value: covered ? 1 : 0.8, eventIds: [r.e.id], spans: [{ eventId: r.e.id, start: r.start, end: r.end }], t: r.e.t, explanation: `Raised ${cat.label}, which the task did not mention${covered ? ', and later code or tests cover it' : ''}.` });
    } else if (unique.size >= MIN_OPPORTUNITIES) {
      // Not raising a category is only an opportunity missed when the candidate said
      // enough to have raised it: a session with one prompt (or none) is not judged on this.
      push(c, { factor: 'edgeCases', rule: 'edge-case-not-raised', value: 0.4, eventIds: [], spans: [], t: 0, explanation: `Never raised ${cat.label}.` });
    }
  });
}

function sequencing(c: Ctx): void {
  const { events } = c;
  // Candidate prompts that ask to read, and candidate commands that read: the only events
  // the backwards search below needs to look at.
  const readAsks = c.ix.candidateActs.filter((k) => {
    const x = events[k]!;
    return (x.kind === 'prompt' && READISH.test(x.text)) || (x.kind === 'command' && /\b(cat|less|head|grep|rg|sed -n)\b/.test(x.cmd));
  });
  const candidateAskedToRead = (before: number, path: string) => {
    const name = basename(path).toLowerCase();
    const sameFile = c.ix.diffsByPath.get(path)!;
    const prevEdit = sameFile[after(sameFile, before - 1) - 1] ?? -1;
    for (let r = after(readAsks, before - 1) - 1; r >= 0 && readAsks[r]! > prevEdit; r--) {
      const x = events[readAsks[r]!]!;
      if (isCandidate(x) && x.kind === 'prompt' && READISH.test(x.text) && (x.text.toLowerCase().includes(name) || /\b(the code|the file|codebase|repo(sitory)?)\b/i.test(x.text))) return x;
      if (isCandidate(x) && x.kind === 'command' && /\b(cat|less|head|grep|rg|sed -n)\b/.test(x.cmd) && x.cmd.includes(basename(path))) return x;
    }
    return false;
  };
  const firstTouch = new Set<string>();
  for (const i of c.ix.diffs) {
    const e = events[i] as Extract<SessionEvent, { kind: 'diff' }>;
    if (e.change === 'created' || firstTouch.has(e.path)) continue;
    firstTouch.add(e.path);
    const asked = candidateAskedToRead(i, e.path);
    push(c, {
      factor: 'sequencing',
      rule: asked ? 'read-before-write' : 'write-without-directed-read',
      value: asked ? 0.85 : 0.35,
      eventIds: [e.id, ...(asked ? [asked.id] : [])],
      spans: [],
      t: e.t,
      explanation: asked ? `Had ${basename(e.path)} read or searched before it was edited.` : `${basename(e.path)} was edited without the candidate asking for it to be read first (a read the agent's harness forces earns nothing).`,
    }, `rbw:${e.path}`);
  }
  const isTest = (x: SessionEvent) => x.kind === 'test_run' || (x.kind === 'command' && TESTISH.test(x.cmd));
  const directed = (j: number) => j >= c.ix.firstDirected;
  for (const i of c.ix.commits) {
    const e = events[i]!;
    const lastDiff = i > 0 ? c.ix.lastDiffAtOrBefore[i - 1]! : -1;
    if (lastDiff === -1) continue;
    let test: SessionEvent | undefined;
    for (let k = Math.max(lastDiff + 1, c.ix.firstDirected); k < i; k++) if (isTest(events[k]!)) {
      test = events[k];
      break;
    }
    push(c, { factor: 'sequencing', rule: test ? 'tested-before-commit' : 'committed-untested', value: test ? 0.9 : 0.15, eventIds: [e.id, ...(test ? [test.id] : [])], spans: [], t: e.t, explanation: test ? 'Tests ran after the last edit and before the commit.' : 'Committed without running tests after the last edit.' }, `commit:${e.kind === 'git_action' ? e.message ?? '' : e.kind === 'command' ? e.cmd : ''}`);
  }
  const lastDiff = events.length ? c.ix.lastDiffAtOrBefore[events.length - 1]! : -1;
  if (lastDiff !== -1) {
    let test: SessionEvent | undefined;
    for (let k = lastDiff + 1; k < events.length && !test; k++) if (isTest(events[k]!) && directed(k)) test = events[k];
    push(c, { factor: 'sequencing', rule: test ? 'tested-after-last-edit' : 'untested-at-end', value: test ? 0.85 : 0.2, eventIds: [events[lastDiff]!.id, ...(test ? [test.id] : [])], spans: [], t: events[lastDiff]!.t, explanation: test ? 'Tests ran after the last edit.' : 'Nothing was tested after the last edit.' });
  }
}

/** Runs every rule over a session. Deterministic: the same session gives the same result. */
export function extractEvidence(session: { meta: Pick<SessionMeta, 'task'>; events: readonly SessionEvent[] }): ClassifierResult {
  const events = [...session.events].sort((a, b) => a.t - b.t);
  const c: Ctx = { events, vocab: vocabulary(events, session.meta), task: `${session.meta.task.title}\n${session.meta.task.statement}`, out: [], seen: new Set(), ix: buildIndexes(events) };
  const unique = uniqueCandidateTexts(events, c.ix);
  scoping(c, unique);
  tradeoffs(c, unique);
  adversarial(c, unique);
  selfCorrection(c, unique);
  edgeCases(c, unique);
  sequencing(c);
  const byFactor = Object.fromEntries(FACTORS.map((f) => [f, [] as number[]])) as Record<FactorId, number[]>;
  c.out.forEach((e, i) => byFactor[e.factor].push(i));
  return { version: CLASSIFIER_VERSION, evidence: c.out, byFactor };
}

/** A factor's score from its evidence alone. */
export function factorScore(evidence: readonly Pick<Evidence, 'value'>[]): { score: number; opportunities: number; insufficient: boolean } {
  const n = evidence.length;
  let s = 0;
  for (const e of evidence) s += e.value;
  return { score: (100 * (s + K * PRIOR)) / (n + K), opportunities: n, insufficient: n < MIN_OPPORTUNITIES };
}

/** Per-factor evidence sums: weight-independent, computed once per result. */
const factorSums = new WeakMap<ClassifierResult, Record<FactorId, { sum: number; n: number }>>();

function sumsOf(result: ClassifierResult): Record<FactorId, { sum: number; n: number }> {
  let sums = factorSums.get(result);
  if (!sums) {
    sums = {} as Record<FactorId, { sum: number; n: number }>;
    for (const f of FACTORS) {
      let s = 0;
      for (const i of result.byFactor[f]) s += result.evidence[i]!.value;
      sums[f] = { sum: s, n: result.byFactor[f].length };
    }
    factorSums.set(result, sums);
  }
  return sums;
}

export type ScoreSummary = Pick<Scores, 'overall' | 'factors'>;

/**
 * The overall and factor scores under these weights, without per-evidence contributions or
 * the "why" text: what a ranking needs, in constant time per session once its sums are known.
 */
export function summarize(result: ClassifierResult, weights: Weights = DEFAULT_WEIGHTS): ScoreSummary {
  const sums = sumsOf(result);
  const factors = {} as Record<FactorId, FactorScore>;
  let usable = 0;
  for (const f of FACTORS) {
    const { sum, n } = sums[f];
    const insufficient = n < MIN_OPPORTUNITIES;
    factors[f] = { factor: f, score: (100 * (sum + K * PRIOR)) / (n + K), opportunities: n, insufficient, effectiveWeight: 0 };
    if (!insufficient) usable += weights[f];
  }
  let overall: number | null = null;
  if (usable > 0) {
    overall = 0;
    for (const f of FACTORS) {
      if (factors[f].insufficient) continue;
      factors[f].effectiveWeight = (weights[f] / usable) * 100;
      overall += (factors[f].score * factors[f].effectiveWeight) / 100;
    }
  }
  return { overall, factors };
}

/** Recombines cached evidence under weights (cheap: no re-extraction). */
export function combine(result: ClassifierResult, weights: Weights = DEFAULT_WEIGHTS): Scores {
  const { overall, factors } = summarize(result, weights);
  const contribution = result.evidence.map((e) => {
    const fs = factors[e.factor];
    const perFactor = (100 * (e.value - PRIOR)) / (fs.opportunities + K);
    return { factor: perFactor, overall: fs.insufficient ? 0 : (perFactor * fs.effectiveWeight) / 100 };
  });
  return { overall, factors, contribution, why: whyText(result, factors, contribution) };
}

function whyText(result: ClassifierResult, factors: Record<FactorId, FactorScore>, contribution: { overall: number }[]): string {
  const ranked = result.evidence.map((e, i) => ({ e, c: contribution[i]!.overall })).filter((x) => x.c !== 0);
  const firstTwo = (xs: typeof ranked) => {
    const seen = new Set<string>();
    const out: typeof ranked = [];
    for (const x of xs) {
      if (seen.has(x.e.explanation)) continue;
      seen.add(x.e.explanation);
      if (out.push(x) === 2) break;
    }
    return out;
  };
  const up = firstTwo([...ranked].sort((a, b) => b.c - a.c).filter((x) => x.c > 0));
  const down = firstTwo([...ranked].sort((a, b) => a.c - b.c).filter((x) => x.c < 0));
  const thin = FACTORS.filter((f) => factors[f].insufficient).map((f) => FACTOR_LABELS[f].toLowerCase());
  const parts: string[] = [];
  if (up.length) parts.push(`Raised most by: ${up.map((x) => x.e.explanation.replace(/\.$/, '')).join('; ')}.`);
  if (down.length) parts.push(`Lowered most by: ${down.map((x) => x.e.explanation.replace(/\.$/, '')).join('; ')}.`);
  if (thin.length) parts.push(`Too little evidence to score ${thin.join(', ')}; their weight is spread over the other factors.`);
  return parts.join(' ') || 'Too little evidence in this session to score it.';
}
