import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import type { SessionMeta } from '../../shared/model/schema';

/**
 * Real logs carry no candidate name: the reviewer sets it (and the task's title) in Task &
 * info. The names are kept with the session — the header, the library, a reload — and go
 * out with it in an exported .baton.
 */
const rows = (page: Page) => page.getByTestId('session-row');

test("a session's candidate name and task title can be set, are kept, and are exported", async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await rows(page).filter({ hasText: 'Retrying HTTP client' }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
  await page.getByTestId('replay').getByRole('button', { name: 'Edit names' }).first().click();
  const form = page.getByTestId('names-form');
  await expect(form).toBeVisible();
  await form.getByLabel('Candidate').fill('  Ada Example  ');
  await form.getByLabel('Task').fill('Billing retries, take two');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('replay-candidate')).toHaveText('Ada Example');
  await expect(page.getByTestId('info-task')).toHaveText('Billing retries, take two');
  await expect(page.getByTestId('info-candidate')).toContainText('Ada Example (');

  // Kept: after a reload, and in the library's columns.
  await page.reload();
  await expect(page.getByTestId('replay-candidate')).toHaveText('Ada Example');
  await page.getByRole('button', { name: '← Sessions' }).click();
  const row = rows(page).filter({ hasText: 'Retrying HTTP client' });
  await expect(row).toContainText('Ada Example');
  await expect(row).toContainText('Billing retries, take two');
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill('ada example');
  await expect(rows(page)).toHaveCount(1);

  // Exported with the session.
  await row.getByRole('link').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .baton' }).click();
  const path = await (await download).path();
  const manifest = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(path)))['manifest.json'])) as { session: SessionMeta };
  expect(manifest.session.candidate.displayName).toBe('Ada Example');
  expect(manifest.session.task.title).toBe('Billing retries, take two');

  // An empty name shows the log's own candidate id again.
  await page.getByTestId('replay').getByRole('button', { name: 'Edit names' }).first().click();
  await page.getByTestId('names-form').getByLabel('Candidate').fill('');
  await page.getByTestId('names-form').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('replay-candidate')).toHaveText(manifest.session.candidate.id);
});
