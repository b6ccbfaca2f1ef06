import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { SessionEvent } from '../../shared/model/schema';
import { fromChunks } from '../../renderer/src/db/chunks';
import { BatonDB } from '../../renderer/src/db/schema';
import { countStoredEvents, DexieSink, loadEvents, purgeSession, saveReport, sweepStaging } from '../../renderer/src/db/store';
import { exportSession } from '../../renderer/src/db/export';
import { events, meta } from './helpers/session';
import { eachFreshDb, uniqueDbName } from './helpers/fresh-db';

let database: BatonDB;

eachFreshDb('baton-test', (d) => (database = d));

function manyEvents(count: number): SessionEvent[] {
  return Array.from({ length: count }, (_, i) => ({ id: `e${i}`, t: i * 10, actor: 'agent' as const, kind: 'response' as const, text: `reply ${i}` }));
}

async function archive(evs = events(), over = {}) {
  return writeArchiveToBytes({ meta: meta(over), events: evs, createdAt: '2026-01-02T11:00:00.000Z' });
}

async function tableSizes() {
  return {
    sessions: await database.sessions.count(),
    events: await countStoredEvents(database),
    blobs: await database.blobs.count(),
    staging: await database.staging.count(),
  };
}

describe('IndexedDB store', () => {
  it('stores an imported session whole, ordered by time, and links its report', async () => {
    const bytes = await archive();
    const report = await importSource(bytesSource('a.baton', bytes), new DexieSink(database, 'a.baton'));
    expect(report.status).toBe('imported');
    const reportId = await saveReport(database, report);
    const sid = report.sessions[0]!.id;
    const row = await database.sessions.get(sid);
    expect(row).toMatchObject({ title: 'Fix the rate limiter', eventCount: events().length, reportId, format: 'baton' });
    const stored = await loadEvents(database, sid);
    expect(stored.map((e) => e.id)).toEqual(events().map((e) => e.id));
    expect(await database.staging.count()).toBe(0);
  });

  it('leaves no trace when a write fails mid-import', async () => {
    const bytes = await archive(manyEvents(10_000));
    const sink = new DexieSink(database, 'big.baton', (batch) => {
      if (batch === 3) throw new Error('injected failure');
    });
    const report = await importSource(bytesSource('big.baton', bytes, 4096), sink, { batchSize: 1000 });
    expect(report.status).toBe('failed');
    expect(report.message).toContain('injected failure');
    expect(await tableSizes()).toEqual({ sessions: 0, events: 0, blobs: 0, staging: 0 });
  });

  it('reports a full disk in plain words and stores nothing', async () => {
    const bytes = await archive(manyEvents(5000));
    const sink = new DexieSink(database, 'q.baton', (batch) => {
      if (batch === 1) throw new DOMException('quota', 'QuotaExceededError');
    });
    const report = await importSource(bytesSource('q.baton', bytes), sink, { batchSize: 1000 });
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/disk is full/);
    expect(await tableSizes()).toEqual({ sessions: 0, events: 0, blobs: 0, staging: 0 });
  });

  it('leaves no trace when cancelled', async () => {
    const bytes = await archive(manyEvents(20_000));
    const ctrl = new AbortController();
    const sink = new DexieSink(database, 'c.baton', (batch) => {
      if (batch === 2) ctrl.abort();
    });
    const report = await importSource(bytesSource('c.baton', bytes, 2048), sink, { batchSize: 1000, signal: ctrl.signal });
    expect(report.status).toBe('cancelled');
    expect(await tableSizes()).toEqual({ sessions: 0, events: 0, blobs: 0, staging: 0 });
  });

  it('sweeps an import interrupted by a crash at the next start', async () => {
    const sink = new DexieSink(database, 'crash.baton');
    const writer = await sink.begin();
    await writer.events(manyEvents(500));
    await writer.blob('blobs/x.png', new Uint8Array([1, 2, 3]), 'image/png');
    // The app dies here: no commit, no abort. Nothing is visible as a session...
    expect(await database.sessions.count()).toBe(0);
    // ...and the next start removes the staged rows.
    expect(await sweepStaging(database)).toBe(1);
    expect(await tableSizes()).toEqual({ sessions: 0, events: 0, blobs: 0, staging: 0 });
  });

  it('does not duplicate a session imported twice', async () => {
    const bytes = await archive();
    await importSource(bytesSource('a.baton', bytes), new DexieSink(database, 'a.baton'));
    const again = await importSource(bytesSource('b.baton', bytes), new DexieSink(database, 'b.baton'));
    expect(again.status).toBe('duplicate');
    expect(await tableSizes()).toEqual({ sessions: 1, events: events().length, blobs: 0, staging: 0 });
  });

  it('deletes a session with all its events and blobs', async () => {
    const audio = new Uint8Array([1, 2, 3, 4]);
    const bytes = await writeArchiveToBytes({
      meta: meta({ audio: { blob: { blob: 'audio/n.wav', mime: 'audio/wav', size: 4 }, durationMs: 1000, offsetMs: 0 } }),
      events: events(),
      blobs: [{ path: 'audio/n.wav', data: audio }],
    });
    const other = await archive(events(), { id: 'other' });
    const r1 = await importSource(bytesSource('a.baton', bytes), new DexieSink(database, 'a.baton'));
    await importSource(bytesSource('b.baton', other), new DexieSink(database, 'b.baton'));
    expect(await database.blobs.count()).toBe(1);
    await purgeSession(database, r1.sessions[0]!.id);
    expect(await tableSizes()).toEqual({ sessions: 1, events: events().length, blobs: 0, staging: 0 });
  });

  it('exports a stored session to an archive that imports back identically', async () => {
    const bytes = await archive();
    const r = await importSource(bytesSource('a.baton', bytes), new DexieSink(database, 'a.baton'));
    const { name, blob } = await exportSession(database, r.sessions[0]!.id);
    expect(name).toBe('Fix-the-rate-limiter.baton');
    const other = new BatonDB(uniqueDbName('baton-test-export'));
    const back = await importSource(bytesSource(name, new Uint8Array(await blob.arrayBuffer())), new DexieSink(other, name));
    expect(back.status).toBe('imported');
    const evs = await loadEvents(other, back.sessions[0]!.id);
    expect(evs).toEqual(events());
    await other.delete();
  });
});

