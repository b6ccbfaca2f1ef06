import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import type { SessionEvent } from '../../shared/model/schema';
import { EVENT_KINDS } from '../../shared/model/kinds';
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../shared/samples';
import { fixtureMeta } from '../fixtures/archives';
import { FIXTURE_DIR } from './global-setup';
import { importFile } from './helpers';

const rows = (page: Page) => page.getByTestId('session-row');

async function openSample(page: Page, titleStart: string) {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await rows(page).filter({ hasText: titleStart }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
}

/** Seconds shown by the transport clock. */
async function clockSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('clock-time').textContent()) ?? '';
  const m = /^(?:(\d+):)?(\d+):(\d+)/.exec(text.trim());
  if (!m) throw new Error(`unreadable clock: ${text}`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

function fmt(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

test('playing a sample advances the clock, the event list and the conversation', async ({ page }) => {
  await openSample(page, 'Sample · Per-client rate limiting');
  await expect(page.getByTestId('clock-time')).toContainText('00:00');
  const firstCurrent = await page.locator('[data-testid="replay-event"][aria-current="true"]').getAttribute('data-event-id');
  await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('32');
  await page.getByTestId('play').click();
  // The first prompt of this sample comes at 2:52; 32× passes it in about six seconds.
  await expect.poll(() => clockSeconds(page), { timeout: 30_000 }).toBeGreaterThan(200);
  await page.keyboard.press('k');
  const paused = await clockSeconds(page);
  await page.waitForTimeout(400);
  expect(await clockSeconds(page)).toBe(paused);
  const nowCurrent = await page.locator('[data-testid="replay-event"][aria-current="true"]').getAttribute('data-event-id');
  expect(nowCurrent).not.toBe(firstCurrent);
  await expect(page.locator('[data-testid="conv-message"].current')).toHaveCount(1);
});

test('keys step between events and candidate moments', async ({ page }) => {
  const sample = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  const firstCandidate = sample.events.find((e) => e.actor === 'candidate' && e.t > 0)!;
  await openSample(page, 'Sample · Per-client rate limiting');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('clock-time')).toContainText(fmt(firstCandidate.t));
  await expect(page.locator('[data-testid="replay-event"][aria-current="true"]')).toHaveAttribute('data-event-id', sample.events.filter((e) => e.t === firstCandidate.t).at(-1)!.id);
  await page.keyboard.press('l');
  await expect(page.getByTestId('clock-time')).toContainText(fmt(firstCandidate.t + 10_000));
  await page.keyboard.press('End');
  await expect(page.getByTestId('clock-time')).toContainText(fmt(sample.meta.durationMs));
  await page.keyboard.press('Home');
  await expect(page.getByTestId('clock-time')).toContainText('00:00 /');
});

test('find reaches an event far off screen', async ({ page }) => {
  test.setTimeout(300_000); // importing the 60,000-event fixture first: see library.spec.ts
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(join(FIXTURE_DIR, 'large-session.baton'));
  await expect(rows(page)).toHaveCount(5, { timeout: 240_000 });
  await rows(page).filter({ hasText: 'Large fixture session' }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
  // Event 59990 is a prompt "Step 59990: …" at 59990 × 250 ms, tens of thousands of rows below.
  await expect(page.locator('[data-event-id="e059990"]')).toHaveCount(0);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Find in events' })).toBeFocused();
  await page.keyboard.type('Step 59990:');
  await expect(page.getByTestId('find-count')).toHaveText('0 / 1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('1 / 1');
  const row = page.locator('[data-testid="replay-event"][data-event-id="e059990"]');
  await expect(row).toBeVisible();
  await expect(row).toBeInViewport();
  await expect(row).toHaveClass(/match-current/);
  await expect(page.getByTestId('clock-time')).toContainText(fmt(59990 * 250));
});

test('a deep link opens at its time and survives a reload; the last position is remembered', async ({ page }) => {
  await openSample(page, 'Sample · Retrying HTTP client');
  const id = decodeURIComponent(/#\/session\/([^?]+)/.exec(page.url())![1]!);
  await page.goto(`/#/session/${encodeURIComponent(id)}?t=754000`);
  await expect(page.getByTestId('clock-time')).toContainText('12:34');
  await page.reload();
  await expect(page.getByTestId('clock-time')).toContainText('12:34');
  // The event list and the conversation open scrolled to that moment.
  const current = page.locator('[data-testid="replay-event"][aria-current="true"]');
  await expect(current).toBeInViewport();
  expect(Number(await current.getAttribute('data-event-id').then((x) => x!.slice(1)))).toBeGreaterThan(15);
  await expect(page.locator('[data-testid="conv-message"].current')).toBeInViewport();
  // A time typed into the address bar seeks, even when the replay writes its own (older) time
  // to the URL between the edit and the browser's hashchange event.
  await page.evaluate(() => {
    const at = (t: number) => location.hash.replace(/\?t=\d+$/, `?t=${t}`);
    const stale = at(754000);
    location.hash = at(600000);
    history.replaceState(null, '', stale);
  });
  await expect(page.getByTestId('clock-time')).toContainText('10:00');
  await expect(page).toHaveURL(/\?t=600000$/);
  await page.evaluate(() => (location.hash = location.hash.replace(/\?t=\d+$/, '?t=754000')));
  await expect(page.getByTestId('clock-time')).toContainText('12:34');
  // Move, leave, come back without a time in the link: the last position is restored.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  await expect(page.getByTestId('clock-time')).toContainText('12:44');
  await page.getByRole('button', { name: '← Sessions' }).click();
  await expect(rows(page)).toHaveCount(4);
  await page.goto(`/#/session/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('clock-time')).toContainText('12:44');
});

test('a replay link opens the replay first; going back then lists every session', async ({ page }) => {
  await openSample(page, 'Sample · Retrying HTTP client');
  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('replay-event').first()).toBeVisible();
  await page.getByRole('button', { name: '← Sessions' }).click();
  await expect(rows(page)).toHaveCount(4);
  await expect(page.getByText('No sessions yet.')).toHaveCount(0);
});

test('clicking an event seeks; filters narrow the list', async ({ page }) => {
  const sample = generateSample('thrasher', DEFAULT_SAMPLE_SEED);
  const commands = sample.events.filter((e) => e.kind === 'command');
  await openSample(page, 'Sample · Retrying HTTP client');
  await page.getByRole('button', { name: 'command', exact: true }).click();
  await expect(page.getByTestId('replay-event')).toHaveCount(commands.length);
  const third = commands[2]!;
  await page.locator(`[data-testid="replay-event"][data-event-id="${third.id}"]`).click();
  await expect(page.getByTestId('clock-time')).toContainText(fmt(third.t));
});

test('the first frame after a far seek already shows the current event, message, file and command in view', async ({ page }) => {
  await openSample(page, 'Sample · Retrying HTTP client');
  const hash = new URL(page.url()).hash;
  await page.goto(`/?bench=1${hash}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay));
  // Seek from a task, as a click does, and look at the DOM in the next animation frame: that is
  // what the frame after the seek paints. Before the fix the lists still held the rows of the
  // old scroll position there (the virtualizer heard of the jump only from the scroll event).
  const check = (tab: string) =>
    page.evaluate(async (tab) => {
      const { clock } = (window as unknown as { __batonReplay: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonReplay;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const inView = (item: string, scroller: string) => {
        const el = document.querySelector(item);
        const sc = document.querySelector(scroller);
        if (!el || !sc) return el ? 'no list' : 'not rendered';
        const a = el.getBoundingClientRect();
        const b = sc.getBoundingClientRect();
        return a.bottom > b.top + 1 && a.top < b.bottom - 1 ? 'in view' : 'out of view';
      };
      const panes: [string, string, string][] = [
        ['event', '[data-testid="replay-events"] [aria-current="true"]', '[data-testid="replay-event-scroll"]'],
        ['message', '[data-testid="conv-message"].current', '.conv-scroll'],
      ];
      if (tab === 'Code') panes.push(['file', '[data-testid="code-file"][aria-current="true"]', '.code-tree']);
      if (tab === 'Terminal') panes.push(['command', '[data-testid="terminal-command"][aria-current="true"]', '.term-list']);
      const wrong: string[] = [];
      const d = clock.get().duration;
      for (const f of [0.97, 0.2, 0.6, 0.3, 0.999, 0.45]) {
        await new Promise((r) => setTimeout(r, 50));
        clock.seek(f * d);
        await frame();
        for (const [name, item, scroller] of panes) {
          const where = inView(item, scroller);
          if (where !== 'in view') wrong.push(`${name} at ${f}: ${where}`);
        }
      }
      return wrong;
    }, tab);
  expect(await check('Decisions')).toEqual([]);
  await page.getByRole('tab', { name: 'Code' }).click();
  await expect(page.getByTestId('code-pane')).toBeVisible();
  expect(await check('Code')).toEqual([]);
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await expect(page.getByTestId('terminal-pane')).toBeVisible();
  expect(await check('Terminal')).toEqual([]);
});

test('after far seeks every event row stands at its event\'s place, the current one highlighted; its time and kind fit their cells unclipped', async ({ page }) => {
  const sample = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  await openSample(page, 'Sample · Per-client rate limiting');
  await page.goto(`/?bench=1${new URL(page.url()).hash}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay));
  await expect(page.getByTestId('replay-event').first()).toBeVisible();
  const ids = sample.events.map((e) => e.id);
  const times = sample.events.map((e) => e.t);
  // Every kind's label and the longest times, in a row's own cells: what a far seek can bring in.
  const labels = EVENT_KINDS.map((k) => k.replace('_', ' '));
  const wrong = await page.evaluate(
    async ({ ids, times, labels }) => {
      const { clock } = (window as unknown as { __batonReplay: { clock: { seek(t: number): void; get(): { duration: number; t: number } } } }).__batonReplay;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const out: string[] = [];
      const d = clock.get().duration;
      for (const f of [0.97, 0.2, 0.6, 0.3, 0.999, 0.45, 0.02]) {
        await new Promise((r) => setTimeout(r, 50));
        clock.seek(f * d);
        // What the frame after the seek paints.
        await frame();
        const t = clock.get().t;
        let want = -1;
        for (let i = 0; i < times.length && times[i]! <= t; i++) want = i;
        const list = document.querySelector('[data-testid="replay-event-scroll"]')!;
        const content = list.firstElementChild!.getBoundingClientRect();
        const view = list.getBoundingClientRect();
        const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="replay-event"]')];
        for (const row of rows) {
          const i = ids.indexOf(row.dataset.eventId ?? '');
          const r = row.getBoundingClientRect();
          if (Math.abs(r.top - content.top - i * 30) > 0.5) out.push(`${f}: row of event ${i} at ${r.top - content.top}px`);
          if ((row.getAttribute('aria-current') === 'true') !== (i === want)) out.push(`${f}: event ${i} highlighted ${row.getAttribute('aria-current') ?? 'no'}, the clock's is ${want}`);
          // One clip for the whole row (its text's ellipsis); no transform, no clip per cell.
          const cs = getComputedStyle(row);
          if (cs.transform !== 'none' || cs.overflowX !== 'clip') out.push(`${f}: row ${i} transform ${cs.transform}, overflow ${cs.overflowX}`);
          for (const cell of row.querySelectorAll<HTMLElement>('.ev-time, .ev-kind'))
            if (getComputedStyle(cell).overflowX !== 'visible' || cell.scrollWidth > cell.clientWidth) out.push(`${f}: row ${i}: "${cell.textContent}" clipped or overflowing`);
        }
        const current = rows.find((row) => row.getAttribute('aria-current') === 'true');
        const cr = current?.getBoundingClientRect();
        if (!cr || cr.bottom <= view.top + 1 || cr.top >= view.bottom - 1) out.push(`${f}: current row not in view`);
      }
      const row = document.querySelector<HTMLElement>('[data-testid="replay-event"]')!;
      const [time, kind] = [row.querySelector<HTMLElement>('.ev-time')!, row.querySelector<HTMLElement>('.ev-kind')!];
      const [oldTime, oldKind] = [time.textContent, kind.textContent];
      for (const [cell, text] of [...labels.map((l) => [kind, l] as const), [time, '10:59:59'] as const, [time, '59:59'] as const]) {
        cell.textContent = text;
        if (cell.scrollWidth > cell.clientWidth) out.push(`"${text}" does not fit its cell (${cell.scrollWidth} > ${cell.clientWidth}px)`);
      }
      time.textContent = oldTime;
      kind.textContent = oldKind;
      return out;
    },
    { ids, times, labels },
  );
  expect(wrong).toEqual([]);
});

test('with hundreds of decisions, the first frame after a far seek already shows the current decision card in view', async ({ page }) => {
  // Every other event a decision: far more cards than the pane shows, so a far seek scrolls it.
  const events: SessionEvent[] = [];
  for (let i = 0; i < 600; i++) {
    const id = `e${String(i).padStart(4, '0')}`;
    const t = i * 2000;
    if (i % 2) events.push({ id, t, actor: 'candidate', kind: 'decision', question: `Decision ${i}: keep the cache?`, options: ['keep', 'drop'], chosen: i % 4 === 1 ? 'keep' : 'drop', rationale: `Reason ${i}.` });
    else events.push({ id, t, actor: 'agent', kind: 'response', text: `Step ${i}.` });
  }
  const meta = { ...fixtureMeta('many-decisions', 'Many decisions'), durationMs: 600 * 2000 };
  const buffer = Buffer.from(await writeArchiveToBytes({ meta, events, createdAt: '2026-03-04T10:00:00.000Z' }));
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles({ name: 'many-decisions.baton', mimeType: 'application/zip', buffer });
  await expect(rows(page)).toHaveCount(5, { timeout: 30_000 });
  await rows(page).filter({ hasText: 'Many decisions' }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
  await page.goto(`/?bench=1${new URL(page.url()).hash}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay));
  await page.getByRole('tab', { name: 'Decisions' }).click();
  await expect(page.getByTestId('decision-card').first()).toBeVisible();
  const wrong = await page.evaluate(async () => {
    const { clock } = (window as unknown as { __batonReplay: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonReplay;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const out: string[] = [];
    const d = clock.get().duration;
    for (const f of [0.97, 0.2, 0.6, 0.3, 0.999, 0.45]) {
      await new Promise((r) => setTimeout(r, 50));
      clock.seek(f * d);
      await frame();
      // What this frame paints: the current card (the last decision at or before the clock) in the list's view.
      const card = document.querySelector('[data-testid="decision-card"].current');
      const list = document.querySelector('[data-testid="decisions"]')!.getBoundingClientRect();
      const r = card?.getBoundingClientRect();
      if (!r) out.push(`${f}: not rendered`);
      else if (r.bottom <= list.top + 1 || r.top >= list.bottom - 1) out.push(`${f}: out of view`);
    }
    return out;
  });
  expect(wrong).toEqual([]);
});

test("a far seek lays the page out in its own task: the frame after it only paints, so the seek shows sooner", async ({ page, browserName }) => {
  test.skip(browserName !== 'chromium', 'reads a Chromium trace');
  await openSample(page, 'Sample · Retrying HTTP client');
  const hash = new URL(page.url()).hash;
  await page.goto(`/?bench=1${hash}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay));
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
  // Each seek is made just after a frame was painted (as a click between frames), and marked:
  // when it was made, when its task (React's commit included) was over, when the next frame
  // started and when that frame had been painted.
  await page.evaluate(async () => {
    const { clock } = (window as unknown as { __batonReplay: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonReplay;
    type PostTask = (cb: () => void, o: { priority: 'user-blocking' }) => Promise<void>;
    const sched = (globalThis as unknown as { scheduler: { postTask: PostTask } }).scheduler;
    const painted = () => new Promise<void>((r) => requestAnimationFrame(() => void sched.postTask(r, { priority: 'user-blocking' })));
    const d = clock.get().duration;
    for (const [i, f] of [0.97, 0.2, 0.6, 0.3, 0.999, 0.45, 0.05, 0.8, 0.9, 0.1, 0.7, 0.35, 0.95, 0.55, 0.15, 0.75].entries()) {
      await painted();
      await painted();
      requestAnimationFrame(() => performance.mark(`frame ${i}`));
      performance.mark(`seek ${i}`);
      clock.seek(f * d);
      void sched.postTask(() => performance.mark(`done ${i}`), { priority: 'user-blocking' });
      await painted();
      performance.mark(`painted ${i}`);
    }
  });
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; ts: number; tid: number; cat: string; ph: string }[] };
  const at = (name: string) => trace.traceEvents.find((e) => e.name === name && e.cat.includes('user_timing'));
  const tid = at('seek 0')!.tid;
  const layouts = trace.traceEvents.filter((e) => e.name === 'Layout' && e.tid === tid);
  const between = (a: number, b: number) => layouts.filter((e) => e.ts >= a && e.ts < b).length;
  const counted: { seek: number; inTask: number; inFrame: number }[] = [];
  for (let i = 0; i < 16; i++) {
    const [seek, done, frame, painted] = ['seek', 'done', 'frame', 'painted'].map((n) => at(`${n} ${i}`)!.ts) as [number, number, number, number];
    // A seek whose task ran into the frame's time says nothing about the frame: not counted.
    if (done > frame) continue;
    counted.push({ seek: i, inTask: between(seek, done), inFrame: between(done, painted) });
  }
  expect(counted.length, 'seeks whose task ended before the next frame').toBeGreaterThanOrEqual(6);
  // Every far seek moves the lists, so the page has to be laid out: in the seek's own task,
  // and none in the frame after it. Before scroll writes waited for React's commit, every
  // seek laid out in that frame; a machine busy with other work may still let one in four
  // slip (a task of someone else's between the seek and the frame).
  const clean = counted.filter((c) => c.inTask >= 1 && c.inFrame === 0);
  expect(clean.length, JSON.stringify(counted)).toBeGreaterThanOrEqual(Math.ceil(counted.length * 0.75));
});

test('scrolling a list away stops it following the playhead until the reviewer asks again', async ({ page }) => {
  await openSample(page, 'Sample · Retrying HTTP client');
  const events = page.getByTestId('replay-event-scroll');
  const currentRow = page.locator('[data-testid="replay-event"][aria-current="true"]');
  const currentMsg = page.locator('[data-testid="conv-message"].current');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
  await expect(currentRow).toBeInViewport();
  await expect(currentMsg).toBeInViewport();
  // The wheel on the event list, a press on the conversation's scrollbar (the scroller itself).
  await events.hover();
  await page.mouse.wheel(0, -100_000);
  await page.getByTestId('conversation').locator('.conv-scroll').dispatchEvent('pointerdown');
  await expect(page.getByRole('button', { name: 'Follow playhead' })).toHaveCount(2);
  // Far from the end now: neither list moves to the new current item.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Home');
  await page.keyboard.press('End');
  await page.keyboard.press('j');
  await expect(page.getByTestId('replay-event').first()).toHaveAttribute('data-event-id', 'e000001');
  await expect(currentRow).not.toBeInViewport();
  await page.getByTestId('replay-events').getByRole('button', { name: 'Follow playhead' }).click();
  await expect(currentRow).toBeInViewport();
  await page.getByTestId('conversation').getByRole('button', { name: 'Follow playhead' }).click();
  await expect(currentMsg).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Follow playhead' })).toHaveCount(0);
});

test('a key that scrolls a list stops it following; what it scrolls to is shown whole, and the replay keys still work', async ({ page }) => {
  await openSample(page, 'Sample · Retrying HTTP client');
  const conv = page.getByTestId('conversation');
  const scroller = conv.locator('.conv-scroll');
  const currentMsg = page.locator('[data-testid="conv-message"].current');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
  await expect(currentMsg).toBeInViewport();
  // A click on a message's text focuses its list, so the list's keys reach it.
  await currentMsg.locator('.conv-who').click();
  await expect(scroller).toBeFocused();
  const before = await scroller.evaluate((el) => el.scrollTop);
  await page.keyboard.press('PageUp');
  await expect(conv.getByRole('button', { name: 'Follow playhead' })).toBeVisible();
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeLessThan(before);
  // Not following, what it scrolled to is shown: messages cover the view, with no gap wider than the space between two.
  const gaps = () =>
    scroller.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const rects = [...el.querySelectorAll('[data-testid="conv-message"]')].map((m) => m.getBoundingClientRect()).filter((r) => r.bottom > box.top && r.top < box.bottom);
      rects.sort((a, b) => a.top - b.top);
      let at = box.top;
      let widest = 0;
      for (const r of rects) {
        widest = Math.max(widest, r.top - at);
        at = Math.max(at, r.bottom);
      }
      return { shown: rects.length, widest: Math.max(widest, box.bottom - at) };
    });
  // (Polled: a keyboard scroll may be animated, and the messages it brings in render on its scroll events.)
  await expect.poll(async () => (await gaps()).shown).toBeGreaterThan(0);
  await expect.poll(async () => (await gaps()).widest).toBeLessThan(40);
  // The replay's own keys still work from the focused list: Home goes to the start, and the list
  // stays on the messages the reviewer scrolled to (the first one in view is the same).
  const firstInView = () =>
    scroller.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const inView = [...el.querySelectorAll<HTMLElement>('[data-testid="conv-message"]')].filter((m) => m.getBoundingClientRect().bottom > top + 1);
      inView.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return Number(inView[0]?.dataset.index ?? -1);
    });
  const settled = () => scroller.evaluate((el) => new Promise<boolean>((r) => {
    const at = el.scrollTop;
    setTimeout(() => r(el.scrollTop === at), 150);
  }));
  await expect.poll(settled).toBe(true);
  const kept = await firstInView();
  expect(kept).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  await expect(page.getByTestId('clock-time')).toHaveText(/^\s*00:00\s*\//);
  expect(await firstInView()).toBe(kept);
  // The event list too, reached with Tab-like focus: ArrowDown scrolls it and stops its following.
  const events = page.getByTestId('replay-event-scroll');
  await events.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('replay-events').getByRole('button', { name: 'Follow playhead' })).toBeVisible();
});

