import { expect, test, type Page } from '@playwright/test';
import { combine, extractEvidence, FACTORS, FACTOR_LABELS, setWeight, DEFAULT_WEIGHTS, type FactorId, type Weights } from '../../shared/classifier';
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../shared/samples';
import { splitCodeSpans } from '../../renderer/src/components/code-spans';
import { importFile, rows } from './helpers';
import { spanishTranscript } from '../fixtures/spanish-transcript';

type Style = 'scoper' | 'narrator' | 'thrasher' | 'accepter';
const TITLES: Record<Style, string> = {
  scoper: 'Sample · Per-client rate limiting for the ingest API',
  narrator: 'Sample · Date-range parser: year rollover and impossible days',
  thrasher: 'Sample · Retrying HTTP client for the billing gateway',
  accepter: 'Sample · CSV importer: bank exports in other encodings',
};
const STYLES = Object.keys(TITLES) as Style[];

/** What the classifier says about a bundled sample, computed here in Node from the same generator. */
const resultOf = (style: Style) => extractEvidence(generateSample(style, DEFAULT_SAMPLE_SEED));
/** An explanation as the panel shows it: its `code spans` shown as code, without the backticks. */
const shownText = (explanation: string) => splitCodeSpans(explanation).map((p) => p.text).join('');


async function openScore(page: Page, style: Style) {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await rows(page).filter({ hasText: TITLES[style] }).getByRole('link').click();
  await page.getByRole('tab', { name: 'Score' }).click();
  await expect(page.getByTestId('score-panel')).toBeVisible();
}

/** Imports a Claude Code transcript into the library of samples and opens its Score tab (the session found by `title`). */
async function importAndScore(page: Page, name: string, transcript: string, title: string) {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await importFile(page, name, transcript, 5, 'application/x-ndjson');
  await rows(page).filter({ hasText: title }).getByRole('link').click();
  await page.getByRole('tab', { name: 'Score' }).click();
  await expect(page.getByTestId('score-panel')).toBeVisible();
}

const factorRow = (page: Page, f: FactorId) => page.locator(`[data-testid="score-factor"][data-factor="${f}"]`);

async function shownWeights(page: Page): Promise<Weights> {
  const out = {} as Weights;
  for (const f of FACTORS) out[f] = Number(((await factorRow(page, f).getByTestId('weight-value').textContent()) ?? '').replace('%', ''));
  return out;
}

function fmt(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

test('the score panel shows the overall and six factors the classifier computes', async ({ page }) => {
  const expected = combine(resultOf('scoper'));
  await openScore(page, 'scoper');
  await expect(page.getByTestId('score-overall')).toContainText(expected.overall!.toFixed(0));
  expect(await shownWeights(page)).toEqual(DEFAULT_WEIGHTS);
  for (const f of FACTORS) {
    const fs = expected.factors[f];
    expect(fs.insufficient, f).toBe(false);
    const row = factorRow(page, f);
    await expect(row.getByTestId('factor-score')).toHaveText(fs.score.toFixed(0));
    await expect(row).toContainText(`${fs.opportunities} opportunities`);
  }
});

test('a session where the candidate barely spoke says insufficient evidence instead of a score', async ({ page }) => {
  // A real-format Claude Code transcript with one prompt: nothing to judge the candidate on.
  const line = (o: object) => `${JSON.stringify(o)}\n`;
  const transcript =
    line({ type: 'user', uuid: 'u1', sessionId: 'thin-1', cwd: '/work/app', version: '2.1.30', timestamp: '2026-03-04T10:00:00.000Z', message: { role: 'user', content: 'fix the build' } }) +
    line({ type: 'assistant', uuid: 'a1', parentUuid: 'u1', sessionId: 'thin-1', cwd: '/work/app', version: '2.1.30', timestamp: '2026-03-04T10:00:05.000Z', message: { id: 'msg-1', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'The build passes again.' }] } });
  await importAndScore(page, 'thin-1.jsonl', transcript, 'fix the build');
  await expect(page.getByTestId('score-overall')).toContainText('insufficient evidence');
  for (const f of FACTORS) {
    await expect(factorRow(page, f).getByTestId('factor-score')).toHaveText('—');
    await expect(factorRow(page, f)).toContainText('insufficient evidence');
  }
  await expect(page.getByTestId('score-why')).toContainText('Too little evidence');
});

test('a session prompted in another language says its scores understate it; an English one does not', async ({ page }) => {
  await importAndScore(page, 'es-1.jsonl', spanishTranscript('es-1'), 'Antes de escribir nada');
  await expect(page.getByTestId('score-language-note')).toContainText('not in English');
  await expect(page.getByTestId('score-language-note')).toContainText('understate');

  await page.getByRole('button', { name: '← Sessions' }).click();
  await rows(page).filter({ hasText: TITLES.scoper }).getByRole('link').click();
  await page.getByRole('tab', { name: 'Score' }).click();
  await expect(page.getByTestId('score-overall')).toContainText('overall, of 100');
  await expect(page.getByTestId('score-language-note')).toHaveCount(0);
});

