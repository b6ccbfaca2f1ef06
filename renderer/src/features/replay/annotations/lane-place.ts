import { xAtTime } from '../audio/wave-draw';
import type { AxisState } from '../timeline/axis-bus';

type Axis = Pick<AxisState, 'start' | 'end' | 'plotX' | 'plotW'>;

/**
 * Where an annotation sits in a lane drawn under the timeline, in the lane track's own
 * pixels: `axis` is the timeline's axis shifted into the track (so the same moment has the
 * same x on screen). A moment outside the visible window is not drawn; a span is cut to it.
 */
export function laneMarkBox(axis: Axis, t0: number, t1?: number): { left: number; width: number } | null {
  const lo = axis.plotX;
  const hi = axis.plotX + axis.plotW;
  const x0 = xAtTime(axis, t0);
  if (t1 === undefined || t1 <= t0) return x0 < lo - 0.5 || x0 > hi + 0.5 ? null : { left: x0, width: 0 };
  const x1 = xAtTime(axis, t1);
  if (x1 < lo || x0 > hi) return null;
  const left = Math.max(lo, x0);
  return { left, width: Math.max(1, Math.min(hi, x1) - left) };
}

/** A point mark's width on screen, about (min-width 14 px, a sign, padding and border). */
export const POINT_MARK_W = 18;

/**
 * Point marks of one lane placed side by side where they would cover each other (several
 * annotations at one moment: hunks of one diff, say), so each stays clickable; spans keep
 * their place. Returns the left of each box, in the order given.
 */
export function spreadPoints(boxes: readonly ({ left: number; width: number } | null)[]): (number | null)[] {
  const order = boxes.map((b, i) => i).filter((i) => boxes[i] && boxes[i]!.width === 0).sort((a, b) => boxes[a]!.left - boxes[b]!.left || a - b);
  const out = boxes.map((b) => (b ? b.left : null));
  let last = -Infinity;
  for (const i of order) {
    const x = Math.max(boxes[i]!.left, last + POINT_MARK_W);
    out[i] = x;
    last = x;
  }
  return out;
}
