import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../shared/samples';
import { findEvents } from '../../renderer/src/features/replay/events/search';

/**
 * Find acts on the text in the box, never on an older one: Enter right after replacing the
 * text goes to a match of the new text, and the count never shows another text's result.
 * The expected matches are computed here, in Node, from the sample's own generator.
 */
const rows = (page: Page) => page.getByTestId('session-row');

function fmt(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

test('Enter right after replacing the find text goes to a match of the new text; the count is never stale', async ({ page }) => {
  const { events } = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  const testHits = await findEvents(events, 'test');
  const gitHits = await findEvents(events, 'git');
  expect(testHits.length).toBeGreaterThan(1);
  expect(gitHits.length).toBeGreaterThan(1);
  // From the start, Enter goes to the first match after event 0.
  const firstTest = testHits.find((i) => i > 0)!;
  // Then, from that event, the first "git" match after it; its time differs from the next "test" match's.
  const nextGit = gitHits.find((i) => i > firstTest) ?? gitHits[0]!;
  const nextTest = testHits.find((i) => i > firstTest)!;
  expect(events[nextGit]!.t).not.toBe(events[nextTest]!.t);

  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await rows(page).filter({ hasText: 'Sample · Per-client rate limiting' }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
  const box = page.getByRole('searchbox', { name: 'Find in events' });
  const count = page.getByTestId('find-count');
  const clock = page.getByTestId('clock-time');

  await box.fill('test');
  // Whatever the count shows right away is for "test" (or still searching), never empty-handed.
  expect(['…', `0 / ${testHits.length}`]).toContain(await count.textContent());
  await box.press('Enter');
  await expect(clock).toContainText(`${fmt(events[firstTest]!.t)} /`);
  await expect(count).toHaveText(`${testHits.indexOf(firstTest) + 1} / ${testHits.length}`);

  await box.fill('git');
  expect(['…', `0 / ${gitHits.length}`]).toContain(await count.textContent());
  await box.press('Enter');
  await expect(clock).toContainText(`${fmt(events[nextGit]!.t)} /`);
  await expect(count).toHaveText(`${gitHits.indexOf(nextGit) + 1} / ${gitHits.length}`);
  // The search that was pending when Enter was pressed does not undo the move.
  await box.press('Enter');
  const after = gitHits[(gitHits.indexOf(nextGit) + 1) % gitHits.length]!;
  await expect(count).toHaveText(`${gitHits.indexOf(after) + 1} / ${gitHits.length}`);

  await box.fill('no such text anywhere');
  expect(['…', 'no matches']).toContain(await count.textContent());
  await expect(count).toHaveText('no matches');
});
