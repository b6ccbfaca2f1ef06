import { observeElementOffset as observeScrollEvents, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, type RefObject } from 'react';

/**
 * Where a revealed span should sit when it has to move: at the nearest edge; with its end at the
 * bottom (a chat: what led up to it stays above); or a fraction of the free space down.
 * A span taller than the view always starts at the top.
 */
export type RevealAlign = 'nearest' | 'end' | number;

/**
 * The scroll offset that brings [start, end) into a view of height `view` now at `top`, or
 * undefined when the span is already wholly in view. Clamped to the content (`total`).
 */
export function revealOffset(start: number, end: number, top: number, view: number, total: number, align: RevealAlign): number | undefined {
  if (start >= top && end <= top + view) return undefined;
  const want =
    end - start > view
      ? start
      : align === 'nearest'
        ? start < top
          ? start
          : end - view
        : align === 'end'
          ? end - view
          : start - (view - (end - start)) * align;
  const next = Math.max(0, Math.min(Math.round(want), Math.max(0, total - view)));
  return next === top ? undefined : next;
}

type OffsetCallback = (offset: number, isScrolling: boolean) => void;

export interface ScrollSync<E extends HTMLElement> {
  /** Pass to useVirtualizer: the virtualizer learns of scroll events, and of reveal() at once. */
  observeElementOffset: (instance: Virtualizer<E, Element>, cb: OffsetCallback) => void | (() => void);
  /**
   * Brings [start, end) of content coordinates into view if it is not wholly in view, with one
   * scrollTop write and no layout read (the position and height come from the virtualizer,
   * which keeps them from scroll events and a ResizeObserver), and tells the virtualizer in the
   * same task so the rows it renders next are those of the new position. Left alone, the
   * virtualizer would hear of the jump from the scroll event a frame later, and the frame
   * between would show the rows of the old position: after a far seek, an empty list.
   * Returns whether it scrolled.
   */
  reveal(start: number, end: number, total: number, align: RevealAlign): boolean;
}

/**
 * Scrolling for a virtualized list that follows the clock. Call reveal() from a clock listener,
 * before React renders the seek (layout is still clean then, so the write costs little, and the
 * render that follows lays out the rows of the new position), or from a layout effect.
 */
export function useScrollSync<E extends HTMLElement>(ref: RefObject<E | null>): ScrollSync<E> {
  // The scroll element's first child is the virtualizer's sizer (height: getTotalSize()).
  const attached = useRef<{ v: Virtualizer<E, Element>; cb: OffsetCallback } | null>(null);
  const observeElementOffset = useCallback((v: Virtualizer<E, Element>, cb: OffsetCallback) => {
    const mine = { v, cb };
    attached.current = mine;
    const stop = observeScrollEvents(v, cb);
    return () => {
      if (attached.current === mine) attached.current = null;
      stop?.();
    };
  }, []);
  const reveal = useCallback(
    (start: number, end: number, total: number, align: RevealAlign) => {
      const el = ref.current;
      const a = attached.current;
      const view = a?.v.scrollRect?.height ?? 0;
      if (!el || !a || view <= 0) return false;
      const next = revealOffset(start, end, a.v.scrollOffset ?? 0, view, total, align);
      if (next === undefined) return false;
      // The list may be about to grow (a tree gaining files): size the content first, or the
      // browser would clamp the write to the old height. React sets the same height after.
      const sizer = el.firstElementChild;
      if (sizer instanceof HTMLElement && parseFloat(sizer.style.height) < total) sizer.style.height = `${total}px`;
      el.scrollTop = next;
      a.cb(next, false);
      return true;
    },
    [ref],
  );
  return useMemo(() => ({ observeElementOffset, reveal }), [observeElementOffset, reveal]);
}
