import { basename } from 'node:path';
/** What several e2e specs do the same way: the library's rows, opening a sample, importing through the file chooser, measuring boxes. */
import { expect, type Locator, type Page } from '@playwright/test';

export const rows = (page: Page) => page.getByTestId('session-row');
export const SCOPER = 'Sample · Per-client rate limiting';

/** Opens a bundled sample (by the start of its title) from a fresh library. */
export async function openSample(page: Page, titleStart: string): Promise<void> {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await rows(page).filter({ hasText: titleStart }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
}

/** Imports a file made by the test through the Import button; waits until the library shows `rowsAfter` sessions. */
export async function importFile(page: Page, name: string, bytes: Uint8Array | string, rowsAfter: number, mimeType = 'application/zip'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles({ name, mimeType, buffer: Buffer.from(bytes) });
  await expect(rows(page)).toHaveCount(rowsAfter, { timeout: 30_000 });
}

/**
 * From a fresh library: imports a file the test wrote to disk through Import files…, clears the
 * import panel (it would cover the pane being read) and opens the session titled `title`.
 */
export async function importAndOpen(page: Page, path: string, title: string): Promise<void> {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByTestId('import-job').filter({ hasText: basename(path) })).toHaveAttribute('data-status', 'imported');
  await page.getByTestId('import-panel').getByRole('button', { name: 'Clear' }).click();
  await rows(page).filter({ hasText: title }).getByRole('link').click();
}

export type Box = { x: number; y: number; width: number; height: number };

export async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  expect(b, 'element has a box').not.toBeNull();
  return b!;
}

/** From the library, opens a session (by title) in committee mode and waits for its reel. */
export async function openCommittee(page: Page, title: string): Promise<void> {
  await rows(page).filter({ hasText: title }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
  await page.getByRole('button', { name: 'Committee mode' }).click();
  await expect(page.getByTestId('presenter')).toBeVisible();
  await expect(page.getByTestId('reel-clip').first()).toBeVisible({ timeout: 30_000 });
}
