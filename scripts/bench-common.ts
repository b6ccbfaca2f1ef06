/** Pieces every browser benchmark script needs: the build, a preview server of it, and a median. */
import { execFileSync, spawn } from 'node:child_process';
import type { Page } from '@playwright/test';

/**
 * The web build the benchmarks serve: the app exactly as `npm run build:web` builds it, then
 * the benchmark harness page (bench.html) built into the same directory by a second pass, so
 * the harness does not change how the app's code is split into files.
 */
export function buildWeb(outDir: string, emptyFirst = false): void {
  const vite = (env: NodeJS.ProcessEnv, extra: string[]) => execFileSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--outDir', outDir, '--logLevel', 'warn', ...extra], { stdio: 'inherit', env: { ...process.env, ...env } });
  vite({ BATON_BENCH_PAGE: '' }, emptyFirst ? ['--emptyOutDir'] : []);
  vite({ BATON_BENCH_PAGE: '1' }, []);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function waitForServer(url: string, gone: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (gone()) throw new Error(`the preview server for ${url} exited before serving it`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

/**
 * `vite preview` of the web build in outDir on 127.0.0.1:port. Resolves once bench.html is
 * served; call stop() when done (it kills the server's whole process group).
 */
export async function startPreview(outDir: string, port: number): Promise<{ base: string; stop(): void }> {
  const base = `http://127.0.0.1:${port}`;
  // A server already on the port (another run's preview) would answer for this one and the
  // benchmark would measure its build: refuse instead.
  const taken = await fetch(base, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is already served by another process; stop it or pass --port`);
  const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      server.kill('SIGTERM');
    }
  };
  let exited = false;
  server.on('exit', () => (exited = true));
  try {
    await waitForServer(`${base}/bench.html`, () => exited);
  } catch (e) {
    stop();
    throw e;
  }
  return { base, stop };
}

/**
 * Imports `paths` with *Import files…* into the library page open in `page` (its sample rows
 * already listed) and waits until the library lists `sessions` more rows.
 */
export async function importThroughChooser(page: Page, paths: string[], sessions = paths.length): Promise<void> {
  const rows = page.getByTestId('session-row');
  await rows.nth(3).waitFor({ timeout: 120_000 });
  const before = await rows.count();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(paths);
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid="session-row"]').length >= count, before + sessions, { timeout: 300_000 });
}

/** Every session stored in the page's IndexedDB: its id, event count and whether it is a bundled sample. */
export function storedSessions(page: Page): Promise<{ id: string; events: number; sample: boolean }[]> {
  return page.evaluate(async () => {
    const dbh: IDBDatabase = await new Promise((res, rej) => {
      const req = indexedDB.open('baton');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const all: { id: string; eventCount: number; meta: { tags?: string[] } }[] = await new Promise((res) => {
      const r = dbh.transaction('sessions').objectStore('sessions').getAll();
      r.onsuccess = () => res(r.result);
    });
    dbh.close();
    return all.map((x) => ({ id: x.id, events: x.eventCount, sample: Boolean(x.meta.tags?.includes('sample')) }));
  });
}
