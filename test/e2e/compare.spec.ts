import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import type { SessionEvent } from '../../shared/model/schema';
import { alignSessions, candidatePromptTimes, type AlignMode } from '../../shared/replay/align';
import { stepAcross } from '../../shared/replay/align-steps';
import { buildSessionIndex, sortByTime } from '../../shared/replay/index';
import { DEFAULT_SAMPLE_SEED, generateSample, type SampleStyle } from '../../shared/samples';
import { fixtureMeta } from '../fixtures/archives';
import { importFile } from './helpers';

const OUT = join(process.cwd(), 'test-results', 'screens');
const rows = (page: Page) => page.getByTestId('session-row');
const panes = (page: Page) => page.getByTestId('compare-pane');

function fmt(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The samples as the library holds them: events in time order, and each session's length. */
function sample(style: SampleStyle) {
  const s = generateSample(style, DEFAULT_SAMPLE_SEED);
  const events = sortByTime(s.events);
  return { title: s.meta.title, events, index: buildSessionIndex(events), durationMs: Math.max(s.meta.durationMs, events.at(-1)?.t ?? 0, 1) };
}
const SCOPER = sample('scoper');
const THRASHER = sample('thrasher');
const ACCEPTER = sample('accepter');
const NARRATOR = sample('narrator');

function alignment(mode: AlignMode, list: ReturnType<typeof sample>[]) {
  return alignSessions(mode, list.map((s) => ({ durationMs: s.durationMs, promptTimes: candidatePromptTimes(s.events) })));
}

/** The last event at or before session time t (the one a pane marks as current). */
function currentAt(s: ReturnType<typeof sample>, t: number): string {
  return s.events[s.index.indexAt(t)]!.id;
}

/** Opens the library's Compare… dialog, ticks the sessions by title, and opens them side by side. */
async function compareFromLibrary(page: Page, titles: string[]): Promise<string[]> {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const ids: string[] = [];
  for (const t of titles) ids.push((await rows(page).filter({ hasText: t }).getAttribute('data-session-id'))!);
  await page.getByRole('button', { name: 'Compare…' }).click();
  const dialog = page.getByTestId('compare-dialog');
  for (const t of titles) await dialog.getByRole('checkbox', { name: `Compare ${t}` }).check();
  await dialog.getByRole('button', { name: `Compare ${titles.length} sessions` }).click();
  await expect(panes(page)).toHaveCount(titles.length);
  return ids;
}

const paneTime = (page: Page, i: number) => panes(page).nth(i).getByTestId('pane-time');
const paneCurrent = (page: Page, i: number) => panes(page).nth(i).locator('[data-testid="replay-event"][aria-current="true"]');

test('two sessions from the library: one transport drives both panes, and the URL keeps them and the time', async ({ page }) => {
  const ids = await compareFromLibrary(page, [SCOPER.title, THRASHER.title]);
  await expect(panes(page).nth(0)).toHaveAttribute('data-session-id', ids[0]!);
  await expect(panes(page).nth(1)).toHaveAttribute('data-session-id', ids[1]!);
  // Each pane shows its scores: the overall and six factors.
  for (const i of [0, 1]) await expect(panes(page).nth(i).getByTestId('pane-factor')).toHaveCount(6);
  await expect(panes(page).nth(0).getByTestId('pane-overall')).toHaveText(/^(\d+|—)$/);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  await page.keyboard.press('l');
  await expect(page.getByTestId('clock-time')).toContainText('00:20 /');
  await expect(paneTime(page, 0)).toHaveText(`00:20 / ${fmt(SCOPER.durationMs)}`);
  await expect(paneTime(page, 1)).toHaveText(`00:20 / ${fmt(THRASHER.durationMs)}`);
  await expect(paneCurrent(page, 0)).toHaveAttribute('data-event-id', currentAt(SCOPER, 20_000));
  await expect(paneCurrent(page, 1)).toHaveAttribute('data-event-id', currentAt(THRASHER, 20_000));
  await page.keyboard.press('j');
  await expect(paneTime(page, 1)).toContainText('00:10 /');

  // Play at 32×: both panes advance together.
  await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('32');
  await page.getByTestId('play').click();
  await expect.poll(async () => ((await paneTime(page, 1).textContent()) ?? '').slice(0, 5), { timeout: 15_000 }).not.toBe('00:10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveText(/Play/);
  const t0 = (await paneTime(page, 0).textContent())!.slice(0, 5);
  await expect(paneTime(page, 1)).toContainText(`${t0} /`);

  // The URL keeps the sessions, the alignment and the time: a reload comes back to the same place.
  await page.keyboard.press('Home');
  await page.keyboard.press('l');
  await page.keyboard.press('l');
  await page.keyboard.press('l');
  await expect.poll(() => page.url()).toContain('t=30000');
  expect(page.url()).toContain(`s=${ids.map(encodeURIComponent).join(',')}`);
  await page.reload();
  await expect(panes(page)).toHaveCount(2);
  await expect(page.getByTestId('clock-time')).toContainText('00:30 /');
  await expect(paneTime(page, 1)).toContainText('00:30 /');
});

test('a click on the shared scrubber or on a pane\'s own timeline seeks there, and both playheads move with the clock', async ({ page }) => {
  await compareFromLibrary(page, [SCOPER.title, THRASHER.title]);
  const al = alignment('elapsed', [SCOPER, THRASHER]);
  const seconds = (text: string) => text.split('/')[0]!.trim().split(':').reduce((acc, p) => acc * 60 + Number(p), 0);
  // Within a second or 1% of the strip's span: a pixel of a strip stands for a second or two.
  const near = async (loc: ReturnType<typeof paneTime>, ms: number, span: number) =>
    expect.poll(async () => Math.abs(seconds((await loc.textContent())!) - ms / 1000)).toBeLessThanOrEqual(Math.max(1, span / 100_000));
  const headLeft = (strip: ReturnType<Page['getByTestId']>) => strip.locator('.mini-playhead').evaluate((el) => parseFloat((el as HTMLElement).style.left));

  const scrubber = page.getByTestId('compare-scrubber');
  const box = (await scrubber.boundingBox())!;
  await scrubber.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await near(page.getByTestId('clock-time'), al.durationMs / 2, al.durationMs);
  await expect.poll(() => headLeft(scrubber)).toBeCloseTo(50, 0);
  // Each pane's own strip shows the same moment of its session.
  const mini = panes(page).nth(0).getByTestId('mini-timeline');
  const clock = await seconds((await paneTime(page, 0).textContent())!);
  await expect.poll(() => headLeft(mini)).toBeCloseTo(((clock * 1000) / SCOPER.durationMs) * 100, 0);

  // A click a quarter of the way along the first pane's strip: that moment of its session.
  const m = (await mini.boundingBox())!;
  await mini.click({ position: { x: m.width / 4, y: m.height / 2 } });
  await near(paneTime(page, 0), SCOPER.durationMs / 4, SCOPER.durationMs);
  await expect.poll(() => headLeft(mini)).toBeCloseTo(25, 0);
});

test('four sessions: keys step, change speed and reach both ends in every pane', async ({ page }) => {
  const all = [SCOPER, THRASHER, ACCEPTER, NARRATOR];
  await compareFromLibrary(page, all.map((s) => s.title));
  const al = alignment('elapsed', all);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
  await expect(page.getByTestId('clock-time')).toContainText(`${fmt(al.durationMs)} /`);
  for (const [i, s] of all.entries()) await expect(paneTime(page, i)).toHaveText(`${fmt(s.durationMs)} / ${fmt(s.durationMs)}`);
  // Shorter sessions have ended and say so.
  await expect(page.getByTestId('pane-waiting')).toHaveCount(all.filter((s) => s.durationMs < al.durationMs).length);
  await page.keyboard.press('Home');
  for (const i of [0, 1, 2, 3]) await expect(paneTime(page, i)).toContainText('00:00 /');

  // Shift+→: the first candidate moment of any pane; → the next event of any pane; ← back.
  const idx = all.map((s) => s.index);
  const firstMoment = stepAcross(al, idx, 0, 1, true)!;
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('clock-time')).toContainText(`${fmt(firstMoment)} /`);
  for (const [i, s] of all.entries()) await expect(paneCurrent(page, i)).toHaveAttribute('data-event-id', currentAt(s, al.toSession(i, firstMoment)));
  const nextEvent = stepAcross(al, idx, firstMoment, 1, false)!;
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('clock-time')).toContainText(`${fmt(nextEvent)} /`);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('clock-time')).toContainText(`${fmt(firstMoment)} /`);

  // [ and ] change the one speed.
  const speed = page.getByRole('combobox', { name: 'Playback speed' });
  await expect(speed).toHaveValue('1');
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect(speed).toHaveValue('4');
  await page.keyboard.press('[');
  await expect(speed).toHaveValue('2');
  // Space plays and pauses every pane.
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toHaveText(/Pause/);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toHaveText(/Play/);

  // A click on an event in one pane moves every pane to that moment.
  await page.keyboard.press('Home');
  const target = THRASHER.events.find((e) => e.actor === 'candidate' && e.kind === 'prompt')!;
  await panes(page).nth(1).locator(`[data-event-id="${target.id}"]`).click();
  await expect(paneCurrent(page, 1)).toHaveAttribute('data-event-id', currentAt(THRASHER, target.t));
  for (const [i, s] of all.entries()) await expect(paneTime(page, i)).toContainText(`${fmt(Math.min(target.t, s.durationMs))} /`);
});

