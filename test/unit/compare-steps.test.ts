import { describe, expect, it } from 'vitest';
import { alignSessions, candidatePromptTimes } from '../../shared/replay/align';
import { stepAcross } from '../../shared/replay/align-steps';
import { buildSessionIndex } from '../../shared/replay/index';
import type { SessionEvent } from '../../shared/model/schema';

function session(spec: [t: number, actor: 'candidate' | 'agent'][]): SessionEvent[] {
  return spec.map(([t, actor], i) => ({ id: `e${i}`, sessionId: 's', t, actor, kind: actor === 'candidate' ? 'prompt' : 'response', text: 'x', source: { format: 'baton' } }) as unknown as SessionEvent);
}

// A: candidate prompts at 10 s and 40 s, agent answers at 12 s and 45 s. B: prompt at 20 s, answer at 30 s.
const A = session([[10_000, 'candidate'], [12_000, 'agent'], [40_000, 'candidate'], [45_000, 'agent']]);
const B = session([[20_000, 'candidate'], [30_000, 'agent']]);
const idx = [buildSessionIndex(A), buildSessionIndex(B)];
const inputs = [
  { durationMs: 50_000, promptTimes: candidatePromptTimes(A) },
  { durationMs: 35_000, promptTimes: candidatePromptTimes(B) },
];

describe('stepping across panes, elapsed time', () => {
  const al = alignSessions('elapsed', inputs);
  it('visits every event of every pane in time order, forwards and back', () => {
    const forward: number[] = [];
    for (let t: number | undefined = 0; (t = stepAcross(al, idx, t, 1, false)) !== undefined; ) forward.push(t);
    expect(forward).toEqual([10_000, 12_000, 20_000, 30_000, 40_000, 45_000]);
    const back: number[] = [];
    for (let t: number | undefined = 50_000; (t = stepAcross(al, idx, t, -1, false)) !== undefined; ) back.push(t);
    expect(back).toEqual([45_000, 40_000, 30_000, 20_000, 12_000, 10_000]);
  });
  it("with Shift, only the candidate's moments", () => {
    expect(stepAcross(al, idx, 0, 1, true)).toBe(10_000);
    expect(stepAcross(al, idx, 10_000, 1, true)).toBe(20_000);
    expect(stepAcross(al, idx, 20_000, 1, true)).toBe(40_000);
    expect(stepAcross(al, idx, 40_000, 1, true)).toBeUndefined();
    // From between moments, back goes to the latest one behind the clock.
    expect(stepAcross(al, idx, 33_000, -1, true)).toBe(20_000);
    expect(stepAcross(al, idx, 20_000, -1, true)).toBe(10_000);
  });
});

describe('stepping across panes, n-th prompt', () => {
  const al = alignSessions('prompt', inputs);
  it('lands on the shared moment where both first prompts start together', () => {
    // Segment 0 lasts max(10, 20) = 20 s: both first prompts are at shared 20 s.
    expect(stepAcross(al, idx, 0, 1, true)).toBe(20_000);
    expect(al.toSession(0, 20_000)).toBe(10_000);
    expect(al.toSession(1, 20_000)).toBe(20_000);
    // Next candidate moment: A's second prompt, after segment 1 (max(30, 15) = 30 s) at 50 s.
    expect(stepAcross(al, idx, 20_000, 1, true)).toBe(50_000);
    expect(stepAcross(al, idx, 50_000, -1, true)).toBe(20_000);
  });
});
