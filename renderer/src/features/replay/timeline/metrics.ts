/**
 * The timeline's sizes at a scale: 1 is the replay's compact timeline (12 px labels), the
 * committee's presenter view draws it at 1.5 (18 px labels, lanes and axis grown to match) so
 * it is readable from the back of a room. Label widths and tick spacing grow with it.
 */
export interface TimelineMetrics {
  scale: number;
  /** Canvas label font size, px. */
  fontPx: number;
  labelW: number;
  overviewH: number;
  axisH: number;
  laneH: number;
  overlayH: number;
  padB: number;
  /** Half the width of an overlay marker's triangle. */
  marker: number;
}

const BASE = { fontPx: 12, labelW: 118, overviewH: 16, axisH: 18, laneH: 17, overlayH: 16, padB: 4, marker: 5 } as const;

export function timelineMetrics(scale = 1): TimelineMetrics {
  const s = Number.isFinite(scale) && scale > 0 ? Math.min(scale, 4) : 1;
  const px = (v: number) => Math.round(v * s);
  return {
    scale: s,
    fontPx: px(BASE.fontPx),
    labelW: px(BASE.labelW),
    overviewH: px(BASE.overviewH),
    axisH: px(BASE.axisH),
    laneH: px(BASE.laneH),
    overlayH: px(BASE.overlayH),
    padB: px(BASE.padB),
    marker: px(BASE.marker),
  };
}

export const TIMELINE_FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';
