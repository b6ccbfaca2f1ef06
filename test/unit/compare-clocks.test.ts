import { describe, expect, it } from 'vitest';
import { alignSessions } from '../../shared/replay/align';
import { buildSessionIndex } from '../../shared/replay/index';
import type { SessionEvent } from '../../shared/model/schema';
import { AlignedClocks } from '../../renderer/src/features/compare/aligned-clocks';

function events(times: number[]): SessionEvent[] {
  return times.map((t, i) => ({ id: `e${i}`, sessionId: 's', t, actor: 'candidate', kind: 'prompt', text: 'x', source: { format: 'baton' } }) as unknown as SessionEvent);
}

// A prompts at 10 s and 30 s (ends 60 s); B prompts at 20 s and 25 s (ends 100 s).
const A = events([10_000, 30_000]);
const B = events([20_000, 25_000]);
const inputs = [
  { durationMs: 60_000, promptTimes: [10_000, 30_000] },
  { durationMs: 100_000, promptTimes: [20_000, 25_000] },
];

function make() {
  const c = new AlignedClocks(alignSessions('elapsed', inputs), [60_000, 100_000], [buildSessionIndex(A), buildSessionIndex(B)]);
  c.connect();
  return c;
}

describe('the side-by-side clocks', () => {
  it('every pane follows the shared clock, clamped to its session', () => {
    const c = make();
    c.shared.seek(70_000);
    expect(c.panes.map((p) => p.get().t)).toEqual([60_000, 70_000]);
  });
  it('a seek made in a pane (a click on one of its events) moves the shared clock and so every pane', () => {
    const c = make();
    c.realign(alignSessions('prompt', inputs));
    // Pane B's second prompt (25 s) starts the second segment: 20 s + max(20, 5) = 40 s shared.
    c.panes[1]!.seek(25_000);
    expect(c.shared.get().t).toBe(40_000);
    expect(c.panes.map((p) => p.get().t)).toEqual([30_000, 25_000]);
  });
  it('re-aligning keeps the first pane where it was and moves the others to match', () => {
    const c = make();
    c.shared.seek(30_000);
    c.realign(alignSessions('prompt', inputs));
    // A at 30 s is its second prompt: shared 40 s, where B is at its second prompt, 25 s.
    expect(c.shared.get()).toMatchObject({ t: 40_000, duration: 115_000 });
    expect(c.panes.map((p) => p.get().t)).toEqual([30_000, 25_000]);
  });
  it('play and speed from a pane act on the shared clock', () => {
    const c = make();
    c.panes[0]!.setSpeed(4);
    expect(c.shared.get().speed).toBe(4);
  });
  it('stepping to the next candidate moment of any pane, and to the ends when there is none', () => {
    const c = make();
    c.step(1, true);
    expect(c.shared.get().t).toBe(10_000);
    c.step(1, true);
    expect(c.shared.get().t).toBe(20_000);
    c.shared.seek(31_000);
    c.step(1, true);
    expect(c.shared.get().t).toBe(100_000);
  });
});