describe('schema versions', () => {
  it('opens a database written by schema v1 with its rows intact', async () => {
    // Write rows using the v1 definition as published, independent of the current class.
    const name = uniqueDbName('baton-v1');
    const v1 = new Dexie(name);
    v1.version(1).stores({
      sessions: 'id, &contentHash, title, startedAt, format, taskTitle, candidateId, importedAt',
      events: '[sid+seq], [sid+t], [sid+kind]',
      blobs: '[sid+id], sid',
      reports: '++id, at',
      staging: 'id, startedAt',
      settings: 'key',
    });
    await v1.table('settings').put({ key: 'samplesLoaded', value: true });
    await v1.table('events').put({ sid: 's', seq: 0, id: 'e', t: 5, actor: 'agent', kind: 'marker', label: 'x' });
    v1.close();
    const current = new BatonDB(name);
    await current.open();
    expect(current.verno).toBe(6);
    // v2 added the score cache, empty after the upgrade.
    expect(await current.scores.count()).toBe(0);
    expect(await current.settings.get('samplesLoaded')).toEqual({ key: 'samplesLoaded', value: true });
    // The event was not a committed session's (no session row): it stays for the staging sweep.
    expect(await current.events.count()).toBe(1);
    await current.delete();
  });

  it('opens a database written by schema v2 (sessions, events, cached scores) into the current schema with its rows intact, its events in chunks and empty panel tables', async () => {
    const name = uniqueDbName('baton-v2');
    const v2 = new Dexie(name);
    v2.version(1).stores({
      sessions: 'id, &contentHash, title, startedAt, format, taskTitle, candidateId, importedAt',
      events: '[sid+seq], [sid+t], [sid+kind]',
      blobs: '[sid+id], sid',
      reports: '++id, at',
      staging: 'id, startedAt',
      settings: 'key',
    });
    v2.version(2).stores({ scores: '[sid+version], sid' });
    await v2.table('sessions').put({ id: 's', contentHash: 'a'.repeat(64), title: 'T', startedAt: '2026-01-01T00:00:00Z', format: 'baton', taskTitle: '', candidateId: 'c', importedAt: 1 });
    await v2.table('events').put({ sid: 's', seq: 0, id: 'e', t: 5, actor: 'agent', kind: 'marker', label: 'x' });
    await v2.table('scores').put({ sid: 's', version: 'v', at: 1, result: { ok: true } });
    await v2.table('settings').put({ key: 'scoring', value: { weights: { scoping: 50 } } });
    v2.close();
    const current = new BatonDB(name);
    await current.open();
    expect(current.verno).toBe(6);
    expect(await current.sessions.get('s')).toMatchObject({ title: 'T', contentHash: 'a'.repeat(64) });
    expect(await current.scores.get(['s', 'v'])).toMatchObject({ result: { ok: true } });
    expect(await current.settings.get('scoring')).toEqual({ key: 'scoring', value: { weights: { scoping: 50 } } });
    // The v4 upgrade moved the event into a chunk row (the per-event table is left empty).
    expect(await current.events.count()).toBe(0);
    expect(fromChunks(await current.eventChunks.where('sid').equals('s').toArray()).map((e) => e.id)).toEqual(['e']);
    expect(await current.reviewers.count()).toBe(0);
    expect(await current.annotations.count()).toBe(0);
    expect(await current.ratings.count()).toBe(0);
    // The new tables work with their indexes.
    await current.annotations.put({ id: 'a1', sessionHash: 'a'.repeat(64), reviewer: 'r', t0: 1, factor: 'scoping', polarity: '+', note: '' });
    expect(await current.annotations.where('[sessionHash+reviewer]').equals(['a'.repeat(64), 'r']).count()).toBe(1);
    await current.delete();
  });
});
