/**
 * Side by side with a panel: each pane shows the reviewers' submitted ratings of its session,
 * blind until the current reviewer submits (the classifier's scores too), and a pane showing
 * one reviewer's lane shows that reviewer's rating and annotations alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { sessionHash } from '../../shared/review/hash';
import type { BatonReviewInput, Scores } from '../../shared/review/schema';
import { rows } from './helpers';

const hashOf = (style: string) => sessionHash(readFileSync(join('resources/samples', `${style}.baton`)));
const SCOPER = 'Sample · Per-client rate limiting for the ingest API';
const THRASHER = 'Sample · Retrying HTTP client';
const all = (x: number, overall: number): Scores => ({ scoping: x, tradeoff: x, adversarial: null, selfcorrection: x, edgecase: x, sequencing: x, overall });

function reviewFile(id: string, name: string, colour: string, overall: Record<string, number>, note: string, t0: number): { name: string; mimeType: string; buffer: Buffer } {
  const r: BatonReviewInput = {
    format: 'baton-review',
    version: 1,
    reviewer: { id, name, initials: name.slice(0, 2).toUpperCase(), colour },
    ratings: Object.entries(overall).map(([style, o]) => ({ sessionHash: hashOf(style), scores: all(3, o), submittedAt: '2026-12-01T10:00:00Z' })),
    annotations: [{ id: `${id}-1`, sessionHash: hashOf('scoper'), reviewer: id, t0, factor: 'scoping', polarity: '+', note, createdAt: '2026-12-01T09:00:00Z' }],
  };
  return { name: `${name}.baton-review`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(r)) };
}

const panes = (page: Page) => page.getByTestId('compare-pane');
const overallOf = (page: Page, pane: number, reviewer: string) => panes(page).nth(pane).locator(`[data-testid="pane-rating"][data-reviewer="${reviewer}"] td[data-factor="overall"]`);

test("each pane shows its session's ratings, blind until you submit; a lane pane shows that reviewer's", async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const scoper = (await rows(page).filter({ hasText: SCOPER }).getAttribute('data-session-id'))!;
  const thrasher = (await rows(page).filter({ hasText: THRASHER }).getAttribute('data-session-id'))!;
  await page.getByRole('link', { name: 'Panel' }).click();
  await page.getByTestId('review-file-input').setInputFiles([reviewFile('r-ada', 'Ada', '#1f77b4', { scoper: 5, thrasher: 2 }, 'plans before coding', 61_000), reviewFile('r-bo', 'Bo', '#d62728', { scoper: 4 }, 'asks for the limits first', 172_000)]);
  await expect(page.getByTestId('panel-summary')).toContainText('rated by 2 reviewers');

  // No reviewer chosen (the panel lead): every submitted rating, per session.
  await page.evaluate(([a, b]) => (location.hash = `#/compare?s=${encodeURIComponent(a!)},${encodeURIComponent(b!)}&align=elapsed`), [scoper, thrasher]);
  await expect(panes(page)).toHaveCount(2);
  await expect(page.getByTestId('pane-overall')).toHaveCount(2);
  await expect(panes(page).nth(0).getByTestId('pane-rating')).toHaveCount(2);
  await expect(overallOf(page, 0, 'r-ada')).toHaveText('5');
  await expect(overallOf(page, 0, 'r-bo')).toHaveText('4');
  await expect(panes(page).nth(0).locator('[data-testid="pane-rating"][data-reviewer="r-ada"] td[data-factor="adversarial"]')).toHaveText('N/A');
  await expect(panes(page).nth(1).getByTestId('pane-rating')).toHaveCount(1);
  await expect(overallOf(page, 1, 'r-ada')).toHaveText('2');

  // One session, two reviewers' lanes: each pane shows its reviewer's rating.
  await page.evaluate((a) => (location.hash = `#/compare?s=${encodeURIComponent(a)}:r-bo,${encodeURIComponent(a)}:r-ada&align=elapsed`), scoper);
  await expect(panes(page).nth(0).getByTestId('pane-rating')).toHaveCount(1);
  await expect(overallOf(page, 0, 'r-bo')).toHaveText('4');
  await expect(panes(page).nth(1).getByTestId('pane-rating')).toHaveCount(1);
  await expect(overallOf(page, 1, 'r-ada')).toHaveText('5');
  // Each lane pane lists its reviewer's annotations instead of the events; a click moves every pane.
  const lane = (i: number) => panes(page).nth(i).getByTestId('pane-lane');
  await expect(lane(0)).toHaveAttribute('data-reviewer', 'r-bo');
  await expect(lane(0).getByTestId('pane-lane-item')).toHaveText([/asks for the limits first/]);
  await expect(lane(1).getByTestId('pane-lane-item')).toHaveText([/plans before coding/]);
  await lane(0).getByRole('button', { name: '02:52' }).click();
  await expect(panes(page).nth(1).getByTestId('pane-time')).toContainText('02:52');
  await expect(lane(1).getByTestId('pane-lane-item')).toHaveAttribute('aria-current', 'true');

  // A new reviewer who has submitted nothing sees no one's ratings.
  await page.getByTestId('reviewer-button').click();
  await page.getByTestId('reviewer-dialog').getByLabel('Reviewer name').fill('Cy');
  await page.getByTestId('reviewer-dialog').getByRole('button', { name: 'Add reviewer' }).click();
  await expect(page.getByTestId('pane-rating')).toHaveCount(0);
  await expect(panes(page).nth(0).getByTestId('pane-ratings-empty')).toContainText('No submitted rating by Bo (1 other rating hidden until you submit yours)');
  await expect(page.getByTestId('pane-lane-item')).toHaveCount(0);
  await expect(lane(0)).toContainText('1 hidden until you submit your rating');
  // And, as in the replay, not the classifier's scores.
  await expect(page.getByTestId('pane-scores-hidden')).toHaveCount(2);
  await expect(page.getByTestId('pane-overall')).toHaveCount(0);
});

test('a triage row opens the two reviewers who disagree most side by side, each pane their lane', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await page.getByRole('link', { name: 'Panel' }).click();
  await page.getByTestId('review-file-input').setInputFiles([reviewFile('r-ada', 'Ada', '#1f77b4', { scoper: 5 }, 'plans before coding', 61_000), reviewFile('r-bo', 'Bo', '#d62728', { scoper: 2 }, 'asks for the limits first', 172_000)]);
  const row = page.getByTestId('triage-row').filter({ hasText: 'Overall' });
  await row.getByTestId('triage-side-by-side').click();
  await expect(panes(page)).toHaveCount(2);
  // Lowest score first: Bo (2), then Ada (5).
  await expect(panes(page).nth(0).getByTestId('pane-lane')).toHaveAttribute('data-reviewer', 'r-bo');
  await expect(panes(page).nth(1).getByTestId('pane-lane')).toHaveAttribute('data-reviewer', 'r-ada');
  await expect(overallOf(page, 0, 'r-bo')).toHaveText('2');
  await expect(overallOf(page, 1, 'r-ada')).toHaveText('5');
});
