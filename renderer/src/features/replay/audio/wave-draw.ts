import type { AxisState } from '../timeline/axis-bus';

/** Session time → x on an axis (the timeline's own mapping). */
export function xAtTime(a: Pick<AxisState, 'start' | 'end' | 'plotX' | 'plotW'>, t: number): number {
  return a.plotX + ((t - a.start) / Math.max(a.end - a.start, 1)) * a.plotW;
}

/** x on an axis → session time. */
export function timeAtX(a: Pick<AxisState, 'start' | 'end' | 'plotX' | 'plotW'>, x: number): number {
  return a.start + ((x - a.plotX) / a.plotW) * (a.end - a.start);
}

const BAR = 2;
const GAP = 1;

/**
 * Draws the recording's peaks (min/max pairs over its whole length) as bars on the axis: the
 * bar at x covers the audio under x..x+2 px, so the waveform sits under the same moments as
 * the timeline above it. Normalised to the loudest peak.
 */
export function drawWave(canvas: HTMLCanvasElement, width: number, height: number, peaks: readonly number[], axis: AxisState, offsetMs: number, durationMs: number, style: CSSStyleDeclaration): void {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const pairs = Math.floor(peaks.length / 2);
  if (pairs === 0 || durationMs <= 0) return;
  let max = 0;
  for (const v of peaks) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? 1 / max : 0;
  ctx.fillStyle = style.getPropertyValue('--muted').trim() || '#5b6470';
  const mid = height / 2;
  const x0 = Math.max(axis.plotX, xAtTime(axis, offsetMs));
  const x1 = Math.min(axis.plotX + axis.plotW, xAtTime(axis, offsetMs + durationMs));
  for (let x = x0; x < x1; x += BAR + GAP) {
    const ta = timeAtX(axis, x) - offsetMs;
    const tb = timeAtX(axis, x + BAR) - offsetMs;
    let i = Math.max(0, Math.floor((ta / durationMs) * pairs));
    const j = Math.min(pairs - 1, Math.max(i, Math.ceil((tb / durationMs) * pairs) - 1));
    let lo = 0;
    let hi = 0;
    for (; i <= j; i++) {
      lo = Math.min(lo, peaks[2 * i]!);
      hi = Math.max(hi, peaks[2 * i + 1]!);
    }
    const top = mid - hi * scale * (mid - 2);
    const bottom = mid - lo * scale * (mid - 2);
    ctx.fillRect(x, top, BAR, Math.max(1, bottom - top));
  }
}
