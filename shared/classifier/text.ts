/**
 * Text helpers the rules share: normalizing, sentences, identifier-like words and trimmed
 * line sets, written as character loops where they run on every line of every diff.
 */

export function normalize(text: string): string {
  const lower = text.toLowerCase();
  // ASCII text (the usual case): letters and digits are [a-z0-9], everything else becomes
  // one space per run, which is what the two Unicode-aware passes below give on it.
  if (!NON_ASCII.test(lower)) return lower.replace(/[^a-z0-9]+/g, ' ').trim();
  return lower.replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
}
const NON_ASCII = /[\u0080-\uffff]/;

/** Sentences: ended by . ! ? before whitespace (not inside `client.ts`), or by a newline. */
export function sentences(text: string): { s: string; start: number }[] {
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
export const basename = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

export const isWordCode = (ch: number) => (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
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
export function identifierEnd(text: string, start: number, end: number): number {
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
export function forEachWord(text: string, from: number, to: number, fn: (start: number, end: number) => boolean | void): boolean {
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
export function wordKey(text: string, start: number, end: number): string {
  while (end > start) {
    const ch = text.charCodeAt(end - 1);
    if (ch === 46 || ch === 44 || ch === 59 || ch === 58) end--;
    else break;
  }
  return text.slice(start, end).toLowerCase();
}

/**
 * text.slice(from, to).trim() with one string instead of two: ASCII whitespace is cut by
 * hand; at a non-ASCII character on either edge (which may be whitespace) trim() decides.
 */
export function trimmedSlice(text: string, from: number, to: number): string {
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
export function trimmedLineSet(text: string): Set<string> {
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

