/**
 * Makes sure the Electron binary is on disk before `npm start` hands over to electron-vite.
 *
 * Electron 45 fetches its binary lazily: `npm ci` leaves node_modules/electron without dist/,
 * and electron-vite then stops with a bare "Error: Electron uninstall". Here the binary is
 * looked for the way Electron's own install.js does (path.txt, dist/version, the executable),
 * fetched with that installer when missing (its own download, cache and progress bar), and
 * when that fails or takes too long the caller gets one short paragraph saying what is
 * missing and what to do. The download step is injected, so tests never touch the network.
 *
 * Plain JavaScript (typed in electron-binary.d.mts): `npm start` runs it with bare Node,
 * before anything is built.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** 300 → "300 ms", 8000 → "8 s". */
const seconds = (ms) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** How long the installer may take before it is stopped (a slow link gets a progress bar after 30 s). */
export const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
/** How long the download host may take to answer at all before we say it cannot be reached. */
export const PROBE_TIMEOUT_MS = 8_000;

/**
 * The host Electron's installer downloads from: ELECTRON_MIRROR (or npm's electron_mirror
 * setting) when set, else GitHub's releases.
 * @param {NodeJS.ProcessEnv} env
 */
export function downloadOrigin(env) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || env.electron_config_mirror || 'https://github.com/electron/electron/releases/download/';
  try {
    return new URL(mirror).origin;
  } catch {
    return mirror;
  }
}

/**
 * Asks the download host for anything at all (any HTTP answer, even 404, means it is
 * reachable), so a network that drops the connection fails in seconds, not after the
 * installer's own retries. Skipped behind a proxy, which Node's fetch does not use.
 * @param {string} origin
 * @param {number} timeoutMs
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ ok: boolean, detail?: string }>}
 */
export async function probeDownloadHost(origin, timeoutMs, env = process.env) {
  if (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || env.ELECTRON_GET_USE_PROXY) return { ok: true };
  try {
    await fetch(origin, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true };
  } catch (e) {
    const err = /** @type {Error & { cause?: { code?: string } }} */ (e);
    const why = err.name === 'TimeoutError' ? `no answer within ${seconds(timeoutMs)}` : (err.cause?.code ?? err.message);
    return { ok: false, detail: `${origin} cannot be reached: ${why}` };
  }
}

/**
 * Where the Electron executable is, or why it is not usable.
 * @param {string} electronDir node_modules/electron
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ installed: true, path: string } | { installed: false, reason: string }}
 */
export function findElectron(electronDir, env = process.env) {
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { installed: true, path: env.ELECTRON_EXEC_PATH }
      : { installed: false, reason: `ELECTRON_EXEC_PATH points at ${env.ELECTRON_EXEC_PATH}, which does not exist` };
  }
  if (!existsSync(join(electronDir, 'package.json'))) return { installed: false, reason: 'the electron package is not installed (run npm ci)' };
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { installed: false, reason: 'it has not been downloaded yet' };
  const version = /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))).version;
  const distVersion = existsSync(join(electronDir, 'dist', 'version')) ? readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '') : '';
  if (distVersion !== version) return { installed: false, reason: distVersion ? `dist/ holds Electron ${distVersion}, not ${version}` : 'it has not been downloaded yet' };
  const exe = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? { installed: true, path: exe } : { installed: false, reason: `${exe} is missing` };
}

/**
 * Runs Electron's own installer (node_modules/electron/install.js) in a child Node, its
 * output (and progress bar) on this terminal; stops it after `timeoutMs`.
 * @param {string} electronDir
 * @param {number} timeoutMs
 * @returns {Promise<{ ok: boolean, detail?: string }>}
 */
export function runElectronInstaller(electronDir, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
    const timer = setTimeout(() => {
      child.kill();
      resolve({ ok: false, detail: `the download did not finish within ${seconds(timeoutMs)}` });
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: e.message });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true } : { ok: false, detail: `the installer exited with ${code ?? signal}` });
    });
  });
}

/**
 * The paragraph printed when the binary is missing and could not be fetched.
 * @param {{ root: string, electronDir: string, version: string, reason: string, detail?: string }} p
 */
export function missingElectronMessage(p) {
  const installer = relative(p.root, join(p.electronDir, 'install.js')) || 'node_modules/electron/install.js';
  return [
    `baton: the desktop app needs the Electron ${p.version} binary: ${p.reason}, and getting it failed${p.detail ? ` (${p.detail})` : ''}.`,
    `Fix: with internet access (or ELECTRON_MIRROR set to a reachable mirror), run \`node ${installer}\`, then \`npm start\` again.`,
    'Meanwhile `npm run web` runs the same app in a browser (http://127.0.0.1:5173).',
  ].join('\n');
}

/**
 * Finds the binary, downloading it once when missing.
 * @param {{ root: string, electronDir?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number,
 *   download?: (electronDir: string, timeoutMs: number) => Promise<{ ok: boolean, detail?: string }>,
 *   probe?: (origin: string) => Promise<{ ok: boolean, detail?: string }>,
 *   log?: (line: string) => void }} opts
 * @returns {Promise<{ ok: true, path: string, downloaded: boolean } | { ok: false, message: string }>}
 */
export async function ensureElectron(opts) {
  const electronDir = opts.electronDir ?? join(opts.root, 'node_modules', 'electron');
  const env = opts.env ?? process.env;
  const first = findElectron(electronDir, env);
  if (first.installed) return { ok: true, path: first.path, downloaded: false };
  const version = existsSync(join(electronDir, 'package.json'))
    ? /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))).version
    : '(unknown version)';
  if (!existsSync(join(electronDir, 'install.js')) || env.ELECTRON_EXEC_PATH) {
    return { ok: false, message: missingElectronMessage({ root: opts.root, electronDir, version, reason: first.reason, detail: 'nothing to download it with' }) };
  }
  const reach = await (opts.probe ?? ((origin) => probeDownloadHost(origin, PROBE_TIMEOUT_MS, env)))(downloadOrigin(env));
  if (!reach.ok) return { ok: false, message: missingElectronMessage({ root: opts.root, electronDir, version, reason: first.reason, detail: reach.detail }) };
  (opts.log ?? console.log)(`baton: the Electron ${version} binary is not installed (${first.reason}); downloading it now with Electron's installer…`);
  const got = await (opts.download ?? runElectronInstaller)(electronDir, opts.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  const after = findElectron(electronDir, env);
  if (got.ok && after.installed) return { ok: true, path: after.path, downloaded: true };
  const detail = got.ok ? `the installer finished, yet ${after.installed ? 'the binary is still not found' : after.reason}` : got.detail;
  return { ok: false, message: missingElectronMessage({ root: opts.root, electronDir, version, reason: first.reason, detail }) };
}
