/**
 * Committee mode in the desktop app: the audience window, full screen on a second display
 * (the presenter keeps the main window with the reel and notes), and the decision record
 * printed to PDF by Chromium (page numbers come from the report's @page margin boxes).
 * Electron is passed in, so tests run this with fakes.
 */
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, Display } from 'electron';
import { join } from 'node:path';
import { REPORT_PDF_OPTIONS } from '../../shared/committee/pdf-options';
import type { IpcArg } from '../../shared/ipc';
import { safeFileName, type FileSystem, type SaveDialogRequest, type SaveDialogResult } from './files';
import type { RendererLocation } from './location';
import { mainWindowOptions } from './window';

type WindowCtor = new (options: BrowserWindowConstructorOptions) => BrowserWindowType;

/** The display for the audience: the first that is not the primary one, else the primary. */
export function audienceDisplay(displays: readonly Display[], primary: Display): Display {
  return displays.find((d) => d.id !== primary.id) ?? primary;
}

export interface AudienceDeps {
  BrowserWindow: WindowCtor;
  screen: { getAllDisplays(): Display[]; getPrimaryDisplay(): Display };
  preloadPath: string;
  location: RendererLocation;
  isDev: boolean;
  guard: (win: BrowserWindowType) => void;
  /** The audience window already open, if any: it is reused. */
  current: () => BrowserWindowType | undefined;
  remember: (win: BrowserWindowType | undefined) => void;
}

export async function openAudienceWindow(arg: IpcArg<'committee:audience'>, d: AudienceDeps): Promise<{ display: string }> {
  const display = audienceDisplay(d.screen.getAllDisplays(), d.screen.getPrimaryDisplay());
  const { x, y, width, height } = display.bounds;
  let win = d.current();
  if (!win || win.isDestroyed()) {
    win = new d.BrowserWindow({ ...mainWindowOptions({ preloadPath: d.preloadPath, isDev: d.isDev, title: 'Baton — audience' }), x, y, width, height, minWidth: 320, minHeight: 240, backgroundColor: '#000000' });
    d.guard(win);
    d.remember(win);
    win.on('closed', () => d.remember(undefined));
    win.once('ready-to-show', () => win!.show());
  } else {
    // A full-screen window ignores new bounds on some platforms: leave full screen first.
    if (win.isFullScreen()) await leaveFullScreen(win);
    win.setBounds({ x, y, width, height });
  }
  win.setFullScreen(display.id !== d.screen.getPrimaryDisplay().id);
  const hash = arg.hash.slice(1);
  await (d.location.kind === 'dev' ? win.loadURL(`${d.location.url.replace(/#.*$/, '')}#${hash}`) : win.loadFile(d.location.file, { hash }));
  const label = display.label || `display ${display.id}`;
  return { display: `${label} (${width}×${height})` };
}

/** Leaves full screen; resolves once the window says it has (or after 1 s, if it never does). */
function leaveFullScreen(win: BrowserWindowType): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 1000);
    win.once('leave-full-screen', () => {
      clearTimeout(timer);
      resolve();
    });
    win.setFullScreen(false);
  });
}

export interface PdfDeps {
  BrowserWindow: WindowCtor;
  showSaveDialog: (req: SaveDialogRequest) => Promise<SaveDialogResult>;
  fs: Pick<FileSystem, 'writeFile'>;
  defaultDir: string;
}

/** Options of the hidden window that renders the report: no script, no preload, no node. */
export const PDF_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  width: 1024,
  height: 1400,
  webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools: false },
};

export async function printReportPdf(arg: IpcArg<'report:pdf'>, d: PdfDeps): Promise<{ saved: boolean }> {
  const name = safeFileName(arg.suggestedName).replace(/\.html?$/i, '');
  const res = await d.showSaveDialog({ title: 'Save the decision record', defaultPath: join(d.defaultDir, name.endsWith('.pdf') ? name : `${name}.pdf`) });
  if (res.canceled || !res.filePath) return { saved: false };
  const win = new d.BrowserWindow(PDF_WINDOW_OPTIONS);
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(arg.html, 'utf8').toString('base64')}`);
    // Page numbers: the record's @page margin box (REPORT_PDF_OPTIONS says why not Chromium's footer).
    const pdf = await win.webContents.printToPDF({ ...REPORT_PDF_OPTIONS });
    await d.fs.writeFile(res.filePath, pdf);
    return { saved: true };
  } finally {
    win.destroy();
  }
}
