import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../shared/samples';

const LABEL_W = 118; // keep in step with Timeline.tsx
const LANE_H = 17;

async function openSample(page: Page, titleStart: string) {
  await page.goto('/');
  await expect(page.getByTestId('session-row')).toHaveCount(4);
  await page.getByTestId('session-row').filter({ hasText: titleStart }).getByRole('link').click();
  await expect(page.getByTestId('timeline-canvas')).toBeVisible();
  // The first drawing waits for the frame that shows the replay's first rows.
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-view', /^\d+ \d+$/);
}

function fmt(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

async function view(page: Page): Promise<[number, number]> {
  const v = (await page.getByTestId('timeline-canvas').getAttribute('data-view')) ?? '';
  const [a, b] = v.split(' ').map(Number);
  return [a!, b!];
}

test('the timeline shows lanes; clicking an event on it seeks there; hover names it', async ({ page }) => {
  const sample = generateSample('thrasher', DEFAULT_SAMPLE_SEED);
  const duration = Math.max(sample.meta.durationMs, sample.events.at(-1)!.t);
  await openSample(page, 'Sample · Retrying HTTP client');
  const canvas = page.getByTestId('timeline-canvas');
  const lanes = ((await canvas.getAttribute('data-lanes')) ?? '').split(' ');
  expect(lanes).toEqual(expect.arrayContaining(['prompts', 'responses', 'diffs', 'commands']));
  const [v0, v1] = await view(page);
  expect(v0).toBe(0);
  expect(v1).toBe(Math.round(duration));

  const box = (await canvas.boundingBox())!;
  const plotW = box.width - LABEL_W - 8;
  // Score evidence draws a lane of markers above the event lanes once the session is scored.
  await expect(canvas).toHaveAttribute('data-overlays', /score-evidence:\d+/);
  const overlay = 16;
  // The command standing furthest from its neighbours in the lane, so the click is unambiguous.
  const lane = sample.events.filter((e) => e.actor !== 'candidate' && e.kind === 'diff').sort((a, b) => a.t - b.t);
  const gap = (i: number) => Math.min(i > 0 ? lane[i]!.t - lane[i - 1]!.t : Infinity, i < lane.length - 1 ? lane[i + 1]!.t - lane[i]!.t : Infinity);
  const best = lane.map((_, i) => i).sort((a, b) => gap(b) - gap(a))[0]!;
  const diff = lane[best]!;
  if (diff.kind !== 'diff') throw new Error('expected a diff');
  const x = LABEL_W + (diff.t / duration) * plotW + 2; // a couple of pixels off: clicks snap to the event
  const y = 16 + 18 + overlay + lanes.indexOf('diffs') * LANE_H + LANE_H / 2;
  await canvas.hover({ position: { x, y } });
  await expect(page.getByRole('tooltip')).toContainText(`${diff.change} ${diff.path}`);
  await canvas.click({ position: { x, y } });
  await expect(page.getByTestId('clock-time')).toContainText(fmt(diff.t));
  await expect(page.locator('[data-testid="replay-event"][aria-current="true"]')).toHaveAttribute('data-event-id', diff.id);
});

test('keys and the wheel zoom around the playhead; Shift+wheel pans; 0 shows the whole session', async ({ page }) => {
  await openSample(page, 'Sample · Retrying HTTP client');
  const canvas = page.getByTestId('timeline-canvas');
  const [, full] = await view(page);
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('l'); // 10 s in
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(async () => (await view(page))[1] - (await view(page))[0]).toBeLessThan(full / 3);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + 60);
  const before = await view(page);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => { const v = await view(page); return v[1] - v[0]; }).toBeLessThan(before[1] - before[0]);
  const zoomed = await view(page);
  await page.keyboard.down('Shift');
  await page.mouse.wheel(0, 300);
  await page.keyboard.up('Shift');
  await expect.poll(async () => (await view(page))[0]).toBeGreaterThan(zoomed[0]);
  await page.keyboard.press('0');
  await expect.poll(() => view(page)).toEqual([0, full]);
});

