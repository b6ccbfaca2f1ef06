/**
 * IPC handlers of the main process, called the way ipcMain would call them: every channel
 * rejects a bad argument and a foreign sender; file access is limited to dialog-issued
 * tokens; folder listing, save and open-external behave.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcArgs, MAX_READ_BYTES, type IpcChannel } from '../../shared/ipc';
import { FileTokens, listFolderFiles, openFiles, readFileRange, safeFileName } from '../../electron/main/files';
import { createHandlers } from '../../electron/main/handlers';
import { makeSenderCheck, registerIpc, type IpcHandlers } from '../../electron/main/ipc';
import { resolveRendererLocation } from '../../electron/main/location';

let dir: string;
const content = new Uint8Array(Array.from({ length: 300 }, (_, i) => i % 251));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-ipc-'));
  await writeFile(join(dir, 'session.jsonl'), content);
  await mkdir(join(dir, 'folder', 'nested', 'deeper'), { recursive: true });
  await mkdir(join(dir, 'folder', '.git'), { recursive: true });
  await writeFile(join(dir, 'folder', 'b.jsonl'), 'b');
  await writeFile(join(dir, 'folder', '.aider.chat.history.md'), 'hidden file, kept');
  await writeFile(join(dir, 'folder', '.git', 'HEAD'), 'hidden dir, skipped');
  await writeFile(join(dir, 'folder', 'nested', 'a.json'), 'a');
  await writeFile(join(dir, 'folder', 'nested', 'deeper', 'c.cast'), 'c');
  await symlink(join(dir, 'session.jsonl'), join(dir, 'folder', 'link.jsonl'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// --- A fake ipcMain and senders -------------------------------------------------------------

const loc = resolveRendererLocation({ devUrl: undefined, isPackaged: true, mainDir: '/opt/baton/out/main' });
const OUR_URL = `${pathToFileURL('/opt/baton/out/renderer/index.html').href}#/`;

function contents(id: number) {
  return { id, isDestroyed: () => false } as unknown as Electron.WebContents;
}
const mainWc = contents(1);
const frame = (url: string, parent: unknown = null) => ({ url, parent });
const trusted = { sender: mainWc, senderFrame: frame(OUR_URL) };
const foreignSenders: [string, unknown][] = [
  ['another web contents', { sender: contents(2), senderFrame: frame(OUR_URL) }],
  ['a subframe of the main window', { sender: mainWc, senderFrame: frame(OUR_URL, frame(OUR_URL)) }],
  ['a page that is not ours', { sender: mainWc, senderFrame: frame('https://evil.example/') }],
  ['another local file', { sender: mainWc, senderFrame: frame(pathToFileURL('/tmp/evil.html').href) }],
  ['a destroyed frame', { sender: mainWc, senderFrame: null }],
];

const dialogs = {
  open: vi.fn<(req: unknown) => Promise<{ canceled: boolean; filePaths: string[] }>>(),
  save: vi.fn<(req: unknown) => Promise<{ canceled: boolean; filePath?: string }>>(),
};
const shellOpen = vi.fn(async (_url: string) => undefined);
let tokens: FileTokens;
let handlers: IpcHandlers;
let registered: Map<string, (event: unknown, arg: unknown) => Promise<unknown>>;

beforeEach(() => {
  vi.clearAllMocks();
  tokens = new FileTokens();
  handlers = createHandlers({
    showOpenDialog: dialogs.open,
    showSaveDialog: dialogs.save,
    openExternal: shellOpen,
    fs: fsp,
    tokens,
    defaultSaveDir: () => dir,
    version: () => '1.2.3',
  });
  registered = new Map();
  registerIpc(
    { handle: (c, fn) => registered.set(c, fn as never), removeHandler: (c) => registered.delete(c) },
    handlers,
    makeSenderCheck(() => mainWc, loc),
  );
});

function call(channel: IpcChannel, arg: unknown, event: unknown = trusted): Promise<unknown> {
  const fn = registered.get(channel);
  if (!fn) throw new Error(`no handler for ${channel}`);
  return fn(event, arg);
}

async function pickFile(name = 'session.jsonl'): Promise<string> {
  dialogs.open.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, name)] });
  const [info] = (await call('dialog:open-files', { directory: false })) as { token: string }[];
  return info!.token;
}

const validArgs: { [C in IpcChannel]: unknown } = {
  'dialog:open-files': { directory: false },
  'file:read': { token: 'x', offset: 0, length: 1 },
  'dialog:save-file': { suggestedName: 'a.baton', data: new Uint8Array([1]) },
  'shell:open-external': { url: 'https://example.com/' },
  'app:version': {},
  'committee:audience': { hash: '#/audience/s-1' },
  'report:pdf': { suggestedName: 'decision-record.pdf', html: '<p>x</p>' },
};
const badArgs: { [C in IpcChannel]: unknown[] } = {
  'dialog:open-files': [undefined, {}, { directory: 'yes' }, { directory: true, path: '/etc' }],
  'file:read': [
    { token: 'x', offset: -1, length: 1 },
    { token: 'x', offset: 0, length: 0 },
    { token: 'x', offset: 0, length: MAX_READ_BYTES + 1 },
    { token: '', offset: 0, length: 1 },
    { token: 'x', offset: 0.5, length: 1 },
    { path: '/etc/passwd', offset: 0, length: 10 },
  ],
  'dialog:save-file': [{ suggestedName: '', data: new Uint8Array() }, { suggestedName: 'a', data: 'text' }, { suggestedName: 'a', data: [1, 2] }],
  'shell:open-external': [{ url: 'javascript:alert(1)' }, { url: 'file:///etc/passwd' }, { url: 42 }, { url: 'https://x', extra: 1 }],
  'app:version': [undefined, { x: 1 }, 'version'],
  'committee:audience': [{}, { hash: '#/session/x' }, { hash: 'javascript:alert(1)' }, { hash: '#/audience/a b' }, { hash: '#/audience/x', extra: 1 }],
  'report:pdf': [{ suggestedName: '', html: 'x' }, { suggestedName: 'a.pdf', html: '' }, { suggestedName: 'a.pdf' }, { suggestedName: 'a.pdf', html: 1 }],
};

describe('every IPC channel', () => {
  it('is registered once, for exactly the channels of the contract', () => {
    expect([...registered.keys()].sort()).toEqual(Object.keys(IpcArgs).sort());
  });

  for (const channel of Object.keys(IpcArgs) as IpcChannel[]) {
    it(`${channel}: rejects a bad argument`, async () => {
      for (const arg of badArgs[channel]) {
        await expect(call(channel, arg), JSON.stringify(arg) ?? 'undefined').rejects.toThrow(new RegExp(`^${channel}: invalid argument`));
      }
      expect(dialogs.open).not.toHaveBeenCalled();
      expect(dialogs.save).not.toHaveBeenCalled();
      expect(shellOpen).not.toHaveBeenCalled();
    });

    it(`${channel}: rejects a foreign sender before looking at the argument`, async () => {
      for (const [what, event] of foreignSenders) {
        await expect(call(channel, validArgs[channel], event), what).rejects.toThrow(/did not come from the Baton window/);
      }
      expect(dialogs.open).not.toHaveBeenCalled();
      expect(dialogs.save).not.toHaveBeenCalled();
      expect(shellOpen).not.toHaveBeenCalled();
    });
  }

  it('rejects everything once the main window is gone', async () => {
    const reg = new Map<string, (e: unknown, a: unknown) => Promise<unknown>>();
    registerIpc({ handle: (c, fn) => reg.set(c, fn as never), removeHandler: () => undefined }, handlers, makeSenderCheck(() => undefined, loc));
    await expect(reg.get('app:version')!(trusted, {})).rejects.toThrow(/did not come from/);
  });

  it('app:version answers a trusted sender', async () => {
    expect(await call('app:version', {})).toBe('1.2.3');
  });
});

describe('dialog:open-files', () => {
  it('returns opaque tokens, names and sizes for the chosen files', async () => {
    dialogs.open.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, 'session.jsonl'), join(dir, 'folder', 'b.jsonl')] });
    const picked = (await call('dialog:open-files', { directory: false })) as { token: string; name: string; size: number }[];
    expect(picked.map((p) => [p.name, p.size])).toEqual([
      ['session.jsonl', 300],
      ['b.jsonl', 1],
    ]);
    for (const p of picked) {
      expect(p.token).toMatch(/^[\w-]{20,100}$/);
      expect(p.token).not.toContain(dir);
    }
    expect(new Set(picked.map((p) => p.token)).size).toBe(2);
    expect(dialogs.open.mock.calls[0]![0]).toMatchObject({ properties: ['openFile', 'multiSelections'] });
  });

  it('returns nothing when cancelled', async () => {
    dialogs.open.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await call('dialog:open-files', { directory: true })).toEqual([]);
    expect(tokens.size).toBe(0);
  });

  it('lists a folder recursively, skipping hidden folders and symbolic links', async () => {
    dialogs.open.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, 'folder')] });
    const picked = (await call('dialog:open-files', { directory: true })) as { name: string }[];
    expect(dialogs.open.mock.calls[0]![0]).toMatchObject({ properties: ['openDirectory'] });
    expect(picked.map((p) => p.name)).toEqual(['.aider.chat.history.md', 'b.jsonl', 'nested/a.json', 'nested/deeper/c.cast']);
  });

  it('refuses a folder with more files than the cap', async () => {
    await expect(listFolderFiles(fsp, join(dir, 'folder'), 3)).rejects.toThrow(/more than 3 files/);
    dialogs.open.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, 'folder')] });
    await expect(openFiles({ directory: true }, { showOpenDialog: dialogs.open, fs: fsp, tokens, maxFiles: 2 })).rejects.toThrow(/more than 2 files/);
    expect(tokens.size).toBe(0);
  });
});

describe('file:read', () => {
  it('reads the requested byte range of a picked file', async () => {
    const token = await pickFile();
    const bytes = (await call('file:read', { token, offset: 10, length: 50 })) as Uint8Array;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([...content.slice(10, 60)]);
  });

  it('returns a short read at the end of the file and nothing past it', async () => {
    const token = await pickFile();
    expect([...((await call('file:read', { token, offset: 290, length: 100 })) as Uint8Array)]).toEqual([...content.slice(290)]);
    expect(((await call('file:read', { token, offset: 1000, length: 10 })) as Uint8Array).byteLength).toBe(0);
  });

  it('rejects tokens the dialog never issued', async () => {
    await pickFile();
    await expect(call('file:read', { token: 'not-a-token', offset: 0, length: 10 })).rejects.toThrow(/Unknown file token/);
    await expect(call('file:read', { token: join(dir, 'session.jsonl'), offset: 0, length: 10 })).rejects.toThrow(/Unknown file token/);
  });

  it('rejects reads over MAX_READ_BYTES, in the schema and in the handler itself', async () => {
    const token = await pickFile();
    await expect(call('file:read', { token, offset: 0, length: MAX_READ_BYTES + 1 })).rejects.toThrow(/invalid argument/);
    await expect(readFileRange({ token, offset: 0, length: MAX_READ_BYTES + 1 }, { fs: fsp, tokens })).rejects.toThrow(/at most/);
    expect(((await call('file:read', { token, offset: 0, length: MAX_READ_BYTES })) as Uint8Array).byteLength).toBe(300);
  });

  it('forgets the oldest tokens beyond the cap', () => {
    let n = 0;
    const t = new FileTokens(2, () => `tok${n++}`);
    const a = t.issue('/a');
    t.issue('/b');
    t.issue('/c');
    expect(t.resolve(a)).toBeUndefined();
    expect(t.size).toBe(2);
  });
});

describe('dialog:save-file', () => {
  it('writes the bytes where the reviewer chose', async () => {
    const target = join(dir, 'export.baton');
    dialogs.save.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await call('dialog:save-file', { suggestedName: 'export.baton', data: new Uint8Array([7, 8, 9]) })).toEqual({ saved: true });
    expect([...(await readFile(target))]).toEqual([7, 8, 9]);
    expect(dialogs.save.mock.calls[0]![0]).toMatchObject({ defaultPath: join(dir, 'export.baton') });
  });

  it('writes nothing when cancelled', async () => {
    dialogs.save.mockResolvedValueOnce({ canceled: true });
    expect(await call('dialog:save-file', { suggestedName: 'x.baton', data: new Uint8Array([1]) })).toEqual({ saved: false });
  });

  it('keeps the suggested name a plain file name in the default folder', async () => {
    dialogs.save.mockResolvedValueOnce({ canceled: true });
    await call('dialog:save-file', { suggestedName: '../../etc/passwd', data: new Uint8Array([1]) });
    expect(dialogs.save.mock.calls[0]![0]).toMatchObject({ defaultPath: join(dir, 'passwd') });
    expect(safeFileName('..\\..\\x:y?.baton')).toBe('x_y_.baton');
    expect(safeFileName('...')).toBe('export');
  });
});

describe('shell:open-external', () => {
  it('opens http(s) links through the shell', async () => {
    await call('shell:open-external', { url: 'https://example.com/docs?q=1' });
    expect(shellOpen).toHaveBeenCalledWith('https://example.com/docs?q=1');
  });

  it('never opens other schemes', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'HTTPS:/broken']) {
      await expect(call('shell:open-external', { url })).rejects.toThrow();
    }
    expect(shellOpen).not.toHaveBeenCalled();
  });
});
