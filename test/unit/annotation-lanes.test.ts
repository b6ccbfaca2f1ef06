/** Reviewer lanes on the timeline's axis: a mark is where the timeline draws its moment, zoomed or not. */
import { describe, expect, it } from 'vitest';
import { laneMarkBox, POINT_MARK_W, spreadPoints } from '../../renderer/src/features/replay/annotations/lane-place';
import { xAtTime } from '../../renderer/src/features/replay/audio/wave-draw';

describe('laneMarkBox', () => {
  const whole = { start: 0, end: 100_000, plotX: 120, plotW: 800 };
  const zoomed = { start: 40_000, end: 50_000, plotX: 120, plotW: 800 };

  it('puts a moment at the timeline x, whole session and zoomed in', () => {
    expect(laneMarkBox(whole, 45_000)).toEqual({ left: 120 + 360, width: 0 });
    expect(laneMarkBox(zoomed, 45_000)).toEqual({ left: 120 + 400, width: 0 });
    expect(laneMarkBox(zoomed, 45_000)!.left).toBe(xAtTime(zoomed, 45_000));
  });

  it('leaves out moments outside the window and cuts spans to it', () => {
    expect(laneMarkBox(zoomed, 10_000)).toBeNull();
    expect(laneMarkBox(zoomed, 60_000)).toBeNull();
    expect(laneMarkBox(zoomed, 30_000, 35_000)).toBeNull();
    expect(laneMarkBox(zoomed, 30_000, 45_000)).toEqual({ left: 120, width: 400 });
    expect(laneMarkBox(zoomed, 42_000, 70_000)).toEqual({ left: 120 + 160, width: 640 });
  });

  it('sets marks at one moment side by side, leaving spans and lone marks where they are', () => {
    const boxes = [{ left: 300, width: 0 }, { left: 100, width: 0 }, null, { left: 300, width: 0 }, { left: 300, width: 50 }, { left: 305, width: 0 }];
    expect(spreadPoints(boxes)).toEqual([300, 100, null, 300 + POINT_MARK_W, 300, 300 + 2 * POINT_MARK_W]);
  });
});
