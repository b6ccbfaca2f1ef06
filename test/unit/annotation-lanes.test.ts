/** Reviewer lanes on the timeline's axis: a mark is where the timeline draws its moment, zoomed or not. */
import { describe, expect, it } from 'vitest';
import { laneMarkBox } from '../../renderer/src/features/replay/annotations/lane-place';
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
});
