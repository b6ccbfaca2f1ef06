import { describe, expect, it } from 'vitest';
import { parseClock } from '../../renderer/src/features/replay/annotations/clock-text';

describe('annotation end time', () => {
  it('reads seconds, mm:ss and h:mm:ss', () => {
    expect(parseClock('90')).toBe(90_000);
    expect(parseClock('01:30')).toBe(90_000);
    expect(parseClock(' 1:02:03 ')).toBe(3_723_000);
  });
  it('refuses what is not a time', () => {
    for (const bad of ['', 'abc', '1:60', '1:2:3:4', '-5', '1.5']) expect(parseClock(bad), bad).toBeUndefined();
  });
});
