/**
 * What a session talks about: the identifiers and file names of its task, diffs, commands,
 * tool calls and the agent's answers (`vocabulary`), and the plain content words of the
 * same (`sessionWords`). A cue in a candidate's sentence counts only when the sentence names
 * something of the session ("anchoring"): cue words alone earn nothing.
 */
import type { SessionEvent, SessionMeta } from '../model/schema';
import { basename, forEachWord, identifierEnd, wordKey } from './text';

/**
 * Tokens that name things in the session: file names, identifiers, commands. With `words`,
 * the plain content words of the same texts (and of tool inputs) are collected in the same
 * pass: what `anchoredSentence` counts as two shared words.
 */
export function vocabulary(events: readonly SessionEvent[], meta: Pick<SessionMeta, 'task'>, words?: Set<string>): Set<string> {
  const vocab = new Set<string>();
  const addPlain = (w: string) => {
    if (!STOP.has(w)) words!.add(w);
  };
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
      if (words) forEachPlainWord(line, line.length, addPlain);
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
      if (words) {
        for (const v of Object.values(e.input as Record<string, unknown>)) {
          if (typeof v !== 'string' || scanned.has(v)) continue;
          if (v.length < 200) scanned.add(v);
          forEachPlainWord(v, Math.min(v.length, 1000), addPlain);
        }
      }
    }
  }
  for (const w of ['the', 'this', 'that', 'with', 'from', 'have', 'should', 'would', 'could', 'there', 'about']) vocab.delete(w);
  return vocab;
}

/** Does this sentence name something of the session? */
export function anchoredIn(sentence: string, vocab: ReadonlySet<string>, extra?: ReadonlySet<string>): boolean {
  const named = forEachWord(sentence, 0, sentence.length, (start, end) => {
    const k = wordKey(sentence, start, end);
    return vocab.has(k) || extra?.has(k);
  });
  if (named) return true;
  if (extra) for (const n of sentence.match(/\b\d{2,}\b/g) ?? []) if (extra.has(n)) return true;
  return /`[^`]+`|\b\d+(\.\d+)?\s*(ms|s|kb|mb|%|x)\b/i.test(sentence);
}

/** Function words and generic verbs: they say nothing about what a sentence is about. */
const STOP = new Set(
  `about able above actually after again against already also always another anything arent around back because been before being below between both cannot cant come could didnt does doesnt doing done dont down during each even ever every from further getting give going gonna have havent having here heres into isnt ive just kind know lets like looks make maybe mean might more most much must need needs never next none okay once only other ought over please pretty probably quite rather really right same seem seems shall should show since some something still such sure take than thank thanks that thats their them then there theres these they thing things think this those though through today together very want wanted wants well went were weve what whats when where which while will with within without wont would yeah your youre yours`
    .split(' '),
);

/** Words of the cue families themselves: a sentence is not "about the session" by its cues. */
export function cueWords(...families: RegExp[]): Set<string> {
  const out = new Set<string>();
  for (const re of families) for (const w of re.source.toLowerCase().match(/[a-z]{4,}/g) ?? []) out.add(w);
  return out;
}

const WORD = /[a-z][a-z'-]{3,}/g;

const isLetter = (ch: number) => (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90);

/** Calls fn with each match of /[a-z][a-z'-]{3,}/ in the lowercased text[0, end), lowercased. */
function forEachPlainWord(text: string, end: number, fn: (w: string) => void): void {
  let p = 0;
  while (p < end) {
    if (!isLetter(text.charCodeAt(p))) {
      p++;
      continue;
    }
    let upper = text.charCodeAt(p) < 97;
    let q = p + 1;
    for (;;) {
      if (q >= end) break;
      const ch = text.charCodeAt(q);
      if (ch >= 97 && ch <= 122) q++;
      else if ((ch >= 65 && ch <= 90) || ch === 39 || ch === 45) {
        if (ch <= 90 && ch >= 65) upper = true;
        q++;
      } else break;
    }
    if (q - p >= 4) fn(upper ? text.slice(p, q).toLowerCase() : text.slice(p, q));
    p = q;
  }
}

/** The content words of a sentence (what anchoring counts). */
export function contentWords(sentence: string, exclude: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const w of sentence.toLowerCase().match(WORD) ?? []) if (!STOP.has(w) && !exclude.has(w) && !out.includes(w)) out.push(w);
  return out;
}

/**
 * Does this sentence name something of the session: an identifier, file or command of it,
 * inline code, a quantity with a unit, or at least two content words (not cue words) that
 * the session's task, diffs, commands or agent answers also use?
 */
export function anchoredSentence(sentence: string, vocab: ReadonlySet<string>, words: ReadonlySet<string>, cues: ReadonlySet<string>): boolean {
  if (anchoredIn(sentence, vocab)) return true;
  let shared = 0;
  for (const w of contentWords(sentence, cues)) if (words.has(w) && ++shared >= 2) return true;
  return false;
}
