import { expect, test, type Page } from '@playwright/test';
import { ANCHORS } from '../../shared/review/anchors';
import { REVIEW_FACTORS, type ReviewFactor } from '../../shared/review/factors';

const SCOPER = 'Sample · Per-client rate limiting for the ingest API';
const ACCEPTER = 'Sample · CSV importer: bank exports in other encodings';
const rows = (page: Page) => page.getByTestId('session-row');

async function addReviewer(page: Page, name: string) {
  await page.getByTestId('reviewer-button').click();
  const dialog = page.getByTestId('reviewer-dialog');
  await dialog.getByLabel('Reviewer name').fill(name);
  await dialog.getByRole('button', { name: 'Add reviewer' }).click();
  await expect(page.getByTestId('reviewer-button')).toContainText(name);
}

async function openScoper(page: Page) {
  await rows(page).filter({ hasText: SCOPER }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
}

async function rate(page: Page, factor: ReviewFactor, value: number | 'N/A') {
  await page.getByRole('radio', { name: `${ANCHORS[factor].label} ${value}`, exact: true }).check();
}

test('a reviewer annotates at the playhead, rates blind with anchors in view, submits, revises with a reason; another reviewer sees none of it until they submit', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await addReviewer(page, 'Ada Lovelace');
  await expect(page.getByTestId('reviewer-button')).toContainText('AL');
  await openScoper(page);

  // Blind: the classifier's scores are hidden until this reviewer submits.
  await page.getByRole('tab', { name: 'Score' }).click();
  await expect(page.getByTestId('blind-notice')).toBeVisible();
  await expect(page.getByTestId('score-panel')).toHaveCount(0);
  await expect(page.getByTestId('timeline-canvas')).not.toHaveAttribute('data-overlays', /score-evidence/);

  // `a` at the playhead: seek 10 s in with L, then annotate.
  await page.locator('body').press('l');
  await page.locator('body').press('a');
  const dialog = page.getByTestId('annotate-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Annotate at 00:10');
  await dialog.getByLabel('Factor').selectOption('scoping');
  await dialog.getByLabel('Note').fill('**plans first** <img src=x onerror=alert(1)>');
  await dialog.getByRole('button', { name: 'Save annotation' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('annotation-lane')).toHaveCount(1);
  await expect(page.getByTestId('annotation-mark')).toHaveCount(1);
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-overlays', /annotations:1/);
  await expect(page.getByTestId('event-annotations').first()).toContainText('AL');
  // A span (say, a stretch of narration): from the playhead to an end time, against the candidate.
  for (let i = 0; i < 6; i++) await page.locator('body').press('l');
  await page.locator('body').press('a');
  await expect(dialog).toContainText('Annotate at 01:10');
  await dialog.getByLabel('Until').fill('00:05');
  await expect(dialog.getByRole('button', { name: 'Save annotation' })).toBeDisabled();
  await dialog.getByLabel('Until').fill('01:40');
  await dialog.getByLabel('Factor').selectOption('edgecase');
  await dialog.getByLabel('− against').check();
  await dialog.getByRole('button', { name: 'Save annotation' }).click();
  await expect(page.getByTestId('annotation-mark')).toHaveCount(2);
  await expect(page.locator('.annotation-mark.span.neg')).toHaveCount(1);
  await expect(page.getByTestId('annotation-lane')).toHaveCount(1);
  // Clicking the mark jumps to its moment.
  await page.locator('body').press('Home');
  await expect(page.getByTestId('clock-time')).toContainText('00:00 ');
  await page.getByTestId('annotation-mark').first().click();
  await expect(page.getByTestId('clock-time')).toContainText('00:10 ');

  // The rating form: every level of every factor shows its anchor.
  await page.getByRole('tab', { name: 'Rate' }).click();
  const form = page.getByTestId('rating-form');
  for (const f of REVIEW_FACTORS) for (const text of ANCHORS[f].levels) await expect(form.locator(`[data-factor="${f}"]`)).toContainText(text);
  await expect(form.getByRole('button', { name: 'Submit rating' })).toBeDisabled();
  await rate(page, 'scoping', 4);
  await rate(page, 'tradeoff', 3);
  await expect(form.locator('[data-factor="scoping"]')).toContainText('Cites:');
  await expect(form.locator('[data-factor="scoping"]').getByTestId('no-cite-warning')).toHaveCount(0);
  await expect(form.locator('[data-factor="tradeoff"]').getByTestId('no-cite-warning')).toBeVisible();
  await rate(page, 'adversarial', 'N/A');
  await expect(form.locator('[data-factor="adversarial"]').getByTestId('no-cite-warning')).toHaveCount(0);
  await rate(page, 'selfcorrection', 2);
  await rate(page, 'edgecase', 5);
  await rate(page, 'sequencing', 4);
  await rate(page, 'overall', 4);
  // The draft survives a reload, once the form says it is stored.
  await expect(page.getByTestId('rate-status')).toContainText('saved as you go');
  await page.reload();
  await page.getByRole('tab', { name: 'Rate' }).click();
  await expect(page.getByRole('radio', { name: `${ANCHORS.edgecase.label} 5`, exact: true })).toBeChecked();
  await form.getByRole('button', { name: 'Submit rating' }).click();
  await expect(page.getByTestId('rate-status')).toContainText('submitted and locked');
  await expect(page.getByRole('radio', { name: `${ANCHORS.overall.label} 3`, exact: true })).toBeDisabled();

  // Submitted: the classifier's scores and the reviewer's annotation beside its evidence.
  await page.getByRole('tab', { name: 'Score' }).click();
  await expect(page.getByTestId('score-panel')).toBeVisible();
  const item = page.getByTestId('reviewer-evidence-item');
  await expect(item).toHaveCount(1);
  await expect(item.locator('strong')).toHaveText('plans first');
  await expect(item.locator('[onerror]')).toHaveCount(0);

  // A post-discussion revision needs a reason; both submissions are kept and shown.
  await page.getByRole('tab', { name: 'Rate' }).click();
  await form.getByRole('button', { name: 'Revise after discussion…' }).click();
  await rate(page, 'overall', 5);
  await expect(form.getByRole('button', { name: 'Submit revision' })).toBeDisabled();
  await form.getByLabel('Reason for the change').fill('the panel pointed at the rollback test');
  await form.getByRole('button', { name: 'Submit revision' }).click();
  const history = page.getByTestId('rate-history');
  await expect(history.locator('tbody tr')).toHaveCount(2);
  await expect(history.locator('tbody tr').nth(0)).toContainText('(earlier)');
  await expect(history.locator('tbody tr').nth(1)).toContainText('the panel pointed at the rollback test');

  // Another reviewer on the same laptop: blind again, Ada's annotation hidden.
  await addReviewer(page, 'Bo');
  await expect(page.getByTestId('annotation-mark')).toHaveCount(0);
  await expect(page.getByTestId('rate-status')).toContainText('draft');
  await page.getByRole('tab', { name: 'Score' }).click();
  await expect(page.getByTestId('blind-notice')).toBeVisible();
  // Switching back to Ada shows everything again.
  await page.getByTestId('reviewer-button').click();
  await page.getByTestId('reviewer-dialog').getByRole('button', { name: /Ada Lovelace/ }).click();
  await expect(page.getByTestId('annotation-mark')).toHaveCount(2);
  await expect(page.getByTestId('score-panel')).toBeVisible();
  await page.getByRole('tab', { name: 'Rate' }).click();
  await page.screenshot({ path: 'test-results/panel-rating.png' });

  // The library hides the classifier's scores of the sessions Ada has not submitted.
  await page.getByRole('button', { name: '← Sessions' }).click();
  const scoreOf = (title: string) => rows(page).filter({ hasText: title }).locator('[data-col="score"]');
  await expect(scoreOf(SCOPER)).toHaveText(/^\d+$/);
  await expect(scoreOf(ACCEPTER)).toHaveText('—');
  await page.getByTestId('reviewer-button').click();
  await page.getByTestId('reviewer-dialog').getByLabel(/Hide the classifier/).uncheck();
  await page.getByTestId('reviewer-dialog').getByRole('button', { name: 'Close' }).click();
  await expect(scoreOf(ACCEPTER)).toHaveText(/^\d+$/);

  // Deleting one's own annotation removes it from the lanes.
  await openScoper(page);
  await page.getByRole('tab', { name: 'Rate' }).click();
  await page.getByRole('button', { name: 'Delete annotation at 00:10' }).click();
  await expect(page.getByTestId('annotation-mark')).toHaveCount(1);
});

test('with no reviewer chosen nothing is hidden and `a` asks who is reviewing', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await openScoper(page);
  await page.getByRole('tab', { name: 'Score' }).click();
  await expect(page.getByTestId('score-panel')).toBeVisible();
  await page.locator('body').press('a');
  await expect(page.getByRole('status')).toContainText('Choose who you are');
  await expect(page.getByTestId('annotate-dialog')).toHaveCount(0);
});
