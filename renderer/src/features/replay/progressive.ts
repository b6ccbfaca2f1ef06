/**
 * Opening a replay progressively (issue 20): the first screen is built from the chunks around
 * the start position (a few thousand events: one IndexedDB read, a few milliseconds of
 * JSON.parse), and the rest of the session loads behind it, a chunk at a time with a yield to
 * the page between chunks, until the whole session replaces the window. A seek outside the
 * window before then loads the chunks around the new time first.
 */
import type { SessionEvent } from '../../../../shared/model/schema';
import { buildSessionIndex } from '../../../../shared/replay/index';
import { joinInTimeOrder, sliceWindow, windowAt, type ChunkSpan } from '../../../../shared/replay/chunk-window';
import { rowBlob } from '../../db/blob-rows';
import { chunkSpans, parseChunk, readChunkJson } from '../../db/chunk-reader';
import { db, type BatonDB, type SessionRow } from '../../db/schema';
import { loadEvents } from '../../db/store';
import type { LoadedSession, SessionLoading } from './types';

/** Sessions of at most this many chunks load whole: a window would save next to nothing. */
const WHOLE_UP_TO = 3;
/**
 * The first screen reads the chunk holding the start position alone (about 1 MiB, some 1,400
 * events: far more than a screen shows); its neighbours come with the rest behind the paint.
 */
const FIRST_SPREAD = 0;
/** Chunks read per IndexedDB request in the background (one request's values arrive at once). */
const BATCH = 4;

export type Pace = () => Promise<void>;

/** Lets the page handle input and paint: scheduler.yield() where there is one (no 4 ms clamp). */
function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * The background load's pace: a yield between chunks. Tests that need the window to stay a
 * window (seek and find before the load completes) hold the load with `__batonHoldLoad`.
 */
export async function backgroundPace(): Promise<void> {
  await yieldToPage();
  while ((globalThis as { __batonHoldLoad?: boolean }).__batonHoldLoad) await new Promise((r) => setTimeout(r, 50));
}

type BlobReader = LoadedSession['loadBlob'];

/** What a stopped loader's reads reject with: the replay that wanted them was left. */
export class LoadStopped extends Error {
  constructor() {
    super('the replay was left before its session finished loading');
    this.name = 'LoadStopped';
  }
}

/** A `.catch` for a stopped loader's reads: LoadStopped is expected, anything else is not. */
export function ignoreStopped(err: unknown): void {
  if (!(err instanceof LoadStopped)) throw err;
}


/** Reads a session's stored files on demand, each once (small ones are kept as bytes in their row, large ones as Blobs). */
export function blobReader(database: BatonDB, sid: string): BlobReader {
  const cache = new Map<string, Promise<Blob | undefined>>();
  return (blobId) => {
    let p = cache.get(blobId);
    if (!p) {
      p = database.blobs.get([sid, blobId]).then((b) => (b ? rowBlob(b) : undefined));
      cache.set(blobId, p);
    }
    return p;
  };
}

function session(row: SessionRow, events: SessionEvent[], loadBlob: BlobReader, loading?: SessionLoading): LoadedSession {
  return { row, meta: row.meta, events, index: buildSessionIndex(events), loadBlob, ...(loading ? { loading } : {}) };
}

/** Loads one session's chunks: windows on demand, then all of them. */
export class SessionLoader {
  private readonly pending = new Map<number, Promise<SessionEvent[]>>();
  private readonly parsed = new Map<number, SessionEvent[]>();
  private readonly listeners = new Set<(loaded: number) => void>();
  private loadedEvents = 0;
  private stopped = false;
  readonly total: number;
  readonly end: number;

  constructor(
    private readonly database: BatonDB,
    readonly row: SessionRow,
    readonly spans: readonly ChunkSpan[],
    private readonly loadBlob: BlobReader,
  ) {
    this.total = spans.reduce((s, c) => s + c.count, 0);
    this.end = spans.reduce((m, c) => Math.max(m, c.t1), -Infinity);
  }

  /** Events parsed so far. */
  get loaded(): number {
    return this.loadedEvents;
  }

