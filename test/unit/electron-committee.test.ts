/**
 * Committee mode in the desktop app, with Electron faked at the boundary: the audience window
 * goes full screen on a second display (screen.getAllDisplays) showing the audience route, is
 * reused when opened again; the decision record is printed to PDF by a hidden, script-less
 * window and saved where the user chose.
 */
import type { Display } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { audienceDisplay, openAudienceWindow, PDF_WINDOW_OPTIONS, printReportPdf } from '../../electron/main/committee';

const display = (id: number, x: number, label: string): Display => ({ id, label, bounds: { x, y: 0, width: 1920, height: 1080 } }) as Display;
const LAPTOP = display(1, 0, 'Built-in');
const PROJECTOR = display(2, 1920, 'Projector');

class FakeWindow {
  static made: FakeWindow[] = [];
  destroyed = false;
  fullScreen = false;
  loaded: unknown[] = [];
  handlers = new Map<string, () => void>();
  bounds: unknown;
  webContents = { printToPDF: vi.fn(async () => new Uint8Array([37, 80, 68, 70])) };
  constructor(readonly options: Record<string, unknown>) {
    FakeWindow.made.push(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  on(ev: string, fn: () => void) {
    this.handlers.set(ev, fn);
  }
  once(ev: string, fn: () => void) {
    this.handlers.set(ev, fn);
  }
  show() {}
  setFullScreen(on: boolean) {
    this.fullScreen = on;
  }
  setBounds(b: unknown) {
    this.bounds = b;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  async loadFile(file: string, opts: unknown) {
    this.loaded.push([file, opts]);
  }
}

function deps(displays: Display[], primary = LAPTOP) {
  let current: FakeWindow | undefined;
  const guard = vi.fn();
  return {
    guard,
    get current() {
      return current;
    },
    d: {
      BrowserWindow: FakeWindow as never,
      screen: { getAllDisplays: () => displays, getPrimaryDisplay: () => primary },
      preloadPath: '/app/preload/index.cjs',
      location: { kind: 'file' as const, file: '/app/renderer/index.html', url: 'file:///app/renderer/index.html' },
      isDev: false,
      guard,
      current: () => current as never,
      remember: (w: unknown) => {
        current = w as FakeWindow | undefined;
      },
    },
  };
}

describe('the audience window', () => {
  it('goes full screen on the second display, showing the audience route, with the hardened preferences', async () => {
    FakeWindow.made = [];
    const t = deps([LAPTOP, PROJECTOR]);
    const res = await openAudienceWindow({ hash: '#/audience/s-1' }, t.d);
    expect(res.display).toBe('Projector (1920×1080)');
    const [w] = FakeWindow.made;
    expect(w!.options).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1080, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(w!.fullScreen).toBe(true);
    expect(w!.loaded).toEqual([['/app/renderer/index.html', { hash: '/audience/s-1' }]]);
    expect(t.guard).toHaveBeenCalledWith(w);
  });

  it('is reused when opened again, and stays windowed on a single display', async () => {
    FakeWindow.made = [];
    const t = deps([LAPTOP]);
    await openAudienceWindow({ hash: '#/audience/a' }, t.d);
    await openAudienceWindow({ hash: '#/audience/b' }, t.d);
    expect(FakeWindow.made).toHaveLength(1);
    expect(FakeWindow.made[0]!.fullScreen).toBe(false);
    expect(FakeWindow.made[0]!.loaded).toHaveLength(2);
    // Closed: forgotten, and the next open makes a new one.
    FakeWindow.made[0]!.handlers.get('closed')!();
    expect(t.current).toBeUndefined();
  });

  it('loads the dev server URL with the route in development', async () => {
    FakeWindow.made = [];
    const t = deps([LAPTOP, PROJECTOR]);
    await openAudienceWindow({ hash: '#/audience/s-1' }, { ...t.d, location: { kind: 'dev', url: 'http://localhost:5173/#/', origin: 'http://localhost:5173' } as never });
    expect(FakeWindow.made[0]!.loaded).toEqual(['http://localhost:5173/#/audience/s-1']);
  });

  it('prefers any display but the primary one', () => {
    expect(audienceDisplay([PROJECTOR, LAPTOP], LAPTOP)).toBe(PROJECTOR);
    expect(audienceDisplay([LAPTOP], LAPTOP)).toBe(LAPTOP);
  });
});

describe('the decision record as PDF', () => {
  it('prints the HTML in a hidden window without scripts and saves it where the user chose', async () => {
    FakeWindow.made = [];
    const writeFile = vi.fn(async () => undefined);
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: '/home/u/Downloads/record.pdf' }));
    const res = await printReportPdf({ suggestedName: 'decision-record-x.pdf', html: '<h1>Décision</h1>' }, { BrowserWindow: FakeWindow as never, showSaveDialog, fs: { writeFile } as never, defaultDir: '/home/u/Downloads' });
    expect(res).toEqual({ saved: true });
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: '/home/u/Downloads/decision-record-x.pdf' }));
    const [w] = FakeWindow.made;
    expect(w!.options).toBe(PDF_WINDOW_OPTIONS);
    expect(PDF_WINDOW_OPTIONS.webPreferences).toMatchObject({ javascript: false, sandbox: true, nodeIntegration: false });
    expect(PDF_WINDOW_OPTIONS.webPreferences!.preload).toBeUndefined();
    const url = w!.loaded[0] as string;
    expect(Buffer.from(url.split('base64,')[1]!, 'base64').toString('utf8')).toBe('<h1>Décision</h1>');
    expect(w!.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ printBackground: true, preferCSSPageSize: true }));
    expect(writeFile).toHaveBeenCalledWith('/home/u/Downloads/record.pdf', new Uint8Array([37, 80, 68, 70]));
    expect(w!.destroyed).toBe(true);
  });

  it('writes nothing and opens no window when the user cancels', async () => {
    FakeWindow.made = [];
    const writeFile = vi.fn();
    const res = await printReportPdf({ suggestedName: '../../evil.pdf', html: 'x' }, { BrowserWindow: FakeWindow as never, showSaveDialog: async (req) => (expect(req.defaultPath).toBe('/d/evil.pdf'), { canceled: true }), fs: { writeFile } as never, defaultDir: '/d' });
    expect(res).toEqual({ saved: false });
    expect(FakeWindow.made).toHaveLength(0);
    expect(writeFile).not.toHaveBeenCalled();
  });
});
