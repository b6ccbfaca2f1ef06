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
