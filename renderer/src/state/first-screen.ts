/**
 * When the first screen the reviewer asked for is on the page: the library's rows, or a
 * replay's first events. Work that can wait (starting the import worker) waits for it, so it
 * does not compete with that screen; a route that never says so is let through after a while.
 */
const FALLBACK_MS = 5_000;

let shown: () => void = () => {};
const firstScreen = new Promise<void>((resolve) => {
  shown = resolve;
});

/** Called by the screen once its content is rendered (only the first call counts). */
export function firstScreenShown(): void {
  shown();
}

/** Resolves once the first screen is shown, or after FALLBACK_MS. */
export function whenFirstScreenShown(): Promise<void> {
  setTimeout(shown, FALLBACK_MS);
  return firstScreen;
}
