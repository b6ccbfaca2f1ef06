/**
 * IPC registration: one `ipcMain.handle` per channel of the contract in shared/ipc.ts.
 * Every call is checked twice before a handler runs: the sender must be our main window
 * showing our renderer, and the argument must match the channel's zod schema.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { IpcArgs, type IpcArg, type IpcChannel, type IpcResults } from '../../shared/ipc';
import { isRendererUrl, type RendererLocation } from './location';

export type IpcHandlers = { [C in IpcChannel]: (arg: IpcArg<C>) => Promise<IpcResults[C]> };

/** The parts of an invoke event the sender check reads. */
export type SenderInfo = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export class IpcRejected extends Error {
  override name = 'IpcRejected';
}

/** Formats a zod error as one short sentence. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * A sender is trusted when it is the main window's web contents, the message comes from its
 * top frame, and that frame shows our renderer (dev server origin or our index.html).
 */
export function makeSenderCheck(mainContents: () => WebContents | undefined, loc: RendererLocation): (e: SenderInfo) => boolean {
  return (e) => {
    const wc = mainContents();
    if (!wc || wc.isDestroyed() || !e.sender || (e.sender !== wc && e.sender.id !== wc.id)) return false;
    const frame = e.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isRendererUrl(frame.url, loc);
  };
}

/** Wraps one handler with the sender check and argument validation. */
export function guardHandler<C extends IpcChannel>(
  channel: C,
  handler: IpcHandlers[C],
  isTrustedSender: (e: SenderInfo) => boolean,
): (event: SenderInfo, arg: unknown) => Promise<IpcResults[C]> {
  const schema = IpcArgs[channel];
  return async (event, arg) => {
    if (!isTrustedSender(event)) throw new IpcRejected(`${channel}: rejected — the request did not come from the Baton window`);
    const parsed = schema.safeParse(arg);
    if (!parsed.success) throw new IpcRejected(`${channel}: invalid argument — ${describeIssues(parsed.error.issues)}`);
    return handler(parsed.data as IpcArg<C>);
  };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, arg: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export const IPC_CHANNELS = Object.keys(IpcArgs) as IpcChannel[];

/** Registers every channel; returns a function that removes them again. */
export function registerIpc(ipcMain: IpcMainLike, handlers: IpcHandlers, isTrustedSender: (e: SenderInfo) => boolean): () => void {
  for (const channel of IPC_CHANNELS) {
    const guarded = guardHandler(channel, handlers[channel] as IpcHandlers[typeof channel], isTrustedSender);
    ipcMain.handle(channel, (event, arg) => guarded(event, arg));
  }
  return () => {
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
}
