/**
 * The import engine: runs the shared pipeline into IndexedDB. Lives in the import worker;
 * the main thread runs the same code when workers are unavailable.
 */
import { importSource, isQuotaError, plainReason } from '../../../shared/import/pipeline';
import type { ImportLimits } from '../../../shared/import/limits';
import { ImportCancelled, type ImportProgress, type ImportReport } from '../../../shared/import/types';
import type { BatonDB } from '../db/schema';
import { directChunkWrite, DexieSink, purgeSession, saveReport, sweepStaging } from '../db/store';
import { commitImport, type ReadySession } from '../db/commit';
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

/** Resolves when a job may commit: the job started before it (in a folder) has ended. */
export type Turn = () => Promise<void>;

export interface ImportEngine {
  /**
   * `companions`: subagent files of a Claude Code transcript, imported into the same
   * session. `turn`: awaited before the job's sessions are checked for duplicates and
   * committed (files read at the same time still commit in order).
   */
  importFile(jobId: string, file: File, limits: Partial<ImportLimits> | undefined, onProgress: (p: ImportProgress) => void, companions?: { file: File; lane: string }[], turn?: Turn): Promise<ImportOutcome>;
  cancel(jobId: string): void;
  /** Removes the remains of imports interrupted by a crash or a closed window. */
  sweep(): Promise<number>;
  ping(): string;
}

/**
 * Lists the import's sessions and keeps its report in one transaction. If that fails, the
 * sessions are removed and a report saying so is kept instead: never a session without its
 * report, nor a report of sessions that are not there.
 */
async function commitOrUndo(database: BatonDB, report: ImportReport, ready: readonly ReadySession[]): Promise<ImportOutcome> {
  try {
    return { report, reportId: await commitImport(database, ready, report) };
  } catch (e) {
    if (ready.length === 0) throw e;
    for (const r of ready) await purgeSession(database, r.row.id);
    const message = isQuotaError(e)
      ? `${report.file}: the disk is full — free some space or delete sessions, then import again; nothing was stored`
      : `${report.file}: could not be imported (${plainReason(e)}); nothing was stored`;
    const failed: ImportReport = { ...report, status: 'failed', message, sessions: [] };
    return { report: failed, reportId: await saveReport(database, failed) };
  }
}

/** The job's turn, then a check that it was not cancelled while it waited (the main-thread engine's Cancel). */
function afterTurn(turn: Turn | undefined, signal: AbortSignal): Turn {
  return async () => {
    await turn?.();
    if (signal.aborted) throw new ImportCancelled();
  };
}

export function createImportEngine(database: () => BatonDB): ImportEngine {
  const controllers = new Map<string, AbortController>();
  /** One chunk writer for every job this engine runs (a folder's files share it). */
  let chunkWrite: Promise<ChunkWrite> | undefined;
  return {
    async importFile(jobId, file, limits, onProgress, companions = [], turn) {
      const ctrl = new AbortController();
      controllers.set(jobId, ctrl);
      try {
        return await holdingJobLock(jobId, async () => {
          // A small file's few chunks are written on this thread: the writer's hand-over costs
          // more than the overlap gains when there is hardly anything to overlap.
          const offThread = file.size >= OFF_THREAD_MIN_BYTES ? await (chunkWrite ??= workerChunkWrite(directChunkWrite(database()))) : undefined;
          const ready: ReadySession[] = [];
          const sink = new DexieSink(database(), file.name, undefined, jobId, undefined, offThread, { ready, turn: afterTurn(turn, ctrl.signal) });
          const report = await importSource(file, sink, { limits, onProgress, signal: ctrl.signal, companions: companions.map((c) => ({ source: c.file, lane: c.lane })) });
          return await commitOrUndo(database(), report, report.status === 'imported' ? ready : []);
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
