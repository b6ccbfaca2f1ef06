/** Types for electron-binary.mjs (plain JavaScript so that `npm start` runs it with bare Node). */
export declare const DOWNLOAD_TIMEOUT_MS: number;
export declare const PROBE_TIMEOUT_MS: number;
export declare function downloadOrigin(env: NodeJS.ProcessEnv): string;
export declare function probeDownloadHost(origin: string, timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<DownloadResult>;
export type Found = { installed: true; path: string } | { installed: false; reason: string };
export type DownloadResult = { ok: boolean; detail?: string };
export declare function findElectron(electronDir: string, env?: NodeJS.ProcessEnv): Found;
export declare function runElectronInstaller(electronDir: string, timeoutMs: number): Promise<DownloadResult>;
export declare function missingElectronMessage(p: { root: string; electronDir: string; version: string; reason: string; detail?: string }): string;
export declare function ensureElectron(opts: {
  root: string;
  electronDir?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  download?: (electronDir: string, timeoutMs: number) => Promise<DownloadResult>;
  probe?: (origin: string) => Promise<DownloadResult>;
  log?: (line: string) => void;
}): Promise<{ ok: true; path: string; downloaded: boolean } | { ok: false; message: string }>;
