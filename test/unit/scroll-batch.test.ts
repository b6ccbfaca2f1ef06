import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushScrollWrites, holdScrollWrites, writeScrollTop } from '../../renderer/src/features/replay/scroll-batch';

/** A scroll element that records each scrollTop write and what else the page did before it. */
function recorder(log: string[], name: string): HTMLElement {
  return {
    set scrollTop(v: number) {
      log.push(`${name}=${v}`);
    },
  } as unknown as HTMLElement;
}

describe('scroll writes held until the seek is committed', () => {
  // The frame after a seek is a timer here (no requestAnimationFrame in Node).
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.runOnlyPendingTimers();
    vi.useRealTimers();
  });

  it('writes at once outside a clock listener', () => {
    const log: string[] = [];
    writeScrollTop(recorder(log, 'a'), 30);
    expect(log).toEqual(['a=30']);
  });

  it('holds every pane list write made in the listeners until the commit flushes them, after the render, keeping the last per list', () => {
    const log: string[] = [];
    const a = recorder(log, 'a');
    const b = recorder(log, 'b');
    holdScrollWrites(() => {
      writeScrollTop(a, 100);
      writeScrollTop(b, 200);
      holdScrollWrites(() => writeScrollTop(a, 120));
    });
    log.push('render');
    expect(log).toEqual(['render']);
    flushScrollWrites();
    expect(log).toEqual(['render', 'a=120', 'b=200']);
    flushScrollWrites();
    expect(log).toHaveLength(3);
  });

  it('still writes at the next frame when no commit flushed the writes (a seek no list re-rendered for)', () => {
    const log: string[] = [];
    holdScrollWrites(() => writeScrollTop(recorder(log, 'a'), 5));
    expect(log).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(log).toEqual(['a=5']);
  });

  it('until the frame after a seek, each commit of a list lays the page out (reads a layout value); after it, commits leave layout to the frame', () => {
    let reads = 0;
    const el = {
      get offsetHeight() {
        reads++;
        return 100;
      },
    } as unknown as HTMLElement;
    flushScrollWrites(el);
    expect(reads).toBe(0);
    holdScrollWrites(() => {});
    flushScrollWrites(el);
    flushScrollWrites(el);
    expect(reads).toBe(2);
    vi.advanceTimersByTime(20);
    flushScrollWrites(el);
    expect(reads).toBe(2);
  });

  it('stops holding when a listener throws, and the held write is still made', () => {
    const log: string[] = [];
    expect(() =>
      holdScrollWrites(() => {
        writeScrollTop(recorder(log, 'a'), 5);
        throw new Error('pane failed');
      }),
    ).toThrow('pane failed');
    writeScrollTop(recorder(log, 'b'), 7);
    expect(log).toEqual(['b=7']);
    flushScrollWrites();
    expect(log).toEqual(['b=7', 'a=5']);
  });
});
