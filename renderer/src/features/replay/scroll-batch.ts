/**
 * Scroll writes made together. Writing `scrollTop` makes the browser bring layout up to date
 * first; when several lists follow one seek (the panes of the side-by-side view) and something
 * between their writes changes the page (a pane's playhead moving), every write pays for its own
 * layout. Inside batchScrollWrites the writes wait, and are made one after another at its end:
 * one layout for all of them.
 */
let depth = 0;
const pending = new Map<HTMLElement, number>();

/** Sets `el.scrollTop`, at once or, inside batchScrollWrites, when the outermost batch ends. */
export function writeScrollTop(el: HTMLElement, top: number): void {
  if (depth > 0) pending.set(el, top);
  else el.scrollTop = top;
}

/** Runs `fn`, holding back the scroll writes it makes until it has returned. */
export function batchScrollWrites<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    if (depth === 0 && pending.size) {
      const writes = [...pending];
      pending.clear();
      for (const [el, top] of writes) el.scrollTop = top;
    }
  }
}
