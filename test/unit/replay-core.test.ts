import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildIdleMap, identityIdleMap } from '../../shared/replay/idle';
import { buildSessionIndex, sortByTime } from '../../shared/replay/index';
import type { SessionEvent } from '../../shared/model/schema';

describe('idle compression', () => {
  it('compresses only gaps over the threshold, to keepMs each', () => {
    const m = buildIdleMap(
      [
        [0, 1000],
        [1500, 2000],
        [62_000, 63_000],
      ],
      100_000,
      10_000,
      1000,
    );
    expect(m.gaps).toEqual([
      { start: 2000, end: 62_000 },
      { start: 63_000, end: 100_000 },
    ]);
    expect(m.playedDuration).toBe(2000 + 1000 + 1000 + 1000);
    expect(m.realToPlayed(1500)).toBe(1500);
    expect(m.realToPlayed(62_000)).toBe(3000);
    expect(m.realToPlayed(32_000)).toBe(2500);
    expect(m.playedToReal(3500)).toBe(62_500);
  });

  it('is monotonic and invertible for any activity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1_000_000), fc.nat(50_000)), { maxLength: 60 }),
        fc.integer({ min: 1, max: 50_000 }),
        fc.array(fc.nat(1_050_000), { minLength: 2, maxLength: 40 }),
        (acts, threshold, probes) => {
          const duration = 1_050_000;
          const keep = Math.max(1, Math.floor(threshold / 4));
          if (keep >= threshold) return;
          const m = buildIdleMap(
            acts.map(([a, d]) => [a, a + d] as const),
            duration,
            threshold,
            keep,
          );
          const sorted = [...probes].sort((a, b) => a - b);
          for (let i = 1; i < sorted.length; i++) {
            expect(m.realToPlayed(sorted[i]!)).toBeGreaterThanOrEqual(m.realToPlayed(sorted[i - 1]!));
          }
          for (const t of probes) expect(Math.abs(m.playedToReal(m.realToPlayed(t)) - t)).toBeLessThan(1e-3);
          expect(m.playedDuration).toBeLessThanOrEqual(duration);
        },
      ),
    );
  });

  it('identity map when skip idle is off', () => {
    const m = identityIdleMap(5000);
    expect(m.realToPlayed(1234)).toBe(1234);
    expect(m.playedToReal(9999)).toBe(5000);
  });
});

describe('session index', () => {
  const ev = (id: string, t: number, actor: SessionEvent['actor']): SessionEvent => ({ id, t, actor, kind: 'marker', label: id });
  const events = sortByTime([ev('c', 30, 'candidate'), ev('a', 10, 'agent'), ev('b', 10, 'candidate'), ev('d', 50, 'agent'), ev('e', 70, 'candidate')]);
  const idx = buildSessionIndex(events);

  it('sorts stably by time', () => {
    expect(events.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('finds the event at a time', () => {
    expect(idx.indexAt(5)).toBe(-1);
    expect(idx.indexAt(10)).toBe(1);
    expect(idx.indexAt(49)).toBe(2);
    expect(idx.indexAt(1000)).toBe(4);
  });

  it('steps between candidate moments, skipping the agent', () => {
    expect(idx.nextCandidate(2)).toBe(4);
    expect(idx.nextCandidate(4)).toBe(-1);
    expect(idx.prevCandidate(4)).toBe(2);
    expect(idx.prevCandidate(1)).toBe(-1);
  });
});
