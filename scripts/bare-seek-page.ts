/**
 * A page with no app on it, for `bench-replay-real.ts`: what a replay seek shows, done by hand,
 * so the seek's target can be read against what this browser on this machine spends on showing
 * that alone. `harvestReplay` copies from the app's replay the event rows and conversation
 * messages exactly as the app rendered them (their HTML, classes and heights) and the app's
 * style sheets. `openBareSeekPage` lays the replay's visible parts out at 1280×800 as plain
 * elements: a clock, a playhead moved by a transform, the event list (320 px) and the
 * conversation (456 px). Both lists are scrollers that follow the clock and, like the app's,
 * hold only what is in view (absolutely placed over a spacer). A seek rebuilds them from the
 * copied HTML (no framework, no measuring) and writes both scroll positions; nothing else runs.
 * Its `window.__batonReplay.clock` has the shape the benchmark's seek loop drives, so the same
 * loop measures it. Without content, a seek moves only the clock and the playhead (the smallest
 * change a seek shows).
 */
import type { Page } from '@playwright/test';

/** The replay's lists as the app rendered them. */
export interface ReplayContent {
  css: string;
  rowHeight: number;
  rows: { cls: string; html: string }[];
  messages: { cls: string; html: string; height: number }[];
}

/**
 * Scrolls the open replay's event list and conversation from top to bottom and copies every
 * row and message the app renders on the way. Leaves the lists no longer following the clock.
 */
export async function harvestReplay(page: Page): Promise<ReplayContent> {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
    const state = /\b(current|future|match|match-current)\b/g;
    const sweep = async <T>(scroller: HTMLElement, selector: string, step: number, key: (el: HTMLElement) => number, copy: (el: HTMLElement) => T) => {
      const out = new Map<number, T>();
      // A wheel over the list stops it following the clock (it would scroll back to the playhead).
      scroller.dispatchEvent(new WheelEvent('wheel', { bubbles: true }));
      await frame();
      for (let y = 0; y <= scroller.scrollHeight; y += Math.max(100, scroller.clientHeight / 2)) {
        scroller.scrollTop = y;
        await frame();
        await frame();
        for (const el of Array.from(scroller.querySelectorAll<HTMLElement>(selector))) if (!out.has(key(el))) out.set(key(el), copy(el));
      }
      const keys = [...out.keys()].sort((a, b) => a - b);
      // Every row from the first to the last, none skipped: else the copy would misplace them.
      if (keys.some((k, i) => i > 0 && k - keys[i - 1]! !== step)) throw new Error(`harvest of ${selector}: rows missing between ${keys[0]} and ${keys.at(-1)}`);
      return keys.map((k) => out.get(k)!);
    };
    const events = document.querySelector<HTMLElement>('[data-testid="replay-event-scroll"]')!;
    const firstRow = events.querySelector<HTMLElement>('[data-testid="replay-event"]')!;
    const rowHeight = firstRow.getBoundingClientRect().height;
    const rows = await sweep(events, '[data-testid="replay-event"]', rowHeight, (el) => parseFloat(el.style.top), (el) => ({ cls: el.className.replace(state, ''), html: el.innerHTML }));
    // A session without prompts or responses has no conversation to copy.
    const conversation = document.querySelector<HTMLElement>('.conv-scroll');
    const messages = conversation
      ? await sweep(
          conversation,
          '[data-testid="conv-message"]',
          1,
          (el) => Number(el.dataset.index),
          (el) => ({ cls: el.className.replace(state, ''), html: el.innerHTML, height: el.getBoundingClientRect().height }),
        )
      : [];
    const css = Array.from(document.styleSheets)
      .flatMap((s) => Array.from(s.cssRules, (r) => r.cssText))
      .join('\n');
    return { css, rowHeight, rows, messages };
  });
}

const HTML = (css: string) => `<!doctype html><html><head><style>${css}</style><style>
#clock { position: absolute; left: 240px; top: 100px; font: 16px ui-monospace, monospace; }
#lanes { position: absolute; left: 14px; top: 136px; width: 1250px; height: 150px; background: #fff; border: 1px solid #d9dde3; }
#playhead { position: absolute; left: 0; top: 0; bottom: 0; width: 2px; background: #c00; will-change: transform; }
.bare-pane { position: absolute; top: 300px; height: 486px; overflow: auto; background: #fff; border: 1px solid #d9dde3; }
#events { left: 14px; width: 320px; }
#conversation { left: 344px; width: 456px; }
</style></head><body>
<div id="clock" data-testid="clock-time">00:00</div>
<div id="lanes" data-testid="timeline"><div id="playhead"></div></div>
<div id="events" class="bare-pane" data-testid="replay-events"></div>
<div id="conversation" class="bare-pane" data-testid="conversation"></div>
</body></html>`;

/** Opens the bare page in `page` and gives it a clock whose seek shows `content` (or only the clock). */
export async function openBareSeekPage(page: Page, content?: ReplayContent): Promise<void> {
  await page.setContent(HTML(content?.css ?? ''));
  // tsx names functions with __name, which the serialised callback below would call.
  await page.evaluate('globalThis.__name = (f) => f;');
  await page.evaluate((c) => {
    const events = document.getElementById('events')!;
    const conversation = document.getElementById('conversation')!;
    const clockEl = document.getElementById('clock')!;
    const playhead = document.getElementById('playhead')!;
    const spacer = (pane: HTMLElement, h: number) => {
      const d = document.createElement('div');
      d.style.cssText = `position: relative; height: ${h}px`;
      pane.appendChild(d);
      return d;
    };
    const ROW = c?.rowHeight ?? 30;
    const rows = c?.rows ?? [];
    const messages = c?.messages ?? [];
    const tops: number[] = [];
    let total = 0;
    for (const m of messages) {
      tops.push(total);
      total += m.height;
    }
    const evInner = spacer(events, rows.length * ROW);
    const convInner = spacer(conversation, total);
    const place = (cls: string, top: number, html: string) => `<div class="${cls}" style="position: absolute; left: 0; right: 0; top: ${top}px">${html}</div>`;
    const duration = 3600;
    const clock = {
      get: () => ({ duration }),
      seek(t: number) {
        const f = t / duration;
        clockEl.textContent = `${Math.floor(t / 60)}:${String(Math.floor(t % 60)).padStart(2, '0')}`;
        playhead.style.transform = `translateX(${Math.round(f * 1248)}px)`;
        if (!c) return;
        // Each list: the rows in view (and three either side) rebuilt, then its scroll written.
        const eTop = Math.round(f * Math.max(0, rows.length * ROW - events.clientHeight));
        const first = Math.floor(eTop / ROW);
        const out: string[] = [];
        for (let i = Math.max(0, first - 3); i < Math.min(rows.length, first + Math.ceil(events.clientHeight / ROW) + 3); i++) out.push(place(rows[i]!.cls, i * ROW, rows[i]!.html));
        evInner.innerHTML = out.join('');
        events.scrollTop = eTop;
        const cTop = Math.round(f * Math.max(0, total - conversation.clientHeight));
        let m = 0;
        while (m < messages.length - 1 && tops[m + 1]! <= cTop) m++;
        const msgs: string[] = [];
        for (let i = m; i < messages.length && tops[i]! < cTop + conversation.clientHeight; i++) msgs.push(place(messages[i]!.cls, tops[i]!, messages[i]!.html));
        convInner.innerHTML = msgs.join('');
        conversation.scrollTop = cTop;
      },
    };
    (window as unknown as { __batonReplay: unknown }).__batonReplay = { clock };
    clock.seek(0);
  }, content);
}
