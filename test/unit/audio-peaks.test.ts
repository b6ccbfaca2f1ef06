import { describe, expect, it } from 'vitest';
import { computePeaks, PeakBins, peakSteps } from '../../shared/audio/peaks';

/** The obvious reading of the bucket rule, for comparison. */
function naivePeaks(channels: Float32Array[], pairs: number): number[] {
  const n = Math.min(...channels.map((c) => c.length));
  const out: number[] = [];
  if (n === 0 || pairs <= 0) return out;
  const r3 = (x: number) => Math.round(Math.max(-1, Math.min(1, x)) * 1000) / 1000 || 0;
  const frameBuckets = Math.min(pairs, n);
  const per = n / frameBuckets;
  const bucket = (p: number) => {
    const a = Math.floor(p * per);
    const b = p === frameBuckets - 1 ? n : Math.floor((p + 1) * per);
    let lo = 0;
    let hi = 0;
    for (const ch of channels) {
      for (let i = a; i < b; i++) {
        if (!Number.isNaN(ch[i]!)) {
          lo = Math.min(lo, ch[i]!);
          hi = Math.max(hi, ch[i]!);
        }
      }
    }
    return [r3(lo), r3(hi)];
  };
  for (let p = 0; p < pairs; p++) out.push(...bucket(frameBuckets === pairs ? p : Math.floor(p * (n / pairs))));
  return out;
}

describe('peaks', () => {
  it('gives min/max pairs per bucket across channels', () => {
    const a = Float32Array.from([0, 0.5, -0.25, 0.1, 0, 0, -1, 0.2]);
    const b = Float32Array.from([0, 0.9, 0, 0, 0, 0, 0, 0]);
    expect(computePeaks([a, b], 2)).toEqual([-0.25, 0.9, -1, 0.2]);
    expect(computePeaks([], 10)).toEqual([]);
    expect(computePeaks([new Float32Array(0)], 10)).toEqual([]);
    expect(computePeaks([a], 0)).toEqual([]);
  });

  it('silence is zero, overshoot is clamped, NaN is skipped, three decimals, no -0', () => {
    expect(computePeaks([new Float32Array(100)], 4)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const x = Float32Array.from([1.7, -3, NaN, 0.12345, -0.0001, Infinity]);
    const p = computePeaks([x], 3);
    expect(p).toEqual([-1, 1, 0, 0.123, 0, 1]);
    expect(p.some((v) => Object.is(v, -0))).toBe(false);
  });

  it('matches the plain reading of the rule for many lengths, including fewer frames than pairs', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    for (const n of [1, 2, 3, 7, 99, 100, 101, 1000, 4097]) {
      for (const pairs of [1, 2, 3, 10, 100, 2000]) {
        const chans = [Float32Array.from({ length: n }, rand), Float32Array.from({ length: n }, rand)];
        const got = computePeaks(chans, pairs);
        expect(got).toHaveLength(pairs * 2);
        expect(got).toEqual(naivePeaks(chans, pairs));
      }
    }
  });

  it('buckets cover every frame exactly once when there are more frames than pairs', () => {
    for (const [n, pairs] of [
      [10, 3],
      [2001, 2000],
      [48_000 * 7 + 13, 2000],
    ] as const) {
      const bins = new PeakBins(n, pairs);
      let start = 0;
      let count = 0;
      while (!bins.done) {
        expect(bins.edge).toBeGreaterThan(start);
        count += bins.edge - start;
        start = bins.edge;
        bins.close(0, 0);
      }
      expect(count).toBe(n);
      expect(bins.finish()).toHaveLength(pairs * 2);
    }
  });

  it('refuses to finish early or close too often', () => {
    const bins = new PeakBins(10, 2);
    expect(() => bins.finish()).toThrow(/only 0 of 2/);
    bins.close(0, 0);
    bins.close(0, 0);
    expect(() => bins.close(0, 0)).toThrow(/already closed/);
    expect(() => new PeakBins(-1, 2)).toThrow(RangeError);
  });

  it('steps yield between slices and give the same peaks', () => {
    const x = Float32Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 30));
    const steps = peakSteps([x], 50, 1000);
    let yields = 0;
    let r = steps.next();
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    expect(yields).toBeGreaterThanOrEqual(9);
    expect(r.value).toEqual(computePeaks([x], 50));
  });
});
