/**
 * Each running import job has a worker of its own (a worker whose job ended normally is
 * kept for the next one). Cancel terminates the job's worker, whatever it is doing (a
 * synchronous loop over a hostile file never looks at an AbortSignal), then removes what the
 * job wrote and reports the job cancelled: Cancel returns as soon as that cleanup is done,
 * and the next import never waits behind a cancelled one. A worker that dies on its own
 * (out of memory) is handled the same way, reported as failed.
 */
import type { ImportLimits } from '../../../shared/import/limits';
import type { ImportProgress, ImportReport } from '../../../shared/import/types';
import type { BatonDB } from '../db/schema';
import { purgeJob, saveReport } from '../db/store';
import type { ImportOutcome, Turn } from './engine';
import { FOLDER_JOBS_AT_ONCE } from './in-order';

export interface JobWorker {
  importFile(jobId: string, file: File, limits: Partial<ImportLimits> | undefined, onProgress: (p: ImportProgress) => void, companions?: { file: File; lane: string }[], turn?: Turn): Promise<ImportOutcome>;
  terminate(): void;
  /** Called when the worker dies on its own, with a short reason. */
  onCrash(cb: (reason: string) => void): void;
}

function endedReport(file: File, status: 'cancelled' | 'failed', message: string): ImportReport {
  return { file: file.name, bytes: file.size, format: 'unknown', status, message, sessions: [], problems: [], problemsOmitted: 0, contentHash: '', durationMs: 0 };
}

export class WorkerJobs {
  private readonly running = new Map<string, (status: 'cancelled' | 'failed', reason?: string) => Promise<void>>();
  /**
   * Workers whose job ended normally, kept for the next jobs (a folder of files starts as
   * many workers as it runs jobs at once, not one per file).
   */
  private idle: { worker: JobWorker; dead: boolean }[] = [];

  constructor(
    private readonly spawn: () => JobWorker,
    private readonly database: () => BatonDB,
  ) {}

  importFile(jobId: string, file: File, limits: Partial<ImportLimits> | undefined, onProgress: (p: ImportProgress) => void, companions?: { file: File; lane: string }[], turn?: Turn): Promise<ImportOutcome> {
    let slot = this.idle.pop();
    if (!slot || slot.dead) {
      const fresh = { worker: this.spawn(), dead: false };
      fresh.worker.onCrash(() => (fresh.dead = true));
      slot = fresh;
    }
    const { worker } = slot;
    const reusable = slot;
    return new Promise<ImportOutcome>((resolve, reject) => {
      let settled = false;
      /** Ends the job; `keep` offers its worker to the next job (only after a normal end). */
      const settle = (keep: boolean) => {
        if (settled) return false;
        settled = true;
        this.running.delete(jobId);
        if (keep && !reusable.dead && this.idle.length < FOLDER_JOBS_AT_ONCE) this.idle.push(reusable);
        else worker.terminate();
        return true;
      };
      const stop = async (status: 'cancelled' | 'failed', reason?: string) => {
        if (!settle(false)) return;
        const message = status === 'cancelled' ? `${file.name}: import cancelled; nothing was stored` : `${file.name}: the import stopped (${reason ?? 'the worker ended'}); nothing was stored`;
        try {
          await purgeJob(this.database(), jobId);
          const report = endedReport(file, status, message);
          resolve({ report, reportId: await saveReport(this.database(), report) });
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
      this.running.set(jobId, stop);
      worker.onCrash((reason) => void stop('failed', reason));
      worker.importFile(jobId, file, limits, onProgress, companions, turn).then(
        (out) => {
          if (settle(true)) resolve(out);
        },
        (e: unknown) => {
          if (settle(false)) reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** Stops the job's worker and removes what it wrote; resolves once that is done. */
  async cancel(jobId: string): Promise<void> {
    await this.running.get(jobId)?.('cancelled');
  }

  get size(): number {
    return this.running.size;
  }

  /** Ends the idle workers. */
  dispose(): void {
    for (const slot of this.idle) slot.worker.terminate();
    this.idle = [];
  }
}
