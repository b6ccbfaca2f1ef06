/**
 * Committee mode in the desktop app, with Electron faked at the boundary: the audience window
 * goes full screen on a second display (screen.getAllDisplays) showing the audience route, is
 * reused when opened again; the decision record is printed to PDF by a hidden, script-less
 * window and saved where the user chose.
 */
import type { Display } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { audienceDisplay, openAudienceWindow, PDF_WINDOW_OPTIONS, printReportPdf } from '../../electron/main/committee';
import { REPORT_CSS } from '../../shared/committee/report';

const display = (id: number, x: number, label: string): Display => ({ id, label, bounds: { x, y: 0, width: 1920, height: 1080 } }) as Display;
const LAPTOP = display(1, 0, 'Built-in');
const PROJECTOR = display(2, 1920, 'Projector');

class FakeWindow {
  static made: FakeWindow[] = [];
  /** What was done to the window, in order. */
  calls: string[] = [];
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
  isFullScreen() {
    return this.fullScreen;
  }
  setFullScreen(on: boolean) {
    this.calls.push(`fullscreen ${on}`);
    const was = this.fullScreen;
    this.fullScreen = on;
    // Electron emits the event once the change has happened, after the call returns.
    if (was && !on) queueMicrotask(() => this.handlers.get('leave-full-screen')?.());
  }
  setBounds(b: { x: number; y: number; width: number; height: number }) {
    this.calls.push(`bounds ${b.x},${b.y} ${b.width}x${b.height}`);
    this.bounds = b;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  async loadFile(file: string, opts: unknown) {
    this.loaded.push([file, opts]);
  }
}

function deps(initial: Display[], primary = LAPTOP) {
  let current: FakeWindow | undefined;
  let displays = initial;
  const guard = vi.fn();
  return {
    guard,
    get current() {
      return current;
    },
    plug(now: Display[]) {
      displays = now;
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

  it('goes to the projector wherever it is in the list and whichever side it is on', async () => {
    FakeWindow.made = [];
    const left = { ...display(7, 0, 'Projector'), bounds: { x: -1280, y: 120, width: 1280, height: 720 } } as Display;
    const res = await openAudienceWindow({ hash: '#/audience/s-1' }, deps([left, LAPTOP]).d);
    expect(res.display).toBe('Projector (1280×720)');
    expect(FakeWindow.made[0]!.options).toMatchObject({ x: -1280, y: 120, width: 1280, height: 720 });
    expect(FakeWindow.made[0]!.fullScreen).toBe(true);
  });

  it('moves an open audience window onto a projector plugged in later, then goes full screen there', async () => {
    FakeWindow.made = [];
    const t = deps([LAPTOP]);
    await openAudienceWindow({ hash: '#/audience/s-1' }, t.d);
    const w = FakeWindow.made[0]!;
    expect(w.options).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(w.fullScreen).toBe(false);
    t.plug([LAPTOP, PROJECTOR]);
    w.calls = [];
    const res = await openAudienceWindow({ hash: '#/audience/s-1' }, t.d);
    expect(res.display).toBe('Projector (1920×1080)');
    expect(FakeWindow.made).toHaveLength(1);
    // Full screen applies to the display the window is on: it is moved first.
    expect(w.calls).toEqual(['bounds 1920,0 1920x1080', 'fullscreen true']);
  });

  it('leaves full screen before moving a full-screen audience window to another display', async () => {
    FakeWindow.made = [];
    const other = display(3, 3840, 'Second projector');
    const t = deps([LAPTOP, PROJECTOR]);
    await openAudienceWindow({ hash: '#/audience/s-1' }, t.d);
    const w = FakeWindow.made[0]!;
    expect(w.fullScreen).toBe(true);
    t.plug([LAPTOP, other]);
    w.calls = [];
    const res = await openAudienceWindow({ hash: '#/audience/s-1' }, t.d);
    expect(res.display).toBe('Second projector (1920×1080)');
    expect(w.calls).toEqual(['fullscreen false', 'bounds 3840,0 1920x1080', 'fullscreen true']);
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
    // A4 with the record's own @page rule, whose margin box numbers the pages ("Page 2 of 5",
    // checked on Chromium's PDF in test/e2e/committee.spec.ts with these same options); no
    // Chromium header or footer, which would print the data: URL of the hidden window.
    expect(w!.webContents.printToPDF).toHaveBeenCalledTimes(1);
    expect(w!.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
    expect(writeFile).toHaveBeenCalledWith('/home/u/Downloads/record.pdf', new Uint8Array([37, 80, 68, 70]));
    expect(w!.destroyed).toBe(true);
  });

  it('saves a real decision record whose @page rule numbers the pages, adding .pdf to the name', async () => {
    FakeWindow.made = [];
    const writeFile = vi.fn(async () => undefined);
    const showSaveDialog = vi.fn(async (req: { defaultPath?: string }) => ({ canceled: false, filePath: req.defaultPath }));
    const html = `<!doctype html><html><head><style>${REPORT_CSS}</style></head><body><h1>Decision record</h1></body></html>`;
    await printReportPdf({ suggestedName: 'decision-record-candidate-juniper-crane.html', html }, { BrowserWindow: FakeWindow as never, showSaveDialog, fs: { writeFile } as never, defaultDir: '/d' });
    expect(showSaveDialog.mock.calls[0]![0].defaultPath).toBe('/d/decision-record-candidate-juniper-crane.pdf');
    const loaded = Buffer.from((FakeWindow.made[0]!.loaded[0] as string).split('base64,')[1]!, 'base64').toString('utf8');
    expect(loaded).toMatch(/@page \{ size: A4;[^}]*@bottom-center \{ content: "Page " counter\(page\) " of " counter\(pages\)/);
    expect(writeFile).toHaveBeenCalledWith('/d/decision-record-candidate-juniper-crane.pdf', new Uint8Array([37, 80, 68, 70]));
  });

  it('destroys the hidden window and writes nothing when printing fails', async () => {
    FakeWindow.made = [];
    const writeFile = vi.fn();
    class Failing extends FakeWindow {
      override webContents = { printToPDF: vi.fn(async (): Promise<Uint8Array<ArrayBuffer>> => Promise.reject(new Error('printing failed'))) };
    }
    await expect(printReportPdf({ suggestedName: 'r.pdf', html: 'x' }, { BrowserWindow: Failing as never, showSaveDialog: async () => ({ canceled: false, filePath: '/d/r.pdf' }), fs: { writeFile } as never, defaultDir: '/d' })).rejects.toThrow('printing failed');
    expect(FakeWindow.made[0]!.destroyed).toBe(true);
    expect(writeFile).not.toHaveBeenCalled();
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
