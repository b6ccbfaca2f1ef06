import Dexie from 'dexie';
import type { SessionEvent } from '../../../shared/model/schema';
import type { CommitInfo, ImportReport, SessionSink, SessionWriter } from '../../../shared/import/types';
import type { BatonDB, BlobRow, SessionRow } from './schema';
import { listingTables, listSession, readySession, storedWithHash, type ReadySession } from './commit';
import { ChunkPacker, chunkBuffers, chunkRow, fromChunks } from './chunks';
import { blobRow } from './blob-rows';
import { WriteQueue, type ChunkWrite } from './write-queue';

/** Small files are written in batches of up to this many bytes or rows. */
const BLOB_BATCH_BYTES = 4 << 20;
const BLOB_BATCH_ROWS = 256;

function newId(): string {
  return crypto.randomUUID();
}

function sidRange(sid: string): [[string, unknown], [string, unknown]] {
  return [
    [sid, Dexie.minKey],
    [sid, Dexie.maxKey],
  ];
}

/** Removes every trace of a session id: events, blobs, cached scores, committee record, staging marker, session row. */
export async function purgeSession(database: BatonDB, sid: string): Promise<void> {
  await database.transaction('rw', [database.eventChunks, database.events, database.blobs, database.scores, database.staging, database.sessions, database.committee], async () => {
    const [lo, hi] = sidRange(sid);
    await database.eventChunks.where('sid').equals(sid).delete();
    // Per-event rows of an import staged before schema v4.
    await database.events.where('[sid+seq]').between(lo, hi, true, true).delete();
    await database.blobs.where('sid').equals(sid).delete();
    await database.scores.where('sid').equals(sid).delete();
    await database.committee.delete(sid);
    await database.staging.delete(sid);
    await database.sessions.delete(sid);
  });
}

/**
 * Sweeps sessions whose import never committed (the app closed or crashed mid-import).
 * `running` says whether a job still runs (in this tab, another tab or another window: its
 * Web Lock is held); its staged writes are left alone, so a second tab starting up never
 * deletes the first tab's import in flight.
 */
export async function sweepStaging(database: BatonDB, runningJobs: () => Promise<(owner: string) => boolean> = async () => () => false): Promise<number> {
  // Rows first, then the locks: a job that staged a row took its lock before, so if it
  // still runs, the lock shows it.
  const rows = await database.staging.toArray();
  const running = await runningJobs();
  let swept = 0;
  for (const s of rows) if ((s.owner === undefined || !running(s.owner)) && (await purgeIfStaged(database, s.id))) swept++;
  return swept;
}

/** Purges a session only while it is still staged: one that committed meanwhile is kept. */
async function purgeIfStaged(database: BatonDB, sid: string): Promise<boolean> {
  return database.transaction('rw', [database.eventChunks, database.events, database.blobs, database.scores, database.staging, database.sessions, database.committee], async () => {
    if (!(await database.staging.get(sid))) return false;
    await purgeSession(database, sid);
    return true;
  });
}

/**
 * Removes everything one import job wrote, staged or committed (after its worker was
 * stopped): a cancelled import leaves nothing, even when Cancel came as it committed.
 */
export async function purgeJob(database: BatonDB, owner: string): Promise<number> {
  const staged = (await database.staging.toArray()).filter((s) => s.owner === owner).map((s) => s.id);
  const stored = (await database.sessions.toArray()).filter((s) => s.job === owner).map((s) => s.id);
  for (const id of [...staged, ...stored]) await purgeSession(database, id);
  return staged.length + stored.length;
}

/**
 * The IndexedDB sink. Events (in chunks: chunks.ts) and blobs are written in batches under a staging marker; the
 * session row appears only in the final commit transaction, which also removes the marker,
 * so readers never see a partial session. Abort (or the start-up sweep) removes the rest.
 */
export class DexieSink implements SessionSink {
  constructor(
    private readonly database: BatonDB,
    private readonly fileName: string,
    /** Hook for tests: called before each batch write. */
    private readonly beforeWrite?: (batchIndex: number) => void,
    /** The import job staging these writes (see sweepStaging). */
    private readonly owner?: string,
    /** Events per chunk at most; tests set fewer to store a small session in many chunks. */
    private readonly chunkEvents?: number,
    /** Stores chunk rows (the import worker passes a writer on another thread: chunk-writer.ts). */
    private readonly chunkWrite?: ChunkWrite,
    /**
     * When given, commit() leaves its session staged and adds it to `ready`: the import
     * engine lists the file's sessions with their report in one transaction (commitImport).
     * `turn` resolves when this job may commit (the folder's earlier files have).
     */
    private readonly staged?: { ready: ReadySession[]; turn?: () => Promise<void> },
  ) {}

