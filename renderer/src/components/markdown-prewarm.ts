/**
 * Markdown rendered ahead of time, in idle periods: a replay or side-by-side pane that will show
 * a session's messages renders them (marked, then DOMPurify) while the reviewer reads, so a seek
 * that brings a message into view for the first time finds its HTML in renderMarkdown's cache
 * instead of parsing and sanitising it inside the seek.
 */
import { markdownEngine, renderMarkdown } from './Markdown';

/** Idle time kept free in each idle period: a text is started only with more than this left (a long message renders in a few milliseconds; a reviewer reading leaves 50 ms idle periods, a seek every frame or two leaves short ones, which this keeps out of). */
const SLACK_MS = 8;

type Idle = (cb: (deadline: { timeRemaining(): number }) => void) => number;

/**
 * Renders `texts` (in order) into the markdown cache, a few at a time in idle periods, once the
 * engine has loaded. Returns a function that stops it.
 */
export function prewarmMarkdown(texts: readonly string[]): () => void {
  let stopped = false;
  let handle: number | undefined;
  const idle: Idle = globalThis.requestIdleCallback?.bind(globalThis) ?? ((cb) => window.setTimeout(() => cb({ timeRemaining: () => 8 }), 50));
  const cancel = globalThis.cancelIdleCallback?.bind(globalThis) ?? window.clearTimeout;
  let next = 0;
  const step = (deadline: { timeRemaining(): number }) => {
    handle = undefined;
    while (!stopped && next < texts.length && deadline.timeRemaining() > SLACK_MS) renderMarkdown(texts[next++]!);
    if (!stopped && next < texts.length) handle = idle(step);
  };
  void markdownEngine().then(() => {
    if (!stopped && texts.length) handle = idle(step);
  });
  return () => {
    stopped = true;
    if (handle !== undefined) cancel(handle);
  };
}
