/**
 * What the side-by-side benchmark and its two profiling aids share: the four real transcripts
 * they use, their import into the page, and opening them side by side.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { importThroughChooser, startPreview, storedSessions } from './bench-common';

/** The rated sessions' transcripts (BATON_RATED_SESSIONS overrides). */
export const RATED_SESSIONS = resolve(process.env.BATON_RATED_SESSIONS ?? join(dirname(fileURLToPath(import.meta.url)), '../../shared/rated-sessions/sessions'));

const TARGET_BYTES = 2.5e6;

/** The four transcripts closest to 2.5 MB. */
export function compareTranscripts(dir = RATED_SESSIONS): { path: string; bytes: number }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .map((n) => ({ path: join(dir, n), bytes: statSync(join(dir, n)).size }))
    .sort((a, b) => Math.abs(a.bytes - TARGET_BYTES) - Math.abs(b.bytes - TARGET_BYTES))
    .slice(0, 4);
}

/** Imports the files through Import files…; returns the sessions the library holds that are not bundled samples. */
export async function importTranscripts(page: Page, files: { path: string }[]) {
  await importThroughChooser(page, files.map((f) => f.path));
  return (await storedSessions(page)).filter((x) => !x.sample);
}

/** Opens the sessions side by side (the bench page, aligned as asked) and waits for the panes' first rows. */
export async function openCompare(page: Page, port: number, ids: string[], align: 'elapsed' | 'prompt'): Promise<void> {
  await page.goto(`http://127.0.0.1:${port}/?bench=1#/compare?s=${ids.map(encodeURIComponent).join(',')}&align=${align}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __batonCompare?: unknown }).__batonCompare), undefined, { timeout: 120_000 });
  await page.locator('[data-testid="compare-pane"] [data-testid="replay-event"]').first().waitFor();
}

/**
 * For the profiling aids: serves the web build in `dist`, opens a 1920×1080 page in Chromium,
 * imports the four transcripts into it and runs `fn` with their session ids; closes it all after.
 */
export async function withImportedTranscripts(dist: string, port: number, fn: (x: { browser: Browser; page: Page; ids: string[]; port: number }) => Promise<void>): Promise<void> {
  const server = await startPreview(dist, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // tsx names functions with __name, which page.evaluate's serialised callbacks would call.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`http://127.0.0.1:${port}/`);
    const ids = (await importTranscripts(page, compareTranscripts())).map((x) => x.id);
    await fn({ browser, page, ids, port });
  } finally {
    await browser.close();
    server.stop();
  }
}
