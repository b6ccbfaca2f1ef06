/**
 * Decides how much of an untrusted markdown text is rendered as markdown. marked recurses
 * once per level of nesting (10,000 `>` overflow the stack) and its list handling grows
 * faster than linearly (1 MB of nested list items took 26 s on the main thread), so a text
 * that is too long or too deeply nested is shown as plain text instead, and a text too long
 * to show at all is clipped with a note. Pure: unit-tested without a DOM.
 */

/** Longer texts are shown as plain text. */
export const MAX_MARKDOWN_CHARS = 100_000;
/** Deeper nesting (block quotes plus list indentation) is shown as plain text. */
export const MAX_MARKDOWN_DEPTH = 16;
/** Plain text shown at most; the rest is counted in a note. */
export const MAX_DISPLAY_CHARS = 1_000_000;

export type MarkdownPlan =
  | { mode: 'markdown'; text: string }
  | { mode: 'plain'; text: string; why: 'long' | 'deep' | 'error'; hiddenChars: number };

/** Deepest nesting of any line: each `>` and list marker, and each 2 columns of indentation before one, count one level. Linear. */
export function nestingDepth(src: string, stopAt = MAX_MARKDOWN_DEPTH + 1): number {
  let max = 0;
  let depth = 0;
  let indent = 0;
  let atStart = true;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      atStart = true;
      depth = 0;
      indent = 0;
      continue;
    }
    if (!atStart) continue;
    if (c === 62 /* > */ || c === 45 || c === 42 || c === 43 /* - * + */) {
      // A quote or list marker is one level, plus the indentation before it; the space
      // after it is padding.
      depth += 1 + Math.floor(indent / 2);
      indent = 0;
    } else if (c === 32) indent++;
    else if (c === 9) indent += 4;
    else if (c >= 48 && c <= 57 && orderedMarkerEnd(src, i) !== -1) {
      // "1." or "1)": an ordered list marker, one level like "-".
      depth += 1 + Math.floor(indent / 2);
      indent = 0;
      i = orderedMarkerEnd(src, i);
    } else {
      atStart = false;
      const d = depth + Math.floor(indent / 2);
      if (d > max) {
        max = d;
        if (max >= stopAt) return max;
      }
    }
  }
  return Math.max(max, depth + Math.floor(indent / 2));
}

/** Index of the "." or ")" ending an ordered list marker that starts at i (up to 9 digits, then a blank), else -1. */
function orderedMarkerEnd(src: string, i: number): number {
  let j = i;
  while (j < src.length && j - i < 9 && src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 57) j++;
  const c = src.charCodeAt(j);
  if (c !== 46 && c !== 41) return -1;
  const next = src.charCodeAt(j + 1);
  return next === 32 || next === 9 || next === 10 || Number.isNaN(next) ? j : -1;
}

export function planMarkdown(src: string): MarkdownPlan {
  if (src.length > MAX_MARKDOWN_CHARS) return plain(src, 'long');
  if (nestingDepth(src) > MAX_MARKDOWN_DEPTH) return plain(src, 'deep');
  return { mode: 'markdown', text: src };
}

export function plain(src: string, why: 'long' | 'deep' | 'error'): MarkdownPlan {
  const hiddenChars = Math.max(0, src.length - MAX_DISPLAY_CHARS);
  return { mode: 'plain', text: hiddenChars ? src.slice(0, MAX_DISPLAY_CHARS) : src, why, hiddenChars };
}

const NOTES = {
  long: 'This text is too long to format; it is shown as plain text.',
  deep: 'This text is nested too deeply to format; it is shown as plain text.',
  error: 'This text could not be formatted; it is shown as plain text.',
} as const;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** HTML for a plain-text plan: the text escaped, with a note saying why and what was left out. */
export function plainHtml(p: Extract<MarkdownPlan, { mode: 'plain' }>): string {
  const more = p.hiddenChars ? ` The last ${p.hiddenChars.toLocaleString('en-US')} characters are not shown.` : '';
  return `<p class="md-note">${NOTES[p.why]}${more}</p><pre class="md-plain">${escapeHtml(p.text)}</pre>`;
}
