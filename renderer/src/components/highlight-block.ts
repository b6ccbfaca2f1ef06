/**
 * One code block's highlighting, away from the DOM: highlight.js's own highlightElement run on
 * a stand-in element holding the block's text and classes, so the colours, the language it
 * picks and the classes it adds are exactly what it would give the real element. Runs in the
 * highlighting worker (highlight-worker.ts), or on the page where there is no worker.
 */
import type { HLJSApi } from 'highlight.js';

/** What highlightElement reads from a `pre code` element. */
export interface CodeBlock {
  text: string;
  className: string;
  /** The `pre` element's classes (a language may be named there). */
  parentClassName: string;
}

/** What it would change: the element's HTML (highlight.js escapes the code) and the classes it adds; null when it leaves the block alone. */
export interface HighlightedBlock {
  html: string;
  classes: string[];
}

export function highlightBlock(hljs: HLJSApi, block: CodeBlock): HighlightedBlock | null {
  let html: string | undefined;
  const classes: string[] = [];
  const standIn = {
    className: block.className,
    parentNode: { className: block.parentClassName },
    dataset: {} as Record<string, string>,
    children: { length: 0 },
    textContent: block.text,
    set innerHTML(v: string) {
      html = v;
    },
    classList: { add: (c: string) => void classes.push(c) },
  };
  hljs.highlightElement(standIn as unknown as HTMLElement);
  return html === undefined ? null : { html, classes };
}
