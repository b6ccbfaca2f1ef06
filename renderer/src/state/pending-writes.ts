/**
 * Writes the reviewer made that IndexedDB has not committed yet (a rating draft, an edited
 * reel, notes, a decision): saved as you go, without waiting. While any is in flight the
 * page's root says so with `aria-busy="true"`, so assistive technology, and a test that
 * reloads right after an edit, can wait for the edit to be stored.
 */
let pending = 0;

function show(): void {
  if (typeof document === 'undefined') return;
  if (pending > 0) document.documentElement.setAttribute('aria-busy', 'true');
  else document.documentElement.removeAttribute('aria-busy');
}

/** Counts `write` as in flight until it settles; returns it unchanged. */
export function tracked<T>(write: Promise<T>): Promise<T> {
  pending++;
  show();
  return write.finally(() => {
    pending--;
    show();
  });
}
