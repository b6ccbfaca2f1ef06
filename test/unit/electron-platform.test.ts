/** renderer/src/platform/electron.ts on a fake bridge: chunked reads into Files, save, passthroughs. */
import { describe, expect, it, vi } from 'vitest';
import { createElectronPlatform } from '../../renderer/src/platform/electron';
import { MAX_READ_BYTES, type BatonBridge, type PickedFileInfo } from '../../shared/ipc';

function fakeBridge(files: Record<string, Uint8Array>, picked: PickedFileInfo[]) {
  const bridge = {
    openFiles: vi.fn(async () => picked),
    readFile: vi.fn(async ({ token, offset, length }: { token: string; offset: number; length: number }) => {
      const data = files[token];
      if (!data) throw new Error('unknown token');
      if (length > MAX_READ_BYTES) throw new Error('too long');
      return data.slice(offset, offset + length);
    }),
    saveFile: vi.fn(async () => ({ saved: true })),
    openExternal: vi.fn(async () => undefined),
    appVersion: vi.fn(async () => '9.9.9'),
    onMenuCommand: vi.fn(() => () => undefined),
    openAudienceWindow: vi.fn(async () => ({ display: 'Projector (1920×1080)' })),
    printReportPdf: vi.fn(async () => ({ saved: true })),
  } satisfies BatonBridge;
  return bridge;
}

describe('electron platform', () => {
  it('reads each picked file in chunks into a File with its name', async () => {
    const a = new TextEncoder().encode('0123456789');
    const b = new Uint8Array([1, 2, 3]);
    const bridge = fakeBridge({ ta: a, tb: b }, [
      { token: 'ta', name: 'a.jsonl', size: 10 },
      { token: 'tb', name: 'sub/b.baton', size: 3 },
    ]);
    const platform = createElectronPlatform(bridge, { chunkBytes: 4 });
    expect(platform.kind).toBe('electron');
    const files = await platform.pickFiles({ directory: true });
    expect(bridge.openFiles).toHaveBeenCalledWith({ directory: true });
    expect(files.map((f) => f.name)).toEqual(['a.jsonl', 'sub/b.baton']);
    expect(await files[0]!.text()).toBe('0123456789');
    expect([...new Uint8Array(await files[1]!.arrayBuffer())]).toEqual([1, 2, 3]);
    expect(bridge.readFile.mock.calls.map((c) => c[0])).toEqual([
      { token: 'ta', offset: 0, length: 4 },
      { token: 'ta', offset: 4, length: 4 },
      { token: 'ta', offset: 8, length: 2 },
      { token: 'tb', offset: 0, length: 3 },
    ]);
  });

  it('never asks for more than MAX_READ_BYTES at once', async () => {
    const size = 2 * MAX_READ_BYTES + 5;
    const bridge = fakeBridge({ big: new Uint8Array(size) }, [{ token: 'big', name: 'big.jsonl', size }]);
    const [file] = await createElectronPlatform(bridge, { chunkBytes: 10 * MAX_READ_BYTES }).pickFiles({ directory: false });
    expect(file!.size).toBe(size);
    for (const [arg] of bridge.readFile.mock.calls) expect(arg.length).toBeLessThanOrEqual(MAX_READ_BYTES);
  });

  it('stops at the real end when a file shrank after it was picked, and reads nothing for empty files', async () => {
    const bridge = fakeBridge({ t: new Uint8Array([5, 6]), e: new Uint8Array() }, [
      { token: 't', name: 'shrunk.jsonl', size: 100 },
      { token: 'e', name: 'empty.jsonl', size: 0 },
    ]);
    const files = await createElectronPlatform(bridge, { chunkBytes: 64 }).pickFiles({ directory: false });
    expect(files.map((f) => f.size)).toEqual([2, 0]);
    expect(bridge.readFile).toHaveBeenCalledTimes(2);
  });

  it('returns no files when the dialog is cancelled', async () => {
    const bridge = fakeBridge({}, []);
    expect(await createElectronPlatform(bridge).pickFiles({ directory: false })).toEqual([]);
    expect(bridge.readFile).not.toHaveBeenCalled();
  });

  it('saves a Blob as bytes through the bridge', async () => {
    const bridge = fakeBridge({}, []);
    const ok = await createElectronPlatform(bridge).saveFile('s.baton', new Blob([new Uint8Array([9, 8, 7])]));
    expect(ok).toBe(true);
    expect(bridge.saveFile).toHaveBeenCalledWith({ suggestedName: 's.baton', data: new Uint8Array([9, 8, 7]) });
    bridge.saveFile.mockResolvedValueOnce({ saved: false });
    expect(await createElectronPlatform(bridge).saveFile('s.baton', new Blob([]))).toBe(false);
  });

  it('passes links, commands and the version through', async () => {
    const bridge = fakeBridge({}, []);
    const p = createElectronPlatform(bridge);
    await p.openExternal('https://example.com');
    expect(bridge.openExternal).toHaveBeenCalledWith({ url: 'https://example.com' });
    const cb = vi.fn();
    const off = p.onCommand(cb);
    expect(bridge.onMenuCommand).toHaveBeenCalledWith(cb);
    expect(off).toBeTypeOf('function');
    expect(await p.appVersion()).toBe('9.9.9');
  });
});