test('code in the conversation is coloured by language, a labelled block and a guessed one', async ({ page }) => {
  // A Claude Code transcript whose answer has a TypeScript block and an unlabelled Python one.
  const line = (o: object) => `${JSON.stringify(o)}\n`;
  const answer = 'Here is the fix:\n\n```ts\nexport const retries: number = 3;\n```\n\nand the script:\n\n```\ndef main():\n    import os\n    for name in os.listdir("."):\n        print(name)\n```\n';
  const transcript =
    line({ type: 'user', uuid: 'u1', sessionId: 'code-1', cwd: '/work/app', version: '2.1.30', timestamp: '2026-03-04T10:00:00.000Z', message: { role: 'user', content: 'show me the retry constant' } }) +
    line({ type: 'assistant', uuid: 'a1', parentUuid: 'u1', sessionId: 'code-1', cwd: '/work/app', version: '2.1.30', timestamp: '2026-03-04T10:00:05.000Z', message: { id: 'msg-1', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: answer }] } });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await importFile(page, 'code-1.jsonl', transcript, 5, 'application/x-ndjson');
  await rows(page).filter({ hasText: 'show me the retry constant' }).getByRole('link').click();
  const blocks = page.getByTestId('conversation').locator('pre code');
  await expect(blocks).toHaveCount(2);
  await expect(blocks.nth(0)).toHaveClass(/\blanguage-typescript\b/);
  await expect(blocks.nth(0).locator('.hljs-keyword').first()).toHaveText('export');
  await expect(blocks.nth(0)).toContainText('export const retries: number = 3;');
  // The unlabelled block gets highlight.js's guess (which language is its business) and colours.
  await expect(blocks.nth(1)).toHaveClass(/\bhljs\b.*\blanguage-[\w-]+/);
  await expect(blocks.nth(1).locator('[class^="hljs-"]').first()).toBeVisible();
});
