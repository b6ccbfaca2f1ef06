/**
 * Reviewer annotations beyond a moment: on one hunk of a diff in the Code pane (marked in the
 * diff, named "hunk N of file" everywhere, opened again from a lane), and the reviewer lanes
 * on the timeline's own axis when it zooms.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import type { SessionEvent } from '../../shared/model/schema';
import { fixtureMeta } from '../fixtures/archives';
import { importFile, openSample, rows, SCOPER } from './helpers';

async function addReviewer(page: Page, name: string) {
  await page.getByTestId('reviewer-button').click();
  const dialog = page.getByTestId('reviewer-dialog');
  await dialog.getByLabel('Reviewer name').fill(name);
  await dialog.getByRole('button', { name: 'Add reviewer' }).click();
  await expect(page.getByTestId('reviewer-button')).toContainText(name);
}

/** A 600-line file, then a change of six lines far apart: six hunks, more than the editor shows at once. */
const LINES = 600;
const CHANGED = [10, 110, 210, 310, 410, 510];
const before = Array.from({ length: LINES }, (_, i) => `export const v${i + 1} = ${i + 1};`).join('\n') + '\n';
const after = Array.from({ length: LINES }, (_, i) => (CHANGED.includes(i + 1) ? `export const v${i + 1} = "changed${i + 1}";` : `export const v${i + 1} = ${i + 1};`)).join('\n') + '\n';
const EVENTS: SessionEvent[] = [
  { id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: 'Change the constants.' },
  { id: 'd1', t: 1000, actor: 'agent', kind: 'diff', path: 'src/consts.ts', change: 'created', after: before },
  { id: 'd2', t: 2000, actor: 'agent', kind: 'diff', path: 'src/consts.ts', change: 'modified', before, after },
  { id: 'r1', t: 50_000, actor: 'agent', kind: 'response', text: 'Done.' },
];

const line = (page: Page, text: string) => page.locator('[data-testid="code-editor"] .editor.modified .view-line', { hasText: text });

