import type { BatonDB, SessionRow } from './schema';

/** Limits of the session model (shared/model/schema.ts): a display name, a task title. */
export const NAME_MAX = 200;
export const TASK_TITLE_MAX = 1000;

export interface SessionNames {
  /** The candidate's name as reviewers know it; empty shows the log's own id again. */
  candidateName: string;
  taskTitle: string;
}

/**
 * Sets who the candidate was and what the task was called. Kept in the session's metadata
 * (so an exported .baton carries them) and in the library's denormalised columns. Real logs
 * carry no name: this is how a reviewer says whose session it is.
 */
export async function setSessionNames(database: BatonDB, sid: string, names: SessionNames): Promise<SessionRow> {
  const candidateName = names.candidateName.trim().slice(0, NAME_MAX);
  const taskTitle = names.taskTitle.trim().slice(0, TASK_TITLE_MAX);
  let saved: SessionRow | undefined;
  await database.transaction('rw', database.sessions, async () => {
    const row = await database.sessions.get(sid);
    if (!row) throw new Error('That session is no longer in the library.');
    const { displayName: _old, ...candidate } = row.meta.candidate;
    const meta = { ...row.meta, candidate: candidateName ? { ...candidate, displayName: candidateName } : candidate, task: { ...row.meta.task, title: taskTitle } };
    saved = { ...row, meta, taskTitle };
    await database.sessions.put(saved);
  });
  return saved!;
}
