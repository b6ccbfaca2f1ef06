import { memo, useEffect, useMemo, useRef } from 'react';
import { highlightCodeBlocks } from '../../../components/highlight';
import { markdownEngine, useMarkdownHtml } from '../../../components/Markdown';

/**
 * The HTML of texts whose code blocks have been highlighted once, most recent last. A seek
 * remounts the messages it brings into view: with this they show their colours at once,
 * instead of being highlighted again (guessing a block's language costs milliseconds).
 */
const highlighted = new Map<string, string>();
const MAX_HIGHLIGHTED = 500;

function highlightedHtml(text: string): string | undefined {
  const html = highlighted.get(text);
  if (html !== undefined) {
    highlighted.delete(text);
    highlighted.set(text, html);
  }
  return html;
}

function remember(text: string, html: string): void {
  highlighted.set(text, html);
  if (highlighted.size > MAX_HIGHLIGHTED) highlighted.delete(highlighted.keys().next().value!);
}

/** Markdown rendered through the sanitiser, code blocks highlighted when the page is idle (once per text). */
export const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const rendered = useMarkdownHtml(text);
  const html = useMemo(() => highlightedHtml(text) ?? rendered, [text, rendered]);
  useEffect(() => {
    // Highlighting is cosmetic: do it when the page is idle, never inside a seek's frame.
    const el = ref.current;
    if (!el || highlighted.has(text) || !el.querySelector('pre code')) return;
    let live = true;
    const run = async () => {
      const [{ sanitizeHtml }] = await Promise.all([markdownEngine(), highlightCodeBlocks(el)]);
      // highlight.js only wraps the escaped code in spans; the result is sanitised again all the same.
      if (live) remember(text, sanitizeHtml(el.innerHTML));
    };
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 50));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const id = idle(() => void run());
    return () => {
      live = false;
      cancel(id);
    };
  }, [text, html]);
  // Sanitised (renderMarkdown, sanitizeHtml) or escaped (useMarkdownHtml, while the engine loads).
  return <div ref={ref} className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
});
