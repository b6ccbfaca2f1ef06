import { useLayoutEffect, useRef } from 'react';
import type { ReplayClock } from './clock';
import { holdScrollWrites } from './scroll-batch';

/**
 * A list that follows the clock does so from the clock's own listener, which runs when the
 * clock moves and before React renders: the render of a seek then already holds the rows
 * around the new position (told only by the scroll event, the virtualizer would render them a
 * frame after the seek), and the scroll write itself waits for that render's commit
 * (scroll-batch.ts). `itemAt(t)` is the item to bring into view at clock time t (-1 for none);
 * `follow`, `itemAt` and `reveal` are read as of the last commit.
 */
export function useFollowClock(clock: ReplayClock, follow: boolean, itemAt: (t: number) => number, reveal: (item: number) => void): void {
  const live = useRef({ follow, itemAt, reveal });
  useLayoutEffect(() => {
    live.current = { follow, itemAt, reveal };
  });
  useLayoutEffect(
    () =>
      clock.subscribe((s) =>
        holdScrollWrites(() => {
          const { follow, itemAt, reveal } = live.current;
          if (!follow) return;
          const item = itemAt(s.t);
          if (item >= 0) reveal(item);
        }),
      ),
    [clock],
  );
}
