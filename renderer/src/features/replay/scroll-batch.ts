/**
 * Scroll writes held until React has committed the seek that asked for them, and the seek's
 * layout done in its own task. A list that follows the clock works out its new scroll position
 * in the clock's listener, before React renders the seek (so that render already holds the
 * rows of the new position), but writing `scrollTop` then would leave the layout of the seek's
 * new content to the frame after it: the seek's task ended early and the frame, which must
 * lay out, paint and commit before the seek is seen, did the most work (in a trace of a real
 * session's replay: style and layout were 3-4 ms of that frame's 10). Held, the writes are
 * made in the commit (flushScrollWrites, from a layout effect of every scroll-synced list):
 * the first write lays out every pane's new content once, in the seek's task, and the frame
 * only paints. A list that renders again before that frame (the conversation, once it has
 * measured the messages it brought in) lays out its change in that commit too. With several
 * lists following one seek (the panes of the side-by-side view) that is one layout for all of
 * them, where writes before the render met a layout another pane's change had dirtied.
 */
const pending = new Map<HTMLElement, number>();
let depth = 0;
/** Set from a held seek until the next frame starts: commits lay out what they changed. */
let settling = false;
/** The next frame's callback: ends the seek and makes any write no commit made (a seek no list re-rendered for). */
let frame: number | ReturnType<typeof setTimeout> | undefined;

const nextFrame = (fn: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 16));

function writeAll(): void {
  if (pending.size === 0) return;
  const writes = [...pending];
  pending.clear();
  for (const [el, top] of writes) el.scrollTop = top;
}

function frameStarted(): void {
  frame = undefined;
  settling = false;
  writeAll();
}

/**
 * Sets `el.scrollTop`: at once outside holdScrollWrites; inside it, at the next
 * flushScrollWrites, or at the start of the next frame when no commit flushed it first.
 */
export function writeScrollTop(el: HTMLElement, top: number): void {
  if (depth === 0) el.scrollTop = top;
  else pending.set(el, top);
}

/** Runs `fn` (a clock listener), holding back the scroll writes it makes until the commit after it. */
export function holdScrollWrites<T>(fn: () => T): T {
  depth++;
  settling = true;
  frame ??= nextFrame(frameStarted);
  try {
    return fn();
  } finally {
    depth--;
  }
}

/**
 * From a layout effect (React has committed): makes every held write, the last per element,
 * in the order they were first asked for; and until the frame after a seek, brings layout up
 * to date (`el` is the list's scroll element), so that frame has nothing left to lay out.
 */
export function flushScrollWrites(el?: HTMLElement | null): void {
  writeAll();
  // Reading a layout value lays the page out now, in the seek's task (it costs nothing when
  // the layout is clean: a commit that changed nothing).
  if (settling && el) void el.offsetHeight;
}
