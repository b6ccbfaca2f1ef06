import { describe, expect, it } from 'vitest';
import { extractEvidence, type Evidence } from '../../shared/classifier';
import { addClip, buildReel, caption, evidenceRange, moveClip, parseReel, reelMs, removeClip, REEL_MAX_MS, trimClip } from '../../shared/committee/reel';
import type { SessionEvent } from '../../shared/model/schema';
import { generateSample, SAMPLE_STYLES } from '../../shared/samples';

function ev(factor: Evidence['factor'], points: number, t: number, eventIds: string[] = [], explanation = `${factor} ${points}`): Evidence {
  return { factor, rule: `r-${factor}-${points}`, points, value: 0.5, positive: points >= 0, strength: Math.abs(points) / 50, eventIds, spans: [], t, explanation };
}

const events: SessionEvent[] = [
  { id: 'p1', t: 10_000, actor: 'candidate', kind: 'prompt', text: 'plan first' },
  { id: 'c1', t: 20_000, actor: 'agent', kind: 'command', cmd: 'npm test', durationMs: 15_000 },
];

describe('evidence reel', () => {
  it('takes the strongest positive and negative item of each factor, in session order, with captions', () => {
    const evidence = [ev('scoping', 5, 100_000), ev('scoping', 12, 10_000, ['p1'], 'asked for a plan'), ev('scoping', -3, 50_000), ev('scoping', -8, 200_000), ev('sequencing', 4, 20_000, ['c1'])];
    const reel = buildReel({ evidence, events, durationMs: 600_000 });
    expect(reel.clips.map((c) => [c.factor, c.polarity, c.t0])).toEqual([
      ['scoping', '+', 6_000],
      ['sequencing', '+', 16_000],
      ['scoping', '-', 196_000],
    ]);
    // The command's 15 s run is covered: from 4 s before it starts to its end.
    expect(reel.clips[1]).toMatchObject({ t0: 16_000, t1: 35_000 });
    expect(caption(reel.clips[0]!)).toBe('Scoping before writing +: asked for a plan');
    expect(caption(reel.clips[2]!)).toBe('Scoping before writing −: scoping -8');
  });

  it('includes every reviewer annotation, with the reviewer named in the caption', () => {
    const reel = buildReel({ evidence: [], events, durationMs: 600_000, annotations: [{ id: 'a1', reviewer: 'r1', t0: 30_000, t1: 40_000, factor: 'overall', polarity: '-', note: 'never ran the tests' }, { id: 'a2', reviewer: 'r2', t0: 1_000, factor: 'edgeCases', polarity: '+', note: 'empty input' }] });
    expect(reel.clips.map((c) => [c.id, c.t0, c.t1])).toEqual([
      ['an-a2', 0, 21_000],
      ['an-a1', 30_000, 40_000],
    ]);
    expect(caption(reel.clips[1]!, [{ id: 'r1', name: 'Sam' }])).toBe('Overall −: never ran the tests (Sam)');
  });

  it('never runs longer than ten minutes: the weakest evidence goes first, annotations stay', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, reviewer: 'r', t0: i * 60_000, t1: i * 60_000 + 31_000, factor: 'overall' as const, polarity: '+' as const, note: `n${i}` }));
    const evidence = [ev('scoping', 10, 5_000), ev('tradeoffs', -2, 9_000)];
    const reel = buildReel({ evidence, events, durationMs: 3_600_000, annotations: many });
    expect(reelMs(reel)).toBeLessThanOrEqual(REEL_MAX_MS);
    expect(reel.clips.filter((c) => c.source === 'annotation')).toHaveLength(30);
    expect(reel.clips.filter((c) => c.source === 'evidence')).toHaveLength(0);
    const few = buildReel({ evidence, events, durationMs: 3_600_000, annotations: many.slice(0, 19) });
    expect(reelMs(few)).toBeLessThanOrEqual(REEL_MAX_MS);
    expect(few.clips.filter((c) => c.source === 'evidence').map((c) => c.factor)).toEqual(['scoping']);
  });

  it('keeps clips inside the session', () => {
    expect(evidenceRange({ t: 59_000, eventIds: [] }, new Map(), 60_000)).toEqual({ t0: 52_000, t1: 60_000 });
    expect(evidenceRange({ t: 1_000, eventIds: [] }, new Map(), 60_000)).toEqual({ t0: 0, t1: 8_000 });
  });

  it('reorders, trims, adds and removes clips, and survives a round trip through storage', () => {
    let reel = buildReel({ evidence: [ev('scoping', 5, 10_000), ev('adversarial', 5, 30_000)], events, durationMs: 60_000 });
    const [a, b] = reel.clips.map((c) => c.id);
    reel = moveClip(reel, 0, 1);
    expect(reel.clips.map((c) => c.id)).toEqual([b, a]);
    reel = trimClip(reel, a!, 9_000, 99_000, 60_000);
    expect(reel.clips[1]).toMatchObject({ t0: 9_000, t1: 60_000 });
    reel = addClip(reel, { t0: 40_000, t1: 45_000, factor: 'overall', polarity: '+', why: 'clean commit' }, 0);
    expect(reel.clips.map((c) => c.source)).toEqual(['evidence', 'manual', 'evidence']);
    reel = removeClip(reel, b!);
    expect(reel.clips).toHaveLength(2);
    expect(parseReel(JSON.parse(JSON.stringify(reel))).reel).toEqual(reel);
    expect(parseReel({ version: 1, clips: [{ id: 'x' }] }).error).toMatch(/^clips\.0\./);
  });

  it('builds a reel under ten minutes for every sample session, each clip inside the session', () => {
    for (const s of SAMPLE_STYLES.map((style) => generateSample(style))) {
      const { evidence } = extractEvidence(s);
      const reel = buildReel({ evidence, events: s.events, durationMs: s.meta.durationMs });
      expect(reelMs(reel)).toBeLessThanOrEqual(REEL_MAX_MS);
      for (const c of reel.clips) {
        expect(c.t1).toBeGreaterThan(c.t0);
        expect(c.t1).toBeLessThanOrEqual(s.meta.durationMs);
      }
      expect(buildReel({ evidence, events: s.events, durationMs: s.meta.durationMs })).toEqual(reel);
    }
  });
});
