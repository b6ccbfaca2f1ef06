/**
 * What one scoring job does (in a worker thread, or in-process as a fallback): import a file
 * (with its subagent companions) through the shared pipeline, extract the classifier's
 * evidence for every session in it. Weights are applied by the caller (combine is cheap).
 */
import { extractEvidence, type ClassifierResult } from '../../shared/classifier';
import { promptLanguage } from '../../shared/classifier/language';
import { MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { fileSource } from './inspect';

export interface ScoreJob {
  path: string;
  companions: { path: string; lane: string }[];
}

export interface ScoredFile {
  path: string;
  error?: string;
  sessions: { id: string; title: string; events: number; result: ClassifierResult; /** false when the candidate's prompts are not in English (language.ts): the scores understate the session. */ promptsInEnglish: boolean }[];
}

export async function scoreJob(job: ScoreJob): Promise<ScoredFile> {
  try {
    const sink = new MemorySink(true);
    const companions = await Promise.all(job.companions.map(async (c) => ({ source: await fileSource(c.path), lane: c.lane })));
    const report = await importSource(await fileSource(job.path), sink, { companions });
    if (report.status !== 'imported' && report.status !== 'duplicate') return { path: job.path, error: report.message ?? report.status, sessions: [] };
    return {
      path: job.path,
      sessions: [...sink.sessions.values()].map((s) => ({ id: s.info.meta.id, title: s.info.meta.title, events: s.events.length, result: extractEvidence({ meta: s.info.meta, events: s.events }), promptsInEnglish: promptLanguage(s.events).english })),
    };
  } catch (e) {
    return { path: job.path, error: (e as Error).message, sessions: [] };
  }
}
