/**
 * Scoring in the renderer: extracts the classifier's evidence for stored sessions and caches
 * it in IndexedDB per session and classifier version, so a session is extracted once and a
 * weight change only recombines. Runs in the scoring worker; the main thread runs the same
 * code when workers are unavailable.
 */
import { CLASSIFIER_VERSION, extractEvidence, type ClassifierResult } from '../../../shared/classifier';
import type { BatonDB } from '../db/schema';
import { loadEvents } from '../db/store';

/** Where the last score() call spent its time, summed over the sessions it extracted (ms). */
export interface ScoringTimings {
  readMs: number;
  extractMs: number;
  writeMs: number;
  extracted: number;
}

export interface ScoringEngine {
  /** Cached or freshly extracted results for these sessions (missing sessions are left out). */
  score(ids: string[]): Promise<Record<string, ClassifierResult>>;
  /** The phases of the last score() call (for the benchmark). */
  timings(): ScoringTimings;
  ping(): string;
}

export function createScoringEngine(database: () => BatonDB): ScoringEngine {
  let last: ScoringTimings = { readMs: 0, extractMs: 0, writeMs: 0, extracted: 0 };
  return {
    async score(ids) {
      const db = database();
      const t: ScoringTimings = { readMs: 0, extractMs: 0, writeMs: 0, extracted: 0 };
      last = t;
      const out: Record<string, ClassifierResult> = {};
      const cached = await db.scores.bulkGet(ids.map((id) => [id, CLASSIFIER_VERSION] as [string, string]));
      const missing: string[] = [];
      ids.forEach((id, i) => {
        const row = cached[i];
        if (row) out[id] = row.result as ClassifierResult;
        else missing.push(id);
      });
      for (const id of missing) {
        const t0 = performance.now();
        const row = await db.sessions.get(id);
        if (!row) continue;
        const events = await loadEvents(db, id);
        const t1 = performance.now();
        const result = extractEvidence({ meta: row.meta, events });
        const t2 = performance.now();
        await db.scores.put({ sid: id, version: CLASSIFIER_VERSION, at: Date.now(), result });
        t.readMs += t1 - t0;
        t.extractMs += t2 - t1;
        t.writeMs += performance.now() - t2;
        t.extracted++;
        out[id] = result;
      }
      return out;
    },
    timings: () => ({ ...last }),
    ping: () => 'pong',
  };
}
