/**
 * Stepping through several aligned sessions with one transport: the next (or previous) event,
 * or candidate moment, of any pane, in shared time. Pure.
 */
import type { Alignment } from './align';
import type { SessionIndex } from './index';

/** Below this many ms apart, two shared times are the same moment (float round trips). */
const SAME = 0.5;

function prevIn(index: SessionIndex, cur: number, candidateOnly: boolean): number[] {
  // The current event (whose start may lie behind the clock), then the one before it.
  if (cur < 0) return [];
  if (!candidateOnly) return cur > 0 ? [cur, cur - 1] : [cur];
  const at = index.events[cur]!.actor === 'candidate' ? cur : index.prevCandidate(cur);
  if (at < 0) return [];
  const before = index.prevCandidate(at);
  return before >= 0 ? [at, before] : [at];
}

/**
 * The shared time of the nearest event start (candidate moments only if `candidateOnly`)
 * strictly after (dir 1) or before (dir −1) shared time `t` in any pane, or undefined when
 * there is none. `panes[i]` is the index of the session in pane i of `al`.
 */
export function stepAcross(al: Alignment, panes: readonly SessionIndex[], t: number, dir: 1 | -1, candidateOnly: boolean): number | undefined {
  let best: number | undefined;
  panes.forEach((index, p) => {
    const cur = index.indexAt(al.toSession(p, t));
    if (dir === 1) {
      // indexAt gives the last event at or before the pane's time: the next one starts later.
      const next = candidateOnly ? index.nextCandidate(cur) : cur + 1;
      if (next < 0 || next >= index.events.length) return;
      const s = al.toShared(p, index.times[next]!);
      if (s > t + SAME && (best === undefined || s < best)) best = s;
    } else {
      for (const i of prevIn(index, cur, candidateOnly)) {
        const s = al.toShared(p, index.times[i]!);
        if (s < t - SAME) {
          if (best === undefined || s > best) best = s;
          break;
        }
      }
    }
  });
  return best;
}
