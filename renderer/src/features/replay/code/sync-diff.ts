/**
 * Diffs for the Code pane, computed on the main thread when they are small.
 *
 * Monaco's diff editor asks a diff provider for every model swap; the stock provider posts
 * both texts to the editor worker and answers a task later, so after a seek the editor first
 * paints the new file without its diff (nothing collapsed, no colours) and then repaints.
 * A file of a few thousand lines diffs in about a millisecond, far less than that round trip,
 * so here the diff is computed in the seek's own task and the first paint is the final one.
 * Large files, or a diff that does not finish within a small budget, still go to the worker,
 * so a pathological file can never freeze the replay.
 */

/** The parts of a Monaco text model the provider reads. */
export interface DiffModel {
  getLinesContent(): string[];
  getLineCount(): number;
  isDisposed(): boolean;
}

export interface DiffOptions {
  ignoreTrimWhitespace: boolean;
  maxComputationTimeMs: number;
  computeMoves: boolean;
}

/** Monaco's lines diff computer (DefaultLinesDiffComputer), as the provider calls it. */
export interface LinesDiffComputer {
  computeDiff(a: string[], b: string[], options: DiffOptions): { changes: readonly unknown[]; moves: readonly unknown[]; hitTimeout: boolean };
}

export interface DocumentDiff {
  identical: boolean;
  quitEarly: boolean;
  changes: readonly unknown[];
  moves: readonly unknown[];
}

export interface DiffProvider {
  computeDiff(original: DiffModel, modified: DiffModel, options: DiffOptions, token: unknown): Promise<DocumentDiff>;
  onDidChange: (listener: () => void) => { dispose(): void };
  dispose(): void;
}

export interface SyncDiffStats {
  /** Diffs answered in the calling task. */
  sync: number;
  /** Diffs sent to the worker: too large, or over the budget. */
  worker: number;
  /** Of those, how many were tried here first and ran out of budget. */
  overBudget: number;
}

export interface SyncDiffConfig {
  computer: LinesDiffComputer;
  /** The stock, worker-based provider, made on first need. */
  fallback: (options: unknown) => DiffProvider;
  /** Both sides together, in lines; above this the worker diffs. */
  maxLines?: number;
  /** Time the main thread may spend on one diff before handing it to the worker, ms. */
  budgetMs?: number;
}

export const SYNC_DIFF_MAX_LINES = 20_000;
export const SYNC_DIFF_BUDGET_MS = 20;

const noEvent = () => ({ dispose() {} });

function sameLines(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A drop-in for Monaco's IDiffProviderFactoryService. */
export function createSyncDiffFactory(config: SyncDiffConfig) {
  const maxLines = config.maxLines ?? SYNC_DIFF_MAX_LINES;
  const budgetMs = config.budgetMs ?? SYNC_DIFF_BUDGET_MS;
  const stats: SyncDiffStats = { sync: 0, worker: 0, overBudget: 0 };

  function createDiffProvider(providerOptions: unknown): DiffProvider {
    let worker: DiffProvider | undefined;
    const toWorker = (original: DiffModel, modified: DiffModel, options: DiffOptions, token: unknown) => {
      stats.worker++;
      worker ??= config.fallback(providerOptions);
      // A seek can dispose both models before the worker answers; the worker then has no
      // result and the stock provider throws. The editor has moved on: nothing to show.
      return worker.computeDiff(original, modified, options, token).catch((err: unknown) => {
        if (original.isDisposed() || modified.isDisposed()) return { identical: false, quitEarly: true, changes: [], moves: [] };
        throw err;
      });
    };
    return {
      onDidChange: noEvent,
      dispose: () => worker?.dispose(),
      computeDiff(original, modified, options, token) {
        if (original.isDisposed() || modified.isDisposed()) {
          return Promise.resolve({ identical: true, quitEarly: false, changes: [], moves: [] });
        }
        if (original.getLineCount() + modified.getLineCount() > maxLines) return toWorker(original, modified, options, token);
        const a = original.getLinesContent();
        const b = modified.getLinesContent();
        const r = config.computer.computeDiff(a, b, { ...options, maxComputationTimeMs: Math.min(options.maxComputationTimeMs || budgetMs, budgetMs) });
        if (r.hitTimeout) {
          stats.overBudget++;
          return toWorker(original, modified, options, token);
        }
        stats.sync++;
        return Promise.resolve({ identical: r.changes.length === 0 && sameLines(a, b), quitEarly: false, changes: r.changes, moves: r.moves });
      },
    };
  }

  return { createDiffProvider, stats };
}
