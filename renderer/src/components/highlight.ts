/**
 * Syntax colours for the code blocks of rendered markdown. highlight.js (its common languages,
 * about 150 kB) loads on the first call, not with the app: the colours are cosmetic and come
 * after the text is shown.
 */
import type { HLJSApi } from 'highlight.js';

let loading: Promise<HLJSApi> | undefined;

/** Highlights every `pre code` under `root` not highlighted yet. */
export async function highlightCodeBlocks(root: HTMLElement): Promise<void> {
  loading ??= import('highlight.js/lib/common').then((m) => m.default);
  const hljs = await loading;
  root.querySelectorAll<HTMLElement>('pre code').forEach((code) => {
    if (!code.dataset.highlighted) hljs.highlightElement(code);
  });
}