  onProgress(cb: (loaded: number) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /**
   * Stops loading for good (the reviewer left the replay): no chunk is read or parsed after
   * this, and `window()` and `all()` reject with LoadStopped. Without it a 100,000-event
   * session left during its load would go on reading and parsing 70 MB behind the next screen.
   */
  stop(): void {
    this.stopped = true;
    this.parsed.clear();
  }

  /** The background parses, one after another: one chunk per turn of the page. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * Starts reading the chunks not read or being read. With `pace` (the background load) each
   * parse waits its turn in the queue and yields to the page first; without (a window the
   * screen waits for) they parse as soon as read.
   */
  private fetch(ns: readonly number[], pace?: Pace): void {
    if (this.stopped) throw new LoadStopped();
    const want = ns.filter((n) => !this.pending.has(n));
    if (!want.length) return;
    const json = readChunkJson(this.database, this.row.id, want);
    want.forEach((n, i) => {
      const parse = async () => {
        if (pace) await pace();
        if (this.stopped) throw new LoadStopped();
        const evs = parseChunk((await json)[i]!);
        this.parsed.set(n, evs);
        this.loadedEvents += evs.length;
        for (const cb of this.listeners) cb(this.loadedEvents);
        return evs;
      };
      const p = pace ? Promise.all([json, this.queue]).then(parse) : json.then(parse);
      if (pace) this.queue = p.catch(() => undefined);
      // A read nobody awaits any more (the loader was stopped) must not surface as unhandled.
      p.catch(() => undefined);
      this.pending.set(n, p);
    });
  }

  private async chunks(ns: readonly number[]): Promise<Map<number, SessionEvent[]>> {
    return new Map(await Promise.all(ns.map(async (n) => [n, await this.pending.get(n)!] as const)));
  }

  /** The events around time t (every event in the window's range: its chunk and `spread` chunks either side), as a session still loading. */
  async window(t: number, spread = 1): Promise<LoadedSession> {
    const win = windowAt(this.spans, t, spread);
    this.fetch(win.chunks);
    const { events, offset } = sliceWindow(this.spans, await this.chunks(win.chunks), win);
    return session(this.row, events, this.loadBlob, { from: win.from, to: win.to, offset, total: this.total, end: this.end });
  }

  /** Every event: the chunks not loaded yet, a batch per read, a yield between chunks. */
  async all(pace: Pace = backgroundPace): Promise<LoadedSession> {
    const ns = [...this.spans].sort((a, b) => a.n - b.n).map((c) => c.n);
    this.fetch(ns.slice(0, BATCH), pace);
    for (let i = 0; i < ns.length; i += BATCH) {
      // The next read is under way while this batch parses.
      this.fetch(ns.slice(i + BATCH, i + 2 * BATCH), pace);
      await this.chunks(ns.slice(i, i + BATCH));
    }
    if (this.stopped) throw new LoadStopped();
    const events = joinInTimeOrder(ns.map((n) => this.parsed.get(n)!));
    this.parsed.clear();
    this.pending.clear();
    return session(this.row, events, this.loadBlob);
  }
}

/**
 * Opens a stored session for replay at time `start` (resolved alongside the reads): the whole
 * session when it is small (or its chunk index disagrees with its row, which then costs only
 * time), else the window around `start` and the loader for the rest.
 */
export async function openSession(id: string, start: Promise<number | undefined>): Promise<{ first: LoadedSession; loader?: SessionLoader } | undefined> {
  const database = db();
  const [row, spans, t] = await Promise.all([database.sessions.get(id), chunkSpans(database, id), start]);
  if (!row) return undefined;
  const loadBlob = blobReader(database, id);
  const counted = spans.reduce((s, c) => s + c.count, 0);
  if (spans.length <= WHOLE_UP_TO || counted !== row.eventCount) return { first: session(row, await loadEvents(database, id), loadBlob) };
  const loader = new SessionLoader(database, row, spans, loadBlob);
  return { first: await loader.window(t ?? 0, FIRST_SPREAD), loader };
}
