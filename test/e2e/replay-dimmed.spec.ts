import { expect, test, type Page } from '@playwright/test';

/**
 * What the clock has not reached yet is dimmed in the event list (to 55 %) and the conversation
 * (to 45 %), and nothing else is: checked as the reviewer sees it, the item's own opacities
 * times the dimming of whatever lies over it (the veil of the pane's background), so the test
 * holds for any way of dimming. The lists dim with one veil each (replay/FutureVeil.tsx), not an
 * opacity per item, and while they follow the clock render only what is in view.
 */

async function openBench(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('session-row')).toHaveCount(4);
  await page.getByTestId('session-row').filter({ hasText: 'Sample · Per-client rate limiting' }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
  await page.goto(`/?bench=1${new URL(page.url()).hash}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay));
  await expect(page.getByTestId('replay-event').first()).toBeVisible();
}

test('after far seeks exactly the rows and messages after the current one are dimmed, to 55 % and 45 %, by one veil per list', async ({ page }) => {
  await openBench(page);
  const wrong = await page.evaluate(async () => {
    const { clock } = (window as unknown as { __batonReplay: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonReplay;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const out: string[] = [];
    /** How much of an item shows: its own and its ancestors' opacity, times a veil of the background lying over its middle. */
    const shown = (el: HTMLElement, pane: HTMLElement) => {
      let o = 1;
      for (let e: HTMLElement | null = el; e && e !== pane; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      const r = el.getBoundingClientRect();
      const y = Math.max(r.top, pane.getBoundingClientRect().top) + 3;
      const top = document.elementFromPoint(r.left + r.width / 2, y);
      if (top && !el.contains(top)) {
        const cs = getComputedStyle(top);
        const paneBg = getComputedStyle(pane.closest('.split-pane')!).backgroundColor;
        if (cs.backgroundColor !== paneBg) out.push(`${el.dataset.testid}: covered by ${top.className} of another colour (${cs.backgroundColor})`);
        else o *= 1 - Number(cs.opacity);
      }
      return o;
    };
    // What lies over an item whatever its pointer-events (a veil lets the pointer through).
    const probe = document.createElement('style');
    probe.textContent = '* { pointer-events: auto !important; }';
    const d = clock.get().duration;
    for (const f of [0.97, 0.2, 0.6, 0.3, 0.45, 0.02]) {
      clock.seek(f * d);
      await frame();
      await frame();
      document.head.append(probe);
      for (const [sel, pane, dim] of [
        ['[data-testid="replay-event"]', '[data-testid="replay-event-scroll"]', 0.55],
        ['[data-testid="conv-message"]', '.conv-scroll', 0.45],
      ] as const) {
        const list = document.querySelector<HTMLElement>(pane)!;
        const view = list.getBoundingClientRect();
        const items = [...list.querySelectorAll<HTMLElement>(sel)];
        if (items.length === 0) out.push(`${f}: no ${sel}`);
        for (const el of items) {
          const r = el.getBoundingClientRect();
          // While following, only what is in view is rendered.
          if (r.bottom <= view.top || r.top >= view.bottom) out.push(`${f}: ${sel} out of view rendered (${r.top - view.top}px)`);
          const future = el.classList.contains('future');
          const want = future ? dim : 1;
          const got = shown(el, list);
          if (Math.abs(got - want) > 0.001) out.push(`${f}: ${sel} ${el.dataset.eventId ?? el.dataset.index} (${future ? 'future' : 'reached'}) shows at ${got.toFixed(2)}, not ${want}`);
          // One veil per list, no opacity (an effect node) per item.
          if (getComputedStyle(el).opacity !== '1') out.push(`${f}: ${sel} has its own opacity ${getComputedStyle(el).opacity}`);
        }
        if (list.querySelectorAll('[data-testid="future-veil"]').length > 1) out.push(`${f}: more than one veil in ${pane}`);
      }
      probe.remove();
    }
    return out;
  });
  expect(wrong).toEqual([]);
});

test('a dimmed row under the veil is still hovered and clicked: the click seeks to its event', async ({ page }) => {
  await openBench(page);
  await page.evaluate(() => (window as unknown as { __batonReplay: { clock: { seek(t: number): void } } }).__batonReplay.clock.seek(0));
  const future = page.locator('[data-testid="replay-event"].future').nth(2);
  await expect(future).toBeVisible();
  const id = await future.getAttribute('data-event-id');
  await future.click();
  await expect(page.locator(`[data-testid="replay-event"][data-event-id="${id}"]`)).toHaveAttribute('aria-current', 'true');
});
