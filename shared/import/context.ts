import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { countEvents, SessionEvent, type EventCounts, type SessionMetaInput } from '../model/schema';
import type { Reel } from '../committee/reel';
import type { ImportLimits } from './limits';
import { clipEventTexts, clipEventTimes, MAX_SESSION_MS, parseMetaClipped } from './value-limits';
import { describeZodError } from './zod-message';
import { eventUnchangedByZod } from './event-check';
import {
  ImportCancelled,
  type ByteSource,
  type CommitInfo,
  type ImportProgress,
  type Problem,
  type SessionSink,
  type SessionWriter,
} from './types';

/**
 * Files in this size range are hashed with the platform's SHA-256 (WebCrypto) in one call
 * after reading: several times faster than hashing in JavaScript as the bytes stream, which
 * took a third of an import's time. Smaller files hash faster in JavaScript than the async
 * hop costs. The digest is the same SHA-256 either way, so earlier imports still match.
 */
export const NATIVE_HASH_MIN = 256 * 1024;
const NATIVE_HASH_MAX = 64 * 1024 * 1024;

function platformSubtle(): SubtleCrypto | undefined {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  return c?.subtle && typeof c.subtle.digest === 'function' ? c.subtle : undefined;
}

/** Collects problems, keeping the first N and counting the rest. */
export class ProblemLog {
  readonly list: Problem[] = [];
  omitted = 0;
  constructor(private readonly max: number) {}
  add(p: Problem): void {
    if (this.list.length < this.max) this.list.push(p);
    else this.omitted++;
  }
  get total(): number {
    return this.list.length + this.omitted;
  }
}

export { describeZodError } from './zod-message';

/**
 * Builds one session: validates each event, drops duplicates, batches writes to the sink's
 * writer. Nothing becomes visible until the pipeline commits it.
 */
export class SessionBuilder {
  private readonly ids = new Set<string>();
  private batch: SessionEvent[] = [];
  /** Each batched event's JSON (text, or ASCII bytes) when it is stored as read (see add), else undefined. */
  private texts: (string | Uint8Array | undefined)[] = [];
  private pending: Promise<void> = Promise.resolve();
  readonly counts: EventCounts = {};
  eventCount = 0;
  maxT = 0;
  private clippedTimes = 0;

  constructor(
    readonly writer: SessionWriter,
    private readonly problems: ProblemLog,
    private readonly batchSize: number,
    private readonly onEvents: (n: number) => void,
  ) {}

  /**
   * Adds an event. `validate` is false for events an importer built itself from already
   * checked values; archives from outside are always validated. `text` is the JSON the event
   * was parsed from, when the importer has it: an event the schema would keep unchanged
   * (event-check.ts) is then stored as that text, without zod's copy and a re-stringify.
   * `asciiBytes`, when the text was read from a line of ASCII, are that line's bytes: stored
   * as they are, no string copied (the importer must not reuse their buffer).
   */
  add(raw: unknown, where: { file: string; line?: number }, validate = true, text?: string, asciiBytes?: Uint8Array): SessionEvent | undefined {
    let ev: SessionEvent;
    const timeClipped = clipEventTimes(raw);
    if (timeClipped && this.clippedTimes++ === 0) {
      this.problems.add({ ...where, severity: 'warning', reason: `a time past ${MAX_SESSION_MS / 86_400_000} days from the start was clipped to it (later ones are clipped without a warning)` });
    }
    const clippedText = clipEventTexts(raw);
    if (clippedText) this.problems.add({ ...where, severity: 'warning', reason: clippedText });
    // A clipped event no longer matches its text.
    let stored: string | Uint8Array | undefined = timeClipped || clippedText ? undefined : (asciiBytes ?? text);
    if (validate && !(stored !== undefined && eventUnchangedByZod(raw))) {
      stored = undefined;
      const parsed = SessionEvent.safeParse(raw);
      if (!parsed.success) {
        this.problems.add({ ...where, severity: 'warning', reason: `invalid event: ${describeZodError(parsed.error)}` });
        return undefined;
      }
      ev = parsed.data;
    } else {
      ev = raw as SessionEvent;
    }
    if (this.ids.has(ev.id)) {
      this.problems.add({ ...where, severity: 'warning', reason: `duplicate event id "${ev.id}" skipped` });
      return undefined;
    }
    this.ids.add(ev.id);
    this.counts[ev.kind] = (this.counts[ev.kind] ?? 0) + 1;
    this.eventCount++;
    const end = ev.kind === 'narration' ? Math.max(ev.t, ev.endT) : ev.t + (('durationMs' in ev && ev.durationMs) || 0);
    if (end > this.maxT) this.maxT = end;
    this.batch.push(ev);
    this.texts.push(stored);
    if (this.batch.length >= this.batchSize) this.flushBatch();
    return ev;
  }

  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    const b = this.batch;
    const texts = this.texts;
    this.batch = [];
    this.texts = [];
    this.pending = this.pending.then(async () => {
      await this.writer.events(b, texts);
      this.onEvents(b.length);
    });
    // A failed write is thrown by the next drain() or finish(); the importer may be awaiting
    // input (or inflation) meanwhile, which must not count as an unhandled rejection.
    this.pending.catch(() => undefined);
  }

  /** Waits for queued writes; call between input chunks for backpressure. */
  async drain(): Promise<void> {
    await this.pending;
  }

  async finish(): Promise<void> {
    this.flushBatch();
    await this.pending;
  }
}

