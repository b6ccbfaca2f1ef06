/**
 * Syntax colours for the code blocks of rendered markdown. highlight.js (its common languages,
 * about 150 kB) runs in a worker, loaded on the first call, not with the app: the colours are
 * cosmetic and come after the text is shown. Guessing a block's language costs milliseconds to
 * tens of milliseconds; on the page's thread that work delayed the next seek's frame whenever
 * it fell between a seek and its paint. Without workers it runs on the page, as before.
 */
import * as Comlink from 'comlink';
import { highlightBlock, type CodeBlock, type HighlightedBlock } from './highlight-block';
import type { HighlightWorker } from './highlight-worker';
import { workerAnswers } from '../platform/worker-answers';

type Highlight = (blocks: CodeBlock[]) => Promise<(HighlightedBlock | null)[]>;
let highlighter: Promise<Highlight> | undefined;

async function onThePage(): Promise<Highlight> {
  const hljs = (await import('highlight.js/lib/common')).default;
  return (blocks) => Promise.resolve(blocks.map((b) => highlightBlock(hljs, b)));
}

async function inAWorker(): Promise<Highlight> {
  const worker = new Worker(new URL('./highlight-worker.ts', import.meta.url), { type: 'module', name: 'baton-highlight' });
  const remote = Comlink.wrap<HighlightWorker>(worker);
  await workerAnswers(worker, () => remote.ping(), 'highlighting');
  return (blocks) => remote.highlight(blocks);
}

function highlight(): Promise<Highlight> {
  highlighter ??= (typeof Worker === 'undefined' ? Promise.reject(new Error('no workers')) : inAWorker()).catch((e: unknown) => {
    console.warn('Highlighting worker unavailable, highlighting on the page:', e);
    return onThePage();
  });
  return highlighter;
}

/** Highlights every `pre code` under `root` not highlighted yet. */
export async function highlightCodeBlocks(root: HTMLElement): Promise<void> {
  const codes = [...root.querySelectorAll<HTMLElement>('pre code')].filter((c) => !c.dataset.highlighted);
  if (!codes.length) return;
  const blocks = codes.map((c) => ({ text: c.textContent, className: c.className, parentClassName: c.parentElement?.className ?? '' }));
  const done = await (await highlight())(blocks);
  done.forEach((r, i) => {
    const code = codes[i]!;
    if (!r || code.dataset.highlighted) return;
    code.innerHTML = r.html;
    code.dataset.highlighted = 'yes';
    code.classList.add(...r.classes);
  });
}
