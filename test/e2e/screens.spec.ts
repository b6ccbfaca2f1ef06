import { expect, test } from '@playwright/test';
import { join } from 'node:path';

/** Screenshots for a human to look at: laptop, projector, dark mode. Not compared to goldens. */
const OUT = join(process.cwd(), 'test-results', 'screens');

for (const [name, viewport, colorScheme] of [
  ['library-1280x800-light', { width: 1280, height: 800 }, 'light'],
  ['library-1920x1080-dark', { width: 1920, height: 1080 }, 'dark'],
] as const) {
  test(`screenshot ${name}`, async ({ browser }) => {
    const ctx = await browser.newContext({ viewport, colorScheme });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect(page.getByTestId('session-row').first()).toBeVisible();
    await expect(page.getByTestId('import-job').filter({ hasText: 'Importing' })).toHaveCount(0);
    await page.getByTestId('import-panel').getByRole('button', { name: 'Clear' }).click();
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    await page.getByTestId('session-row').first().getByRole('link').click();
    await expect(page.getByTestId('replay-events')).toBeVisible();
    await page.screenshot({ path: join(OUT, `session-${name}.png`) });
    await ctx.close();
  });
}
