import { useEffect, useRef, type RefObject } from 'react';

/** The list's scroll position and height, kept from events so a seek never reads layout. */
export interface Viewport {
  top: number;
  height: number;
}

/**
 * Tracks the scroll element's viewport from scroll events and a ResizeObserver. Reading
 * scrollTop or clientHeight during a seek would force a layout of the whole page (Monaco's
 * new lines included), several ms per seek; here those reads happen when layout is clean.
 */
export function useViewport(ref: RefObject<HTMLElement | null>): RefObject<Viewport> {
  const vp = useRef<Viewport>({ top: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
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
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
    };
  }, [ref]);
  return vp;
}