test('moving a weight recomputes live, the weights stay at 100, a lock holds, reset restores, a saved preset survives a reload', async ({ page }) => {
  const result = resultOf('scoper');
  await openScore(page, 'scoper');
  const overall = page.getByTestId('score-overall');

  // Eight steps up on scoping, as a reviewer would with the arrow keys.
  let w: Weights = { ...DEFAULT_WEIGHTS };
  await factorRow(page, 'scoping').getByTestId('weight-slider').focus();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('ArrowRight');
    w = setWeight(w, 'scoping', w.scoping + 1);
  }
  await expect.poll(() => shownWeights(page)).toEqual(w);
  expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(100);
  await expect(overall).toContainText(combine(result, w).overall!.toFixed(0));

  // Lock adversarial prompting; moving scoping down leaves it where it is.
  const held = w.adversarial;
  await page.getByRole('checkbox', { name: `Lock the weight of ${FACTOR_LABELS.adversarial}` }).check();
  await expect(factorRow(page, 'adversarial').getByTestId('weight-slider')).toBeDisabled();
  await factorRow(page, 'scoping').getByTestId('weight-slider').focus();
  await page.keyboard.press('Home');
  w = setWeight(w, 'scoping', 0, new Set<FactorId>(['adversarial']));
  await expect.poll(() => shownWeights(page)).toEqual(w);
  expect(w.adversarial).toBe(held);
  expect(w.scoping).toBe(0);
  await expect(overall).toContainText(combine(result, w).overall!.toFixed(0));

  await page.getByRole('textbox', { name: 'Preset name' }).fill('No scoping');
  await page.getByRole('button', { name: 'Save weights' }).click();
  await page.getByRole('button', { name: 'Reset to default' }).click();
  await expect.poll(() => shownWeights(page)).toEqual(DEFAULT_WEIGHTS);
  await expect(factorRow(page, 'adversarial').getByTestId('weight-slider')).toBeEnabled();

  await page.reload();
  await page.getByRole('tab', { name: 'Score' }).click();
  await expect(page.getByTestId('score-panel')).toBeVisible();
  await page.getByRole('combobox', { name: 'Apply a saved preset' }).selectOption({ label: `No scoping (${FACTORS.map((f) => w[f]).join('·')})` });
  await expect.poll(() => shownWeights(page)).toEqual(w);
  await expect(overall).toContainText(combine(result, w).overall!.toFixed(0));
});

test('evidence is listed by signed contribution and each item seeks the replay to its moment', async ({ page }) => {
  const result = resultOf('thrasher');
  const scores = combine(result);
  // The factor with the most evidence behind it.
  const factor = FACTORS.filter((f) => !scores.factors[f].insufficient).sort((a, b) => result.byFactor[b].length - result.byFactor[a].length)[0]!;
  const items = result.byFactor[factor].map((i) => ({ e: result.evidence[i]!, c: scores.contribution[i]!.factor })).sort((a, b) => b.c - a.c || a.e.t - b.e.t);
  const hasPos = items.some((x) => x.c > 0);
  const hasNeg = items.some((x) => x.c < 0);

  await openScore(page, 'thrasher');
  const row = factorRow(page, factor);
  if ((await row.getByRole('button').getAttribute('aria-expanded')) !== 'true') await row.getByRole('button').click();
  const list = page.getByTestId('evidence-item');
  await expect(list).toHaveCount(items.length);
  const shown = (await page.getByTestId('evidence-contrib').allTextContents()).map((t) => Number(/^([+−])(\d+\.\d)/.exec(t)!.slice(1).join('').replace('−', '-')));
  expect(shown).toEqual([...shown].sort((a, b) => b - a));
  if (hasPos) expect(shown[0]).toBeGreaterThan(0);
  if (hasNeg) expect(shown.at(-1)).toBeLessThan(0);
  await expect(list.first()).toContainText(shownText(items[0]!.e.explanation));

  // Seek to the last item (the most negative), which is not where the replay starts.
  const target = items.filter((x) => x.e.eventIds.length > 0).at(-1)!;
  await list.filter({ hasText: shownText(target.e.explanation) }).getByRole('button', { name: fmt(target.e.t) }).first().click();
  await expect(page.getByTestId('clock-time')).toContainText(fmt(target.e.t));
  // The replay lands on one of the events the evidence is about.
  await expect.poll(async () => target.e.eventIds.includes((await page.locator('[data-testid="replay-event"][aria-current="true"]').getAttribute('data-event-id')) ?? '')).toBe(true);
});

