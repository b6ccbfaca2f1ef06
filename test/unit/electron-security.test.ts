/**
 * Main-process hardening, with `electron` mocked: window preferences, CSP on every response,
 * navigation / window.open / webview denied, permissions denied, sandbox enabled, and the
 * dev-server URL honoured only for an unpackaged app on this machine.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, devContentSecurityPolicy } from '../../shared/csp';
import { IpcArgs, MENU_COMMAND_CHANNEL } from '../../shared/ipc';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  class FakeContents {
    id: number;
    listeners = new Map<string, Listener[]>();
    openHandler: ((d: unknown) => unknown) | undefined;
    send = vi.fn();
    constructor(id: number) {
      this.id = id;
    }
    on(name: string, fn: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    setWindowOpenHandler(fn: (d: unknown) => unknown) {
      this.openHandler = fn;
    }
    isDestroyed() {
      return false;
    }
    /** Emits a navigation-like event; returns whether a listener prevented it. */
    emitPreventable(name: string, url: string): boolean {
      let prevented = false;
      const event = { url, preventDefault: () => (prevented = true) };
      for (const fn of this.listeners.get(name) ?? []) fn(event, url);
      return prevented;
    }
  }
  const windows: FakeWindow[] = [];
  class FakeWindow {
    static getAllWindows = () => windows;
    options: Record<string, unknown>;
    webContents: FakeContents;
    loadURL = vi.fn(async (_u: string) => undefined);
    loadFile = vi.fn(async (_f: string) => undefined);
    show = vi.fn();
    constructor(options: Record<string, unknown>) {
      this.options = options;
      this.webContents = new FakeContents(100 + windows.length);
      windows.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
  }
  const appHandlers = new Map<string, Listener>();
  const state = { packaged: false };
  const headerListeners: Listener[] = [];
  const session = {
    webRequest: { onHeadersReceived: vi.fn((fn: Listener) => headerListeners.push(fn)) },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  const handles = new Map<string, Listener>();
  const menu = { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() };
  const app = {
    get isPackaged() {
      return state.packaged;
    },
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    on: vi.fn((name: string, fn: Listener) => appHandlers.set(name, fn)),
    whenReady: vi.fn(() => Promise.resolve()),
    isReady: () => true,
    quit: vi.fn(),
    getPath: vi.fn(() => '/home/reviewer/Downloads'),
    getVersion: () => '0.1.0',
  };
  return { FakeContents, FakeWindow, windows, appHandlers, state, headerListeners, session, handles, menu, app };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  session: { defaultSession: fake.session },
  ipcMain: { handle: (c: string, fn: (...a: unknown[]) => unknown) => fake.handles.set(c, fn), removeHandler: (c: string) => fake.handles.delete(c) },
  Menu: fake.menu,
  dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
  shell: { openExternal: vi.fn() },
}));

const { startApp } = await import('../../electron/main/app');
const { mainWindowOptions } = await import('../../electron/main/window');
const { guardWebContents, installCsp, denyAllPermissions } = await import('../../electron/main/security');
const { resolveRendererLocation, isRendererUrl, isAllowedNavigation } = await import('../../electron/main/location');

const MAIN_DIR = join('/opt', 'baton', 'out', 'main');
const RENDERER_FILE = join('/opt', 'baton', 'out', 'renderer', 'index.html');
const RENDERER_URL = pathToFileURL(RENDERER_FILE).href;

beforeEach(() => {
  vi.clearAllMocks();
  fake.windows.length = 0;
  fake.appHandlers.clear();
  fake.headerListeners.length = 0;
  fake.handles.clear();
  fake.state.packaged = false;
});

async function start(env: Record<string, string> = {}, platform: NodeJS.Platform = 'linux') {
  const baton = startApp({ mainDir: MAIN_DIR, env, platform });
  await baton.ready;
  return baton;
}

/** Runs the CSP listener main installed on a response and returns the headers it sends on. */
function respond(headers: Record<string, string[]>): Record<string, string | string[]> {
  expect(fake.headerListeners).toHaveLength(1);
  let out: Record<string, string | string[]> | undefined;
  fake.headerListeners[0]!({ url: 'file:///x', responseHeaders: headers }, (r: { responseHeaders: Record<string, string | string[]> }) => {
    out = r.responseHeaders;
  });
  return out!;
}

