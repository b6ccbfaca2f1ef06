import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import type { SessionEvent } from '../../shared/model/schema';
import { fixtureMeta } from '../fixtures/archives';
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../shared/samples';
import { box, importFile, openSample, rows, SCOPER, type Box } from './helpers';

/**
 * Layout a reviewer would notice, measured: nothing covers the pane being read, controls fit
 * on a laptop and on a projector, the waveform lines up with the timeline. Screenshots of
 * what is measured go to test-results/layout/ for a human to look at.
 */
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the Imports panel never covers the pane being read: docked under the page, folded or open', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openSample(page, SCOPER);
  await page.getByRole('tab', { name: 'Code' }).click();
  const panel = page.getByTestId('import-panel');
  // The first-run samples have landed: the panel is still there (until Clear), folded to one line.
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-folded', 'true');
  await expect(page.getByTestId('import-summary')).toHaveText('✓ 4 imported');
  for (const pane of [page.getByTestId('code-pane'), page.getByTestId('replay-events'), page.locator('.tabs-pane')]) {
    expect(overlaps(await box(panel), await box(pane))).toBe(false);
  }
  await page.screenshot({ path: 'test-results/layout/imports-folded.png' });
  // Details unfolds the list, still beside the content, not over it.
  await panel.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByTestId('import-job')).toHaveCount(4);
  await expect(page.getByTestId('import-job').first()).toBeVisible();
  expect(overlaps(await box(panel), await box(page.getByTestId('code-pane')))).toBe(false);
  await page.screenshot({ path: 'test-results/layout/imports-open.png' });
  await panel.getByRole('button', { name: 'Clear' }).click();
  await expect(panel).toHaveCount(0);
});


