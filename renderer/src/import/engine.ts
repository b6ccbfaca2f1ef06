/**
 * The import engine: runs the shared pipeline into IndexedDB. Lives in the import worker;
 * the main thread runs the same code when workers are unavailable.
 */
import { importSource } from '../../../shared/import/pipeline';
import type { ImportLimits } from '../../../shared/import/limits';
import type { ImportProgress, ImportReport } from '../../../shared/import/types';
import type { BatonDB } from '../db/schema';
import { directChunkWrite, DexieSink, saveReport, sweepStaging } from '../db/store';
import { holdingJobLock, runningJobs } from './locks';
import { workerChunkWrite } from './chunk-writer';
import type { ChunkWrite } from '../db/write-queue';

/**
 * Files from this size on store their chunks from the writer worker (chunk-writer.ts): a
 * compressed archive of 512 KiB holds about 5 MiB of events (five chunks or more). Below it
 * the hand-over cost more than the overlap saved: a folder of generated 2–4 MB sessions
 * (330 KiB archives) used 3–10% more renderer CPU with it.
 */
export const OFF_THREAD_MIN_BYTES = 512 << 10;

export interface ImportOutcome {
  report: ImportReport;
  reportId: number;
}

export interface ImportEngine {
  /** `companions`: subagent files of a Claude Code transcript, imported into the same session. */
  importFile(jobId: string, file: File, limits: Partial<ImportLimits> | undefined, onProgress: (p: ImportProgress) => void, companions?: { file: File; lane: string }[]): Promise<ImportOutcome>;
  cancel(jobId: string): void;
  /** Removes the remains of imports interrupted by a crash or a closed window. */
  sweep(): Promise<number>;
  ping(): string;
}

export function createImportEngine(database: () => BatonDB): ImportEngine {
  const controllers = new Map<string, AbortController>();
  /** One chunk writer for every job this engine runs (a folder's files share it). */
  let chunkWrite: Promise<ChunkWrite> | undefined;
  return {
    async importFile(jobId, file, limits, onProgress, companions = []) {
      const ctrl = new AbortController();
      controllers.set(jobId, ctrl);
      try {
        return await holdingJobLock(jobId, async () => {
          // A small file's few chunks are written on this thread: the writer's hand-over costs
          // more than the overlap gains when there is hardly anything to overlap.
          const offThread = file.size >= OFF_THREAD_MIN_BYTES ? await (chunkWrite ??= workerChunkWrite(directChunkWrite(database()))) : undefined;
          const sink = new DexieSink(database(), file.name, undefined, jobId, undefined, offThread);
          const report = await importSource(file, sink, { limits, onProgress, signal: ctrl.signal, companions: companions.map((c) => ({ source: c.file, lane: c.lane })) });
          const reportId = await saveReport(database(), report);
          return { report, reportId };
        });
      } finally {
        controllers.delete(jobId);
      }
    },
    cancel(jobId) {
      controllers.get(jobId)?.abort();
    },
    sweep: () => sweepStaging(database(), runningJobs),
    ping: () => 'pong',
  };
}
