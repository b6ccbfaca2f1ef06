import type { EventCounts, SessionEvent, SessionMeta, SourceFormat } from '../model/schema';
import type { Reel } from '../committee/reel';
import type { ImportLimits } from './limits';

/** Anything we can read bytes from: a File or Blob in the browser, fs.openAsBlob in Node. */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface Problem {
  /** The file (and for archives, the entry: `a.baton:events.jsonl`). */
  file: string;
  /** 1-based line, when the problem belongs to one. */
  line?: number;
  severity: 'error' | 'warning';
  reason: string;
}

export type ImportStatus = 'imported' | 'duplicate' | 'failed' | 'cancelled';

export interface ImportedSessionSummary {
  id: string;
  title: string;
  eventCount: number;
  status: 'stored' | 'duplicate';
  /** For duplicates: the session that already holds these bytes. */
  existingId?: string;
  /** Stored with a narration track but no waveform peaks (the page decodes the recording; renderer/src/import/audio-peaks.ts). */
  audioWithoutPeaks?: true;
}

export interface ImportReport {
  file: string;
  bytes: number;
  format: SourceFormat;
  /** What the file was read as ("Claude Code transcript (.jsonl)"): formats have several readers. */
  formatLabel?: string;
  status: ImportStatus;
  /** One sentence a reviewer can read when the import failed. */
  message?: string;
  sessions: ImportedSessionSummary[];
  problems: Problem[];
  /** Problems beyond the listed ones. */
  problemsOmitted: number;
  contentHash: string;
  durationMs: number;
}

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  events: number;
}

/** What the pipeline writes into. The Dexie store and the CLI's in-memory store implement it. */
export interface SessionSink {
  /** Starts one session. Nothing is visible to readers until commit resolves. */
  begin(): Promise<SessionWriter>;
}

export interface CommitInfo {
  meta: SessionMeta;
  contentHash: string;
  eventCount: number;
  counts: EventCounts;
  problems: Problem[];
  problemsOmitted: number;
  /** The committee's saved evidence reel a .baton archive carried (checked), kept with the session. */
  reel?: Reel;
}

export interface SessionWriter {
  /**
   * `texts[i]`, when given, is batch[i] as JSON, exactly as it should be stored (the text the
   * event was read from, which the schema keeps unchanged; as a Uint8Array, the ASCII bytes of
   * that text, a view of input the importer never reuses); a sink that stores JSON may use it
   * instead of writing the event out again.
   */
  events(batch: SessionEvent[], texts?: readonly (string | Uint8Array | undefined)[]): Promise<void>;
  blob(id: string, data: Uint8Array, mime: string): Promise<void>;
  commit(info: CommitInfo): Promise<{ status: 'stored'; id: string } | { status: 'duplicate'; existingId: string }>;
  /** Removes everything this writer staged. Safe to call more than once. */
  abort(): Promise<void>;
}

export interface ImportOptions {
  limits?: Partial<ImportLimits>;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Events handed to the sink per batch. */
  batchSize?: number;
  /** Clock for report durations (injectable for deterministic tests). */
  now?: () => number;
  /**
   * Files imported into the same session as sub-lanes (a Claude Code transcript's subagent
   * files). Importers that have no use for them ignore them.
   */
  companions?: { source: ByteSource; lane: string }[];
}

/** Thrown to fail an import as a whole with a message for the reviewer. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled');
    this.name = 'ImportCancelled';
  }
}