test('the playhead stands at the clock\'s time in the lanes and in the overview, also zoomed in', async ({ page }) => {
  const sample = generateSample('thrasher', DEFAULT_SAMPLE_SEED);
  const duration = Math.max(sample.meta.durationMs, sample.events.at(-1)!.t);
  await openSample(page, 'Sample · Retrying HTTP client');
  const canvas = page.getByTestId('timeline-canvas');
  const heads = page.getByTestId('timeline').locator('.timeline-head');
  const centre = async (i: number) => {
    const b = (await heads.nth(i).boundingBox())!;
    return b.x + b.width / 2;
  };
  for (const zoom of [false, true]) {
    // L moves the clock 10 s on; + zooms in around the playhead.
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    if (zoom) await page.keyboard.press('+');
    await expect(canvas).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/);
    const t = Number(await canvas.getAttribute('aria-valuenow'));
    const [v0, v1] = await view(page);
    const box = (await canvas.boundingBox())!;
    const plotW = box.width - LABEL_W - 8;
    // The line is 2 px wide, centred on the time's pixel.
    const inLanes = box.x + LABEL_W + ((t - v0) / (v1 - v0)) * plotW;
    const inOverview = box.x + LABEL_W + (t / duration) * plotW;
    await expect.poll(async () => Math.abs((await centre(1)) - inLanes)).toBeLessThanOrEqual(1);
    await expect.poll(async () => Math.abs((await centre(0)) - inOverview)).toBeLessThanOrEqual(1);
  }
  await expect(heads.nth(1)).toBeVisible();
});

test('dragging the overview strip moves the visible window', async ({ page }) => {
  await openSample(page, 'Sample · Retrying HTTP client');
  const canvas = page.getByTestId('timeline-canvas');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const box = (await canvas.boundingBox())!;
  const before = await view(page);
  await page.mouse.move(box.x + LABEL_W + 20, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + 8, { steps: 5 });
  await page.mouse.up();
  const after = await view(page);
  expect(after[0]).toBeGreaterThan(before[0]);
  expect(after[1] - after[0]).toBeCloseTo(before[1] - before[0], -2);
});

test('the narration waveform shows; clicking it seeks the clock; the caption follows', async ({ page }) => {
  const sample = generateSample('narrator', DEFAULT_SAMPLE_SEED);
  const narration = sample.events.filter((e) => e.kind === 'narration');
  expect(narration.length).toBeGreaterThan(3);
  await openSample(page, 'Sample · Date-range parser');
  const strip = page.getByTestId('audio-strip');
  await expect(strip).toHaveAttribute('data-status', 'ready');
  await expect(strip).toHaveAttribute('data-drawn', 'true');
  // Click the waveform under the timeline's x for the middle of the recording (offset 0 in
  // the sample): the clock goes there, within two pixels' worth of time.
  const audioMs = 129_985;
  const expected = audioMs * 0.5;
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-view', /^\d+ \d+$/);
  const [plotX, plotW] = ((await canvas.getAttribute('data-plot')) ?? '').split(' ').map(Number) as [number, number];
  const [vs, ve] = ((await canvas.getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number];
  const tl = (await canvas.boundingBox())!;
  const x = tl.x + plotX + ((expected - vs) / (ve - vs)) * plotW;
  const wave = page.getByTestId('audio-wave');
  const wb = (await wave.boundingBox())!;
  await page.mouse.click(x, wb.y + 4);
  const twoPx = (2 / plotW) * (ve - vs);
  await expect.poll(async () => Math.abs(Number(await canvas.getAttribute('aria-valuenow')) - expected)).toBeLessThanOrEqual(twoPx + 1);
  // Seek into a spoken segment: the caption shows its words.
  const seg = narration[2]!;
  const hash = `#/session/${encodeURIComponent(await currentId(page))}?t=${seg.t + 200}`;
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.getByTestId('audio-caption')).toContainText(seg.text.slice(0, 30));
});

async function currentId(page: Page): Promise<string> {
  const m = /#\/session\/([^?]+)/.exec(page.url());
  return decodeURIComponent(m![1]!);
}
