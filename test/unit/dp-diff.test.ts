import { describe, expect, it } from 'vitest';
import { DefaultLinesDiffComputer } from 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/defaultLinesDiffComputer';
import { DynamicProgrammingDiffing } from 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/algorithms/dynamicProgrammingDiffing';
import { DiffAlgorithmResult, SequenceDiff } from 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/algorithms/diffAlgorithm';
import { OffsetRange } from 'monaco-editor/editor/common/core/ranges/offsetRange';
import { createDpDiffing, installDpDiffing, KEEP_CELLS, type DiffSequence } from '../../renderer/src/features/replay/code/dp-diff';

const types = { OffsetRange, SequenceDiff, DiffAlgorithmResult };

/** A small seeded generator, so a failure names inputs that can be made again. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function seq(values: number[]): DiffSequence {
  return { length: values.length, getElement: (i) => values[i]! };
}

function show(r: DiffAlgorithmResult): string {
  return `${r.hitTimeout ? 'timed out ' : ''}${r.diffs.map(String).join(' ')}`;
}

describe('the Code pane’s dynamic-programming diff (Monaco’s algorithm on typed arrays)', () => {
  it('finds the alignments Monaco’s own finds, on thousands of random pairs, scored and unscored', () => {
    const stock = new DynamicProgrammingDiffing();
    const port = createDpDiffing(types);
    const rand = rng(7);
    let differentPairs = 0;
    for (let n = 0; n < 3000; n++) {
      // Small alphabets, so most pairs share elements and ties between alignments are common.
      const alphabet = 1 + Math.floor(rand() * 6);
      const a = Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * alphabet));
      const b = rand() < 0.3 ? a.map((x) => (rand() < 0.2 ? Math.floor(rand() * alphabet) : x)) : Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * alphabet));
      // Monaco's line diff scores equal lines by their length; any score function will do here.
      const score = rand() < 0.5 ? undefined : (i: number, j: number) => (a[i] === 0 ? 0.1 : 1 + Math.log(1 + ((a[i]! * 7 + j) % 5)));
      const expected = show(stock.compute(seq(a), seq(b), undefined, score));
      expect(show(port.compute(seq(a), seq(b), undefined, score)), `pair ${n}: ${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(expected);
      if (expected !== `[0, ${a.length}) <-> [0, ${b.length})` && a.join() !== b.join()) differentPairs++;
    }
    // The comparison means something only if the pairs really differ in varied ways.
    expect(differentPairs).toBeGreaterThan(2000);
  });

  it('reuses its tables without carrying anything from one call to the next', () => {
    const port = createDpDiffing(types);
    const stock = new DynamicProgrammingDiffing();
    const rand = rng(11);
    // Large, then small, then large again, in both shapes: stale cells from a wider table
    // must never be read as this call's.
    for (const [la, lb] of [[300, 280], [5, 9], [40, 3], [3, 40], [290, 300], [1, 1], [120, 2]] as const) {
      const a = Array.from({ length: la }, () => Math.floor(rand() * 4));
      const b = Array.from({ length: lb }, () => Math.floor(rand() * 4));
      expect(show(port.compute(seq(a), seq(b)))).toBe(show(stock.compute(seq(a), seq(b))));
    }
  });

  it('works on inputs larger than the tables it keeps', () => {
    const port = createDpDiffing(types);
    const stock = new DynamicProgrammingDiffing();
    const side = Math.ceil(Math.sqrt(KEEP_CELLS)) + 20;
    const a = Array.from({ length: side }, (_, i) => i % 13);
    const b = Array.from({ length: side }, (_, i) => (i % 17 === 0 ? 99 : i % 13));
    expect(show(port.compute(seq(a), seq(b)))).toBe(show(stock.compute(seq(a), seq(b))));
  });

  it('gives up as Monaco’s does when the time is up: one change covering both inputs, marked timed out', () => {
    const port = createDpDiffing(types);
    let asked = 0;
    const out = port.compute(seq([1, 2, 3, 4]), seq([1, 3, 4, 5]), { isValid: () => ++asked < 3 });
    expect(show(out)).toBe('timed out [0, 4) <-> [0, 4)');
    expect(show(port.compute(seq([]), seq([1, 2])))).toBe('[0, 0) <-> [0, 2)');
  });

  it('gives the whole diff computer the same answers, down to the changed characters', () => {
    const stock = new DefaultLinesDiffComputer();
    const ported = new DefaultLinesDiffComputer();
    expect(installDpDiffing(ported, createDpDiffing(types))).toBe(true);
    const rand = rng(3);
    const words = ['const', 'let', 'x', 'y', 'return', '(', ')', '{', '}', ' ', ' ', 'value', '=', ';', 'if', '0', '1'];
    const line = () => Array.from({ length: 1 + Math.floor(rand() * 8) }, () => words[Math.floor(rand() * words.length)]).join('');
    const show2 = (d: { changes: readonly unknown[] }) =>
      d.changes.map((c) => `${String(c)}:${((c as { innerChanges?: unknown[] }).innerChanges ?? []).map(String).join(',')}`).join(' ');
    const options = { ignoreTrimWhitespace: false, maxComputationTimeMs: 0, computeMoves: false };
    let withInner = 0;
    for (let n = 0; n < 400; n++) {
      const a = Array.from({ length: 1 + Math.floor(rand() * 60) }, line);
      const b = a.flatMap((l) => {
        const r = rand();
        if (r < 0.1) return [];
        if (r < 0.2) return [l, line()];
        if (r < 0.35) return [l.replace(/x|value|0/, 'renamed')];
        return [l];
      });
      const expected = stock.computeDiff(a, b, options);
      const got = ported.computeDiff(a, b, options);
      expect(show2(got), `pair ${n}`).toBe(show2(expected));
      if (expected.changes.some((c) => ((c as { innerChanges?: unknown[] }).innerChanges ?? []).length > 0)) withInner++;
    }
    expect(withInner).toBeGreaterThan(200);
  });

  it('leaves a computer it does not recognise alone', () => {
    const other = { somethingElse: {} };
    expect(installDpDiffing(other, createDpDiffing(types))).toBe(false);
    expect(other).toEqual({ somethingElse: {} });
  });
});
