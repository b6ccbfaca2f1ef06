import { describe, expect, it } from 'vitest';
import { DefaultLinesDiffComputer } from 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/defaultLinesDiffComputer';
import { createSyncDiffFactory, type DiffModel, type DiffOptions, type DiffProvider, type DocumentDiff } from '../../renderer/src/features/replay/code/sync-diff';

function model(text: string, disposed = false): DiffModel {
  const lines = text.split('\n');
  return { getLinesContent: () => lines.slice(), getLineCount: () => lines.length, isDisposed: () => disposed };
}

const OPTIONS: DiffOptions = { ignoreTrimWhitespace: false, maxComputationTimeMs: 5000, computeMoves: false };
const WORKER_ANSWER: DocumentDiff = { identical: false, quitEarly: false, changes: ['from the worker'], moves: [] };

function setup(overrides: { maxLines?: number; budgetMs?: number } = {}) {
  const workerCalls: string[] = [];
  let made = 0;
  const fallback = (): DiffProvider => {
    made++;
    return {
      computeDiff: (a) => {
        workerCalls.push(a.getLinesContent().join('\n'));
        return Promise.resolve(WORKER_ANSWER);
      },
      onDidChange: () => ({ dispose() {} }),
      dispose() {},
    };
  };
  const factory = createSyncDiffFactory({ computer: new DefaultLinesDiffComputer(), fallback, ...overrides });
  return { factory, workerCalls, made: () => made };
}

describe('main-thread diffs for the Code pane', () => {
  it('answers a small diff in the calling task, with the line that changed', async () => {
    const { factory, workerCalls } = setup();
    const provider = factory.createDiffProvider({});
    let settled: DocumentDiff | undefined;
    const p = provider.computeDiff(model('a\nb\nc'), model('a\nX\nc'), OPTIONS, null).then((d) => (settled = d));
    // Resolved before any other task runs: the diff editor's await continues in this task's microtasks.
    await Promise.resolve();
    expect(settled).toBeDefined();
    await p;
    expect(settled!.identical).toBe(false);
    expect(settled!.changes).toHaveLength(1);
    expect(String(settled!.changes[0])).toBe('{[2,3)->[2,3)}');
    expect(workerCalls).toEqual([]);
    expect(factory.stats).toEqual({ sync: 1, worker: 0, overBudget: 0 });
  });

  it('reports identical texts as identical, and whitespace-only edits as changes', async () => {
    const { factory } = setup();
    const provider = factory.createDiffProvider({});
    expect((await provider.computeDiff(model('x\ny'), model('x\ny'), OPTIONS, null)).identical).toBe(true);
    const ws = await provider.computeDiff(model('x\ny'), model('x \ny'), OPTIONS, null);
    expect(ws.identical).toBe(false);
    expect(ws.changes).toHaveLength(1);
  });

  it('sends files over the line limit to the worker without diffing them here', async () => {
    const { factory, workerCalls, made } = setup({ maxLines: 10 });
    const provider = factory.createDiffProvider({});
    const big = Array.from({ length: 8 }, (_, i) => `line ${i}`).join('\n');
    const d = await provider.computeDiff(model(big), model(big + '\nmore'), OPTIONS, null);
    expect(d).toBe(WORKER_ANSWER);
    expect(workerCalls).toHaveLength(1);
    expect(factory.stats).toEqual({ sync: 0, worker: 1, overBudget: 0 });
    // One worker provider per diff provider, made on first need and reused.
    await provider.computeDiff(model(big), model(big + '\nother'), OPTIONS, null);
    expect(made()).toBe(1);
  });

  it('hands a diff that runs out of budget to the worker with the caller’s own options', async () => {
    const seen: DiffOptions[] = [];
    const slow = {
      computeDiff: (_a: string[], _b: string[], o: DiffOptions) => {
        seen.push(o);
        return { changes: [], moves: [], hitTimeout: true };
      },
    };
    const workerOptions: DiffOptions[] = [];
    const factory = createSyncDiffFactory({
      computer: slow,
      budgetMs: 7,
      fallback: () => ({
        computeDiff: (_a, _b, o) => {
          workerOptions.push(o);
          return Promise.resolve(WORKER_ANSWER);
        },
        onDidChange: () => ({ dispose() {} }),
        dispose() {},
      }),
    });
    const d = await factory.createDiffProvider({}).computeDiff(model('a'), model('b'), OPTIONS, null);
    expect(d).toBe(WORKER_ANSWER);
    expect(seen[0]!.maxComputationTimeMs).toBe(7);
    expect(workerOptions[0]!.maxComputationTimeMs).toBe(5000);
    expect(factory.stats).toEqual({ sync: 0, worker: 1, overBudget: 1 });
  });

  it('treats disposed models as identical and touches neither side', async () => {
    const { factory, workerCalls } = setup();
    const d = await factory.createDiffProvider({}).computeDiff(model('a', true), model('b'), OPTIONS, null);
    expect(d.identical).toBe(true);
    expect(workerCalls).toEqual([]);
    expect(factory.stats.sync).toBe(0);
  });
});

describe('main-thread diffs: the worker path after a seek', () => {
  it('swallows the worker’s failure when the models were disposed meanwhile, and only then', async () => {
    let disposed = false;
    const m = (text: string): DiffModel => ({ getLinesContent: () => [text], getLineCount: () => 100, isDisposed: () => disposed });
    const factory = createSyncDiffFactory({
      computer: new DefaultLinesDiffComputer(),
      maxLines: 10,
      fallback: () => ({
        computeDiff: () => Promise.reject(new Error('no diff result available')),
        onDidChange: () => ({ dispose() {} }),
        dispose() {},
      }),
    });
    const provider = factory.createDiffProvider({});
    await expect(provider.computeDiff(m('a'), m('b'), OPTIONS, null)).rejects.toThrow('no diff result available');
    const pending = provider.computeDiff(m('a'), m('b'), OPTIONS, null);
    disposed = true;
    await expect(pending).resolves.toMatchObject({ quitEarly: true, changes: [] });
  });
});