export interface PendingSession {
  builder: SessionBuilder;
  meta: SessionMetaInput;
  /** What a .baton archive carries besides the session: the saved evidence reel. */
  reel?: Reel;
}

/** A writer that keeps nothing: sessions past maxSessionsPerFile. */
function discardWriter(): SessionWriter {
  return {
    events: async () => undefined,
    blob: async () => undefined,
    commit: async () => {
      throw new Error('a skipped session cannot be committed');
    },
    abort: async () => undefined,
  };
}

/** What an importer gets to work with. */
export class ImportContext {
  readonly problems: ProblemLog;
  readonly sessions: PendingSession[] = [];
  private readonly builders: SessionBuilder[] = [];
  private readonly hasher = sha256.create();
  private digest: string | undefined;
  /** Hash with WebCrypto once read (small enough, and available), else as the bytes stream. */
  private readonly subtle: SubtleCrypto | undefined;
  /** The contexts that read companion files, by source, so their hashes can be folded in. */
  private readonly companionReaders = new Map<ByteSource, ImportContext>();
  private consumed = false;
  bytesRead = 0;
  eventsWritten = 0;
  /** Files that belong to the same session (see ImportOptions.companions). */
  companions: { source: ByteSource; lane: string }[] = [];
  private lastProgress = 0;
  private sessionsSkipped = 0;
  private readonly discarded = new WeakSet<SessionBuilder>();

  constructor(
    readonly source: ByteSource,
    readonly sink: SessionSink,
    readonly limits: ImportLimits,
    readonly batchSize: number,
    private readonly signal: AbortSignal | undefined,
    private readonly onProgress: ((p: ImportProgress) => void) | undefined,
    private readonly now: () => number,
  ) {
    this.problems = new ProblemLog(limits.maxReportedProblems);
    this.subtle = source.size >= NATIVE_HASH_MIN && source.size <= NATIVE_HASH_MAX ? platformSubtle() : undefined;
  }

  get fileName(): string {
    return this.source.name;
  }

  checkCancelled(): void {
    if (this.signal?.aborted) throw new ImportCancelled();
  }

  /** Reads the source once, front to back, hashing as it goes. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    if (this.consumed) throw new Error('source already consumed');
    this.consumed = true;
    const reader = this.source.stream().getReader();
    try {
      for (;;) {
        this.checkCancelled();
        const { done, value } = await reader.read();
        if (done) break;
        if (!this.subtle) this.hasher.update(value);
        this.bytesRead += value.byteLength;
        this.progress();
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
    this.progress(true);
  }

  /** Hash of every byte of the source; drains what the importer did not read. */
  async contentHash(): Promise<string> {
    if (!this.consumed) for await (const chunk of this.chunks()) void chunk;
    if (this.digest === undefined && this.subtle) {
      const bytes = await this.source.slice(0, this.source.size).arrayBuffer();
      this.digest = bytesToHex(new Uint8Array(await this.subtle.digest('SHA-256', bytes)));
    }
    return (this.digest ??= bytesToHex(this.hasher.digest()));
  }

