/**
 * App lifecycle: sandbox everything, harden the default session, register IPC and the menu,
 * open one window. index.ts calls startApp(); tests call it with `electron` mocked.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell, type WebContents } from 'electron';
import * as fsp from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../../shared/csp';
import { MENU_COMMAND_CHANNEL, type HostCommand } from '../../shared/ipc';
import { FileTokens } from './files';
import { openAudienceWindow, printReportPdf } from './committee';
import { createHandlers } from './handlers';
import { makeSenderCheck, registerIpc } from './ipc';
import { isAllowedNavigation, resolveRendererLocation, type RendererLocation } from './location';
import { buildMenuTemplate } from './menu';
import { denyAllPermissions, guardWebContents, installCsp } from './security';
import { watchRendererCrashes } from './crash';
import { createMainWindow, loadRenderer } from './window';

export interface StartOptions {
  /** Folder of the built main script (out/main). */
  mainDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export interface BatonApp {
  location: RendererLocation;
  mainWindow: () => BrowserWindow | undefined;
  ready: Promise<void>;
}

export function startApp(opts: StartOptions = {}): BatonApp {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const mainDir = opts.mainDir ?? dirname(fileURLToPath(import.meta.url));
  const location = resolveRendererLocation({ devUrl: env['ELECTRON_RENDERER_URL'], isPackaged: app.isPackaged, mainDir });
  const isDev = location.kind === 'dev';
  const preloadPath = join(mainDir, '..', 'preload', 'index.cjs');
  const policy = location.kind === 'dev' ? devContentSecurityPolicy(location.origin) : CONTENT_SECURITY_POLICY;
  const allowNavigation = (url: string) => isAllowedNavigation(url, location);

  // Every renderer is sandboxed, whatever its web preferences say.
  app.enableSandbox();

  let win: BrowserWindow | undefined;
  let audience: BrowserWindow | undefined;
  const mainContents = (): WebContents | undefined => (win && !win.isDestroyed() ? win.webContents : undefined);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { location, mainWindow: () => undefined, ready: Promise.resolve() };
  }
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Any web contents ever created (windows, devtools excepted by Electron) gets the guards.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, allowNavigation));

  const send = (cmd: HostCommand) => {
    const wc = mainContents();
    if (wc) wc.send(MENU_COMMAND_CHANNEL, cmd);
  };

  const openWindow = () => {
    win = createMainWindow({
      BrowserWindow,
      preloadPath,
      location,
      isDev,
      guard: (w) => guardWebContents(w.webContents, allowNavigation),
    });
    const opened = win;
    watchRendererCrashes(opened.webContents, {
      reload: () => loadRenderer(opened, location),
      tell: (message, detail) => void dialog.showMessageBox(opened, { type: 'warning', message, detail }).catch(() => undefined),
    });
    win.on('closed', () => {
      win = undefined;
    });
  };

  const ready = app.whenReady().then(() => {
    installCsp(session.defaultSession, policy);
    denyAllPermissions(session.defaultSession);
    const tokens = new FileTokens();
    registerIpc(
      ipcMain,
      createHandlers({
        showOpenDialog: (req) => (win ? dialog.showOpenDialog(win, req) : dialog.showOpenDialog(req)),
        showSaveDialog: (req) => (win ? dialog.showSaveDialog(win, req) : dialog.showSaveDialog(req)),
        openExternal: (url) => shell.openExternal(url),
        fs: fsp,
        tokens,
        defaultSaveDir: () => app.getPath('downloads'),
        version: () => app.getVersion(),
        openAudienceWindow: (arg) =>
          openAudienceWindow(arg, {
            BrowserWindow,
            screen,
            preloadPath,
            location,
            isDev,
            guard: (w) => guardWebContents(w.webContents, allowNavigation),
            current: () => audience,
            remember: (w) => {
              audience = w;
            },
          }),
        printReportPdf: (arg) => printReportPdf(arg, { BrowserWindow, showSaveDialog: (req) => (win ? dialog.showSaveDialog(win, req) : dialog.showSaveDialog(req)), fs: fsp, defaultDir: app.getPath('downloads') }),
      }),
      makeSenderCheck(mainContents, location),
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ appName: 'Baton', isDev, isMac: platform === 'darwin', send })));
    openWindow();
  });
  ready.catch((e: unknown) => {
    console.error(`[baton] startup failed: ${(e as Error)?.stack ?? String(e)}`);
    app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  return { location, mainWindow: () => win, ready };
}
