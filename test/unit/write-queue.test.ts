/**
 * Chunk writes that overlap the reading of the next chunks (renderer/src/db/write-queue.ts,
 * used by DexieSink with a writer on another thread): bounded text in flight, a failure
 * never lost, and a session that appears only once every one of its chunks is stored.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/model/schema';
import { chunkRow, type PackedChunk } from '../../renderer/src/db/chunks';
import type { BatonDB } from '../../renderer/src/db/schema';
import { DexieSink, loadEvents } from '../../renderer/src/db/store';
import { WriteQueue } from '../../renderer/src/db/write-queue';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { meta } from './helpers/session';
import { eachFreshDb } from './helpers/fresh-db';

const row = (n: number, chars: number): PackedChunk => ({ sid: 's', n, count: 1, t0: 0, t1: 0, bytes: new Uint8Array(chars) });

/** A write that finishes when the test says so. */
function gatedWrites() {
  const gates: { rows: PackedChunk[]; done: () => void; fail: (e: Error) => void }[] = [];
  const write = (rows: PackedChunk[]) => new Promise<void>((done, fail) => gates.push({ rows, done, fail }));
  return { gates, write };
}

describe('the chunk write queue', () => {
  it('lets reading go on while writes run, but holds no more than its limit of text in flight', async () => {
    const { gates, write } = gatedWrites();
    const q = new WriteQueue(write, 100);
    await q.add([row(0, 60)]);
    await q.add([row(1, 60)]); // 120 in flight now: the next add must wait
    let third = false;
    const adding = q.add([row(2, 10)]).then(() => (third = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBe(false);
    expect(gates).toHaveLength(2);
    gates[0]!.done();
    await adding;
    expect(third).toBe(true);
    expect(gates.map((g) => g.rows[0]!.n)).toEqual([0, 1, 2]);
    gates[1]!.done();
    gates[2]!.done();
    await q.settle();
  });

  it('throws the first failed write at settle and refuses more writes after it', async () => {
    const { gates, write } = gatedWrites();
    const q = new WriteQueue(write, 1 << 20);
    await q.add([row(0, 10)]);
    await q.add([row(1, 10)]);
    gates[0]!.fail(new Error('disk full'));
    gates[1]!.done();
    await expect(q.settle()).rejects.toThrow('disk full');
    await expect(q.add([row(2, 10)])).rejects.toThrow('disk full');
    expect(gates).toHaveLength(2);
  });
});

describe('an import whose chunks are written on another thread', () => {
  let database: BatonDB;
  eachFreshDb('baton-write-queue', (d) => (database = d));
  const resp = (i: number): SessionEvent => ({ id: `e${i}`, t: i, actor: 'agent', kind: 'response', text: `reply ${i}` });

  it('shows the session only after its last chunk is stored, with every event', async () => {
    const bytes = await writeArchiveToBytes({ meta: meta(), events: Array.from({ length: 9000 }, (_, i) => resp(i)) });
    let sessionsSeenAtLastWrite = -1;
    let writes = 0;
    // A slow writer: each write lands 20 ms later, after the import has read on.
    const slow = async (rows: PackedChunk[]) => {
      await new Promise((r) => setTimeout(r, 20));
      if (++writes === 5) sessionsSeenAtLastWrite = await database.sessions.count();
      await database.eventChunks.bulkPut(rows.map(chunkRow));
    };
    const report = await importSource(bytesSource('slow.baton', bytes), new DexieSink(database, 'slow.baton', undefined, undefined, 2000, slow), { batchSize: 1000 });
    expect(report.status).toBe('imported');
    expect(writes).toBe(5);
    expect(sessionsSeenAtLastWrite).toBe(0);
    const events = await loadEvents(database, report.sessions[0]!.id);
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 9000 }, (_, i) => `e${i}`));
  });

  it('stores nothing when a chunk write fails while the import reads on', async () => {
    const bytes = await writeArchiveToBytes({ meta: meta(), events: Array.from({ length: 9000 }, (_, i) => resp(i)) });
    let writes = 0;
    const failing = async (rows: PackedChunk[]) => {
      await new Promise((r) => setTimeout(r, 5));
      if (++writes === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      await database.eventChunks.bulkPut(rows.map(chunkRow));
    };
    const report = await importSource(bytesSource('q.baton', bytes), new DexieSink(database, 'q.baton', undefined, undefined, 2000, failing), { batchSize: 1000 });
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/disk is full/);
    expect(await database.eventChunks.count()).toBe(0);
    expect(await database.staging.count()).toBe(0);
    expect(await database.sessions.count()).toBe(0);
  });
});
