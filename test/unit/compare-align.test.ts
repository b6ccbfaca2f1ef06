import { describe, expect, it } from 'vitest';
import { alignSessions, candidatePromptTimes } from '../../shared/replay/align';
import type { SessionEvent } from '../../shared/model/schema';

// Two sessions: A prompts at 10 s and 30 s and ends at 60 s; B prompts at 20 s, 25 s and 90 s, ends at 100 s.
const A = { durationMs: 60_000, promptTimes: [10_000, 30_000] };
const B = { durationMs: 100_000, promptTimes: [20_000, 25_000, 90_000] };

describe('elapsed-time alignment', () => {
  const al = alignSessions('elapsed', [A, B]);
  it('lasts as long as the longest session and maps time one to one', () => {
    expect(al.durationMs).toBe(100_000);
    expect(al.toSession(0, 42_000)).toBe(42_000);
    expect(al.toSession(1, 42_000)).toBe(42_000);
    expect(al.toShared(1, 42_000)).toBe(42_000);
  });
  it('holds a session that has ended at its end, and says it waits', () => {
    expect(al.toSession(0, 80_000)).toBe(60_000);
    expect(al.waiting(0, 80_000)).toBe(true);
    expect(al.waiting(1, 80_000)).toBe(false);
  });
  it('clamps times outside the session', () => {
    expect(al.toSession(0, -5)).toBe(0);
    expect(al.toShared(0, 70_000)).toBe(60_000);
  });
});

describe('n-th prompt alignment', () => {
  const al = alignSessions('prompt', [A, B]);
  // Segments: before prompt 1: max(10, 20) = 20; 1→2: max(20, 5) = 20; 2→3: max(30 (A to its end), 65) = 65; after 3: max(0, 10) = 10.
  it('puts every session at its n-th prompt at the same shared moment', () => {
    expect(al.promptMarks).toEqual([20_000, 40_000, 105_000]);
    expect(al.durationMs).toBe(115_000);
    expect(al.toSession(0, 20_000)).toBe(10_000);
    expect(al.toSession(1, 20_000)).toBe(20_000);
    expect(al.toSession(0, 40_000)).toBe(30_000);
    expect(al.toSession(1, 40_000)).toBe(25_000);
    expect(al.toSession(1, 105_000)).toBe(90_000);
  });
  it('plays each session at its own pace and waits at its next prompt', () => {
    // 5 s into the first segment both play.
    expect(al.toSession(0, 5_000)).toBe(5_000);
    expect(al.toSession(1, 5_000)).toBe(5_000);
    // 15 s in: A has reached its first prompt (10 s) and waits for B.
    expect(al.toSession(0, 15_000)).toBe(10_000);
    expect(al.waiting(0, 15_000)).toBe(true);
    expect(al.toSession(1, 15_000)).toBe(15_000);
    expect(al.waiting(1, 15_000)).toBe(false);
    // In the second segment B reaches its second prompt after 5 s and waits there.
    expect(al.toSession(1, 30_000)).toBe(25_000);
    expect(al.toSession(0, 30_000)).toBe(20_000);
  });
  it('holds a session with fewer prompts at its end', () => {
    expect(al.toSession(0, 100_000)).toBe(60_000);
    expect(al.toSession(0, 115_000)).toBe(60_000);
    expect(al.toSession(1, 115_000)).toBe(100_000);
  });
  it('maps a prompt back to the start of its segment, and round-trips every session time', () => {
    expect(al.toShared(0, 10_000)).toBe(20_000);
    expect(al.toShared(1, 25_000)).toBe(40_000);
    expect(al.toShared(1, 95_000)).toBe(110_000);
    for (const [p, s] of [[0, A], [1, B]] as const) {
      for (let t = 0; t <= s.durationMs; t += 1_250) {
        const shared = al.toShared(p, t);
        expect(al.toSession(p, shared)).toBe(t);
        // …and the mapping never goes backwards.
        if (t > 0) expect(shared).toBeGreaterThanOrEqual(al.toShared(p, t - 1_250));
      }
    }
  });
  it('is monotonic in shared time for every pane', () => {
    for (const p of [0, 1]) {
      let last = -1;
      for (let t = 0; t <= al.durationMs; t += 500) {
        const s = al.toSession(p, t);
        expect(s).toBeGreaterThanOrEqual(last);
        last = s;
      }
    }
  });
  it('handles a session without prompts and two prompts at one moment', () => {
    const al2 = alignSessions('prompt', [{ durationMs: 50_000, promptTimes: [] }, { durationMs: 40_000, promptTimes: [5_000, 5_000] }]);
    // Segments: max(50, 5) = 50; max(0, 0) = 0; max(0, 35) = 35.
    expect(al2.durationMs).toBe(85_000);
    expect(al2.promptMarks).toEqual([50_000, 50_000]);
    expect(al2.toSession(0, 85_000)).toBe(50_000);
    expect(al2.toSession(1, 50_000)).toBe(5_000);
    expect(al2.toShared(1, 5_000)).toBe(50_000);
    expect(al2.toSession(1, 60_000)).toBe(15_000);
  });
  it('with one session it is the identity', () => {
    const one = alignSessions('prompt', [B]);
    expect(one.durationMs).toBe(100_000);
    for (const t of [0, 19_999, 20_000, 24_000, 90_000, 100_000]) expect(one.toSession(0, t)).toBe(t);
  });
});

describe('candidatePromptTimes', () => {
  it("keeps only the candidate's prompts", () => {
    const base = { sessionId: 's', source: { format: 'baton' } } as const;
    const evs = [
      { ...base, id: 'a', t: 1, actor: 'candidate', kind: 'prompt', text: 'x' },
      { ...base, id: 'b', t: 2, actor: 'agent', kind: 'response', text: 'y' },
      { ...base, id: 'c', t: 3, actor: 'system', kind: 'prompt', text: 'z' },
      { ...base, id: 'd', t: 4, actor: 'candidate', kind: 'prompt', text: 'w' },
    ] as unknown as SessionEvent[];
    expect(candidatePromptTimes(evs)).toEqual([1, 4]);
  });
});