describe('the main window', () => {
  it('is created with hardened web preferences and the sandboxed preload', async () => {
    await start();
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]!.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: join('/opt', 'baton', 'out', 'preload', 'index.cjs'),
    });
    expect(fake.windows[0]!.loadFile).toHaveBeenCalledWith(RENDERER_FILE);
    expect(fake.windows[0]!.loadURL).not.toHaveBeenCalled();
  });

  it('never turns off a protection, in dev or not', () => {
    for (const isDev of [true, false]) {
      const prefs = mainWindowOptions({ preloadPath: '/p.cjs', isDev }).webPreferences!;
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.webSecurity).toBe(true);
    }
  });

  it('enables the sandbox for every renderer and takes the single-instance lock', async () => {
    await start();
    expect(fake.app.enableSandbox).toHaveBeenCalledOnce();
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('loads the dev server only for an unpackaged app', async () => {
    await start({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(fake.windows[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(fake.windows[0]!.loadFile).not.toHaveBeenCalled();

    fake.windows.length = 0;
    fake.headerListeners.length = 0;
    fake.state.packaged = true;
    await start({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(fake.windows[0]!.loadFile).toHaveBeenCalledWith(RENDERER_FILE);
    expect(fake.windows[0]!.loadURL).not.toHaveBeenCalled();
  });

  it('registers one IPC handler per channel of the contract', async () => {
    await start();
    expect([...fake.handles.keys()].sort()).toEqual(Object.keys(IpcArgs).sort());
  });

  it('sends menu commands to the main window only', async () => {
    await start();
    const template = fake.menu.buildFromTemplate.mock.calls[0]![0] as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    const importItem = template.find((m) => m.label === 'File')!.submenu!.find((i) => i.label === 'Import…')!;
    importItem.click!();
    expect(fake.windows[0]!.webContents.send).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, 'import');
    expect(fake.menu.setApplicationMenu).toHaveBeenCalledOnce();
  });
});

describe('Content-Security-Policy', () => {
  it('is set on every response, replacing whatever the response had', async () => {
    await start();
    const headers = respond({ 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('is also set when the response had no headers', () => {
    const listeners: ((d: unknown, cb: (r: unknown) => void) => void)[] = [];
    installCsp({ webRequest: { onHeadersReceived: (fn: never) => listeners.push(fn) } } as never, 'default-src x');
    const cb = vi.fn();
    listeners[0]!({ url: 'http://localhost/' }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': ['default-src x'], 'X-Content-Type-Options': ['nosniff'] } });
  });

  it('is strict: nothing from the network, no inline or eval scripts, no plugins, no framing', () => {
    const d = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((p) => [p.split(' ')[0], p.split(' ').slice(1)]));
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['worker-src']).toEqual(["'self'", 'blob:']);
    expect(d['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d['connect-src']).toEqual(["'self'", 'blob:', 'data:']);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
    // The meta variant drops only what browsers ignore in <meta>.
    expect(CONTENT_SECURITY_POLICY_META).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });

  it('allows inline scripts and the HMR socket only in the dev policy', async () => {
    await start({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    const headers = respond({});
    expect(headers['Content-Security-Policy']).toEqual([devContentSecurityPolicy('http://localhost:5173')]);
    expect(String(headers['Content-Security-Policy'])).toContain('ws://localhost:5173');
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device', async () => {
    await start();
    const request = fake.session.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      request({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = fake.session.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check(null, 'media', 'file://', {})).toBe(false);
    const device = fake.session.setDevicePermissionHandler.mock.calls[0]![0] as (d: unknown) => boolean;
    expect(device({ deviceType: 'usb' })).toBe(false);
  });

  it('works on any session passed in', () => {
    const s = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(s as never);
    expect(s.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(s.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(s.setDevicePermissionHandler).toHaveBeenCalledOnce();
  });
});

describe('navigation and new windows', () => {
  it('guards every web contents the app creates', async () => {
    await start();
    const created = fake.appHandlers.get('web-contents-created');
    expect(created).toBeTypeOf('function');
    const contents = new fake.FakeContents(7);
    created!({}, contents);
    expect(contents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emitPreventable('will-attach-webview', 'about:blank')).toBe(true);
    // Reloading our own document is fine.
    expect(contents.emitPreventable('will-navigate', RENDERER_URL)).toBe(false);
    expect(contents.emitPreventable('will-navigate', `${RENDERER_URL}#/session/s-1`)).toBe(false);
  });

  it('guards the main window before it loads anything', async () => {
    await start();
    const wc = fake.windows[0]!.webContents;
    expect(wc.openHandler!({ url: RENDERER_URL })).toEqual({ action: 'deny' });
    expect(wc.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.emitPreventable('will-navigate', pathToFileURL('/opt/baton/out/renderer/other.html').href)).toBe(true);
  });

  it('denies new windows even for our own URL', () => {
    const contents = new fake.FakeContents(1);
    guardWebContents(contents as never, () => true);
    expect(contents.openHandler!({ url: RENDERER_URL })).toEqual({ action: 'deny' });
    expect(contents.emitPreventable('will-attach-webview', RENDERER_URL)).toBe(true);
  });
});

describe('renderer location', () => {
  const file = resolveRendererLocation({ devUrl: undefined, isPackaged: false, mainDir: MAIN_DIR });

  it('ignores a dev URL that is not on this machine or not http(s)', () => {
    for (const devUrl of ['https://evil.example/', 'file:///tmp/x.html', 'not a url', 'http://192.168.1.5:5173/']) {
      expect(resolveRendererLocation({ devUrl, isPackaged: false, mainDir: MAIN_DIR }).kind).toBe('file');
    }
    expect(resolveRendererLocation({ devUrl: 'http://127.0.0.1:5173', isPackaged: false, mainDir: MAIN_DIR }).kind).toBe('dev');
  });

  it('recognises only our own document', () => {
    expect(file.url).toBe(RENDERER_URL);
    expect(isRendererUrl(`${RENDERER_URL}#/session/a?t=5`, file)).toBe(true);
    expect(isRendererUrl(pathToFileURL('/opt/baton/out/renderer/evil.html').href, file)).toBe(false);
    expect(isRendererUrl('https://example.com/index.html', file)).toBe(false);
    expect(isRendererUrl('garbage', file)).toBe(false);
    const dev = resolveRendererLocation({ devUrl: 'http://localhost:5173/', isPackaged: false, mainDir: MAIN_DIR });
    expect(isRendererUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', dev)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/elsewhere', dev)).toBe(false);
  });
});

describe('app lifecycle', () => {
  it('quits a second instance instead of opening another window', () => {
    fake.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    const baton = startApp({ mainDir: MAIN_DIR, env: {}, platform: 'linux' });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(baton.mainWindow()).toBeUndefined();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });

  it('quits when the last window closes, except on macOS', async () => {
    await start();
    fake.appHandlers.get('window-all-closed')!();
    expect(fake.app.quit).toHaveBeenCalledOnce();

    fake.app.quit.mockClear();
    await start({}, 'darwin');
    fake.appHandlers.get('window-all-closed')!();
    expect(fake.app.quit).not.toHaveBeenCalled();
  });
});
