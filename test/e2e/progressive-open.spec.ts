import { expect, test } from '@playwright/test';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { generateLargeSession } from '../../shared/samples';
import { sortByTime } from '../../shared/replay/index';
import { findEvents } from '../../renderer/src/features/replay/events/search';
import { importFile, rows, SCOPER } from './helpers';

/**
 * A large session opens from the chunks around its start position and loads the rest behind
 * the first paint (issue 20). The test holds that background load (`__batonHoldLoad`), so
 * what it checks happens before the load completes, every run: a seek far outside the loaded
 * chunks lands on the right event at the right place in the whole session, and find waits
 * ("…") for every event, then goes to the right match. The expected events and matches are
 * computed here, in Node, from the generator.
 */
test('a seek and a find before a 20,000-event session has finished loading land on the right events', async ({ page }) => {
  test.setTimeout(120_000);
  const session = generateLargeSession(20_000, 11);
  const bytes = await writeArchiveToBytes({ ...session, createdAt: '2026-01-01T00:00:00.000Z' });
  const events = sortByTime(session.events);
  // A target time far from the start, held by one event alone.
  let k = 15_000;
  while (events[k - 1]!.t === events[k]!.t || events[k + 1]!.t === events[k]!.t) k++;
  const query = 'midnight in a DST';
  const hits = await findEvents(events, query);
  expect(hits.length).toBeGreaterThan(2);
  const next = hits.find((h) => h > k)!;
  // Where the playhead lands on the match's time: the last event at that time.
  const landed = events.findLastIndex((e) => e.t <= events[next]!.t);

  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await importFile(page, 'large.baton', bytes, 5);
  const row = rows(page).filter({ hasText: session.meta.title });
  const id = await row.getAttribute('data-session-id');
  await page.evaluate(() => Object.assign(globalThis, { __batonHoldLoad: true }));
  await row.getByRole('link').click();

  const loading = page.getByTestId('replay-loading');
  await expect(loading).toHaveText(/^Loading events… [\d,]+ of 20,000$/);
  await expect(page.getByTestId('event-position')).toHaveText('event 0 of 20,000');
  // The timeline, drawn after the first rows are painted, is drawn while the rest is still loading.
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-view', /^\d+ \d+$/);
  // So are the messages' markdown (shown as plain text until marked and DOMPurify have loaded).
  await expect(page.locator('[data-testid="conv-message"] .markdown p').first()).toBeVisible();
  await expect(page.locator('.md-pending')).toHaveCount(0);
  await expect(loading).toBeVisible();
  // Only the chunks around the start are here.
  expect(await page.getByTestId('replay-event').filter({ has: page.locator(`[data-event-id="${events[k]!.id}"]`) }).count()).toBe(0);

  // Seek as a pasted link does, to an event ~15,000 events in.
  await page.evaluate(([sid, t]) => (location.hash = `#/session/${encodeURIComponent(sid as string)}?t=${t}`), [id, events[k]!.t]);
  const current = page.locator('[data-testid="replay-event"][aria-current="true"]');
  await expect(current).toHaveAttribute('data-event-id', events[k]!.id);
  await expect(page.getByTestId('event-position')).toHaveText(`event ${(k + 1).toLocaleString('en-US')} of 20,000`);
  await expect(loading).toBeVisible();

  // Find while loading: the count waits for every event, and Enter is kept until then.
  const box = page.getByRole('searchbox', { name: 'Find in events' });
  await box.fill(query);
  await box.press('Enter');
  await page.waitForTimeout(400);
  await expect(page.getByTestId('find-count')).toHaveText('…');
  await expect(loading).toBeVisible();

  await page.evaluate(() => Object.assign(globalThis, { __batonHoldLoad: false }));
  await expect(loading).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('find-count')).toHaveText(`${hits.indexOf(next) + 1} / ${hits.length}`);
  await expect(page.locator('[data-testid="replay-event"].match-current')).toHaveAttribute('data-event-id', events[next]!.id);
  await expect(current).toHaveAttribute('data-event-id', events[landed]!.id);
  await expect(page.getByTestId('event-position')).toHaveText(`event ${(landed + 1).toLocaleString('en-US')} of 20,000`);
});

/**
 * A reviewer who opens a large session and leaves before it has loaded (a wrong link, a
 * second thought) lands where they went, and stays there: the left session's first screen or
 * the rest of its load never paints over the next one, and no error is thrown when its reads
 * come back. Both ways of leaving: before the first screen, and during the background load.
 */
test('leaving a large session before it has loaded shows where the reviewer went, and the session opens again whole', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const session = generateLargeSession(20_000, 12);
  const bytes = await writeArchiveToBytes({ ...session, createdAt: '2026-01-01T00:00:00.000Z' });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await importFile(page, 'large.baton', bytes, 5);
  const large = rows(page).filter({ hasText: session.meta.title });
  const id = (await large.getAttribute('data-session-id'))!;
  const sample = rows(page).filter({ hasText: SCOPER });
  const sampleId = (await sample.getAttribute('data-session-id'))!;
  const title = page.getByRole('heading', { level: 1 });
  const loading = page.getByTestId('replay-loading');

  // Before the first screen: the large session's link, then at once the sample's.
  await page.evaluate(
    ([a, b]) => {
      location.hash = `#/session/${encodeURIComponent(a!)}`;
      setTimeout(() => (location.hash = `#/session/${encodeURIComponent(b!)}`), 0);
    },
    [id, sampleId],
  );
  await expect(title).toContainText(SCOPER);
  await page.waitForTimeout(1500);
  await expect(title).toContainText(SCOPER);
  await expect(loading).toHaveCount(0);
  await expect(page.getByTestId('event-position')).not.toContainText('20,000');

  // During the background load: the first screen is up, the rest held, then back to the library.
  await page.evaluate(() => Object.assign(globalThis, { __batonHoldLoad: true }));
  await page.evaluate((a) => (location.hash = `#/session/${encodeURIComponent(a)}`), id);
  await expect(loading).toBeVisible();
  await page.goBack();
  await expect(title).toContainText(SCOPER);
  await page.evaluate(() => Object.assign(globalThis, { __batonHoldLoad: false }));
  await page.waitForTimeout(1500);
  await expect(title).toContainText(SCOPER);
  await expect(loading).toHaveCount(0);

  // Opened again, it loads whole.
  await page.evaluate((a) => (location.hash = `#/session/${encodeURIComponent(a)}`), id);
  await expect(title).toHaveText(session.meta.title);
  await expect(loading).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('event-position')).toHaveText(/ of 20,000$/);
  expect(errors).toEqual([]);
});
