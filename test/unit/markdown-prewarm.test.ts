import { afterEach, describe, expect, it, vi } from 'vitest';
import { prewarmMarkdown } from '../../renderer/src/components/markdown-prewarm';
import { markdownEngine } from '../../renderer/src/components/Markdown';
import { RenderCost } from '../../renderer/src/components/render-cost';

type Deadline = { didTimeout: boolean; timeRemaining(): number };

/** Idle periods handed out by the test: each callback gets the period given to run(). */
function idlePeriods() {
  const waiting: ((d: Deadline) => void)[] = [];
  vi.stubGlobal('requestIdleCallback', (cb: (d: Deadline) => void) => waiting.push(cb));
  vi.stubGlobal('cancelIdleCallback', () => {});
  let left = 0;
  return {
    /** Spends `ms` of the current period (a render's work). */
    spend: (ms: number) => (left -= ms),
    /** Runs the pending callback in a period of `ms` (or one that timed out). */
    run(ms: number, didTimeout = false) {
      left = ms;
      waiting.shift()?.({ didTimeout, timeRemaining: () => Math.max(0, left) });
    },
    pending: () => waiting.length,
  };
}

/** The engine has loaded and the first idle callback is asked for. */
const settle = async () => {
  await markdownEngine();
  await new Promise((r) => setTimeout(r, 0));
};

afterEach(() => vi.unstubAllGlobals());

describe('prewarmMarkdown: markdown rendered in idle time without delaying a frame', () => {
  // Texts whose render costs 1 ms per character, as the cost model is told.
  const cost = { estimate: (chars: number) => chars, learn: () => {} };

  it('starts in a period only the texts expected to end 5 ms before it does; a dear one waits for a longer period', async () => {
    const idle = idlePeriods();
    const done: string[] = [];
    const c = 'c'.repeat(20);
    prewarmMarkdown(['aaaa', 'bbbb', c, 'd'], (t) => (done.push(t), idle.spend(t.length)), cost);
    await settle();
    // A seek every frame leaves periods of about 16 ms: the 4 ms and 1 ms texts fit, the 20 ms one would run past the next frame.
    idle.run(16);
    expect(done).toEqual(['aaaa', 'bbbb', 'd']);
    idle.run(16);
    expect(done).toHaveLength(3);
    // A reviewer reading leaves long periods.
    idle.run(50);
    expect(done).toEqual(['aaaa', 'bbbb', 'd', c]);
    expect(idle.pending()).toBe(0);
  });

  it('renders one text when no period has been long enough for a while, so the work always ends', async () => {
    const idle = idlePeriods();
    const done: string[] = [];
    prewarmMarkdown(['c'.repeat(30), 'd'.repeat(20)], (t) => (done.push(t), idle.spend(t.length)), cost);
    await settle();
    idle.run(16);
    expect(done).toEqual([]);
    idle.run(0, true);
    expect(done).toEqual(['c'.repeat(30)]);
    idle.run(0, true);
    expect(done).toHaveLength(2);
  });

  it('stops when told to', async () => {
    const idle = idlePeriods();
    const done: string[] = [];
    const stop = prewarmMarkdown(['a', 'b'], (t) => done.push(t), cost);
    await settle();
    stop();
    idle.run(50);
    expect(done).toEqual([]);
  });
});

describe('RenderCost: what a render is expected to cost', () => {
  it('assumes the first renders are dear (the engine compiles its code on first use) and follows the renders down', () => {
    const c = new RenderCost(40);
    expect(c.estimate(600)).toBeCloseTo(40);
    // A warm render: 1 ms for 600 characters.
    for (let i = 0; i < 12; i++) c.learn(600, 1);
    expect(c.estimate(600)).toBeLessThan(1.1);
    expect(c.estimate(1200)).toBeGreaterThan(c.estimate(600));
  });

  it('rises again after a dear render', () => {
    const c = new RenderCost(1);
    c.learn(600, 30);
    expect(c.estimate(600)).toBeGreaterThan(10);
  });
});
