import * as Comlink from 'comlink';
import { db } from '../db/schema';
import type { ScoringEngine, ScoringTimings } from './engine';
import { workerAnswers } from '../platform/worker-answers';

/** The main thread's handle on scoring: a Web Worker when possible, else this thread. */
export interface ScoringClient {
  score: ScoringEngine['score'];
  /** Where the last score() call spent its time. */
  timings(): Promise<ScoringTimings>;
  readonly mode: 'worker' | 'main-thread';
}

async function workerClient(): Promise<ScoringClient> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'baton-scoring' });
  const remote = Comlink.wrap<ScoringEngine>(worker);
  await workerAnswers(worker, () => remote.ping(), 'scoring');
  return { mode: 'worker', score: (ids) => remote.score(ids), timings: () => remote.timings() };
}

let client: Promise<ScoringClient> | undefined;

export function scoringClient(): Promise<ScoringClient> {
  client ??= (typeof Worker === 'undefined' ? Promise.reject(new Error('no workers')) : workerClient()).catch(async (e: unknown) => {
    console.warn('Scoring worker unavailable, scoring on the main thread:', e);
    // The classifier loads here only when there is no worker to run it.
    const { createScoringEngine } = await import('./engine');
    const engine = createScoringEngine(db);
    return { mode: 'main-thread' as const, score: (ids: string[]) => engine.score(ids), timings: () => Promise.resolve(engine.timings()) };
  });
  return client;
}
