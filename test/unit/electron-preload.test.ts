/**
 * The preload bridge, with `electron` mocked: it exposes exactly the BatonBridge functions
 * as window.baton, each invoking its own channel, and onMenuCommand hands the page only the
 * command and unsubscribes exactly its own listener.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMAND_CHANNEL, MAX_READ_BYTES, type BatonBridge } from '../../shared/ipc';

const fake = vi.hoisted(() => {
  const exposed: [string, unknown][] = [];
  return { exposed, invoke: vi.fn(async (..._args: unknown[]) => 'result') };
});

class FakeIpcRenderer extends EventEmitter {
  invoke = fake.invoke;
}
const ipcRenderer = vi.hoisted(() => ({ instance: undefined as unknown }));

vi.mock('electron', async () => {
  const { EventEmitter: EE } = await import('node:events');
  const ipc = Object.assign(new EE(), { invoke: fake.invoke });
  ipcRenderer.instance = ipc;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push([key, api]) },
    ipcRenderer: ipc,
  };
});

await import('../../electron/preload/index');
const { createBridge, HOST_COMMANDS, MENU_CHANNEL } = await import('../../electron/preload/bridge');

const BRIDGE_FUNCTIONS: (keyof BatonBridge)[] = ['appVersion', 'onMenuCommand', 'openAudienceWindow', 'openExternal', 'openFiles', 'printReportPdf', 'readFile', 'saveFile'];

function exposedBridge(): BatonBridge {
  expect(fake.exposed).toHaveLength(1);
  const [key, api] = fake.exposed[0]!;
  expect(key).toBe('baton');
  return api as BatonBridge;
}

describe('preload', () => {
  it('exposes exactly the BatonBridge functions as window.baton', () => {
    const bridge = exposedBridge();
    expect(Object.keys(bridge).sort()).toEqual(BRIDGE_FUNCTIONS);
    for (const k of BRIDGE_FUNCTIONS) expect(bridge[k]).toBeTypeOf('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    // Nothing raw leaks: no ipcRenderer, no generic send/invoke.
    expect(Object.values(bridge)).not.toContain(ipcRenderer.instance);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
  });

  it('invokes one channel per function with the argument as given', async () => {
    const bridge = exposedBridge();
    const read = { token: 't', offset: 0, length: MAX_READ_BYTES };
    const data = new Uint8Array([1, 2]);
    await bridge.openFiles({ directory: true });
    await bridge.readFile(read);
    await bridge.saveFile({ suggestedName: 'a.baton', data });
    await bridge.openExternal({ url: 'https://example.com' });
    expect(await bridge.appVersion()).toBe('result');
    expect(fake.invoke.mock.calls).toEqual([
      ['dialog:open-files', { directory: true }],
      ['file:read', read],
      ['dialog:save-file', { suggestedName: 'a.baton', data }],
      ['shell:open-external', { url: 'https://example.com' }],
      ['app:version', {}],
    ]);
  });

  it('delivers menu commands without the event, and unsubscribes exactly one listener', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.onMenuCommand(a);
    bridge.onMenuCommand(b);
    expect(ipc.listenerCount(MENU_COMMAND_CHANNEL)).toBe(2);

    ipc.emit(MENU_COMMAND_CHANNEL, { sender: ipc, ports: [] }, 'import');
    expect(a.mock.calls).toEqual([['import']]);
    expect(b.mock.calls).toEqual([['import']]);

    offA();
    expect(ipc.listenerCount(MENU_COMMAND_CHANNEL)).toBe(1);
    ipc.emit(MENU_COMMAND_CHANNEL, {}, 'export');
    expect(a).toHaveBeenCalledTimes(1);
    expect(b.mock.calls).toEqual([['import'], ['export']]);

    // A second unsubscribe does not remove someone else's listener.
    offA();
    expect(ipc.listenerCount(MENU_COMMAND_CHANNEL)).toBe(1);
  });

  it('drops anything that is not a known command', () => {
    const ipc = new FakeIpcRenderer();
    const cb = vi.fn();
    createBridge(ipc).onMenuCommand(cb);
    ipc.emit(MENU_COMMAND_CHANNEL, {}, 'rm -rf');
    ipc.emit(MENU_COMMAND_CHANNEL, {}, { cmd: 'import' });
    expect(cb).not.toHaveBeenCalled();
    expect(() => createBridge(ipc).onMenuCommand('nope' as never)).toThrow(TypeError);
  });

  it('uses the channel and commands of the shared contract', async () => {
    const { HostCommand } = await import('../../shared/ipc');
    expect(MENU_CHANNEL).toBe(MENU_COMMAND_CHANNEL);
    expect([...HOST_COMMANDS].sort()).toEqual([...HostCommand.options].sort());
  });
});

describe('preload sources', () => {
  it('import nothing at runtime but electron and each other (a sandboxed preload cannot require more)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const dir = join(import.meta.dirname, '../../electron/preload');
    const seen = new Set<string>();
    for (const file of await readdir(dir)) {
      const src = await readFile(join(dir, file), 'utf8');
      const runtime = [...src.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
      for (const spec of runtime) {
        expect(['electron', './bridge'], `${file} imports ${spec}`).toContain(spec);
        seen.add(spec);
      }
    }
    expect([...seen].sort()).toEqual(['./bridge', 'electron']);
  });
});
