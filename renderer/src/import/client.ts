import * as Comlink from 'comlink';
import type { ImportLimits } from '../../../shared/import/limits';
import type { ImportProgress } from '../../../shared/import/types';
import { db } from '../db/schema';
import { addMissingPeaks } from './audio-peaks';
import { createImportEngine, type ImportEngine, type ImportOutcome } from './engine';

/** The main thread's handle on the import engine, in a worker when possible. */
export interface ImportClient {
  importFile(jobId: string, file: File, limits: Partial<ImportLimits> | undefined, onProgress: (p: ImportProgress) => void, companions?: { file: File; lane: string }[]): Promise<ImportOutcome>;
  cancel(jobId: string): Promise<void>;
  sweep(): Promise<number>;
  readonly mode: 'worker' | 'main-thread';
}

/**
 * After the engine: peaks for audio the worker could not read (compressed recordings need
 * the browser's decoder, which workers lack), stored before the import is reported done. A
 * failure there never fails the import: the session is stored, and opening it decodes.
 */
async function withPeaks(outcome: Promise<ImportOutcome>, limits: Partial<ImportLimits> | undefined): Promise<ImportOutcome> {
  const done = await outcome;
  try {
    return await addMissingPeaks(db(), done, undefined, limits);
  } catch (e) {
    console.warn('Could not store waveform peaks after the import', e);
    return done;
  }
}

async function mainThreadEngine(): Promise<ImportClient> {
  const engine = createImportEngine(db);
  return {
    mode: 'main-thread',
    importFile: (id, f, l, p, c) => withPeaks(engine.importFile(id, f, l, p, c), l),
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
    importFile: (id, f, l, p, c) => withPeaks(remote.importFile(id, f, l, Comlink.proxy(p), c), l),
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
