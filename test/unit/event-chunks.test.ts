/**
 * Events stored in chunks (renderer/src/db/chunks.ts): chunk boundaries, time order across
 * chunks, find across chunk boundaries, and the schema v4 upgrade that moves per-event rows
 * written by the v2 schema into chunks.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import type { SessionEvent } from '../../shared/model/schema';
import { CHUNK_CHARS, CHUNK_EVENTS, fromChunks, toChunks } from '../../renderer/src/db/chunks';
import { BatonDB } from '../../renderer/src/db/schema';
import { DexieSink, countStoredEvents, loadEvents, purgeSession, sweepStaging } from '../../renderer/src/db/store';
import { findEvents } from '../../renderer/src/features/replay/events/search';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { meta } from './helpers/session';
import { eachFreshDb, uniqueDbName } from './helpers/fresh-db';

const resp = (i: number, t = i, text = `reply ${i}`): SessionEvent => ({ id: `e${i}`, t, actor: 'agent', kind: 'response', text });

let database: BatonDB;
eachFreshDb('baton-chunks', (d) => (database = d));

async function store(evs: SessionEvent[], batch = 2000): Promise<string> {
  const w = await new DexieSink(database, 'x.baton').begin();
  for (let i = 0; i < evs.length; i += batch) await w.events(evs.slice(i, i + batch));
  const res = await w.commit({ meta: meta(), contentHash: `h${evs.length}`, eventCount: evs.length, counts: {}, problems: [], problemsOmitted: 0 } as never);
  if (res.status !== 'stored') throw new Error('not stored');
  return res.id;
}

describe('event chunks', () => {
  it('stores text in any script as ASCII JSON and reads every character back unchanged, find included', async () => {
    const texts = ['tests ✓ 3 × faster', 'café, naïve', '世界 — 𝄞 music', 'line\u2028sep', 'lone \ud800 surrogate', 'plain ascii'];
    const evs = texts.map((text, i) => resp(i, i, text));
    const rows = toChunks('s', evs, 0);
    for (const r of rows) expect(r.json).not.toMatch(/[\u0080-\uffff]/);
    expect(fromChunks(rows)).toEqual(evs);
    const sid = await store(evs);
    expect(await loadEvents(database, sid)).toEqual(evs);
    expect((await findEvents(await loadEvents(database, sid), '𝄞')).length).toBe(1);
  });

  it('closes a chunk at CHUNK_EVENTS events, numbers chunks on from the first, and keeps each chunk\'s time span', () => {
    const evs = Array.from({ length: CHUNK_EVENTS * 2 + 1 }, (_, i) => resp(i));
    const rows = toChunks('s', evs, 7);
    expect(rows.map((r) => [r.n, r.count])).toEqual([
      [7, CHUNK_EVENTS],
      [8, CHUNK_EVENTS],
      [9, 1],
    ]);
    expect(rows[1]).toMatchObject({ t0: CHUNK_EVENTS, t1: CHUNK_EVENTS * 2 - 1 });
    expect(toChunks('s', [], 0)).toEqual([]);
  });

  it('closes a chunk once it holds about CHUNK_CHARS of JSON, and keeps an event larger than that whole', () => {
    const big = 'x'.repeat(CHUNK_CHARS / 4);
    const huge = 'y'.repeat(CHUNK_CHARS * 2);
    const evs = [...Array.from({ length: 9 }, (_, i) => resp(i, i, big)), resp(9, 9, huge), resp(10)];
    const rows = toChunks('s', evs, 0);
    expect(rows.map((r) => r.count)).toEqual([4, 4, 2, 1]);
    for (const r of rows.slice(0, 2)) expect(r.json.length).toBeLessThan(CHUNK_CHARS * 1.3);
    expect(fromChunks(rows)).toEqual(evs);
  });

  it('returns events in time order across chunks, equal times in import order', () => {
    // Import order is not time order: the second chunk holds earlier events.
    const evs = [resp(0, 50), resp(1, 10), resp(2, 10), resp(3, 5), resp(4, 50), resp(5, 0)];
    const rows = [...toChunks('s', evs.slice(0, 3), 0), ...toChunks('s', evs.slice(3), 1)];
    expect(fromChunks(rows).map((e) => e.id)).toEqual(['e5', 'e3', 'e1', 'e2', 'e0', 'e4']);
  });

  it('stores an import of many batches in full chunks and reads every event back in order', async () => {
    const evs = Array.from({ length: 10_500 }, (_, i) => resp(i));
    const sid = await store(evs, 3000);
    const chunks = await database.eventChunks.where('sid').equals(sid).toArray();
    // Chunks fill across batches of 3,000: not 3,000 + 3,000 + 3,000 + 1,500.
    expect(chunks.map((c) => c.count)).toEqual([CHUNK_EVENTS, CHUNK_EVENTS, 10_500 - 2 * CHUNK_EVENTS]);
    expect(chunks.map((c) => c.n)).toEqual([0, 1, 2]);
    expect(chunks.reduce((s, c) => s + c.count, 0)).toBe(10_500);
    expect(await database.events.count()).toBe(0);
    expect(await loadEvents(database, sid)).toEqual(evs);
  });

  it('finds events across chunk boundaries at their place in the session', async () => {
    const evs = Array.from({ length: 9000 }, (_, i) => resp(i, i, i === 3999 || i === 4000 || i === 8999 ? 'the needle' : 'hay'));
    const sid = await store(evs, 2000);
    expect(await database.eventChunks.where('sid').equals(sid).count()).toBe(3);
    const loaded = await loadEvents(database, sid);
    expect(await findEvents(loaded, 'NEEDLE')).toEqual([3999, 4000, 8999]);
  });

  it('deletes a session\'s chunks with it and keeps the other session\'s', async () => {
    const a = await store(Array.from({ length: 5000 }, (_, i) => resp(i)));
    const b = await store(Array.from({ length: 100 }, (_, i) => resp(i)));
    await purgeSession(database, a);
    expect(await countStoredEvents(database)).toBe(100);
    expect(await loadEvents(database, b)).toHaveLength(100);
  });
});

describe('a full disk', () => {
  it('fails the import in plain words when IndexedDB refuses a chunk, and leaves no chunk, staging row or session', async () => {
    const bytes = await writeArchiveToBytes({ meta: meta(), events: Array.from({ length: 9000 }, (_, i) => resp(i)) });
    const put = database.eventChunks.bulkPut.bind(database.eventChunks);
    let calls = 0;
    // The third chunk write hits the quota, after two have been stored.
    vi.spyOn(database.eventChunks, 'bulkPut').mockImplementation(((rows: never) => {
      if (++calls === 3) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return put(rows);
    }) as never);
    const report = await importSource(bytesSource('big.baton', bytes), new DexieSink(database, 'big.baton'), { batchSize: 2000 });
    expect(calls).toBe(3);
    expect(report.status).toBe('failed');
    expect(report.message).toBe('big.baton: the disk is full — free some space or delete sessions, then import again; nothing was stored');
    expect(await database.eventChunks.count()).toBe(0);
    expect(await database.staging.count()).toBe(0);
    expect(await database.sessions.count()).toBe(0);
  });
});

describe('schema v4 upgrade', () => {
  /** Writes a library with the v1 + v2 schema as published (per-event rows). */
  async function writeV2Library(name: string) {
    const old = new Dexie(name);
    old.version(1).stores({
      sessions: 'id, &contentHash, title, startedAt, format, taskTitle, candidateId, importedAt',
      events: '[sid+seq], [sid+t], [sid+kind]',
      blobs: '[sid+id], sid',
      reports: '++id, at',
      staging: 'id, startedAt',
      settings: 'key',
    });
    old.version(2).stores({ scores: '[sid+version], sid' });
    await old.open();
    const sessions = [
      { sid: 'big', count: 9_001 },
      { sid: 'small', count: 3 },
      { sid: 'empty', count: 0 },
    ];
    for (const { sid, count } of sessions) {
      await old.table('sessions').put({ id: sid, contentHash: `h-${sid}`, title: sid, startedAt: '2026-01-01T00:00:00.000Z', format: 'baton', taskTitle: 't', candidateId: 'c', importedAt: 1, eventCount: count });
      // Times run backwards within each thousand and repeat, so time order differs from seq order.
      const rows = Array.from({ length: count }, (_, seq) => ({ ...resp(seq, 1000 * Math.floor(seq / 1000) + (999 - (seq % 1000)) - (seq % 2)), sid, seq }));
      await old.table('events').bulkPut(rows);
    }
    // An import staged but never committed when the app closed.
    await old.table('staging').put({ id: 'staged', startedAt: 1, file: 'half.baton' });
    await old.table('events').bulkPut([{ ...resp(0), sid: 'staged', seq: 0 }]);
    old.close();
    return old;
  }

  it('moves every event of every stored session into chunks and finds each one after the upgrade', async () => {
    const name = uniqueDbName('baton-v2');
    await writeV2Library(name);
    // The order the v2 app showed: by time, equal times by seq.
    const before = new Dexie(name);
    before.version(2).stores({ events: '[sid+seq], [sid+t], [sid+kind]' });
    const expected = await before.table('events').where('[sid+t]').between(['big', Dexie.minKey], ['big', Dexie.maxKey]).toArray();
    before.close();

    const current = new BatonDB(name);
    await current.open();
    expect(current.verno).toBe(6);
    const big = await loadEvents(current, 'big');
    expect(big).toHaveLength(9_001);
    expect(big.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(big[0]).toEqual(resp(Number(expected[0].id.slice(1)), expected[0].t));
    expect(new Set(big.map((e) => e.id)).size).toBe(9_001);
    expect((await loadEvents(current, 'small')).map((e) => e.id).sort()).toEqual(['e0', 'e1', 'e2']);
    expect(await loadEvents(current, 'empty')).toEqual([]);
    expect(await current.eventChunks.where('sid').equals('big').count()).toBe(3);
    // Only the uncommitted import's row is left in the old table, and the sweep removes it.
    expect(await current.events.count()).toBe(1);
    expect(await sweepStaging(current)).toBe(1);
    expect(await current.events.count()).toBe(0);
    expect(await countStoredEvents(current)).toBe(9_004);
    // Find still reaches events from every chunk.
    expect(await findEvents(big, 'reply 9000')).toHaveLength(1);
    await current.delete();
  });
});
