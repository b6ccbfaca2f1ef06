/** Binary search over ascending numbers: the first index whose value is greater than x. */
export function upperBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last index whose value is at most x, or -1. */
export function floorIndex(arr: ArrayLike<number>, x: number): number {
  return upperBound(arr, x) - 1;
}
