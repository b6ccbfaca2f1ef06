import * as Comlink from 'comlink';
import type { ImportLimits } from '../../../shared/import/limits';
import type { ImportProgress } from '../../../shared/import/types';
import { db } from '../db/schema';
import { createImportEngine, type ImportEngine, type ImportOutcome } from './engine';

/** The main thread's handle on the import engine, in a worker when possible. */
export interface ImportClient {
  importFile(jobId: string, file: File, limits: Partial<ImportLimits> | undefined, onProgress: (p: ImportProgress) => void, companions?: { file: File; lane: string }[]): Promise<ImportOutcome>;
  cancel(jobId: string): Promise<void>;
  sweep(): Promise<number>;
  readonly mode: 'worker' | 'main-thread';
}

async function mainThreadEngine(): Promise<ImportClient> {
  const engine = createImportEngine(db);
  return {
    mode: 'main-thread',
    importFile: (id, f, l, p, c) => engine.importFile(id, f, l, p, c),
    cancel: async (id) => engine.cancel(id),
    sweep: () => engine.sweep(),
  };
}

async function workerEngine(): Promise<ImportClient> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'baton-import' });
  const remote = Comlink.wrap<ImportEngine>(worker);
  // Fail fast if the worker cannot start (CSP, old browser): fall back to the main thread.
  await Promise.race([
    remote.ping(),
    new Promise((_, reject) => {
      worker.addEventListener('error', () => reject(new Error('import worker failed to start')));
      setTimeout(() => reject(new Error('import worker did not answer')), 10_000);
    }),
  ]);
  return {
    mode: 'worker',
    importFile: (id, f, l, p, c) => remote.importFile(id, f, l, Comlink.proxy(p), c),
    cancel: (id) => remote.cancel(id),
    sweep: () => remote.sweep(),
  };
}

let client: Promise<ImportClient> | undefined;

export function importClient(): Promise<ImportClient> {
  client ??= (typeof Worker === 'undefined' ? mainThreadEngine() : workerEngine()).catch((e: unknown) => {
    console.warn('Import worker unavailable, importing on the main thread:', e);
    return mainThreadEngine();
  });
  return client;
}