test('a reviewer annotates one hunk of a diff with `a` and with the button; the hunks are marked, named and opened again from the lane', async ({ page }) => {
  const title = 'Hunk annotations';
  const bytes = await writeArchiveToBytes({ meta: { ...fixtureMeta('hunks', title), durationMs: 60_000 }, events: EVENTS, createdAt: '2026-03-04T10:00:00.000Z' });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await importFile(page, 'session.baton', bytes, 5);
  await addReviewer(page, 'Ada Lovelace');
  await rows(page).filter({ hasText: title }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
  await page.getByRole('tab', { name: 'Code' }).click();
  await page.evaluate(() => (location.hash = location.hash.replace(/(\?t=\d+)?$/, '?t=2000')));
  await expect(page.getByTestId('code-path')).toHaveText('src/consts.ts');
  const hunks = page.getByTestId('code-hunk');
  await expect(hunks).toHaveCount(CHANGED.length);

  // Hunk 5 is out of view at the top; "Show" reveals it; a click on its line and `a` annotate it.
  await page.getByRole('button', { name: 'Show hunk 1 of src/consts.ts' }).click();
  await expect(line(page, '"changed410"')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show hunk 5 of src/consts.ts' }).click();
  await line(page, '"changed410"').click();
  await page.keyboard.press('a');
  const dialog = page.getByTestId('annotate-dialog');
  await expect(dialog.getByTestId('annotate-hunk')).toHaveText('hunk 5 of src/consts.ts');
  await expect(dialog).toContainText('@@ -410 +410 @@');
  await dialog.getByLabel('Factor').selectOption('edgecase');
  await dialog.getByLabel('− against').check();
  await dialog.getByLabel('Note').fill('a string where a number was');
  await dialog.getByRole('button', { name: 'Save annotation' }).click();
  await expect(dialog).toHaveCount(0);
  // The read-only editor took no typing, and the hunk is marked in the bar and in the diff.
  await expect(hunks.nth(4)).toHaveAttribute('data-annotated', '1');
  await expect(hunks.nth(0)).toHaveAttribute('data-annotated', '0');
  await expect(page.locator('[data-testid="code-editor"] .editor.modified .hunk-annotated.neg')).not.toHaveCount(0);

  // "Annotate hunk" takes the hunk at the cursor too.
  await page.getByRole('button', { name: 'Show hunk 2 of src/consts.ts' }).click();
  await line(page, '"changed110"').click();
  await page.getByTestId('annotate-hunk-button').click();
  await expect(dialog.getByTestId('annotate-hunk')).toHaveText('hunk 2 of src/consts.ts');
  await dialog.getByLabel('Factor').selectOption('scoping');
  await dialog.getByRole('button', { name: 'Save annotation' }).click();
  await expect(hunks.nth(1)).toHaveAttribute('data-annotated', '1');

  // Named in the lane, the event list and the rating form.
  const marks = page.getByTestId('annotation-mark');
  await expect(marks).toHaveCount(2);
  await expect(page.getByRole('button', { name: /Edge-case.* minus at 00:02 on hunk 5 of src\/consts\.ts/ })).toHaveCount(1);
  await expect(page.locator('[data-event-id="d2"]').getByTestId('event-annotations')).toContainText('hunk 5');
  await page.getByRole('tab', { name: 'Rate' }).click();
  await expect(page.locator('[data-factor="edgecase"] .cite-jump')).toContainText('hunk 5 of src/consts.ts');

  // Away from it (another moment, another tab), the lane mark opens the Code tab at the hunk.
  await page.evaluate(() => (location.hash = location.hash.replace(/(\?t=\d+)?$/, '?t=40000')));
  await expect(page.getByTestId('clock-time')).toContainText('00:40 ');
  await page.getByRole('button', { name: /on hunk 5 of src\/consts\.ts/ }).click();
  await expect(page.getByRole('tab', { name: 'Code' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('clock-time')).toContainText('00:02 ');
  await expect(page.getByTestId('code-path')).toHaveText('src/consts.ts');
  await expect(line(page, '"changed410"')).toBeVisible();

  // Carried in the exported .baton-review (checked in detail by the unit tests): the target survives a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Code' }).click();
  await expect(page.getByTestId('code-hunk').nth(4)).toHaveAttribute('data-annotated', '1');
});

test('the reviewer lanes follow the timeline zoom: a mark sits at the x the timeline draws its moment at', async ({ page }) => {
  await openSample(page, SCOPER);
  await addReviewer(page, 'Ada Lovelace');
  for (let i = 0; i < 7; i++) await page.locator('body').press('l');
  await page.locator('body').press('a');
  await page.getByTestId('annotate-dialog').getByRole('button', { name: 'Save annotation' }).click();
  const mark = page.getByTestId('annotation-mark');
  await expect(mark).toHaveCount(1);
  const t0 = Number(await mark.getAttribute('data-t0'));
  expect(t0).toBeGreaterThan(60_000);

  const canvas = page.getByTestId('timeline-canvas');
  /** The timeline's x for t0 and the mark's centre, in page pixels. */
  const positions = async () => {
    await expect(canvas).toHaveAttribute('data-view', /^\d+ \d+$/);
    const [plotX, plotW] = ((await canvas.getAttribute('data-plot')) ?? '').split(' ').map(Number) as [number, number];
    const [vs, ve] = ((await canvas.getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number];
    const tl = (await canvas.boundingBox())!;
    const b = (await mark.boundingBox())!;
    return { timeline: tl.x + plotX + ((t0 - vs) / (ve - vs)) * plotW, mark: b.x + b.width / 2, span: ve - vs };
  };
  const whole = await positions();
  expect(Math.abs(whole.mark - whole.timeline)).toBeLessThanOrEqual(2);

  // Zoom in around the start (the playhead), so the moment moves right on the axis.
  await page.locator('body').press('Home');
  await page.locator('body').press('+');
  await expect.poll(async () => (await positions()).span).toBeLessThan(whole.span * 0.6);
  await expect.poll(async () => { const p = await positions(); return Math.abs(p.mark - p.timeline); }).toBeLessThanOrEqual(2);
  const zoomed = await positions();
  expect(zoomed.mark - whole.mark).toBeGreaterThan(20);

  // Zoomed until the moment is past the window's end: the mark is not drawn.
  for (let i = 0; i < 5; i++) await page.locator('body').press('+');
  const span = async () => { const [vs, ve] = ((await canvas.getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number]; return ve - vs; };
  await expect.poll(span).toBeLessThan(t0);
  await expect(mark).toHaveCount(0);
  await page.locator('body').press('0');
  await expect(mark).toHaveCount(1);
});
