import type { KeyboardEvent, PointerEvent } from 'react';

/** Keys that scroll a focused list and mean nothing else in the replay (Space, Home and End seek). */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown']);

function typedInto(target: EventTarget): boolean {
  const el = target as HTMLElement;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/**
 * The props of a list that follows the clock which stop the following once the reviewer
 * scrolls it themselves: the mouse wheel, a drag on its scrollbar (outside any row), or a key
 * that scrolls it. The list is focusable (a click inside it focuses it, and so can Tab), so
 * its keys reach it rather than the page; `stop` runs before the key's own scroll, so what
 * scrolls into view is already rendered as a list no longer following.
 */
export function scrollAwayProps(label: string, stop: () => void) {
  return {
    tabIndex: 0,
    'aria-label': label,
    onWheel: stop,
    onPointerDown: (e: PointerEvent) => {
      if (e.target === e.currentTarget) stop();
    },
    onKeyDown: (e: KeyboardEvent) => {
      if (SCROLL_KEYS.has(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey && !typedInto(e.target)) stop();
    },
  };
}
