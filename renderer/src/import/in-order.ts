/**
 * A folder's files imported a few at a time, stored in order: while one file commits (its
 * IndexedDB round trips, the report, the main thread's bookkeeping) the next is already
 * being read and parsed. Each file stays one job with its own progress and its own Cancel;
 * each job's turn to commit comes when the job started before it has ended, however it
 * ended, so sessions land, and jobs finish, in the folder's order.
 */
import type { Turn } from './engine';

/** Jobs of a folder running at once: on two cores, one parsing while the other commits. */
export const FOLDER_JOBS_AT_ONCE = 2;

export class InOrder {
  private readonly running = new Set<Promise<void>>();
  private previous: Promise<void> = Promise.resolve();

  constructor(private readonly atOnce = FOLDER_JOBS_AT_ONCE) {}

  /** Resolves when another job may start. */
  async slot(): Promise<void> {
    while (this.running.size >= this.atOnce) await Promise.race(this.running);
  }

  /** Starts `job` (call slot() first); its `turn` resolves once the job started before it has ended. */
  start(job: (turn: Turn) => Promise<unknown>): void {
    const before = this.previous;
    const ended = job(() => before).then(
      () => undefined,
      () => undefined,
    );
    this.previous = ended;
    this.running.add(ended);
    void ended.then(() => this.running.delete(ended));
  }

  /** Resolves when every job started has ended. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }
}
