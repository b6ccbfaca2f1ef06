/**
 * The import's second thread: stores the event chunks the import worker reads and packs
 * (chunk-writer.ts), so their put() overlaps the reading of the next ones.
 */
import { db } from '../db/schema';
import { directChunkWrite } from '../db/store';
import type { ChunkWriteReply, ChunkWriteRequest } from './chunk-writer';

const write = directChunkWrite(db());

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
  self.postMessage(reply);
};