test("switching to n-th prompt alignment puts every session at its candidate's n-th prompt together", async ({ page }) => {
  const two = [SCOPER, ACCEPTER];
  await compareFromLibrary(page, two.map((s) => s.title));
  const byTime = alignment('elapsed', two);
  const byPrompt = alignment('prompt', two);
  // Somewhere in the middle, by elapsed time.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 9; i++) await page.keyboard.press('l');
  await expect(paneTime(page, 0)).toContainText('01:30 /');
  const t0 = byTime.toSession(0, 90_000);
  await page.getByTestId('align-mode').selectOption('prompt');
  // The first pane stays where it was; the other moves to the matching moment.
  const shared = byPrompt.toShared(0, t0);
  await expect(page.getByTestId('clock-time')).toContainText(`${fmt(shared)} / ${fmt(byPrompt.durationMs)}`);
  await expect(paneTime(page, 0)).toContainText(`${fmt(t0)} /`);
  await expect(paneTime(page, 1)).toContainText(`${fmt(byPrompt.toSession(1, shared))} /`);
  await expect.poll(() => page.url()).toContain('align=prompt');

  // Home, then Shift+→ through the candidates' moments until the second prompts: each pane shows
  // its own second prompt at the same moment.
  const mark = byPrompt.promptMarks[1]!;
  await page.goto(page.url().replace(/t=\d+/, `t=${Math.round(mark)}`));
  await page.reload();
  await expect(panes(page)).toHaveCount(2);
  await expect(page.getByTestId('align-mode')).toHaveValue('prompt');
  for (const [i, s] of two.entries()) {
    const second = candidatePromptTimes(s.events)[1]!;
    await expect(paneTime(page, i)).toContainText(`${fmt(second)} /`);
    await expect(paneCurrent(page, i)).toHaveAttribute('data-event-id', currentAt(s, second));
    const ev = s.events[s.index.indexAt(second)]!;
    expect(ev.t).toBe(second);
  }
  // Back to elapsed time: the first pane keeps its moment.
  await page.getByTestId('align-mode').selectOption('elapsed');
  const first = candidatePromptTimes(SCOPER.events)[1]!;
  await expect(page.getByTestId('clock-time')).toContainText(`${fmt(first)} / ${fmt(byTime.durationMs)}`);
  await expect(paneTime(page, 1)).toContainText(`${fmt(Math.min(first, ACCEPTER.durationMs))} /`);
});

