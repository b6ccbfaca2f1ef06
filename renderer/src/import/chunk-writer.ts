/**
 * Stores event chunks from a worker of their own (chunk-writer-worker.ts): IndexedDB's put()
 * serialises each chunk on the calling thread, so writing from a second thread lets the
 * import worker read and parse the next chunks meanwhile (on two cores, most of the write
 * hides behind the parse). Chunks travel as ASCII bytes whose buffers are transferred (a
 * string would be copied, at about the cost of the put itself); the writer makes the row's
 * string and transfers the buffers back with its reply, to be packed again (ChunkBuffers).
 * Where a worker cannot start, chunks are written on the calling thread instead; if the
 * writer dies, the writes it had not confirmed fail (their bytes went with it), and so does
 * the import, which then removes what it stored.
 *
 * Cancel and rollback are unchanged: the writer is the import worker's own child and ends
 * with it, a transaction it began is ordered before any later purge of the same table, and
 * the session row is committed only after every chunk write has reported success.
 */
import { chunkBuffers, type PackedChunk } from '../db/chunks';
import type { ChunkWrite } from '../db/write-queue';

export interface ChunkWriteRequest {
  id: number;
  /** Their bytes are transferred, not copied: the sender gives them up. */
  chunks: PackedChunk[];
}
export interface ChunkWriteReply {
  id: number;
  error?: { name: string; message: string };
  /** The request's chunk buffers, transferred back for reuse (see ChunkBuffers). */
  buffers?: ArrayBuffer[];
}

/** How long the writer may take to start before chunks are written in-thread. */
const START_TIMEOUT_MS = 10_000;

function replyError(e: { name: string; message: string }): Error {
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/**
 * A chunk writer in a worker of its own, once it has answered; `direct` where it cannot
 * start (no Worker here, a policy that refuses it) or stops later.
 */
export async function workerChunkWrite(direct: ChunkWrite): Promise<ChunkWrite> {
  if (typeof Worker === 'undefined') return direct;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./chunk-writer-worker.ts', import.meta.url), { type: 'module', name: 'baton-import-writer' });
  } catch {
    return direct;
  }
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let next = 0;
  let dead = false;
  const fallBack = () => {
    if (dead) return;
    dead = true;
    worker.terminate();
    for (const p of pending.values()) p.reject(new Error('the import writer stopped'));
    pending.clear();
  };
  worker.onmessage = (e: MessageEvent<ChunkWriteReply>) => {
    for (const b of e.data.buffers ?? []) chunkBuffers.give(b);
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.error) p.reject(replyError(e.data.error));
    else p.resolve();
  };
  worker.onerror = (e) => {
    e.preventDefault();
    fallBack();
  };
  const send = (chunks: PackedChunk[]): Promise<void> => {
    if (dead) return direct(chunks);
    return new Promise<void>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, chunks } satisfies ChunkWriteRequest, chunks.map((c) => c.bytes.buffer));
    });
  };
  // An empty write proves the worker runs and can open the database.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = await Promise.race([
    send([]).then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), START_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (!started || dead) {
    fallBack();
    return direct;
  }
  return send;
}
