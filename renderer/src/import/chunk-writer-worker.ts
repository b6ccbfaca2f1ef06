/**
 * The import's second thread: stores the event chunks the import worker reads and packs
 * (chunk-writer.ts), so their put() overlaps the reading of the next ones.
 *
 * Its connection commits with relaxed durability: each chunk's transaction is done once the
 * operating system has its bytes, without waiting for them to reach the disk (Chromium's
 * default waits, one flush per transaction: 70 chunks took 1.4–1.7 s against 0.9–1.1 s
 * relaxed). Nothing is lost by it: the chunks are staged, and the session row appears only in
 * the import's commit transaction, which keeps the default durability; its flush writes out
 * everything logged before it, the chunks included. A crash before that commit leaves a
 * staged import, which the start-up sweep removes (store.ts sweepStaging).
 */
import { BatonDB } from '../db/schema';
import { directChunkWrite } from '../db/store';
import type { ChunkWriteReply, ChunkWriteRequest } from './chunk-writer';

const database = new BatonDB(undefined, { chromeTransactionDurability: 'relaxed' });
const write = directChunkWrite(database);

self.onmessage = async (e: MessageEvent<ChunkWriteRequest>) => {
  const { id, chunks } = e.data;
  let reply: ChunkWriteReply;
  try {
    // An empty request is the start-up check: the database opens here.
    if (chunks.length) await write(chunks);
    else await database.open();
    reply = { id };
  } catch (err) {
    const x = err as { name?: string; message?: string; inner?: { name?: string } } | null;
    reply = { id, error: { name: x?.inner?.name ?? x?.name ?? 'Error', message: x?.message ?? String(err) } };
  }
  self.postMessage(reply);
};