test('a command or a path quoted in evidence is shown as code, without its backticks', async ({ page }) => {
  const result = resultOf('thrasher');
  const ev = result.evidence.find((e) => /^Ran a check themselves: `[^`]+`\.$/.test(e.explanation))!;
  const command = /`([^`]+)`/.exec(ev.explanation)![1]!;
  await openScore(page, 'thrasher');
  const row = factorRow(page, ev.factor);
  if ((await row.getByRole('button').getAttribute('aria-expanded')) !== 'true') await row.getByRole('button').click();
  const item = page.getByTestId('evidence-item').filter({ hasText: `Ran a check themselves: ${command}.` }).first();
  await expect(item.locator('.evidence-text code')).toHaveText(command);
  await expect(item.locator('.evidence-text')).not.toContainText('`');
});

test('evidence markers on the timeline are coloured by factor and name what they mark', async ({ page }) => {
  const sample = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  const result = extractEvidence(sample);
  const marked = result.evidence.filter((e) => e.eventIds.length > 0);
  await openScore(page, 'scoper');
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-overlays', `score-evidence:${marked.length}`);
  // Hover the marker furthest from any other: the tooltip names its factor and its explanation.
  const duration = Math.max(sample.meta.durationMs, sample.events.at(-1)!.t);
  const sorted = [...marked].sort((a, b) => a.t - b.t);
  const gap = (i: number) => Math.min(i > 0 ? sorted[i]!.t - sorted[i - 1]!.t : Infinity, i < sorted.length - 1 ? sorted[i + 1]!.t - sorted[i]!.t : Infinity);
  const lone = sorted[sorted.map((_, i) => i).sort((a, b) => gap(b) - gap(a))[0]!]!;
  const box = (await canvas.boundingBox())!;
  const LABEL_W = 118; // keep in step with Timeline.tsx
  const x = LABEL_W + (lone.t / duration) * (box.width - LABEL_W - 8);
  await canvas.hover({ position: { x, y: 16 + 18 + 8 } });
  await expect(page.getByRole('tooltip')).toContainText(FACTOR_LABELS[lone.factor]);
  await expect(page.getByRole('tooltip')).toContainText(lone.explanation);
});

test('the library shows scores and factor columns, sorts by them, and re-ranks live as a weight moves', async ({ page }) => {
  const results = Object.fromEntries(STYLES.map((s) => [s, resultOf(s)])) as Record<Style, ReturnType<typeof resultOf>>;
  const rank = (w: Weights) =>
    [...STYLES].sort((a, b) => (combine(results[b], w).overall ?? -1) - (combine(results[a], w).overall ?? -1)).map((s) => TITLES[s]);

  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  for (const s of STYLES) {
    await expect(rows(page).filter({ hasText: TITLES[s] }).locator('[data-col="score"]')).toHaveText(combine(results[s]).overall!.toFixed(0));
  }
  await page.getByRole('columnheader', { name: 'Score' }).getByRole('button').click();
  await page.getByRole('columnheader', { name: 'Score' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Score' })).toHaveAttribute('aria-sort', 'descending');
  const titles = () => rows(page).getByRole('link').allTextContents();
  const before = rank(DEFAULT_WEIGHTS);
  await expect.poll(titles).toEqual(before);

  // All the weight on one factor whose ranking differs from the default one.
  const mover = FACTORS.find((f) => STYLES.every((s) => !combine(results[s]).factors[f].insufficient) && rank(setWeight(DEFAULT_WEIGHTS, f, 100)).join() !== before.join())!;
  expect(mover).toBeDefined();
  await page.getByRole('button', { name: 'Weights' }).click();
  await page.getByTestId('weight-panel').getByRole('slider', { name: `Weight of ${FACTOR_LABELS[mover]}` }).focus();
  await page.keyboard.press('End');
  await expect.poll(titles).toEqual(rank(setWeight(DEFAULT_WEIGHTS, mover, 100)));
  for (const s of STYLES) {
    await expect(rows(page).filter({ hasText: TITLES[s] }).locator('[data-col="score"]')).toHaveText(combine(results[s]).factors[mover].score.toFixed(0));
  }

  // Factor columns: one per factor, '·' where evidence is thin, sortable.
  await page.getByRole('checkbox', { name: 'Factor columns' }).check();
  for (const s of STYLES) {
    for (const f of FACTORS) {
      const fs = combine(results[s]).factors[f];
      await expect(rows(page).filter({ hasText: TITLES[s] }).locator(`[data-col="factor:${f}"]`)).toHaveText(fs.insufficient ? '·' : fs.score.toFixed(0));
    }
  }
});
