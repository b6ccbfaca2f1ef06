/**
 * `npm start`'s launcher (scripts/start/electron-binary.mjs): with the Electron binary missing
 * it downloads it through the injected installer; when that fails it returns one paragraph
 * naming what is missing, the command that fixes it and `npm run web`. The download is
 * stubbed: nothing here touches the network.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadOrigin, ensureElectron, findElectron, probeDownloadHost, runElectronInstaller } from '../../scripts/start/electron-binary.mjs';
import { createServer } from 'node:net';

let root: string;
let electronDir: string;
const exeName = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-start-'));
  electronDir = join(root, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  writeFileSync(join(electronDir, 'install.js'), '');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** What Electron's install.js leaves behind after a successful download. */
const reachable = async () => ({ ok: true });

function fakeInstall(dir: string, version = '45.4.1') {
  mkdirSync(join(dir, 'dist', exeName, '..'), { recursive: true });
  writeFileSync(join(dir, 'dist', exeName), '');
  writeFileSync(join(dir, 'dist', 'version'), `v${version}`);
  writeFileSync(join(dir, 'path.txt'), exeName);
}

describe('npm start: the Electron binary', () => {
  it('is used as it is when installed; nothing is downloaded', async () => {
    fakeInstall(electronDir);
    const download = vi.fn();
    const r = await ensureElectron({ root, env: {}, probe: reachable, download, log: () => {} });
    expect(r).toEqual({ ok: true, path: join(electronDir, 'dist', exeName), downloaded: false });
    expect(download).not.toHaveBeenCalled();
  });

  it('is downloaded with the installer when missing, saying so first', async () => {
    expect(findElectron(electronDir, {})).toEqual({ installed: false, reason: 'it has not been downloaded yet' });
    const lines: string[] = [];
    const download = vi.fn(async (dir: string) => {
      fakeInstall(dir);
      return { ok: true };
    });
    const r = await ensureElectron({ root, env: {}, probe: reachable, download, log: (l) => lines.push(l) });
    expect(download).toHaveBeenCalledWith(electronDir, expect.any(Number));
    expect(r).toEqual({ ok: true, path: join(electronDir, 'dist', exeName), downloaded: true });
    expect(lines.join('\n')).toMatch(/Electron 45\.4\.1 binary is not installed .*downloading it now/);
  });

  it('an older binary in dist/ counts as missing', async () => {
    fakeInstall(electronDir, '44.0.0');
    expect(findElectron(electronDir, {})).toEqual({ installed: false, reason: 'dist/ holds Electron 44.0.0, not 45.4.1' });
  });

  it('when the download fails (offline, blocked): one paragraph with what is missing, the fix and npm run web', async () => {
    const r = await ensureElectron({ root, env: {}, probe: reachable, download: async () => ({ ok: false, detail: 'fetch failed' }), log: () => {} });
    expect(r.ok).toBe(false);
    const message = (r as { message: string }).message;
    expect(message).toContain('needs the Electron 45.4.1 binary: it has not been downloaded yet');
    expect(message).toContain('(fetch failed)');
    expect(message).toContain('`node node_modules/electron/install.js`');
    expect(message).toContain('`npm run web` runs the same app in a browser');
    expect(message.split('\n')).toHaveLength(3);
    expect(message).not.toMatch(/\bat .*:\d+:\d+/); // no stack trace
  });

  it('an installer that reports success without leaving a binary is a failure too', async () => {
    const r = await ensureElectron({ root, env: {}, probe: reachable, download: async () => ({ ok: true }), log: () => {} });
    expect(r.ok).toBe(false);
    expect((r as { message: string }).message).toContain('the installer finished, yet it has not been downloaded yet');
  });

  it('a download host that cannot be reached stops it before the installer runs', async () => {
    const download = vi.fn();
    const r = await ensureElectron({ root, env: {}, probe: async () => ({ ok: false, detail: 'https://github.com cannot be reached: ENOTFOUND' }), download, log: () => {} });
    expect(download).not.toHaveBeenCalled();
    expect(r.ok).toBe(false);
    expect((r as { message: string }).message).toContain('(https://github.com cannot be reached: ENOTFOUND)');
  });

  it('the probe gives up on a host that accepts the connection and never answers', async () => {
    // A TCP server that never replies: what a network that swallows the request looks like.
    const server = createServer(() => {});
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await probeDownloadHost(`http://127.0.0.1:${port}`, 300, {});
      expect(r).toEqual({ ok: false, detail: `http://127.0.0.1:${port} cannot be reached: no answer within 300 ms` });
    } finally {
      server.close();
    }
  });

  it('downloads from ELECTRON_MIRROR when set', () => {
    expect(downloadOrigin({})).toBe('https://github.com');
    expect(downloadOrigin({ ELECTRON_MIRROR: 'https://mirror.example.org/electron/' })).toBe('https://mirror.example.org');
  });

  it('an installer that hangs is stopped after the timeout', async () => {
    writeFileSync(join(electronDir, 'install.js'), 'setInterval(() => {}, 1000);\n');
    const r = await runElectronInstaller(electronDir, 300);
    expect(r).toEqual({ ok: false, detail: 'the download did not finish within 300 ms' });
  });

  it('an installer that exits non-zero is reported with its exit code', async () => {
    writeFileSync(join(electronDir, 'install.js'), 'process.exit(3);\n');
    expect(await runElectronInstaller(electronDir, 60_000)).toEqual({ ok: false, detail: 'the installer exited with 3' });
  });

  it('scripts/start.mjs exits 1 with the paragraph, and starts nothing, when the binary cannot be had', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_EXEC_PATH: join(root, 'no-such-electron') },
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ELECTRON_EXEC_PATH points at');
    expect(r.stderr).toContain('`npm run web`');
  });
});
