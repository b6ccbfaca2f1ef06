/**
 * The last step of an import: its sessions listed in the library, together with the import
 * report, in one transaction. A session appears with its report or not at all; the staging
 * marker goes in the same transaction, so until then a crash, a failure or Cancel leaves
 * nothing but staged rows that the purge or the start-up sweep removes.
 */
import type { CommitInfo, ImportReport } from '../../../shared/import/types';
import type { Reel } from '../../../shared/committee/reel';
import type { BatonDB, SessionRow } from './schema';

/** A session whose events and files are stored, ready to be listed with its report. */
export interface ReadySession {
  row: SessionRow;
  reel?: Reel;
}

/** The library row of a session imported by `job`. */
export function sessionRow(sid: string, info: CommitInfo, job: string | undefined): SessionRow {
  return {
    id: sid,
    meta: info.meta,
    contentHash: info.contentHash,
    eventCount: info.eventCount,
    counts: info.counts,
    importedAt: Date.now(),
    problemCount: info.problems.length + info.problemsOmitted,
    title: info.meta.title,
    startedAt: info.meta.startedAt,
    format: info.meta.source.format,
    taskTitle: info.meta.task.title,
    candidateId: info.meta.candidate.id,
    durationMs: info.meta.durationMs,
    ...(job ? { job } : {}),
  };
}

/** The first stored session with these bytes, if any (read inside the caller's transaction). */
export async function storedWithHash(database: BatonDB, contentHash: string): Promise<SessionRow | undefined> {
  return database.sessions.where('contentHash').equals(contentHash).first();
}

/** Thrown when a session with the same bytes was stored after the ready session was checked. */
export class StoredMeanwhile extends Error {
  constructor() {
    super('a session with the same content was stored at the same time');
    this.name = 'StoredMeanwhile';
  }
}

/** The tables listing a session touches: run listSession in a transaction over these. */
export function listingTables(database: BatonDB) {
  return [database.sessions, database.staging, database.reports, database.committee];
}

/** A session whose events and files are stored, as commit() describes it. */
export function readySession(sid: string, info: CommitInfo, job: string | undefined): ReadySession {
  return { row: sessionRow(sid, info, job), ...(info.reel ? { reel: info.reel } : {}) };
}

/**
 * Lists one ready session, inside the caller's transaction (over listingTables): its row
 * (linked to its report when there is one), its reel, and the end of its staging.
 */
export async function listSession(database: BatonDB, r: ReadySession, reportId?: number): Promise<void> {
  await database.sessions.add({ ...r.row, importedAt: Date.now(), ...(reportId !== undefined ? { reportId } : {}) });
  // The evidence reel a .baton archive carried is saved with the session, as committee mode saves it.
  if (r.reel) await database.committee.put({ sid: r.row.id, reel: r.reel, updatedAt: Date.now() });
  await database.staging.delete(r.row.id);
}

/**
 * Lists `ready` sessions (their report linked) and keeps `report`, in one transaction;
 * returns the report's id. Throws (and stores nothing) if any of them would now be a
 * duplicate.
 */
export async function commitImport(database: BatonDB, ready: readonly ReadySession[], report: ImportReport): Promise<number> {
  return database.transaction('rw', listingTables(database), async () => {
    for (const r of ready) if (await storedWithHash(database, r.row.contentHash)) throw new StoredMeanwhile();
    const reportId = await database.reports.add({ at: Date.now(), report });
    for (const r of ready) await listSession(database, r, reportId);
    return reportId;
  });
}
