import type { AxisState } from '../timeline/axis-bus';

/** Session time → x on an axis (the timeline's own mapping). */
export function xAtTime(a: Pick<AxisState, 'start' | 'end' | 'plotX' | 'plotW'>, t: number): number {
  return a.plotX + ((t - a.start) / Math.max(a.end - a.start, 1)) * a.plotW;
}

/** x on an axis → session time. */
export function timeAtX(a: Pick<AxisState, 'start' | 'end' | 'plotX' | 'plotW'>, x: number): number {
  return a.start + ((x - a.plotX) / a.plotW) * (a.end - a.start);
}

export interface WavePlacement {
  /** The waveform's box in the strip: the part of the plot the recording covers. */
  left: number;
  width: number;
  /** wavesurfer's zoom: the timeline's pixels per second of audio. */
  pxPerSec: number;
  /** Audio time at the box's left edge (wavesurfer's scroll), seconds. */
  scrollSec: number;
}

/**
 * Where the recording (offsetMs … offsetMs + durationMs of session time) sits on an axis:
 * the box it covers inside the plot, the scale, and the audio time at the box's left edge.
 * Null when none of it is in view.
 */
export function wavePlacement(axis: Pick<AxisState, 'start' | 'end' | 'plotX' | 'plotW'>, offsetMs: number, durationMs: number): WavePlacement | null {
  if (durationMs <= 0 || axis.plotW <= 0) return null;
  const x0 = xAtTime(axis, offsetMs);
  const x1 = xAtTime(axis, offsetMs + durationMs);
  const left = Math.max(axis.plotX, x0);
  const right = Math.min(axis.plotX + axis.plotW, x1);
  if (right <= left) return null;
  return { left, width: right - left, pxPerSec: (axis.plotW / Math.max(axis.end - axis.start, 1)) * 1000, scrollSec: Math.max(0, timeAtX(axis, left) - offsetMs) / 1000 };
}
