/**
 * Chunk writes that run while the import reads on. A chunk's put() serialises its 1 MiB of
 * text on the thread that calls it (about 10 ms per MiB in Chromium 150, 1.2 s of a
 * 100,000-event import); handed to another thread (chunk-writer.ts), that work overlaps
 * the next chunk's reading and parsing. The queue keeps at most `maxChars` of chunk text in
 * flight (bounded memory), remembers the first failure and throws it at the next add() or at
 * settle(), so a failed write still fails the import and nothing is committed after it.
 */
import type { PackedChunk } from './chunks';

/** Stores packed chunks (chunkRow makes their rows); may take ownership of their bytes. */
export type ChunkWrite = (chunks: PackedChunk[]) => Promise<void>;

/** Chunk text in flight at most: a few chunks, so the writer is never idle for long. */
export const MAX_IN_FLIGHT_CHARS = 8 << 20;

export class WriteQueue {
  private readonly inFlight = new Set<Promise<void>>();
  private chars = 0;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly write: ChunkWrite,
    private readonly maxChars = MAX_IN_FLIGHT_CHARS,
  ) {}

  /** Starts writing rows; resolves once they are on their way (waiting while too much is). */
  async add(rows: PackedChunk[]): Promise<void> {
    this.throwFailure();
    while (this.chars >= this.maxChars && this.inFlight.size > 0) {
      await Promise.race(this.inFlight);
      this.throwFailure();
    }
    const size = rows.reduce((n, r) => n + r.bytes.byteLength, 0);
    this.chars += size;
    const p: Promise<void> = this.write(rows).then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    const tracked = p.finally(() => {
      this.chars -= size;
      this.inFlight.delete(tracked);
    });
    this.inFlight.add(tracked);
  }

  /** Waits for every write started; throws the first that failed. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    this.throwFailure();
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}
