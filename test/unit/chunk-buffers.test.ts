/**
 * Chunk buffers used again (renderer/src/db/chunks.ts ChunkBuffers): a packed chunk's buffer
 * comes back once its row is made and the next chunk is packed into it, so an import writes
 * into memory it has written before instead of 70 new megabytes. What must hold: no row is
 * changed by the reuse of the buffer it was made from, and a buffer comes back at most once.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/model/schema';
import { CHUNK_BUFFER_BYTES, ChunkBuffers, ChunkPacker, chunkRow, fromChunks, type EventChunkRow } from '../../renderer/src/db/chunks';
import { directChunkWrite } from '../../renderer/src/db/store';
import type { BatonDB } from '../../renderer/src/db/schema';
import { eachFreshDb } from './helpers/fresh-db';

const resp = (i: number): SessionEvent => ({ id: `e${i}`, t: i, actor: 'agent', kind: 'response', text: `reply ${i} ${'x'.repeat(i % 300)} ✓` });
const events = Array.from({ length: 2000 }, (_, i) => resp(i));

describe('chunk buffers', () => {
  it('hands a buffer given back to the next take, keeps a few, and none twice, detached or of another size', () => {
    const pool = new ChunkBuffers(2);
    const a = pool.take();
    const b = pool.take();
    const c = pool.take();
    expect(pool.made).toBe(3);
    pool.give(a.buffer);
    pool.give(a.buffer);
    pool.give(new ArrayBuffer(100));
    expect(pool.take().buffer).toBe(a.buffer);
    // Given twice, kept once: the next take makes a new buffer.
    expect(pool.take().buffer).not.toBe(a.buffer);
    pool.give(b.buffer);
    pool.give(c.buffer);
    pool.give(new Uint8Array(CHUNK_BUFFER_BYTES).buffer);
    expect([pool.take().buffer, pool.take().buffer]).toEqual(expect.arrayContaining([b.buffer, c.buffer]));
    const moved = pool.take();
    structuredClone(moved, { transfer: [moved.buffer] });
    const before = pool.made;
    pool.give(moved.buffer);
    pool.take();
    expect(pool.made).toBe(before + 1);
  });

  it('packs every chunk into a reused buffer when each comes back after its row is made, and every row reads back its own events', () => {
    const pool = new ChunkBuffers();
    const packer = new ChunkPacker('s', 0, 50, pool);
    const rows: EventChunkRow[] = [];
    for (let i = 0; i < events.length; i += 170) {
      for (const c of packer.add(events.slice(i, i + 170))) {
        rows.push(chunkRow(c));
        pool.give(c.bytes.buffer);
      }
    }
    rows.push(...packer.flush().map(chunkRow));
    expect(rows).toHaveLength(40);
    // An add of 170 events closes up to four chunks of 50 before any comes back: at most five
    // buffers are ever made for the 40 chunks (one for each then out, and the one being packed).
    expect(pool.made).toBeLessThanOrEqual(5);
    expect(fromChunks(rows)).toEqual(events);
  });

  describe('written on the calling thread', () => {
    let database: BatonDB;
    eachFreshDb('baton-chunk-buffers', (d) => (database = d));

    it('gives the buffers back once the rows are made, and the stored rows do not change when the buffers are written over', async () => {
      const pool = new ChunkBuffers();
      const packer = new ChunkPacker('s', 0, 500, pool);
      const chunks = [...packer.add(events), ...packer.flush()];
      const released: ArrayBufferLike[] = [];
      await directChunkWrite(database, (b) => released.push(b))(chunks);
      expect(released).toEqual(chunks.map((c) => c.bytes.buffer));
      for (const b of released) new Uint8Array(b).fill(0x20);
      const stored = await database.eventChunks.where('sid').equals('s').sortBy('n');
      expect(stored).toHaveLength(4);
      expect(fromChunks(stored)).toEqual(events);
    });
  });
});
