/**
 * Types for the few Monaco internals the Code pane reaches into (monaco-editor ships no
 * declarations for its deep ESM paths). Only what sync-diff.ts and monaco-setup.ts use.
 */
declare module 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/defaultLinesDiffComputer' {
  export interface LinesDiff {
    readonly changes: readonly unknown[];
    readonly moves: readonly unknown[];
    readonly hitTimeout: boolean;
  }
  export class DefaultLinesDiffComputer {
    computeDiff(
      originalLines: string[],
      modifiedLines: string[],
      options: { ignoreTrimWhitespace: boolean; maxComputationTimeMs: number; computeMoves: boolean },
    ): LinesDiff;
  }
}

declare module 'monaco-editor/editor/standalone/browser/standaloneServices' {
  export const StandaloneServices: {
    initialize(overrides: Record<string, unknown>): { createInstance(ctor: unknown, ...args: unknown[]): unknown };
    get<T>(id: unknown): T;
  };
}

declare module 'monaco-editor/editor/browser/widget/diffEditor/diffProviderFactoryService' {
  export const IDiffProviderFactoryService: unknown;
  export const WorkerBasedDocumentDiffProvider: unknown;
}

declare module 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/algorithms/diffAlgorithm' {
  export class SequenceDiff {
    constructor(seq1Range: never, seq2Range: never);
  }
  export class DiffAlgorithmResult {
    constructor(diffs: never[], hitTimeout: boolean);
    readonly diffs: readonly SequenceDiff[];
    readonly hitTimeout: boolean;
    static trivial(seq1: unknown, seq2: unknown): DiffAlgorithmResult;
    static trivialTimedOut(seq1: unknown, seq2: unknown): DiffAlgorithmResult;
  }
  export class DateTimeout {
    constructor(timeoutMs: number);
    isValid(): boolean;
  }
}

declare module 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/algorithms/dynamicProgrammingDiffing' {
  import type { DiffAlgorithmResult } from 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/algorithms/diffAlgorithm';
  export class DynamicProgrammingDiffing {
    compute(
      seq1: { length: number; getElement(i: number): number },
      seq2: { length: number; getElement(i: number): number },
      timeout?: { isValid(): boolean },
      equalityScore?: (offset1: number, offset2: number) => number,
    ): DiffAlgorithmResult;
  }
}

declare module 'monaco-editor/editor/common/core/ranges/offsetRange' {
  export class OffsetRange {
    constructor(start: number, endExclusive: number);
  }
}
