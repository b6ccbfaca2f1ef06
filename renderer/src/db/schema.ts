/**
 * The one place the IndexedDB schema is defined. Versions are append-only: never edit a
 * published version, add a new one with an upgrade function and a test in
 * test/unit/db-schema.test.ts.
 */
import Dexie, { type Table } from 'dexie';
import type { EventCounts, SessionEvent, SessionMeta } from '../../../shared/model/schema';
import type { ImportReport } from '../../../shared/import/types';
import type { AnnotationRow, RatingRow, ReviewerRow } from './review-rows';

export type { AnnotationRow, RatingRow, ReviewerRow } from './review-rows';
import type { EventChunkRow } from './chunks';
import { eventsToChunks } from './migrate-v4';

export const DB_NAME = 'baton';

export interface SessionRow {
  /** Storage id (unique in this library; the archive's own id may repeat). */
  id: string;
  meta: SessionMeta;
  contentHash: string;
  eventCount: number;
  counts: EventCounts;
  importedAt: number;
  problemCount: number;
  reportId?: number;
  /** The import job that stored it (not indexed): a job cancelled as it committed is undone by it. */
  job?: string;
  /** Denormalised for indexes and sorting. */
  title: string;
  startedAt: string;
  format: string;
  taskTitle: string;
  candidateId: string;
  durationMs: number;
}

/** An event as stored up to schema v3 (one row per event); v4 stores chunks (chunks.ts). */
export type EventRow = SessionEvent & { sid: string; seq: number };

/** A session's file; read it with rowBlob or rowBytes (blob-rows.ts). */
export interface BlobRow {
  sid: string;
  id: string;
  mime: string;
  size: number;
  /** A large file, and every file stored before small ones were kept as bytes. */
  data?: Blob;
  /** A small file's bytes (see blob-rows.ts). */
  bytes?: Uint8Array;
}

export interface ReportRow {
  id?: number;
  at: number;
  report: ImportReport;
}

/** A session whose writes are under way; swept at start-up if the app died mid-import. */
export interface StagingRow {
  id: string;
  startedAt: number;
  file: string;
  /** The import job that staged it; its Web Lock is held while the job runs (not indexed). */
  owner?: string;
}

/**
 * The classifier's cached output for one session and classifier version: features and
 * evidence, everything a weight change needs to recombine without re-extracting.
 */
export interface ScoreRow {
  sid: string;
  version: string;
  at: number;
  /** The classifier's JSON-serialisable result (shared/classifier). */
  result: unknown;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * A hiring committee's work on one session (issue 19): the evidence reel as edited, the
 * decision and votes, the presenter's notes. Kept with the session, removed with it.
 */
export interface CommitteeRow {
  sid: string;
  /** shared/committee/reel.ts Reel, checked with parseReel when read. */
  reel?: unknown;
  /** shared/committee/decision.ts Decision, checked when read. */
  decision?: unknown;
  /** Denormalised decision outcome, for the library. */
  outcome?: string;
  notes?: string;
  updatedAt: number;
}

export class BatonDB extends Dexie {
  sessions!: Table<SessionRow, string>;
  events!: Table<EventRow, [string, number]>;
  blobs!: Table<BlobRow, [string, string]>;
  reports!: Table<ReportRow, number>;
  staging!: Table<StagingRow, string>;
  settings!: Table<SettingRow, string>;
  scores!: Table<ScoreRow, [string, string]>;
  committee!: Table<CommitteeRow, string>;
  reviewers!: Table<ReviewerRow, string>;
  annotations!: Table<AnnotationRow, string>;
  ratings!: Table<RatingRow, [string, string]>;
  eventChunks!: Table<EventChunkRow, [string, number]>;

  constructor(name = DB_NAME) {
    super(name);
    // v1: the first published schema.
    this.version(1).stores({
      sessions: 'id, &contentHash, title, startedAt, format, taskTitle, candidateId, importedAt',
      events: '[sid+seq], [sid+t], [sid+kind]',
      blobs: '[sid+id], sid',
      reports: '++id, at',
      staging: 'id, startedAt',
      settings: 'key',
    });
    // v2: cached classifier results per session and classifier version.
    this.version(2).stores({
      scores: '[sid+version], sid',
    });
    // v3: calibration panels. Reviewers, their annotations and ratings, keyed by the
    // session's review hash (shared/review/session-key.ts) so they match across machines.
    this.version(3).stores({
      reviewers: 'id, name',
      annotations: 'id, sessionHash, reviewer, [sessionHash+reviewer]',
      ratings: '[sessionHash+reviewer], sessionHash, reviewer',
    });
    // v4: events in chunk rows (chunks.ts); the per-event rows are moved there and the
    // events table stays, empty, for imports staged before the upgrade (the sweep clears them).
    this.version(4)
      .stores({ eventChunks: '[sid+n], sid' })
      .upgrade(eventsToChunks);
    // v5 (v4 belongs to chunked events): committee reels and decisions.
    this.version(5).stores({
      committee: 'sid, outcome',
    });
    // v6: each chunk's number, time span and event count in one index (read as keys, without
    // the chunk's JSON), so a replay opens from the chunks around its start position
    // (chunk-reader.ts). IndexedDB builds it from the rows already stored: no data moves.
    this.version(6).stores({
      eventChunks: '[sid+n], sid, [sid+n+t0+t1+count]',
    });
  }
}

let instance: BatonDB | undefined;

/** The app's database (one per JS realm: the page and the import worker each open it). */
export function db(): BatonDB {
  instance ??= new BatonDB();
  return instance;
}

/** For tests: point db() at another database. */
export function setDb(next: BatonDB): void {
  instance = next;
}
