/**
 * Near-duplicate candidate texts (trigram Jaccard >= 0.8) count once: pasting the same
 * prompt ten times, or a session concatenated with itself, does not multiply its evidence.
 */
import type { SessionEvent } from '../model/schema';
import type { Indexes } from './session-index';
import { normalize } from './text';
import { promptText } from './context';

const NEAR_DUPLICATE = 0.8;

/**
 * Near-duplicate candidate texts (trigram Jaccard ≥ 0.8) count once. Candidates for a match
 * come from prefix filtering (two sets that similar must share one of their rarest
 * trigrams), so this stays near linear however many prompts a session has.
 */
export function uniqueCandidateTexts(events: readonly SessionEvent[], ix: Indexes): Set<string> {
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
