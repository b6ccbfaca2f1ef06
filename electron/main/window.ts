/** The main Baton window: hardened web preferences, shown once the renderer has painted. */
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from './location';

export function mainWindowOptions(o: { preloadPath: string; isDev: boolean; title?: string }): BrowserWindowConstructorOptions {
  return {
    title: o.title ?? 'Baton',
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: o.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: o.isDev,
    },
  };
}

export interface CreateWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  preloadPath: string;
  location: RendererLocation;
  isDev: boolean;
  /** Called with the new window's contents before anything loads (navigation guards). */
  guard: (win: BrowserWindowType) => void;
}

export function createMainWindow(d: CreateWindowDeps): BrowserWindowType {
  const win = new d.BrowserWindow(mainWindowOptions({ preloadPath: d.preloadPath, isDev: d.isDev }));
  d.guard(win);
  win.once('ready-to-show', () => win.show());
  loadRenderer(win, d.location);
  return win;
}

/** Loads the renderer's start page: the library, whatever the window showed before. */
export function loadRenderer(win: BrowserWindowType, location: RendererLocation): void {
  const loaded = location.kind === 'dev' ? win.loadURL(location.url) : win.loadFile(location.file);
  loaded.catch((e: unknown) => console.error(`[baton] the renderer failed to load: ${(e as Error)?.message ?? String(e)}`));
}