/** A long chat: prompts and replies of one to seven paragraphs, each paragraph naming its message. */
async function chatArchive(id: string, title: string, messages: number): Promise<Uint8Array> {
  const events: SessionEvent[] = [];
  for (let i = 0; i < messages; i++) {
    const text = Array.from({ length: 1 + ((i * 5) % 7) }, (_, k) => `Message ${i}, paragraph ${k + 1}: the reply explains one step of the change in a sentence or two.`).join('\n\n');
    const eid = `m${String(i).padStart(4, '0')}`;
    events.push(i % 2 ? { id: eid, t: i * 4000, actor: 'agent', kind: 'response', text } : { id: eid, t: i * 4000, actor: 'candidate', kind: 'prompt', text });
  }
  return writeArchiveToBytes({ meta: { ...fixtureMeta(id, title), durationMs: messages * 4000 }, events, createdAt: '2026-03-04T10:00:00.000Z' });
}

test('conversations side by side: a far seek builds only the messages it brings into view, every pane shows its current message whole, and scrolling back shows earlier ones whole', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await importFile(page, 'chat-a.baton', await chatArchive('chat-a', 'Long chat A', 300), 5);
  await importFile(page, 'chat-b.baton', await chatArchive('chat-b', 'Long chat B', 240), 6);
  const ids: string[] = [];
  for (const t of ['Long chat A', 'Long chat B']) ids.push((await rows(page).filter({ hasText: t }).getAttribute('data-session-id'))!);
  await page.goto(`/?bench=1#/compare?s=${ids.map(encodeURIComponent).join(',')}&align=elapsed`);
  await page.waitForFunction(() => Boolean((window as unknown as { __batonCompare?: unknown }).__batonCompare));
  for (const tab of await page.getByRole('tab', { name: 'Conversation' }).all()) await tab.click();
  await expect(page.getByTestId('conversation')).toHaveCount(2);

  // What the frame after each seek paints, pane by pane: the current message in view with its
  // text; no empty box in view; and no message built (markdown in the page) out of view.
  const wrong = await page.evaluate(async () => {
    const { clock } = (window as unknown as { __batonCompare: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonCompare;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const out: string[] = [];
    const d = clock.get().duration;
    for (const f of [0.9, 0.15, 0.6, 0.35, 0.98, 0.5]) {
      await new Promise((r) => setTimeout(r, 50));
      clock.seek(f * d);
      await frame();
      document.querySelectorAll('[data-testid="compare-pane"]').forEach((pane, i) => {
        const view = pane.querySelector('.conv-scroll')!.getBoundingClientRect();
        const inView = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.bottom > view.top + 1 && r.top < view.bottom - 1;
        };
        const current = pane.querySelector('[data-testid="conv-message"].current');
        if (!current) out.push(`pane ${i} at ${f}: no current message`);
        else if (!inView(current)) out.push(`pane ${i} at ${f}: current message out of view`);
        else if (!/Message \d+, paragraph 1/.test(current.querySelector('.markdown')?.textContent ?? '')) out.push(`pane ${i} at ${f}: current message without its text`);
        for (const m of pane.querySelectorAll('.conv-msg')) {
          const built = m.querySelector('.markdown') !== null;
          if (inView(m) && !built) out.push(`pane ${i} at ${f}: an empty box in view`);
          if (!inView(m) && built) out.push(`pane ${i} at ${f}: ${m.querySelector('.markdown')!.textContent!.slice(0, 12)} built out of view`);
        }
      });
    }
    return out;
  });
  expect(wrong).toEqual([]);

  // The reviewer scrolls the first pane back: it stops following, and the earlier messages that
  // come into view are whole (their text), none an empty box.
  const pane = panes(page).nth(0);
  const before = Number(/Message (\d+)/.exec((await pane.locator('[data-testid="conv-message"].current .markdown').textContent()) ?? '')?.[1]);
  await pane.locator('.conv-scroll').hover();
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -900);
  await expect(pane.getByRole('button', { name: 'Follow playhead' })).toBeVisible();
  const shownInView = () =>
    pane.locator('.conv-scroll').evaluate((sc) => {
      const view = sc.getBoundingClientRect();
      return [...sc.querySelectorAll('.conv-msg')]
        .filter((m) => {
          const r = m.getBoundingClientRect();
          return r.bottom > view.top + 1 && r.top < view.bottom - 1;
        })
        .map((m) => /Message (\d+)/.exec(m.querySelector('.markdown')?.textContent ?? '')?.[1] ?? 'empty');
    });
  await expect.poll(async () => (await shownInView()).includes('empty')).toBe(false);
  const seen = (await shownInView()).map(Number);
  expect(seen.length).toBeGreaterThan(0);
  expect(Math.max(...seen)).toBeLessThan(before);
});

for (const [name, viewport] of [
  ['compare-4-1280x800', { width: 1280, height: 800 }],
  ['compare-4-1920x1080', { width: 1920, height: 1080 }],
] as const) {
  test(`screenshot ${name}`, async ({ browser }) => {
    const ctx = await browser.newContext({ viewport });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect(page.getByTestId('import-job').filter({ hasText: 'Importing' })).toHaveCount(0);
    await page.getByTestId('import-panel').getByRole('button', { name: 'Clear' }).click();
    await compareFromLibrary(page, [SCOPER.title, THRASHER.title, ACCEPTER.title, NARRATOR.title]);
    await page.getByTestId('align-mode').selectOption('prompt');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect(panes(page).nth(3).getByTestId('pane-overall')).toHaveText(/^(\d+|—)$/);
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    await ctx.close();
  });
}
