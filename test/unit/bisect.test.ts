import { describe, expect, it } from 'vitest';
import { floorIndex, upperBound } from '../../shared/util/bisect';

describe('bisect', () => {
  const xs = [1, 3, 3, 7];
  it('upperBound: the first index with a value greater than x', () => {
    expect([0, 1, 3, 5, 7, 9].map((x) => upperBound(xs, x))).toEqual([0, 1, 3, 3, 4, 4]);
    expect(upperBound(new Int32Array(0), 5)).toBe(0);
  });
  it('floorIndex: the last index with a value at most x, or -1', () => {
    expect([0, 1, 3, 5, 7, 9].map((x) => floorIndex(xs, x))).toEqual([-1, 0, 2, 2, 3, 3]);
  });
});
