import { describe, expect, it } from 'vitest';
import { revealOffset } from '../../renderer/src/features/replay/scroll-sync';

// A list of 100 rows of 30 px in a 300 px view.
const total = 3000;
const view = 300;
const row = (i: number) => [i * 30, i * 30 + 30] as const;

describe('revealOffset', () => {
  it('leaves a row that is wholly in view where it is', () => {
    expect(revealOffset(...row(3), 0, view, total, 'nearest')).toBeUndefined();
    expect(revealOffset(...row(9), 0, view, total, 0.5)).toBeUndefined();
  });
  it('scrolls the least distance for nearest: a row below ends at the bottom, a row above starts at the top', () => {
    expect(revealOffset(...row(10), 0, view, total, 'nearest')).toBe(30);
    expect(revealOffset(...row(50), 600, view, total, 'nearest')).toBe(1230);
    expect(revealOffset(...row(50), 2000, view, total, 'nearest')).toBe(1500);
    // Half hidden at the top counts as out of view.
    expect(revealOffset(495, 525, 500, view, total, 'nearest')).toBe(495);
  });
  it('puts the end at the bottom for end, whichever side the span was on', () => {
    expect(revealOffset(...row(50), 0, view, total, 'end')).toBe(1230);
    expect(revealOffset(...row(50), 2000, view, total, 'end')).toBe(1230);
  });
  it('places the span a fraction of the free space down', () => {
    expect(revealOffset(...row(50), 0, view, total, 0.5)).toBe(1500 - 135);
    expect(revealOffset(...row(50), 0, view, total, 1 / 3)).toBe(1500 - 90);
  });
  it('starts a span taller than the view at the top', () => {
    expect(revealOffset(1000, 1500, 0, view, total, 'end')).toBe(1000);
    expect(revealOffset(1000, 1500, 0, view, total, 'nearest')).toBe(1000);
  });
  it('clamps to the content, and reports nothing when the clamped offset is where the view already is', () => {
    expect(revealOffset(...row(99), 0, view, total, 0.5)).toBe(2700);
    expect(revealOffset(...row(0), 500, view, total, 0.5)).toBe(0);
    expect(revealOffset(...row(99), 2700, view, total, 'nearest')).toBeUndefined();
    expect(revealOffset(2990, 3030, 2700, view, total, 'nearest')).toBeUndefined();
  });
});
