/**
 * The typed contract between the Electron main process, the preload bridge and the
 * renderer. One method per channel; every argument is validated by main with these schemas.
 * Pure: no Electron import, so the renderer and tests can share it.
 */
import { z } from 'zod';
import { MAX_READ_BYTES } from './ipc-limits';

export const HostCommand = z.enum(['import', 'import-folder', 'export', 'shortcuts', 'about']);
export type HostCommand = z.infer<typeof HostCommand>;

export const PickedFileInfo = z.object({
  /** Opaque handle issued by main for a path the user chose in a dialog. */
  token: z.string().min(1).max(100),
  name: z.string().max(4096),
  size: z.number().int().nonnegative(),
});
export type PickedFileInfo = z.infer<typeof PickedFileInfo>;

/** Largest decision record printed to PDF (characters of HTML). */
export const MAX_REPORT_CHARS = 64 * 1024 * 1024;

export { MAX_READ_BYTES };

export const IpcArgs = {
  'dialog:open-files': z.object({ directory: z.boolean() }).strict(),
  'file:read': z
    .object({
      token: z.string().min(1).max(100),
      offset: z.number().int().nonnegative(),
      length: z.number().int().positive().max(MAX_READ_BYTES),
    })
    .strict(),
  'dialog:save-file': z
    .object({
      suggestedName: z.string().min(1).max(255),
      data: z.instanceof(Uint8Array),
    })
    .strict(),
  'shell:open-external': z
    .object({ url: z.string().max(4096).refine((u) => /^https?:\/\//i.test(u), 'only http(s) links open outside the app') })
    .strict(),
  'app:version': z.object({}).strict(),
  /** Committee mode: the audience window on a second display, showing #/audience/<session id>. */
  'committee:audience': z.object({ hash: z.string().max(600).regex(/^#\/audience\/[^\s#?]{1,500}$/, 'must be an audience route (#/audience/<id>)') }).strict(),
  /** Committee mode: the decision record's HTML printed to PDF and saved where the user chooses. */
  'report:pdf': z.object({ suggestedName: z.string().min(1).max(255), html: z.string().min(1).max(MAX_REPORT_CHARS) }).strict(),
} as const;

export type IpcChannel = keyof typeof IpcArgs;
export type IpcArg<C extends IpcChannel> = z.infer<(typeof IpcArgs)[C]>;

export interface IpcResults {
  'dialog:open-files': PickedFileInfo[];
  'file:read': Uint8Array;
  'dialog:save-file': { saved: boolean };
  'shell:open-external': void;
  'app:version': string;
  'committee:audience': { display: string };
  'report:pdf': { saved: boolean };
}

/** Channel main uses to send menu commands to the renderer. */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/** What the preload exposes as `window.baton`. Nothing raw: one function per channel. */
export interface BatonBridge {
  openFiles(arg: IpcArg<'dialog:open-files'>): Promise<PickedFileInfo[]>;
  readFile(arg: IpcArg<'file:read'>): Promise<Uint8Array>;
  saveFile(arg: IpcArg<'dialog:save-file'>): Promise<{ saved: boolean }>;
  openExternal(arg: IpcArg<'shell:open-external'>): Promise<void>;
  appVersion(): Promise<string>;
  openAudienceWindow(arg: IpcArg<'committee:audience'>): Promise<{ display: string }>;
  printReportPdf(arg: IpcArg<'report:pdf'>): Promise<{ saved: boolean }>;
  onMenuCommand(cb: (cmd: HostCommand) => void): () => void;
}
