import type { SessionEvent, SessionMeta } from '../model/schema';
import type { ByteSource, CommitInfo, SessionSink, SessionWriter } from './types';

export interface StoredSession {
  info: CommitInfo;
  events: SessionEvent[];
  blobs: Map<string, { data: Uint8Array; mime: string }>;
}

/**
 * An in-memory sink with the same contract as the IndexedDB store: staged writes are
 * invisible until commit, abort removes them, identical bytes are recognised. Used by the
 * command line and by tests.
 */
export class MemorySink implements SessionSink {
  readonly sessions = new Map<string, StoredSession>();
  /** Writers begun but neither committed nor aborted. */
  staged = 0;
  private seq = 0;

  constructor(private readonly keepEvents = true) {}

  /** Session id by content hash: a lookup per commit stays O(1) however many sessions a file holds. */
  private readonly byHash = new Map<string, string>();

  findByHash(hash: string): SessionMeta | undefined {
    const id = this.byHash.get(hash);
    return id === undefined ? undefined : this.sessions.get(id)?.info.meta;
  }

  async begin(): Promise<SessionWriter> {
    this.staged++;
    let events: SessionEvent[] = [];
    let blobs = new Map<string, { data: Uint8Array; mime: string }>();
    let open = true;
    const close = () => {
      if (open) {
        open = false;
        this.staged--;
      }
    };
    return {
      events: async (batch) => {
        if (this.keepEvents) for (const e of batch) events.push(e);
      },
      blob: async (id, data, mime) => {
        blobs.set(id, { data, mime });
      },
      commit: async (info) => {
        close();
        const existing = this.findByHash(info.contentHash);
        if (existing) return { status: 'duplicate', existingId: existing.id };
        let id = info.meta.id;
        while (this.sessions.has(id)) id = `${info.meta.id}-${++this.seq}`;
        this.sessions.set(id, { info: { ...info, meta: { ...info.meta, id } }, events, blobs });
        if (!this.byHash.has(info.contentHash)) this.byHash.set(info.contentHash, id);
        return { status: 'stored', id };
      },
      abort: async () => {
        close();
        events = [];
        blobs = new Map();
      },
    };
  }
}

/** Wraps bytes as a ByteSource. */
export function bytesSource(name: string, data: Uint8Array, chunkSize = 1 << 20): ByteSource {
  return {
    name,
    size: data.byteLength,
    slice(start = 0, end = data.byteLength) {
      const part = data.slice(start, end);
      return { arrayBuffer: async () => part.buffer };
    },
    stream() {
      let off = 0;
      return new ReadableStream<Uint8Array>({
        pull(ctrl) {
          if (off >= data.byteLength) {
            ctrl.close();
            return;
          }
          const end = Math.min(data.byteLength, off + chunkSize);
          ctrl.enqueue(data.slice(off, end));
          off = end;
        },
      });
    },
  };
}
