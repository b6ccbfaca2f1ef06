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