  async begin(): Promise<SessionWriter> {
    const database = this.database;
    const sid = newId();
    /** Chunks fill across batches; the last, partial one is written at commit. */
    const packer = new ChunkPacker(sid, 0, this.chunkEvents);
    /** Chunk writes run while reading goes on; the commit waits for every one of them. */
    const chunks = new WriteQueue(this.chunkWrite ?? directChunkWrite(database));
    let batches = 0;
    let finished = false;
    /** With `staged`: this session, checked and waiting for commitImport. */
    let ready: ReadySession | undefined;
    /** Small files waiting to be written together (one transaction, not one per file). */
    let pendingBlobs: BlobRow[] = [];
    let pendingBytes = 0;
    const flushBlobs = async () => {
      if (pendingBlobs.length === 0) return;
      const rows = pendingBlobs;
      pendingBlobs = [];
      pendingBytes = 0;
      await database.blobs.bulkPut(rows);
    };
    await database.staging.put({ id: sid, startedAt: Date.now(), file: this.fileName, ...(this.owner ? { owner: this.owner } : {}) });
    const writer: SessionWriter = {
      events: async (batch: SessionEvent[], texts) => {
        this.beforeWrite?.(batches++);
        const rows = packer.add(batch, texts);
        if (rows.length) await chunks.add(rows);
      },
      blob: async (id, data, mime) => {
        const row = blobRow(sid, id, data, mime);
        if (row.data) return void (await database.blobs.put(row));
        pendingBlobs.push(row);
        pendingBytes += row.size;
        if (pendingBytes >= BLOB_BATCH_BYTES || pendingBlobs.length >= BLOB_BATCH_ROWS) await flushBlobs();
      },
      commit: async (info: CommitInfo) => {
        const last = packer.flush();
        if (last.length) await chunks.add(last);
        await flushBlobs();
        await chunks.settle();
        const staged = this.staged;
        if (staged) {
          // Files of a folder commit in the folder's order, whatever order they finish reading in.
          await staged.turn?.();
          const existing = await storedWithHash(database, info.contentHash);
          if (existing) {
            finished = true;
            await purgeSession(database, sid);
            return { status: 'duplicate' as const, existingId: existing.id };
          }
          // Listed later, with the report (commitImport); until then it stays staged, and abort() purges it.
          ready = readySession(sid, info, this.owner);
          staged.ready.push(ready);
          return { status: 'stored' as const, id: sid };
        }
        // Without `staged` (a sink used on its own): listed at once, without a report.
        const result = await database.transaction('rw', listingTables(database), async () => {
          const existing = await storedWithHash(database, info.contentHash);
          if (existing) return { status: 'duplicate' as const, existingId: existing.id };
          await listSession(database, readySession(sid, info, this.owner));
          return { status: 'stored' as const, id: sid };
        });
        if (result.status === 'duplicate') await purgeSession(database, sid);
        finished = true;
        return result;
      },
      abort: async () => {
        if (finished) return;
        finished = true;
        pendingBlobs = [];
        const list = this.staged?.ready ?? [];
        if (ready && list.includes(ready)) list.splice(list.indexOf(ready), 1);
        // A write still running is done (or failed) before the purge, which then removes it.
        await chunks.settle().catch(() => undefined);
        await purgeSession(database, sid);
      },
    };
    return writer;
  }
}

/**
 * Stores packed chunks on the calling thread. Their buffers go to `release` once the rows are
 * made: by default back to this thread's packers.
 */
export function directChunkWrite(database: BatonDB, release: (buffer: ArrayBufferLike) => void = (b) => chunkBuffers.give(b)): ChunkWrite {
  return async (chunks) => {
    const rows = chunks.map(chunkRow);
    // The rows hold strings of their own: the chunks' buffers can be packed again.
    for (const c of chunks) release(c.bytes.buffer);
    await database.eventChunks.bulkPut(rows);
  };
}

/** Keeps an import report; links it to the sessions it created. */
export async function saveReport(database: BatonDB, report: ImportReport): Promise<number> {
  return database.transaction('rw', [database.reports, database.sessions], async () => {
    const id = await database.reports.add({ at: Date.now(), report });
    for (const s of report.sessions) if (s.status === 'stored') await database.sessions.update(s.id, { reportId: id });
    return id;
  });
}

export async function listSessions(database: BatonDB): Promise<SessionRow[]> {
  return database.sessions.toArray();
}

/** A stored session's events in time order (events at the same moment in import order). */
export async function loadEvents(database: BatonDB, sid: string): Promise<SessionEvent[]> {
  const [lo, hi] = sidRange(sid);
  return fromChunks(await database.eventChunks.where('[sid+n]').between(lo, hi, true, true).toArray());
}

/** How many events the library holds, staged or committed (for tests and diagnostics). */
export async function countStoredEvents(database: BatonDB): Promise<number> {
  let total = await database.events.count();
  await database.eventChunks.each((c) => {
    total += c.count;
  });
  return total;
}
