/**
 * The import worker starts when an import is asked for (or the page is idle after its first
 * paint), and imports an earlier run left unfinished are swept before any new import stages
 * its writes: the import client replaced by a fake that records the order.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_KINDS as SCHEMA_KINDS } from '../../shared/model/schema';
import { EVENT_KINDS } from '../../shared/model/kinds';

const calls: string[] = [];
let finishSweep: () => void = () => {};
let started = 0;

vi.mock('../../renderer/src/import/client', () => ({
  importClient: async () => {
    started++;
    calls.push('worker started');
    return {
      mode: 'worker',
      sweep: () =>
        new Promise<number>((resolve) => {
          calls.push('sweep begun');
          finishSweep = () => {
            calls.push('sweep done');
            resolve(1);
          };
        }),
      importFile: async (_id: string, file: File) => {
        calls.push(`import ${file.name}`);
        return { report: { status: 'failed', message: 'fake' } };
      },
      cancel: async () => {},
    };
  },
}));

const { importFiles, importsReady, afterFirstPaintIdle } = await import('../../renderer/src/state/actions');

describe('starting the import worker', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('an import asked for while interrupted imports are being swept waits for the sweep, and the worker starts once', async () => {
    const first = importFiles([new File(['x'], 'a.jsonl')]);
    const second = importFiles([new File(['y'], 'b.jsonl')]);
    await vi.waitFor(() => expect(calls).toContain('sweep begun'));
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).not.toContain('import a.jsonl');
    finishSweep();
    await Promise.all([first, second]);
    expect(calls.indexOf('sweep done')).toBeLessThan(calls.indexOf('import a.jsonl'));
    expect(calls.indexOf('sweep done')).toBeLessThan(calls.indexOf('import b.jsonl'));
    expect(started).toBe(1);
    await importsReady();
    expect(started).toBe(1);
  });

  it('idle work after the first paint runs after the next frame, when the page is idle', async () => {
    const order: string[] = [];
    const frames: (() => void)[] = [];
    const idles: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => idles.push(cb));
    afterFirstPaintIdle(() => order.push('work'));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    frames.shift()!();
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    idles.shift()!();
    expect(order).toEqual(['work']);
    vi.unstubAllGlobals();
  });
});

describe('the event kinds the start-up screens use without building the schemas', () => {
  it('are the schema union’s kinds, in its order', () => {
    expect(EVENT_KINDS).toEqual(SCHEMA_KINDS);
  });
});
