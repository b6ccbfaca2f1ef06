/**
 * Text edits and diffs whose work is bounded by the size of the input that asked for them.
 *
 * A log can ask for unbounded work in a few bytes: a Claude Code MultiEdit of 28
 * `replace_all` edits from "a" to "aa" doubles the file 28 times (2.4 KB of input, 1.6 GB
 * of text), and a diff of two unrelated 20,000-line texts costs Myers' algorithm
 * O((N + M) · D) with D near N + M. Both give up here instead: the callers fall back to
 * what the log itself says (a patch of the edit's own strings, or a plain replace-all
 * patch), so an import always finishes in time linear in its input.
 */
import { createTwoFilesPatch as unboundedTwoFilesPatch } from 'diff';

/** Largest text an edit may produce, in UTF-16 code units. */
export const MAX_EDIT_RESULT_CHARS = 32 * 1024 * 1024;
/** Work (characters scanned and written) a list of edits may cost per character of its input, beyond a fixed floor. */
const EDIT_WORK_PER_INPUT_CHAR = 64;
const EDIT_WORK_FLOOR = 256 * 1024;

/** Largest edit distance (lines) a diff may search for before it falls back to a plain replace. */
export const MAX_DIFF_EDIT_LENGTH = 500;
/** Texts larger than this (both sides together, characters) are never diffed line by line. */
export const MAX_DIFF_INPUT_CHARS = 8 * 1024 * 1024;

export interface TextEdit {
  old: string;
  new: string;
  all: boolean;
}

/** Occurrences of `needle` in `text` (non-overlapping, left to right), counting at most `max`. */
function countOccurrences(text: string, needle: string, max: number): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1 && n < max; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Applies Claude Code's Edit / MultiEdit semantics (the first occurrence, or every one with
 * `all`) in order. Undefined when an edit does not apply (its text is missing or empty), when
 * the result would grow past MAX_EDIT_RESULT_CHARS, or when the edits together would cost
 * more work than the budget their own size allows.
 */
export function applyEditsBounded(original: string, edits: readonly TextEdit[], maxChars = MAX_EDIT_RESULT_CHARS): string | undefined {
  let inputChars = original.length;
  for (const e of edits) inputChars += e.old.length + e.new.length;
  let budget = EDIT_WORK_FLOOR + EDIT_WORK_PER_INPUT_CHAR * inputChars;
  let text = original;
  for (const e of edits) {
    if (e.old === '') return undefined;
    budget -= text.length;
    if (budget < 0) return undefined;
    if (!e.all) {
      const at = text.indexOf(e.old);
      if (at === -1) return undefined;
      const grown = text.length - e.old.length + e.new.length;
      if (grown > maxChars) return undefined;
      text = text.slice(0, at) + e.new + text.slice(at + e.old.length);
      budget -= grown;
      continue;
    }
    const growth = e.new.length - e.old.length;
    // Only a growing edit can overflow; count just far enough to know.
    const limit = growth > 0 ? Math.floor((maxChars - text.length) / growth) + 1 : Number.MAX_SAFE_INTEGER;
    const n = countOccurrences(text, e.old, limit);
    if (n === 0) return undefined;
    if (growth > 0 && n >= limit) return undefined;
    const grown = text.length + n * growth;
    budget -= grown;
    if (budget < 0) return undefined;
    text = text.split(e.old).join(e.new);
  }
  return text;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A unified diff that replaces every line of `before` with every line of `after`: what the
 * bounded diff falls back to. Linear in the texts.
 */
export function replaceAllPatch(oldFileName: string, newFileName: string, before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const out = [`--- ${oldFileName}`, `+++ ${newFileName}`];
  if (a.length || b.length) {
    out.push(`@@ -${a.length ? 1 : 0},${a.length} +${b.length ? 1 : 0},${b.length} @@`);
    for (const l of a) out.push(`-${l}`);
    if (before !== '' && !before.endsWith('\n')) out.push('\\ No newline at end of file');
    for (const l of b) out.push(`+${l}`);
    if (after !== '' && !after.endsWith('\n')) out.push('\\ No newline at end of file');
  }
  return `${out.join('\n')}\n`;
}

/**
 * `createTwoFilesPatch` from the `diff` package with its work bounded: the search gives up
 * past MAX_DIFF_EDIT_LENGTH line edits (O((N + M) · D) stays linear in the input), and texts
 * over MAX_DIFF_INPUT_CHARS are not searched at all. Either way the result is a correct
 * patch, only a coarser one (every old line removed, every new line added).
 */
export function createTwoFilesPatch(
  oldFileName: string,
  newFileName: string,
  oldStr: string,
  newStr: string,
  oldHeader?: string,
  newHeader?: string,
  options: { context?: number } = {},
): string {
  if (oldStr.length + newStr.length <= MAX_DIFF_INPUT_CHARS) {
    const patch = unboundedTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, { ...options, maxEditLength: MAX_DIFF_EDIT_LENGTH });
    if (patch !== undefined) return patch;
  }
  return replaceAllPatch(oldFileName, newFileName, oldStr, newStr);
}
