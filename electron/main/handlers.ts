/** Binds the handler functions of files.ts to their dependencies, one per IPC channel. */
import type { IpcArg } from '../../shared/ipc';
import type { IpcHandlers } from './ipc';
import {
  openExternal,
  openFiles,
  readFileRange,
  saveFile,
  type FileSystem,
  type FileTokens,
  type OpenDialogRequest,
  type OpenDialogResult,
  type SaveDialogRequest,
  type SaveDialogResult,
} from './files';

export interface HandlerDeps {
  showOpenDialog: (req: OpenDialogRequest) => Promise<OpenDialogResult>;
  showSaveDialog: (req: SaveDialogRequest) => Promise<SaveDialogResult>;
  openExternal: (url: string) => Promise<void>;
  fs: FileSystem;
  tokens: FileTokens;
  /** Folder the save dialog starts in. */
  defaultSaveDir: () => string;
  version: () => string;
  /** Committee mode (absent where there is no window system, e.g. in tests of other channels). */
  openAudienceWindow?: (arg: IpcArg<'committee:audience'>) => Promise<{ display: string }>;
  printReportPdf?: (arg: IpcArg<'report:pdf'>) => Promise<{ saved: boolean }>;
}

export function createHandlers(d: HandlerDeps): IpcHandlers {
  return {
    'dialog:open-files': (arg) => openFiles(arg, { showOpenDialog: d.showOpenDialog, fs: d.fs, tokens: d.tokens }),
    'file:read': (arg) => readFileRange(arg, { fs: d.fs, tokens: d.tokens }),
    'dialog:save-file': (arg) => saveFile(arg, { showSaveDialog: d.showSaveDialog, fs: d.fs, defaultDir: d.defaultSaveDir() }),
    'shell:open-external': (arg) => openExternal(arg, { openExternal: d.openExternal }),
    'app:version': async () => d.version(),
    'committee:audience': (arg) => (d.openAudienceWindow ? d.openAudienceWindow(arg) : Promise.reject(new Error('No audience window here.'))),
    'report:pdf': (arg) => (d.printReportPdf ? d.printReportPdf(arg) : Promise.reject(new Error('PDF printing is not available here.'))),
  };
}
