/**
 * A renderer that crashes (out of memory on a hostile file, a GPU fault) would leave the
 * window blank: Electron keeps the window and shows nothing. Here the window goes back to
 * the library (not the session it was showing, which may crash it again) and says what
 * happened. After a few crashes it stops reloading and only says so.
 */
export interface CrashWatchDeps {
  /** Loads the renderer's start page (the library). */
  reload: () => void;
  /** Shows a message box over the window; never blocks the main process. */
  tell: (message: string, detail: string) => void;
}

interface GoneDetails {
  reason: string;
  exitCode?: number;
}

interface WatchableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: GoneDetails) => void): unknown;
}

/** Crashes of one window that Baton recovers from by reloading; past them it only says so. */
export const MAX_RELOADS = 3;

export function watchRendererCrashes(contents: WatchableContents, deps: CrashWatchDeps): void {
  let crashes = 0;
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    crashes++;
    const why = details.reason === 'oom' ? 'ran out of memory' : details.reason === 'crashed' ? 'crashed' : `stopped (${details.reason})`;
    const detail = 'The sessions in your library are safe. An import that was running was cancelled and left nothing behind.';
    if (crashes > MAX_RELOADS) {
      deps.tell(`Baton's window ${why} again and was not reloaded.`, `${detail} Quit and restart Baton to continue.`);
      return;
    }
    console.error(`[baton] the renderer ${why}; reloading the library`);
    deps.reload();
    deps.tell(`Baton's window ${why} and was reloaded.`, detail);
  });
}
