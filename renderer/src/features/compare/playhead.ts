/**
 * A strip that spans a duration and seeks the clock where it is clicked, its playhead (an
 * element) kept at the clock's time by the clock's own listener, not by React renders.
 */
import { useLayoutEffect, useRef, type MouseEvent } from 'react';
import type { ReplayClock } from '../replay/clock';

/** A ref for the strip's playhead element, placed at the clock's time as a share of `duration` (clamped). */
export function usePlayhead(clock: ReplayClock, duration: number) {
  const head = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const place = (t: number) => {
      if (head.current) head.current.style.left = `${(Math.min(Math.max(t, 0), duration) / duration) * 100}%`;
    };
    place(clock.get().t);
    return clock.subscribe((s) => place(s.t));
  }, [clock, duration]);
  return head;
}

/** A click handler for the strip: seeks to the time under the pointer. */
export function seekOnClick(clock: ReplayClock, duration: number) {
  return (e: MouseEvent<HTMLElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    clock.seek(((e.clientX - r.left) / r.width) * duration);
  };
}
