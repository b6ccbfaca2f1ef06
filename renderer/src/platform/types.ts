import type { HostCommand } from '../../../shared/ipc';

/**
 * Everything the renderer needs from its host. The Electron implementation goes through the
 * preload bridge; the web implementation uses browser APIs. The renderer never touches
 * either host directly.
 */
export interface PlatformApi {
  readonly kind: 'electron' | 'web';
  /** Lets the reviewer choose files (or a folder) to import. Empty when cancelled. */
  pickFiles(opts: { directory: boolean }): Promise<File[]>;
  /** Saves a file under a suggested name (save dialog or download). False when cancelled. */
  saveFile(suggestedName: string, data: Blob): Promise<boolean>;
  /** Opens an http(s) link outside the app. The caller has already asked the reviewer. */
  openExternal(url: string): Promise<void>;
  /** Host menu commands (File > Import…, Export…, Help). Returns an unsubscribe function. */
  onCommand(cb: (cmd: HostCommand) => void): () => void;
  appVersion(): Promise<string>;
  /** Desktop only: the decision record as PDF with page numbers (printToPDF), saved where the user chooses. */
  printToPdf?(suggestedName: string, html: string): Promise<boolean>;
  /** Desktop only: a full-screen audience window on another display showing `hash` (a route). */
  openAudienceWindow?(hash: string): Promise<{ display: string }>;
}