test('the timeline axis labels of a 165-hour session do not overlap', async ({ page }) => {
  const HOUR = 3600_000;
  const events: SessionEvent[] = [];
  for (let h = 0; h < 165; h += 5) events.push({ id: `p${h}`, t: h * HOUR, actor: 'candidate', kind: 'prompt', text: `Hour ${h}: carry on.` });
  const bytes = await writeArchiveToBytes({ meta: { ...fixtureMeta('week-long', 'Week-long session'), durationMs: 165 * HOUR }, events, createdAt: '2026-03-04T10:00:00.000Z' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await importFile(page, 'week.baton', bytes, 5);
  await rows(page).filter({ hasText: 'Week-long session' }).getByRole('link').click();
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-axis-labels', /\d/);
  const labels = ((await canvas.getAttribute('data-axis-labels')) ?? '').split(' ').map((p) => p.split(':').map(Number) as [number, number]);
  expect(labels.length).toBeGreaterThan(3);
  expect(labels.length).toBeLessThan(20);
  for (let i = 1; i < labels.length; i++) {
    const [x0, w0] = labels[i - 1]!;
    expect(x0 + w0 + 8, `label ${i - 1} ends before label ${i} starts`).toBeLessThanOrEqual(labels[i]![0]);
  }
  await page.getByTestId('timeline').screenshot({ path: 'test-results/layout/timeline-165h.png' });
});

/** The timeline's x (page pixels) for session time t, from the axis it drew. */
async function timelineX(page: Page, t: number): Promise<number> {
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-view', /^\d+ \d+$/);
  const [plotX, plotW] = ((await canvas.getAttribute('data-plot')) ?? '').split(' ').map(Number) as [number, number];
  const [vs, ve] = ((await canvas.getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number];
  return (await box(canvas)).x + plotX + ((t - vs) / (ve - vs)) * plotW;
}

test("the narrator's waveform lines up with the timeline's time axis, also zoomed in", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { events } = generateSample('narrator', DEFAULT_SAMPLE_SEED);
  const narration = events.filter((e) => e.kind === 'narration');
  await openSample(page, 'Sample · Date-range parser');
  const strip = page.getByTestId('audio-strip');
  await expect(strip).toHaveAttribute('data-drawn', 'true');
  // Retried until it holds: the strip redraws in the frame after the timeline publishes its axis.
  const check = () =>
    expect(async () => {
      const segs = page.getByTestId('wave-segment');
      await expect(segs.first()).toBeVisible();
      let checked = 0;
      for (const seg of await segs.all()) {
        const id = await seg.getAttribute('data-event-id');
        const n = narration.find((e) => e.id === id)!;
        const [vs] = ((await page.getByTestId('timeline-canvas').getAttribute('data-view')) ?? '').split(' ').map(Number) as [number];
        if (n.t < vs) continue; // clipped at the left edge
        expect(Math.abs((await box(seg)).x - (await timelineX(page, n.t))), `segment ${n.id} starts under the timeline's ${n.t} ms`).toBeLessThanOrEqual(2);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      // The waveform wavesurfer draws covers the recording's span of the axis: its box starts
      // and ends under the timeline's x for the recording's first and last visible moments,
      // at the timeline's scale, scrolled to the same moment.
      const plot = page.getByTestId('wave-plot');
      const [vs, ve] = ((await page.getByTestId('timeline-canvas').getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number];
      const [offsetMs, audioMs] = ((await plot.getAttribute('data-span')) ?? '').split(' ').map(Number) as [number, number];
      const from = Math.max(offsetMs, vs);
      const to = Math.min(offsetMs + audioMs, ve);
      const b = await box(plot);
      expect(Math.abs(b.x - (await timelineX(page, from)))).toBeLessThanOrEqual(2);
      expect(Math.abs(b.x + b.width - (await timelineX(page, to)))).toBeLessThanOrEqual(2);
      const drawn = await plot.evaluate((el) => {
        const root = el.firstElementChild?.shadowRoot;
        const scroller = root?.querySelector<HTMLElement>('.scroll');
        return { canvases: root?.querySelectorAll('canvas').length ?? 0, scrollLeft: scroller?.scrollLeft ?? -1, pxPerSec: Number(el.dataset.pxPerSec), scrollSec: Number(el.dataset.scrollSec) };
      });
      expect(drawn.canvases).toBeGreaterThan(0);
      expect(drawn.pxPerSec).toBeCloseTo((b.width / (to - from)) * 1000, 0);
      expect(drawn.scrollSec).toBeCloseTo((from - offsetMs) / 1000, 1);
      expect(Math.abs(drawn.scrollLeft - drawn.scrollSec * drawn.pxPerSec)).toBeLessThanOrEqual(2);
    }).toPass({ timeout: 15_000 });
  await check();
  await page.screenshot({ path: 'test-results/layout/waveform-aligned.png' });
  // The waveform reaches across the timeline's plot, not ~60% of it.
  const wave = await box(page.getByTestId('audio-wave'));
  const tl = await box(page.getByTestId('timeline-canvas'));
  expect(Math.abs(wave.x + wave.width - (tl.x + tl.width))).toBeLessThanOrEqual(2);
  // Zoomed in (keyboard, from the page): the segments follow the axis.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-view', /^\d+ \d+$/);
  const before = await page.getByTestId('timeline-canvas').getAttribute('data-view');
  await page.keyboard.press('+');
  await expect(page.getByTestId('timeline-canvas')).not.toHaveAttribute('data-view', before!);
  await check();
  await page.screenshot({ path: 'test-results/layout/waveform-zoomed.png' });
});

/** Cells whose text does not fit their box (cut with an ellipsis or clipped). */
async function cutCells(page: Page, cols: string[]): Promise<string[]> {
  return page.evaluate((cols) => {
    const out: string[] = [];
    for (const row of document.querySelectorAll('[data-testid="session-row"]')) {
      for (const c of cols) {
        const cell = row.querySelector<HTMLElement>(`[data-col="${c}"]`);
        if (!cell) {
          out.push(`${c}: no cell`);
          continue;
        }
        if (cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1) out.push(`${c}: ${cell.textContent}`);
      }
    }
    return out;
  }, cols);
}

test('the library shows the Session, Task and Date columns in full at 1440x900', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await page.screenshot({ path: 'test-results/layout/library-1440.png' });
  expect(await cutCells(page, ['title', 'task', 'startedAt', 'candidate'])).toEqual([]);
});

/** Every Score-tab control: each factor's weight slider and lock, Reset, the preset name and Save. */
function scoreControls(page: Page): Locator[] {
  const panel = page.getByTestId('score-panel');
  return [
    ...['Reset to default', 'Save weights'].map((name) => panel.getByRole('button', { name })),
    panel.getByRole('textbox', { name: 'Preset name' }),
    panel.getByRole('slider').first(),
    panel.getByRole('slider').last(),
    panel.getByRole('checkbox').last(),
  ];
}

for (const [name, viewport, scale] of [
  ['a 1280x800 laptop', { width: 1280, height: 800 }, 1],
  // A 1920x1080 projector at 150% zoom lays out 1280x720 CSS pixels.
  ['a 1920x1080 projector at 150% zoom', { width: 1280, height: 720 }, 1.5],
] as const) {
  test(`the Score tab's controls are all visible on ${name}`, async ({ browser }) => {
    const ctx = await browser.newContext({ viewport, deviceScaleFactor: scale });
    const page = await ctx.newPage();
    await openSample(page, SCOPER);
    await page.getByRole('tab', { name: 'Score' }).click();
    await expect(page.getByTestId('score-panel')).toBeVisible();
    await expect(page.getByTestId('score-factor')).toHaveCount(6);
    await expect(page.getByTestId('score-panel').getByRole('slider')).toHaveCount(6);
    await page.screenshot({ path: `test-results/layout/score-${viewport.width}x${viewport.height}@${scale}.png` });
    const panel = await box(page.getByTestId('score-panel'));
    for (const control of scoreControls(page)) {
      const b = await box(control);
      const where = `${await control.evaluate((e) => e.getAttribute('aria-label') ?? e.textContent)} at ${JSON.stringify(b)} in ${JSON.stringify(panel)}`;
      // Inside the panel's visible area and the window, without scrolling.
      expect(b.y, where).toBeGreaterThanOrEqual(panel.y - 1);
      expect(b.y + b.height, where).toBeLessThanOrEqual(Math.min(panel.y + panel.height, viewport.height) + 1);
      expect(b.x + b.width, where).toBeLessThanOrEqual(Math.min(panel.x + panel.width, viewport.width) + 1);
    }
    await ctx.close();
  });
}

test('the ? sheet shows every shortcut without scrolling at 1280x800 and 1280x720', async ({ page }) => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 1280, height: 720 }]) {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await expect(rows(page)).toHaveCount(4);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: `test-results/layout/shortcuts-${viewport.width}x${viewport.height}.png` });
    const scrolls = await dialog.evaluate((d) => [...d.querySelectorAll<HTMLElement>('*'), d as HTMLElement].filter((e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible').map((e) => e.className));
    expect(scrolls, 'nothing in the sheet scrolls').toEqual([]);
    const last = dialog.getByRole('row').last();
    await expect(last).toContainText('Close a dialog');
    const b = await box(last);
    expect(b.y + b.height).toBeLessThanOrEqual(viewport.height);
    await page.keyboard.press('Escape');
  }
});
