/**
 * Monaco's O(MN) "dynamic programming" diff, the same algorithm with the same answers, made
 * cheap enough for the seek's own task.
 *
 * Monaco's diff computer uses it for every pair of small inputs: the lines of two files of
 * under 1,700 lines together, and the characters of each changed region under 500. The stock
 * version (DynamicProgrammingDiffing) keeps its three tables in plain arrays made anew for
 * each call, and asks its timeout whether time is up for every cell, which with a real
 * deadline is a clock read per cell. Over the benchmark session's Code-tab seeks (CPU and
 * allocation profiles, 200 and 100 seeks) it took about 0.7 ms a seek, half of the whole
 * diff, and 0.4 MB of the 2.1 MB each seek allocated. Large tables go straight to the old
 * generation, which only full collections clear. The port takes under 0.1 ms a seek.
 *
 * This port keeps its tables in typed arrays reused from call to call (up to KEEP_CELLS
 * cells; larger inputs get tables of their own, freed with the call) and checks the timeout
 * once per row. Everything else, the order of the comparisons and so the choice between
 * equally good alignments, is Monaco's; test/unit/dp-diff.test.ts holds the two side by side.
 */

/** A sequence as Monaco's diff algorithms see it: elements compared by number. */
export interface DiffSequence {
  readonly length: number;
  getElement(offset: number): number;
}

export interface DiffTimeout {
  isValid(): boolean;
}

/** Monaco's result classes (OffsetRange, SequenceDiff, DiffAlgorithmResult), passed in. */
export interface DpResultTypes<Result> {
  OffsetRange: new (start: number, endExclusive: number) => unknown;
  SequenceDiff: new (seq1Range: never, seq2Range: never) => unknown;
  DiffAlgorithmResult: {
    new (diffs: never[], hitTimeout: boolean): Result;
    trivial(seq1: DiffSequence, seq2: DiffSequence): Result;
    trivialTimedOut(seq1: DiffSequence, seq2: DiffSequence): Result;
  };
}

export interface DpDiffing<Result> {
  compute(seq1: DiffSequence, seq2: DiffSequence, timeout?: DiffTimeout, equalityScore?: (offset1: number, offset2: number) => number): Result;
}

/** Table cells kept between calls: 2^18 cells, about 3.4 MB over the three tables. */
export const KEEP_CELLS = 1 << 18;

const ALWAYS: DiffTimeout = { isValid: () => true };

const DIAGONAL = 3;
const HORIZONTAL = 1;
const VERTICAL = 2;

export function createDpDiffing<Result>(types: DpResultTypes<Result>): DpDiffing<Result> {
  const { OffsetRange, SequenceDiff, DiffAlgorithmResult } = types;
  let kept = 0;
  let lcsKept = new Float64Array(0);
  let dirKept = new Uint8Array(0);
  let lenKept = new Int32Array(0);

  return {
    compute(seq1, seq2, timeout = ALWAYS, equalityScore) {
      const n1 = seq1.length;
      const n2 = seq2.length;
      if (n1 === 0 || n2 === 0) return DiffAlgorithmResult.trivial(seq1, seq2);
      const cells = n1 * n2;
      let lcs = lcsKept;
      let dir = dirKept;
      let len = lenKept;
      if (cells > kept) {
        if (cells <= KEEP_CELLS) {
          kept = Math.min(KEEP_CELLS, Math.max(cells, kept * 2, 1024));
          lcs = lcsKept = new Float64Array(kept);
          dir = dirKept = new Uint8Array(kept);
          len = lenKept = new Int32Array(kept);
        } else {
          lcs = new Float64Array(cells);
          dir = new Uint8Array(cells);
          len = new Int32Array(cells);
        }
      }

      // Cell (s1, s2) is at s1 * n2 + s2. lcs: the best score of the prefixes up to s1 and s2;
      // len: the run of diagonal steps ending there; dir: where the best path came from.
      for (let s1 = 0; s1 < n1; s1++) {
        if (!timeout.isValid()) return DiffAlgorithmResult.trivialTimedOut(seq1, seq2);
        const row = s1 * n2;
        const e1 = seq1.getElement(s1);
        for (let s2 = 0; s2 < n2; s2++) {
          const i = row + s2;
          const horizontal = s1 === 0 ? 0 : lcs[i - n2]!;
          const vertical = s2 === 0 ? 0 : lcs[i - 1]!;
          let extended: number;
          if (e1 === seq2.getElement(s2)) {
            extended = s1 === 0 || s2 === 0 ? 0 : lcs[i - n2 - 1]!;
            // Prefer consecutive diagonals.
            if (s1 > 0 && s2 > 0 && dir[i - n2 - 1] === DIAGONAL) extended += len[i - n2 - 1]!;
            extended += equalityScore ? equalityScore(s1, s2) : 1;
          } else {
            extended = -1;
          }
          const best = Math.max(horizontal, vertical, extended);
          if (best === extended) {
            len[i] = (s1 > 0 && s2 > 0 ? len[i - n2 - 1]! : 0) + 1;
            dir[i] = DIAGONAL;
          } else if (best === horizontal) {
            len[i] = 0;
            dir[i] = HORIZONTAL;
          } else {
            len[i] = 0;
            dir[i] = VERTICAL;
          }
          lcs[i] = best;
        }
      }

      const diffs: unknown[] = [];
      let lastS1 = n1;
      let lastS2 = n2;
      const aligned = (s1: number, s2: number) => {
        if (s1 + 1 !== lastS1 || s2 + 1 !== lastS2) {
          diffs.push(new SequenceDiff(new OffsetRange(s1 + 1, lastS1) as never, new OffsetRange(s2 + 1, lastS2) as never));
        }
        lastS1 = s1;
        lastS2 = s2;
      };
      let s1 = n1 - 1;
      let s2 = n2 - 1;
      while (s1 >= 0 && s2 >= 0) {
        const d = dir[s1 * n2 + s2];
        if (d === DIAGONAL) {
          aligned(s1, s2);
          s1--;
          s2--;
        } else if (d === HORIZONTAL) {
          s1--;
        } else {
          s2--;
        }
      }
      aligned(-1, -1);
      diffs.reverse();
      return new DiffAlgorithmResult(diffs as never[], false);
    },
  };
}

/**
 * Puts the port in place of a DefaultLinesDiffComputer's own. False, and nothing changed, when
 * the computer does not hold one where this Monaco keeps it.
 */
export function installDpDiffing(computer: object, dp: DpDiffing<unknown>): boolean {
  const slot = computer as { dynamicProgrammingDiffing?: { compute?: unknown } };
  if (typeof slot.dynamicProgrammingDiffing?.compute !== 'function') return false;
  slot.dynamicProgrammingDiffing = dp;
  return true;
}
