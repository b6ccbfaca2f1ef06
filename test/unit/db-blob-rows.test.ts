/**
 * A session's files in the blobs table: small ones as bytes in their row, large ones as a
 * Blob (renderer/src/db/blob-rows.ts). Whatever way a row holds its file, and whether it was
 * stored before or after this change, the replay, the export and the audio peaks read the
 * same bytes and type; an import that fails or is cancelled after its files were read leaves
 * none of them.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { INLINE_BLOB_MAX } from '../../renderer/src/db/blob-rows';
import { exportSession } from '../../renderer/src/db/export';
import { BatonDB, setDb } from '../../renderer/src/db/schema';
import { countStoredEvents, DexieSink } from '../../renderer/src/db/store';
import { loadSession } from '../../renderer/src/features/replay/load';
import { events, meta } from './helpers/session';
import { eachFreshDb, uniqueDbName } from './helpers/fresh-db';

let database: BatonDB;

eachFreshDb('baton-blob-rows', async (d) => {
  database = d;
  setDb(database);
});

const enc = new TextEncoder();
/** 300 small workspace files (more than one batch of writes) and one recording over the inline limit. */
const files = Array.from({ length: 300 }, (_, i) => ({ path: `workspace/notes/f${i}.txt`, data: enc.encode(`export const f${i} = ${i};\n`.repeat(20 + i)) }));
const big = new Uint8Array(INLINE_BLOB_MAX + 4096).map((_, i) => (i * 7) % 251);

async function archive(count = files.length) {
  return writeArchiveToBytes({
    meta: meta({ audio: { blob: { blob: 'audio/n.wav', mime: 'audio/wav', size: big.byteLength }, durationMs: 1000, offsetMs: 0, peaks: [0, 1] } }),
    events: events(),
    blobs: [...files.slice(0, count), { path: 'audio/n.wav', data: big }],
  });
}

/** A Blob's bytes as a Buffer: its equals() compares a megabyte at once, where toEqual walks it value by value. */
async function bytesOf(b: Blob | undefined) {
  return b ? Buffer.from(await b.arrayBuffer()) : undefined;
}

describe('session files in IndexedDB', () => {
  it('keeps small files as bytes of their own size and large ones as a Blob, and the replay reads each back unchanged', async () => {
    const r = await importSource(bytesSource('a.baton', await archive(), 8192), new DexieSink(database, 'a.baton'));
    expect(r.status).toBe('imported');
    const sid = r.sessions[0]!.id;
    const rows = await database.blobs.where('sid').equals(sid).toArray();
    expect(rows).toHaveLength(301);
    for (const row of rows.filter((x) => x.id.startsWith('workspace/'))) {
      expect(row.data).toBeUndefined();
      // Its own bytes, not the whole unzipped buffer it was read from.
      expect(row.bytes!.buffer.byteLength).toBe(row.size);
    }
    expect(rows.find((x) => x.id === 'audio/n.wav')!.data).toBeInstanceOf(Blob);

    const session = (await loadSession(sid))!;
    // A sample of the small files (each read costs a transaction in the fake IndexedDB).
    for (const f of files.filter((_, i) => i % 25 === 0 || i === files.length - 1)) {
      const b = await session.loadBlob(f.path);
      expect(b?.type).toBe('text/plain');
      expect(await bytesOf(b)).toEqual(Buffer.from(f.data));
    }
    expect((await bytesOf(await session.loadBlob('audio/n.wav')))?.equals(big)).toBe(true);
  });

  it('stores a file handed over as a view into a larger buffer (an unzipped chunk) with its own bytes only', async () => {
    const chunk = new Uint8Array(256 * 1024).fill(7);
    chunk.set(enc.encode('hello'), 1000);
    const writer = await new DexieSink(database, 'v.baton').begin();
    await writer.blob('workspace/hello.txt', chunk.subarray(1000, 1005), 'text/plain');
    await writer.events(events());
    const r = await writer.commit({ meta: meta(), contentHash: 'h', eventCount: events().length, counts: {}, problems: [], problemsOmitted: 0 });
    const row = (await database.blobs.get([r.status === 'stored' ? r.id : '', 'workspace/hello.txt']))!;
    expect(row.bytes!.buffer.byteLength).toBe(5);
    expect(new TextDecoder().decode(row.bytes)).toBe('hello');
  });

  it('reads a file stored as a Blob before small files were kept as bytes', async () => {
    const r = await importSource(bytesSource('a.baton', await archive()), new DexieSink(database, 'a.baton'));
    const sid = r.sessions[0]!.id;
    const old = enc.encode('stored by an earlier version\n');
    await database.blobs.put({ sid, id: 'workspace/old.ts', mime: 'text/plain', size: old.byteLength, data: new Blob([old], { type: 'text/plain' }) });
    const b = await (await loadSession(sid))!.loadBlob('workspace/old.ts');
    expect(b?.type).toBe('text/plain');
    expect(await bytesOf(b)).toEqual(Buffer.from(old));
  });

  it('exports every file, small and large, into an archive that imports back with the same files', async () => {
    const r = await importSource(bytesSource('a.baton', await archive(20)), new DexieSink(database, 'a.baton'));
    const { name, blob } = await exportSession(database, r.sessions[0]!.id);
    const other = new BatonDB(uniqueDbName('baton-blob-rows-export'));
    const back = await importSource(bytesSource(name, new Uint8Array(await blob.arrayBuffer())), new DexieSink(other, name));
    expect(back.status).toBe('imported');
    setDb(other);
    const session = (await loadSession(back.sessions[0]!.id))!;
    for (const f of [...files.slice(0, 20), { path: 'audio/n.wav', data: big }]) expect((await bytesOf(await session.loadBlob(f.path)))?.equals(f.data)).toBe(true);
    await other.delete();
  });

  it('leaves no file behind when the import is cancelled after its files were read', async () => {
    const ctrl = new AbortController();
    // The archive holds its files after events.jsonl: the last batch of events is written
    // once the whole archive was read, its files written or waiting to be.
    const sink = new DexieSink(database, 'c.baton', (batch) => {
      if (batch === 4) ctrl.abort();
    });
    const r = await importSource(bytesSource('c.baton', await archive(), 4096), sink, { signal: ctrl.signal, batchSize: 2 });
    expect(r.status).toBe('cancelled');
    expect({ sessions: await database.sessions.count(), blobs: await database.blobs.count(), events: await countStoredEvents(database), staging: await database.staging.count() }).toEqual({ sessions: 0, blobs: 0, events: 0, staging: 0 });
  });
});
