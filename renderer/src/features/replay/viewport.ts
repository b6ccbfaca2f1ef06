import { useLayoutEffect, useRef, type RefObject } from 'react';

/** The list's scroll position and height, kept from events so a seek never reads layout. */
export interface Viewport {
  top: number;
  height: number;
}

/**
 * Tracks the scroll element's viewport from scroll events and a ResizeObserver. Reading
 * scrollTop or clientHeight during a seek would force a layout of the whole page (Monaco's
 * new lines included), several ms per seek; here those reads happen when layout is clean.
 * Follows the element if the pane swaps it (for instance after an empty state).
 */
export function useViewport(ref: RefObject<HTMLElement | null>): RefObject<Viewport> {
  const vp = useRef<Viewport>({ top: 0, height: 0 });
  const attached = useRef<{ el: HTMLElement; detach: () => void } | null>(null);
  // Layout effects, declared before the panes' own: their first reveal sees the real size.
  useLayoutEffect(() => {
    const el = ref.current;
    if (attached.current?.el === el) return;
    attached.current?.detach();
    attached.current = null;
    if (!el) return;
    vp.current = { top: el.scrollTop, height: el.clientHeight };
    const onScroll = () => {
      vp.current.top = el.scrollTop;
    };
    const ro = new ResizeObserver(() => {
      vp.current.height = el.clientHeight;
    });
    el.addEventListener('scroll', onScroll, { passive: true });
    ro.observe(el);
    attached.current = {
      el,
      detach: () => {
        el.removeEventListener('scroll', onScroll);
        ro.disconnect();
      },
    };
  });
  useLayoutEffect(
    () => () => {
      attached.current?.detach();
      attached.current = null;
    },
    [],
  );
  return vp;
}
