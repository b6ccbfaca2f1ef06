/**
 * Markdown rendered ahead of time, in idle periods: a replay or side-by-side pane that will show
 * a session's messages renders them (marked, then DOMPurify) while the reviewer reads, so a seek
 * that brings a message into view for the first time finds its HTML in renderMarkdown's cache
 * instead of parsing and sanitising it inside the seek.
 */
import { markdownEngine, renderMarkdown } from './Markdown';
import { RenderCost } from './render-cost';

/** Idle time kept free in each idle period: a text is started only when it is expected to end this long before the period does (its cost is an estimate) (a reviewer reading leaves 50 ms idle periods, a seek every frame or two leaves short ones). */
const SLACK_MS = 5;
/** With no idle period long enough for this long, one text is rendered anyway: the work always ends. */
const PATIENCE_MS = 1000;

interface Deadline {
  didTimeout: boolean;
  timeRemaining(): number;
}
type Idle = (cb: (deadline: Deadline) => void, options: { timeout: number }) => number;

/** The idle-callback scheduler, or timers where there is none: each timer renders one text. */
const idleNow = (): { idle: Idle; cancel: (h: number) => void } =>
  globalThis.requestIdleCallback
    ? { idle: globalThis.requestIdleCallback.bind(globalThis), cancel: globalThis.cancelIdleCallback.bind(globalThis) }
    : { idle: (cb) => window.setTimeout(() => cb({ didTimeout: true, timeRemaining: () => 0 }), 50), cancel: (h) => window.clearTimeout(h) };

/**
 * Renders `texts` into the markdown cache in idle periods, once the engine has loaded: in each
 * period, in order, the texts expected to end before it does (a render that ran past it would
 * delay the next frame: the frame of a seek, while the reviewer scrubs); a text that would not
 * waits at the back for a longer period. Returns a function that stops it. `render` and `cost`
 * are for tests.
 */
export function prewarmMarkdown(texts: readonly string[], render: (text: string) => unknown = renderMarkdown, cost: Pick<RenderCost, 'estimate' | 'learn'> = new RenderCost()): () => void {
  let stopped = false;
  let handle: number | undefined;
  const { idle, cancel } = idleNow();
  const queue = [...texts];
  const step = (deadline: Deadline) => {
    handle = undefined;
    // Each text is looked at once per period; after a timeout, the first is rendered whatever it costs.
    let force = deadline.didTimeout;
    for (let looked = queue.length; !stopped && looked > 0; looked--) {
      // Once the period is spent, no text fits in it: the rest wait, in order, for the next.
      if (!force && deadline.timeRemaining() <= SLACK_MS) break;
      const text = queue.shift()!;
      if (!force && cost.estimate(text.length) > deadline.timeRemaining() - SLACK_MS) {
        queue.push(text);
        continue;
      }
      force = false;
      const start = performance.now();
      render(text);
      cost.learn(text.length, performance.now() - start);
    }
    if (!stopped && queue.length) handle = idle(step, { timeout: PATIENCE_MS });
  };
  void markdownEngine().then(() => {
    if (!stopped && queue.length) handle = idle(step, { timeout: PATIENCE_MS });
  });
  return () => {
    stopped = true;
    if (handle !== undefined) cancel(handle);
  };
}
