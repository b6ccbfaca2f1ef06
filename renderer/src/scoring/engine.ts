/**
 * Scoring in the renderer: extracts the classifier's evidence for stored sessions and caches
 * it in IndexedDB per session and classifier version, so a session is extracted once and a
 * weight change only recombines. Runs in the scoring worker; the main thread runs the same
 * code when workers are unavailable.
 */
import { CLASSIFIER_VERSION, extractEvidence, type ClassifierResult } from '../../../shared/classifier';
import type { BatonDB } from '../db/schema';
import { loadEvents } from '../db/store';

export interface ScoringEngine {
  /** Cached or freshly extracted results for these sessions (missing sessions are left out). */
  score(ids: string[]): Promise<Record<string, ClassifierResult>>;
  ping(): string;
}

export function createScoringEngine(database: () => BatonDB): ScoringEngine {
  return {
    async score(ids) {
      const db = database();
      const out: Record<string, ClassifierResult> = {};
      const cached = await db.scores.bulkGet(ids.map((id) => [id, CLASSIFIER_VERSION] as [string, string]));
      const missing: string[] = [];
      ids.forEach((id, i) => {
        const row = cached[i];
        if (row) out[id] = row.result as ClassifierResult;
        else missing.push(id);
      });
      for (const id of missing) {
        const row = await db.sessions.get(id);
        if (!row) continue;
        const events = await loadEvents(db, id);
        events.sort((a, b) => a.t - b.t || a.seq - b.seq);
        const result = extractEvidence({ meta: row.meta, events });
        await db.scores.put({ sid: id, version: CLASSIFIER_VERSION, at: Date.now(), result });
        out[id] = result;
      }
      return out;
    },
    ping: () => 'pong',
  };
}
