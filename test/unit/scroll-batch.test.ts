import { describe, expect, it } from 'vitest';
import { batchScrollWrites, writeScrollTop } from '../../renderer/src/features/replay/scroll-batch';

/** A scroll element that records each scrollTop write and what else the page did before it. */
function recorder(log: string[], name: string): HTMLElement {
  return {
    set scrollTop(v: number) {
      log.push(`${name}=${v}`);
    },
  } as unknown as HTMLElement;
}

describe('scroll writes made together', () => {
  it('writes at once outside a batch', () => {
    const log: string[] = [];
    writeScrollTop(recorder(log, 'a'), 30);
    expect(log).toEqual(['a=30']);
  });

  it('holds every pane list write until the batch ends, after the other changes the panes made, and keeps the last per list', () => {
    const log: string[] = [];
    const a = recorder(log, 'a');
    const b = recorder(log, 'b');
    batchScrollWrites(() => {
      log.push('playhead 1');
      writeScrollTop(a, 100);
      log.push('playhead 2');
      writeScrollTop(b, 200);
      batchScrollWrites(() => writeScrollTop(a, 120));
      expect(log).toEqual(['playhead 1', 'playhead 2']);
    });
    expect(log).toEqual(['playhead 1', 'playhead 2', 'a=120', 'b=200']);
  });

  it('still writes when the batch throws', () => {
    const log: string[] = [];
    expect(() =>
      batchScrollWrites(() => {
        writeScrollTop(recorder(log, 'a'), 5);
        throw new Error('pane failed');
      }),
    ).toThrow('pane failed');
    expect(log).toEqual(['a=5']);
  });
});
