import { observeElementOffset as observeScrollEvents, type Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, type RefObject } from 'react';
import { flushScrollWrites, writeScrollTop } from './scroll-batch';

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
  /** After each commit of the list: makes the held scroll writes (scroll-batch.ts). */
  committed(): void;
}

/**
 * Scrolling for a virtualized list that follows the clock. Call reveal() from a clock listener
 * inside holdScrollWrites, before React renders the seek (the render that follows holds the
 * rows of the new position, and the write waits for its commit: scroll-batch.ts), or from a
 * layout effect. Every commit of the list makes the writes held until then (and, until the
 * frame after a seek, lays out what the commit changed).
 */
export function useScrollSync<E extends HTMLElement>(ref: RefObject<E | null>): ScrollSync<E> {
  const sync = useMemo(() => createScrollSync(ref), [ref]);
  useLayoutEffect(() => sync.committed());
  return sync;
}

/** The logic of useScrollSync, outside React (for tests). `ref` holds the scroll element. */
export function createScrollSync<E extends HTMLElement>(ref: { readonly current: E | null }): ScrollSync<E> {
  type Attached = { v: Virtualizer<E, Element>; cb: OffsetCallback; echo?: number };
  let attached: Attached | null = null;
  return {
    observeElementOffset(v, cb) {
      const mine: Attached = { v, cb };
      attached = mine;
      // The scroll event of reveal's own write brings the offset the virtualizer already has,
      // but marks it as scrolling: the list would render again in the next frame, and once
      // more when "scrolling" times out. That one event is dropped; any other is passed on.
      const stop = observeScrollEvents(v, (offset, isScrolling) => {
        const echo = mine.echo;
        mine.echo = undefined;
        if (isScrolling && offset === echo) return;
        cb(offset, isScrolling);
      });
      return () => {
        if (attached === mine) attached = null;
        stop?.();
      };
    },
    committed() {
      flushScrollWrites(ref.current);
    },
    reveal(start, end, total, align) {
      const el = ref.current;
      const a = attached;
      const view = a?.v.scrollRect?.height ?? 0;
      if (!el || !a || view <= 0) return false;
      const next = revealOffset(start, end, a.v.scrollOffset ?? 0, view, total, align);
      if (next === undefined) return false;
      // The list may be about to grow (a tree gaining files): size the content first, or the
      // browser would clamp the write to the old height. React sets the same height after.
      // (The scroll element's first child is the virtualizer's sizer: height getTotalSize().)
      const sizer = el.firstElementChild;
      if (sizer instanceof HTMLElement && parseFloat(sizer.style.height) < total) sizer.style.height = `${total}px`;
      writeScrollTop(el, next);
      // Should the browser round or clamp the write differently, its event is simply passed on.
      a.echo = next;
      a.cb(next, false);
      return true;
    },
  };
}
