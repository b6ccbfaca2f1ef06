/**
 * Web Locks name the import jobs that are running, in any tab or window of this origin: a
 * job holds `baton-import:<jobId>` while it stages writes, and the lock goes away with the
 * job's worker or page, however they end. The start-up sweep leaves alone what a held lock
 * owns. Without Web Locks (very old browsers) every staged row counts as abandoned.
 */
const PREFIX = 'baton-import:';

interface LockManagerLike {
  request<T>(name: string, cb: () => Promise<T>): Promise<T>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

function locks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}

/** Runs `job` holding the lock that marks `jobId` as running. */
export function holdingJobLock<T>(jobId: string, job: () => Promise<T>): Promise<T> {
  const lm = locks();
  return lm ? lm.request(PREFIX + jobId, job) : job();
}

/** Whether each job id is running somewhere right now. */
export async function runningJobs(): Promise<(owner: string) => boolean> {
  const lm = locks();
  if (!lm) return () => false;
  const held = new Set(((await lm.query()).held ?? []).map((l) => l.name ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length)));
  return (owner) => held.has(owner);
}
