/**
 * The import's second thread: stores the event chunks the import worker reads and packs
 * (chunk-writer.ts), so their put() overlaps the reading of the next ones.
 */
import { db } from '../db/schema';
import { directChunkWrite } from '../db/store';
import type { ChunkWriteReply, ChunkWriteRequest } from './chunk-writer';

// The chunks' buffers go back to the import worker with the reply, not to a pool here.
const write = directChunkWrite(db(), () => undefined);

self.onmessage = async (e: MessageEvent<ChunkWriteRequest>) => {
  const { id, chunks } = e.data;
  let reply: ChunkWriteReply;
  try {
    // An empty request is the start-up check: the database opens here.
    if (chunks.length) await write(chunks);
    else await db().open();
    reply = { id };
  } catch (err) {
    const x = err as { name?: string; message?: string; inner?: { name?: string } } | null;
    reply = { id, error: { name: x?.inner?.name ?? x?.name ?? 'Error', message: x?.message ?? String(err) } };
  }
  // Their rows are made (or failed): the buffers go back for the next chunks.
  const buffers = [...new Set(chunks.map((c) => c.bytes.buffer as ArrayBuffer))];
  self.postMessage({ ...reply, buffers } satisfies ChunkWriteReply, { transfer: buffers });
};
