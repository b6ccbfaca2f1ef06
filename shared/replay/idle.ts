/**
 * "Skip idle": stretches with no activity longer than a threshold are compressed to a short
 * fixed length on the played clock. The mapping between real session time and played time is
 * piecewise linear, strictly increasing, and therefore invertible.
 */
export interface IdleGap {
  /** Real time where the quiet stretch starts, ms. */
  start: number;
  /** Real time where activity resumes, ms. */
  end: number;
}

export interface IdleMap {
  readonly gaps: readonly IdleGap[];
  /** Length of the session on the played clock. */
  readonly playedDuration: number;
  readonly realDuration: number;
  realToPlayed(t: number): number;
  playedToReal(p: number): number;
}

/** Identity map (skip idle off). */
export function identityIdleMap(duration: number): IdleMap {
  return {
    gaps: [],
    playedDuration: duration,
    realDuration: duration,
    realToPlayed: (t) => Math.min(Math.max(t, 0), duration),
    playedToReal: (p) => Math.min(Math.max(p, 0), duration),
  };
}

/**
 * Builds the map from activity intervals (an event's [t, t + duration]). Any gap between
 * activity longer than `thresholdMs` keeps only `keepMs` of played time.
 */
export function buildIdleMap(activity: readonly (readonly [number, number])[], duration: number, thresholdMs: number, keepMs: number): IdleMap {
  if (!(keepMs > 0) || keepMs >= thresholdMs) throw new Error('keepMs must be positive and below the threshold');
  const spans = activity.map(([a, b]) => [Math.max(0, a), Math.min(duration, Math.max(a, b))] as const).sort((x, y) => x[0] - y[0]);
  const gaps: IdleGap[] = [];
  let cursor = 0;
  for (const [a, b] of spans) {
    if (a - cursor > thresholdMs) gaps.push({ start: cursor, end: a });
    cursor = Math.max(cursor, b);
  }
  if (duration - cursor > thresholdMs) gaps.push({ start: cursor, end: duration });

  // Breakpoints: (real, played) pairs at each gap edge. Played time inside a gap runs at
  // (keepMs / gapLength) speed; outside gaps at 1.
  const realPts: number[] = [0];
  const playedPts: number[] = [0];
  let played = 0;
  let last = 0;
  for (const g of gaps) {
    played += g.start - last;
    realPts.push(g.start);
    playedPts.push(played);
    played += keepMs;
    realPts.push(g.end);
    playedPts.push(played);
    last = g.end;
  }
  played += duration - last;
  realPts.push(duration);
  playedPts.push(played);

  const interp = (xs: number[], ys: number[], x: number): number => {
    if (x <= xs[0]!) return ys[0]!;
    const n = xs.length;
    if (x >= xs[n - 1]!) return ys[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const x0 = xs[lo]!;
    const x1 = xs[hi]!;
    if (x1 === x0) return ys[hi]!;
    return ys[lo]! + ((x - x0) / (x1 - x0)) * (ys[hi]! - ys[lo]!);
  };

  return {
    gaps,
    playedDuration: played,
    realDuration: duration,
    realToPlayed: (t) => interp(realPts, playedPts, t),
    playedToReal: (p) => interp(playedPts, realPts, p),
  };
}
