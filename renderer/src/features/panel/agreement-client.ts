/** The Panel view's statistics in a Web Worker (comlink), or on this thread when workers fail. */
import * as Comlink from 'comlink';
import { createPanelEngine, type PanelEngine } from './agreement-engine';
import { workerAnswers } from '../../platform/worker-answers';

export interface PanelClient {
  engine: PanelEngine;
  mode: 'worker' | 'main-thread';
}

async function workerClient(): Promise<PanelClient> {
  const worker = new Worker(new URL('./agreement-worker.ts', import.meta.url), { type: 'module', name: 'baton-panel' });
  const remote = Comlink.wrap<PanelEngine>(worker);
  await workerAnswers(worker, () => remote.ping(), 'panel');
  return { mode: 'worker', engine: { ping: () => remote.ping(), agreement: (r, o) => remote.agreement(r, o), weights: (d, w) => remote.weights(d, w) } };
}

let client: Promise<PanelClient> | undefined;

export function panelClient(): Promise<PanelClient> {
  client ??= (typeof Worker === 'undefined' ? Promise.reject(new Error('no workers')) : workerClient()).catch((e: unknown) => {
    console.warn('Panel worker unavailable, computing on the main thread:', e);
    return { mode: 'main-thread' as const, engine: createPanelEngine() };
  });
  return client;
}
