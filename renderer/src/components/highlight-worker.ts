/** The highlighting worker: highlight.js off the page's main thread (components/highlight.ts). */
import * as Comlink from 'comlink';
import hljs from 'highlight.js/lib/common';
import { highlightBlock, type CodeBlock, type HighlightedBlock } from './highlight-block';

// A block's text is plain text (marked escapes code); the warning about HTML in a block has no element to show here.
hljs.configure({ ignoreUnescapedHTML: true });

const api = {
  highlight: (blocks: CodeBlock[]): (HighlightedBlock | null)[] => blocks.map((b) => highlightBlock(hljs, b)),
  ping: () => true,
};
export type HighlightWorker = typeof api;
Comlink.expose(api);
