/**
 * The object the preload exposes as `window.baton`: one function per IPC channel and a
 * menu-command subscription. Neither ipcRenderer nor any event object ever reaches the
 * page. Main validates every argument again.
 *
 * Only types come from shared/ipc.ts: importing its values would bundle zod into the
 * sandboxed preload. The constants below are checked against the contract at compile time.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { BatonBridge, HostCommand, IpcArg, IpcChannel, IpcResults, MENU_COMMAND_CHANNEL } from '../../shared/ipc';

export const MENU_CHANNEL: typeof MENU_COMMAND_CHANNEL = 'menu:command';

/** Every HostCommand; the type check below fails when shared/ipc.ts gains one. */
export const HOST_COMMANDS = ['import', 'import-folder', 'export', 'shortcuts', 'about'] as const satisfies readonly HostCommand[];
type MissingCommand = Exclude<HostCommand, (typeof HOST_COMMANDS)[number]>;
const allCommandsListed: [MissingCommand] extends [never] ? true : MissingCommand = true;
void allCommandsListed;

function isHostCommand(v: unknown): v is HostCommand {
  return typeof v === 'string' && (HOST_COMMANDS as readonly string[]).includes(v);
}

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

/** The three ipcRenderer methods the bridge uses (the real one, or a fake in tests). */
export interface IpcRendererLike {
  invoke: IpcRenderer['invoke'];
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

export function createBridge(ipc: IpcRendererLike): BatonBridge {
  const invoke = <C extends IpcChannel>(channel: C, arg: IpcArg<C>): Promise<IpcResults[C]> =>
    ipc.invoke(channel, arg) as Promise<IpcResults[C]>;
  const bridge: BatonBridge = {
    openFiles: (arg) => invoke('dialog:open-files', arg),
    readFile: (arg) => invoke('file:read', arg),
    saveFile: (arg) => invoke('dialog:save-file', arg),
    openExternal: (arg) => invoke('shell:open-external', arg),
    appVersion: () => invoke('app:version', {}),
    openAudienceWindow: (arg) => invoke('committee:audience', arg),
    printReportPdf: (arg) => invoke('report:pdf', arg),
    onMenuCommand(cb) {
      if (typeof cb !== 'function') throw new TypeError('onMenuCommand needs a callback');
      // The event object stays here: the page only ever sees the command string.
      const listener = (_event: IpcRendererEvent, cmd: unknown) => {
        if (isHostCommand(cmd)) cb(cmd);
      };
      ipc.on(MENU_CHANNEL, listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(MENU_CHANNEL, listener);
      };
    },
  };
  return Object.freeze(bridge);
}
