/**
 * Hostile content in a session (issue 17, items 2 and 9): markdown that used to overflow the
 * renderer's stack and blank the app, and links that navigated the tab away without asking.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { fixtureMeta } from '../fixtures/archives';
import { FIXTURE_DIR } from './global-setup';
import { importAndOpen } from './helpers';

const rows = (page: Page) => page.getByTestId('session-row');
const FILE = 'hostile-markdown.baton';

test.beforeAll(async () => {
  const meta = { ...fixtureMeta('hostile-md', 'Hostile markdown session'), task: { title: 'Hostile task', statement: 'Read [the docs](https://example.com/docs) or go [back](#/) first.' } };
  const deepList = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
  const bytes = await writeArchiveToBytes({
    meta,
    events: [
      { id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: `${'>'.repeat(10_000)} quoted` },
      { id: 'r1', t: 1000, actor: 'agent', kind: 'response', text: deepList },
      { id: 'r2', t: 2000, actor: 'agent', kind: 'response', text: 'A normal **reply** after them.' },
    ],
    createdAt: '2026-03-04T10:00:00.000Z',
  });
  writeFileSync(join(FIXTURE_DIR, FILE), bytes);
});

test('a session of hostile markdown opens, and its links ask before leaving', async ({ page }) => {
  await importAndOpen(page, join(FIXTURE_DIR, FILE), 'Hostile markdown session');

  // The app is not blank: the prompt and the deep list are shown as plain text, the last reply formatted.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hostile markdown session');
  const messages = page.getByTestId('conv-message');
  await expect(messages.first()).toContainText('nested too deeply to format');
  // The reviewer scrolls down to the reply (while the list follows the playhead, messages out of
  // view are not built).
  await page.getByTestId('conversation').locator('.conv-scroll').hover();
  await page.mouse.wheel(0, 3000);
  await expect(page.getByTestId('conversation').locator('strong', { hasText: 'reply' })).toBeInViewport();
  await expect(page.getByTestId('pane-error')).toHaveCount(0);
  // The long list (clipped at import) shows its first lines; the rest is one click away, and folds back.
  const list = messages.nth(1);
  await expect(list).toContainText('item 23');
  await expect(list).not.toContainText('item 100');
  await list.getByRole('button', { name: /^Show the rest \([\d,]+ more lines\)$/ }).click();
  await expect(list).toContainText('item 100');
  await list.getByRole('button', { name: 'Show less' }).click();
  await expect(list).not.toContainText('item 100');

  // A link in the task statement asks in the app's dialog; the tab stays where it is.
  await page.getByRole('tab', { name: 'Task & info' }).click();
  const url = page.url();
  await page.getByRole('link', { name: 'the docs' }).click();
  await expect(page.getByTestId('link-confirm')).toBeVisible();
  await expect(page.getByTestId('link-confirm')).toContainText('https://example.com/docs');
  await page.getByRole('button', { name: 'Stay here' }).click();
  await expect(page.getByTestId('link-confirm')).toHaveCount(0);
  expect(page.url()).toBe(url);
  // A `#…` link would have changed the app's route: it does nothing.
  await page.getByRole('link', { name: 'back' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hostile markdown session');
  expect(page.url()).toBe(url);
});

test('Cancel stops a running import at once and leaves nothing in the library, also after a reload', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(join(FIXTURE_DIR, 'large-session.baton'));
  const job = page.getByTestId('import-job').filter({ hasText: 'large-session.baton' });
  await expect(job).toHaveAttribute('data-status', 'running');
  // Some events are staged before Cancel.
  await expect.poll(async () => Number(await job.getByTestId('import-progress').getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(job).toHaveAttribute('data-status', 'cancelled');
  await expect(job.getByTestId('import-message')).toHaveText('large-session.baton: import cancelled; nothing was stored');
  // A new import starts straight away: it does not wait behind the cancelled one.
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await again).setFiles(join(FIXTURE_DIR, 'small-session.baton'));
  await expect(rows(page)).toHaveCount(5);
  const staged = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('baton');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['staging', 'events'], 'readonly');
          const count = tx.objectStore('staging').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
  expect(staged).toBe(0);
  await page.reload();
  await expect(rows(page)).toHaveCount(5);
  await expect(rows(page).filter({ hasText: 'Large fixture session' })).toHaveCount(0);
});

test('an OSC 8 link in recorded terminal output asks in the app\'s dialog, not the browser\'s confirm()', async ({ page }) => {
  const cast = [
    JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1767225600, title: 'osc8 links' }),
    JSON.stringify([2, 'o', 'see \x1b]8;;https://example.com/osc\x07the manual\x1b]8;;\x07 here\r\n']),
    JSON.stringify([5, 'm', 'end']),
  ].join('\n');
  writeFileSync(join(FIXTURE_DIR, 'osc8.cast'), `${cast}\n`);
  const browserDialogs: string[] = [];
  page.on('dialog', (d) => {
    browserDialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(join(FIXTURE_DIR, 'osc8.cast'));
  await rows(page).filter({ hasText: 'osc8 links' }).getByRole('link').click();
  // A terminal-only session shows its terminal in the main area.
  await expect(page.getByTestId('main-terminal')).toBeVisible();
  const screen = page.getByTestId('terminal-screen');
  await expect(screen).toHaveAttribute('data-cast', 'ready');
  const id = decodeURIComponent(/#\/session\/([^?]+)/.exec(page.url())![1]!);
  await page.evaluate((h) => (window.location.hash = h), `#/session/${encodeURIComponent(id)}?t=3000`);
  await expect(screen).toContainText('the manual');
  const link = screen.locator('.xterm-rows span', { hasText: 'manual' }).first();
  const box = (await link.boundingBox())!;
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.mouse.move(box.x + 8, box.y + box.height / 2);
  await page.mouse.click(box.x + 8, box.y + box.height / 2);
  await expect(page.getByTestId('link-confirm')).toContainText('https://example.com/osc');
  expect(browserDialogs).toEqual([]);
});
