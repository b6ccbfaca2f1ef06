import { expect, test } from '@playwright/test';

test('the library shows the space it uses on this device', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('session-row').first()).toBeVisible();
  await expect(page.getByTestId('storage-usage')).toHaveText(/^\d+(\.\d)? (B|KiB|MiB) used of [\d.]+ (MiB|GiB)/);
});