  /**
   * The hash that tells one import from another: the source's own, or, when other files were
   * imported into the same session with it (`companions`, a Claude Code transcript's subagent
   * files), a hash over the source's hash and each companion's lane and hash. So a session
   * whose subagent files changed is not taken for the one already in the library; a file
   * imported on its own keeps the plain hash of its bytes.
   */
  async importHash(): Promise<string> {
    const own = await this.contentHash();
    if (this.companions.length === 0) return own;
    const h = sha256.create();
    const text = new TextEncoder();
    h.update(text.encode(`baton-import-group\n${own}`));
    for (const c of this.companions) {
      const reader = this.companionReaders.get(c.source) ?? this.companionReader(c.source);
      h.update(text.encode(`\n${c.lane}\n${await reader.contentHash()}`));
    }
    return bytesToHex(h.digest());
  }

  progress(force = false): void {
    if (!this.onProgress) return;
    const t = this.now();
    if (!force && t - this.lastProgress < 50) return;
    this.lastProgress = t;
    this.onProgress({
      file: this.source.name,
      bytesRead: this.bytesRead,
      totalBytes: this.source.size,
      events: this.eventsWritten,
    });
  }

  /**
   * A context that reads another file (a companion) for this import: its own bytes and
   * line limits, this import's cancellation; its problems are merged by the caller.
   */
  companionReader(source: ByteSource): ImportContext {
    const reader = new ImportContext(source, this.sink, this.limits, this.batchSize, this.signal, undefined, this.now);
    this.companionReaders.set(source, reader);
    return reader;
  }

  async openSession(): Promise<SessionBuilder> {
    if (this.builders.length >= this.limits.maxSessionsPerFile) {
      // Past the cap a session is still read (the file's structure needs it) but nothing is kept.
      if (this.sessionsSkipped++ === 0) {
        this.problems.add({ file: this.fileName, severity: 'warning', reason: `the file holds more than ${this.limits.maxSessionsPerFile} sessions; only the first ${this.limits.maxSessionsPerFile} were imported` });
      }
      const b = new SessionBuilder(discardWriter(), this.problems, this.batchSize, () => undefined);
      this.discarded.add(b);
      return b;
    }
    const writer = await this.sink.begin();
    const b = new SessionBuilder(writer, this.problems, this.batchSize, (n) => {
      this.eventsWritten += n;
      this.progress();
    });
    this.builders.push(b);
    return b;
  }

  /** Queues a built session for commit once the whole file has been read without failure. */
  finishSession(builder: SessionBuilder, meta: SessionMetaInput, extras: { reel?: Reel } = {}): void {
    if (this.discarded.has(builder)) return;
    this.sessions.push({ builder, meta, ...(extras.reel ? { reel: extras.reel } : {}) });
  }

  async abortAll(): Promise<void> {
    await Promise.allSettled(this.builders.map((b) => b.drain().catch(() => undefined)));
    await Promise.allSettled(this.builders.map((b) => b.writer.abort()));
  }

  commitInfo(pending: PendingSession, contentHash: string, index: number): CommitInfo {
    const metaIn = { ...pending.meta };
    metaIn.durationMs = Math.max(metaIn.durationMs ?? 0, pending.builder.maxT);
    const file = metaIn.source?.fileName ?? this.source.name;
    const meta = parseMetaClipped(metaIn, this.source.name, (reason) => this.problems.add({ file, severity: 'warning', reason }));
    // Sessions from one multi-session file share the file's hash; suffix keeps them apart.
    const hash = this.sessions.length > 1 ? `${contentHash}#${index}` : contentHash;
    return {
      meta,
      contentHash: hash,
      eventCount: pending.builder.eventCount,
      counts: countEvents([], { ...pending.builder.counts }),
      problems: this.problems.list,
      problemsOmitted: this.problems.omitted,
      ...(pending.reel ? { reel: pending.reel } : {}),
    };
  }
}
