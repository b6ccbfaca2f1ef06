import { describe, expect, it } from 'vitest';
import { createScrollSync, revealOffset } from '../../renderer/src/features/replay/scroll-sync';

// A list of 100 rows of 30 px in a 300 px view.
const total = 3000;
const view = 300;
const row = (i: number) => [i * 30, i * 30 + 30] as const;

describe('revealOffset', () => {
  it('leaves a row that is wholly in view where it is', () => {
    expect(revealOffset(...row(3), 0, view, total, 'nearest')).toBeUndefined();
    expect(revealOffset(...row(9), 0, view, total, 0.5)).toBeUndefined();
  });
  it('scrolls the least distance for nearest: a row below ends at the bottom, a row above starts at the top', () => {
    expect(revealOffset(...row(10), 0, view, total, 'nearest')).toBe(30);
    expect(revealOffset(...row(50), 600, view, total, 'nearest')).toBe(1230);
    expect(revealOffset(...row(50), 2000, view, total, 'nearest')).toBe(1500);
    // Half hidden at the top counts as out of view.
    expect(revealOffset(495, 525, 500, view, total, 'nearest')).toBe(495);
  });
  it('puts the end at the bottom for end, whichever side the span was on', () => {
    expect(revealOffset(...row(50), 0, view, total, 'end')).toBe(1230);
    expect(revealOffset(...row(50), 2000, view, total, 'end')).toBe(1230);
  });
  it('places the span a fraction of the free space down', () => {
    expect(revealOffset(...row(50), 0, view, total, 0.5)).toBe(1500 - 135);
    expect(revealOffset(...row(50), 0, view, total, 1 / 3)).toBe(1500 - 90);
  });
  it('starts a span taller than the view at the top', () => {
    expect(revealOffset(1000, 1500, 0, view, total, 'end')).toBe(1000);
    expect(revealOffset(1000, 1500, 0, view, total, 'nearest')).toBe(1000);
  });
  it('clamps to the content, and reports nothing when the clamped offset is where the view already is', () => {
    expect(revealOffset(...row(99), 0, view, total, 0.5)).toBe(2700);
    expect(revealOffset(...row(0), 500, view, total, 0.5)).toBe(0);
    expect(revealOffset(...row(99), 2700, view, total, 'nearest')).toBeUndefined();
    expect(revealOffset(2990, 3030, 2700, view, total, 'nearest')).toBeUndefined();
  });
});

describe('createScrollSync: a reveal and the virtualizer', () => {
  // A scroll element and a virtualizer, as far as the sync and the virtualizer's scroll
  // observer touch them.
  function setup() {
    (globalThis as { HTMLElement?: unknown }).HTMLElement ??= class {};
    const handlers = new Map<string, () => void>();
    const el = {
      scrollTop: 0,
      firstElementChild: null,
      addEventListener: (type: string, h: () => void) => handlers.set(type, h),
      removeEventListener: (type: string) => handlers.delete(type),
    };
    const instance = {
      scrollElement: el,
      targetWindow: { setTimeout, clearTimeout },
      options: { horizontal: false, isRtl: false, useScrollendEvent: false, isScrollingResetDelay: 150 },
      scrollRect: { height: view },
      scrollOffset: 0,
    };
    const heard: [number, boolean][] = [];
    const sync = createScrollSync({ current: el as unknown as HTMLDivElement });
    const stop = sync.observeElementOffset(instance as never, (offset, isScrolling) => {
      heard.push([offset, isScrolling]);
      instance.scrollOffset = offset;
    });
    const scroll = (top: number) => {
      el.scrollTop = top;
      handlers.get('scroll')!();
    };
    return { el, heard, sync, scroll, handlers, stop };
  }

  it('tells the virtualizer of its own scroll once, as settled, and drops the echo of it', () => {
    const { el, heard, sync, handlers } = setup();
    expect(sync.reveal(...row(50), total, 0.5)).toBe(true);
    expect(el.scrollTop).toBe(1365);
    expect(heard).toEqual([[1365, false]]);
    // The browser's scroll event for that write: the virtualizer already knows, and must not
    // be told it is scrolling (it would render the list twice more for nothing).
    handlers.get('scroll')!();
    expect(heard).toEqual([[1365, false]]);
  });

  it('passes on the reviewer’s own scrolling, and an event that does not match the write', () => {
    const { heard, sync, scroll } = setup();
    scroll(200);
    expect(heard).toEqual([[200, true]]);
    sync.reveal(...row(50), total, 0.5);
    // The browser put the view elsewhere than asked (clamped, say): that is news.
    scroll(1300);
    expect(heard).toEqual([[200, true], [1365, false], [1300, true]]);
    // Only the event right after a reveal is checked; the same offset later is a real scroll.
    scroll(1300);
    expect(heard.at(-1)).toEqual([1300, true]);
  });

  it('leaves a row in view where it is, and does nothing once the list is gone', () => {
    const { el, heard, sync, stop } = setup();
    expect(sync.reveal(...row(3), total, 'nearest')).toBe(false);
    expect(heard).toEqual([]);
    if (typeof stop === 'function') stop();
    expect(sync.reveal(...row(50), total, 0.5)).toBe(false);
    expect(el.scrollTop).toBe(0);
  });
});
