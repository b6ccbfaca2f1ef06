import * as Comlink from 'comlink';
import type { ImportLimits } from '../../../shared/import/limits';
import type { ImportProgress } from '../../../shared/import/types';
import { db } from '../db/schema';
import { addMissingPeaks } from './audio-peaks';
import { sweepStaging } from '../db/store';
import { createImportEngine, type ImportEngine, type ImportOutcome, type Turn } from './engine';
import { runningJobs } from './locks';
import { WorkerJobs, type JobWorker } from './worker-jobs';
import { workerAnswers } from '../platform/worker-answers';

/** The main thread's handle on the import engine, in a worker when possible. */
export interface ImportClient {
  /** `turn`: see ImportEngine.importFile (a folder's files read ahead but commit in order). */
  importFile(jobId: string, file: File, limits: Partial<ImportLimits> | undefined, onProgress: (p: ImportProgress) => void, companions?: { file: File; lane: string }[], turn?: Turn): Promise<ImportOutcome>;
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
    importFile: (id, f, l, p, c, t) => withPeaks(engine.importFile(id, f, l, p, c, t), l),
    cancel: async (id) => engine.cancel(id),
    sweep: () => engine.sweep(),
  };
}

function spawnWorker(): { worker: Worker; remote: Comlink.Remote<ImportEngine> } {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'baton-import' });
  return { worker, remote: Comlink.wrap<ImportEngine>(worker) };
}

/** A job's worker for WorkerJobs: the engine behind Comlink, ended with terminate(). */
function jobWorker(): JobWorker {
  const { worker, remote } = spawnWorker();
  return {
    importFile: (id, f, l, p, c, t) => remote.importFile(id, f, l, Comlink.proxy(p), c, t && Comlink.proxy(t)),
    terminate: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
    onCrash: (cb) => worker.addEventListener('error', (e) => cb(e.message ? `the import worker failed: ${e.message.split('\n', 1)[0]}` : 'the import worker stopped, perhaps out of memory')),
  };
}

async function workerEngine(): Promise<ImportClient> {
  // Fail fast if a worker cannot start (CSP, old browser): fall back to the main thread.
  const probe = spawnWorker();
  try {
    await workerAnswers(probe.worker, () => probe.remote.ping(), 'import');
  } finally {
    probe.worker.terminate();
  }
  // One worker per job, so Cancel can stop it at once (see worker-jobs.ts).
  const jobs = new WorkerJobs(jobWorker, db);
  return {
    mode: 'worker',
    importFile: (id, f, l, p, c, t) => withPeaks(jobs.importFile(id, f, l, p, c, t), l),
    cancel: (id) => jobs.cancel(id),
    sweep: () => sweepStaging(db(), runningJobs),
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
