/**
 * File access for the renderer, limited to what the reviewer chose in a dialog. Main keeps
 * a map of opaque random tokens to paths; the renderer only ever sees tokens, names and
 * sizes, and can read byte ranges of those files and nothing else.
 *
 * Every function takes its dependencies (dialogs, file system) as parameters so tests can
 * run it without Electron.
 */
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import type * as fsp from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { MAX_READ_BYTES, type IpcArg, type PickedFileInfo } from '../../shared/ipc';

/** Most files one folder import may list. */
export const MAX_FOLDER_FILES = 5000;
/** Deepest folder nesting walked. */
export const MAX_FOLDER_DEPTH = 32;
/** Most tokens kept alive; the oldest are forgotten first. */
export const MAX_TOKENS = 20_000;

/** The subset of node:fs/promises the handlers use. */
export type FileSystem = Pick<typeof fsp, 'stat' | 'readdir' | 'open' | 'writeFile'>;

export interface OpenDialogResult {
  canceled: boolean;
  filePaths: string[];
}
export interface SaveDialogResult {
  canceled: boolean;
  filePath?: string;
}

/** Dialog options in the shape Electron's dialog module takes. */
export interface OpenDialogRequest {
  title: string;
  properties: ('openFile' | 'openDirectory' | 'multiSelections')[];
  filters?: { name: string; extensions: string[] }[];
}
export interface SaveDialogRequest {
  title: string;
  defaultPath: string;
}

/** Maps opaque tokens to paths the reviewer picked. */
export class FileTokens {
  private readonly byToken = new Map<string, string>();

  constructor(
    private readonly max = MAX_TOKENS,
    private readonly random: () => string = () => randomBytes(24).toString('base64url'),
  ) {}

  issue(path: string): string {
    let token = this.random();
    while (this.byToken.has(token)) token = this.random();
    this.byToken.set(token, path);
    while (this.byToken.size > this.max) {
      const oldest = this.byToken.keys().next().value;
      if (oldest === undefined) break;
      this.byToken.delete(oldest);
    }
    return token;
  }

  resolve(token: string): string | undefined {
    return this.byToken.get(token);
  }

  get size(): number {
    return this.byToken.size;
  }
}

export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

/**
 * Every regular file under `dir`, recursively, sorted by path. Hidden directories (.git,
 * .venv …) and symbolic links are skipped; hidden files are kept (some agents write their
 * logs as dot-files). Throws when the folder holds more than `maxFiles` files.
 */
export async function listFolderFiles(fs: Pick<FileSystem, 'readdir'>, dir: string, maxFiles = MAX_FOLDER_FILES): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string, depth: number): Promise<void> => {
    if (depth > MAX_FOLDER_DEPTH) return;
    const entries = (await fs.readdir(current, { withFileTypes: true })) as Dirent[];
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.')) continue;
        await walk(path, depth + 1);
      } else if (entry.isFile()) {
        out.push(path);
        if (out.length > maxFiles) {
          throw new UserFacingError(`The folder holds more than ${maxFiles.toLocaleString('en-US')} files; choose a smaller folder.`);
        }
      }
    }
  };
  await walk(dir, 0);
  return out;
}

const IMPORT_FILTERS = [
  { name: 'Sessions and Baton archives', extensions: ['baton', 'jsonl', 'json', 'cast', 'md', 'log', 'txt', 'zip', 'baton-review'] },
  { name: 'All files', extensions: ['*'] },
];

export interface OpenFilesDeps {
  showOpenDialog: (req: OpenDialogRequest) => Promise<OpenDialogResult>;
  fs: Pick<FileSystem, 'stat' | 'readdir'>;
  tokens: FileTokens;
  maxFiles?: number;
}

/** dialog:open-files — the reviewer picks files or one folder; returns tokens for them. */
export async function openFiles(arg: IpcArg<'dialog:open-files'>, deps: OpenFilesDeps): Promise<PickedFileInfo[]> {
  const res = await deps.showOpenDialog(
    arg.directory
      ? { title: 'Import a folder of sessions', properties: ['openDirectory'] }
      : { title: 'Import sessions', properties: ['openFile', 'multiSelections'], filters: IMPORT_FILTERS },
  );
  if (res.canceled || res.filePaths.length === 0) return [];

  const picked: { path: string; name: string }[] = [];
  if (arg.directory) {
    const root = res.filePaths[0]!;
    for (const path of await listFolderFiles(deps.fs, root, deps.maxFiles)) {
      // The name keeps the path inside the folder, so reports can tell same-named files apart.
      picked.push({ path, name: relative(root, path).split(sep).join('/') });
    }
  } else {
    for (const path of res.filePaths) picked.push({ path, name: basename(path) });
  }

  const out: PickedFileInfo[] = [];
  for (const p of picked) {
    const st = await deps.fs.stat(p.path);
    if (!st.isFile()) continue;
    out.push({ token: deps.tokens.issue(p.path), name: p.name.slice(0, 4096), size: st.size });
  }
  return out;
}

export interface ReadFileDeps {
  fs: Pick<FileSystem, 'open'>;
  tokens: FileTokens;
}

/** file:read — bytes [offset, offset + length) of a file issued by the dialog (shorter at its end). */
export async function readFileRange(arg: IpcArg<'file:read'>, deps: ReadFileDeps): Promise<Uint8Array> {
  const path = deps.tokens.resolve(arg.token);
  if (path === undefined) throw new UserFacingError('Unknown file token: only files chosen in the open dialog can be read.');
  if (!Number.isSafeInteger(arg.offset) || arg.offset < 0) throw new UserFacingError('Invalid read offset.');
  if (!Number.isSafeInteger(arg.length) || arg.length <= 0 || arg.length > MAX_READ_BYTES) {
    throw new UserFacingError(`A read may request at most ${MAX_READ_BYTES} bytes.`);
  }
  const handle = await deps.fs.open(path, 'r');
  try {
    const buf = new Uint8Array(arg.length);
    let filled = 0;
    while (filled < arg.length) {
      const { bytesRead } = await handle.read(buf, filled, arg.length - filled, arg.offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === arg.length ? buf : buf.slice(0, filled);
  } finally {
    await handle.close();
  }
}

/** Turns a suggested name into a plain file name: no folders, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim();
  return clean.slice(0, 200) || 'export';
}

export interface SaveFileDeps {
  showSaveDialog: (req: SaveDialogRequest) => Promise<SaveDialogResult>;
  fs: Pick<FileSystem, 'writeFile'>;
  /** Folder the dialog starts in (the user's Downloads folder). */
  defaultDir: string;
}

/** dialog:save-file — the reviewer picks where to save; the bytes are written there. */
export async function saveFile(arg: IpcArg<'dialog:save-file'>, deps: SaveFileDeps): Promise<{ saved: boolean }> {
  const res = await deps.showSaveDialog({ title: 'Export', defaultPath: join(deps.defaultDir, safeFileName(arg.suggestedName)) });
  if (res.canceled || !res.filePath) return { saved: false };
  await deps.fs.writeFile(res.filePath, arg.data);
  return { saved: true };
}

/** shell:open-external — http(s) only, checked again after parsing. */
export async function openExternal(arg: IpcArg<'shell:open-external'>, deps: { openExternal: (url: string) => Promise<void> }): Promise<void> {
  let u: URL;
  try {
    u = new URL(arg.url);
  } catch {
    throw new UserFacingError('Not a valid link.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserFacingError('Only http(s) links open outside the app.');
  await deps.openExternal(u.href);
}
