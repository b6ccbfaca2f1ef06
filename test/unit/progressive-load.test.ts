/**
 * Opening a replay progressively (issue 20): the first screen from the chunks around the
 * start position, the rest behind it. What a reviewer would notice if it were wrong: an event
 * missing or out of place in the window, a wrong "event n of N", a seek landing on the wrong
 * event before the load completes, the whole session differing from what loadEvents gives,
 * or a load that never lets the page paint. Also schema v6, which indexes the chunks' spans.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import type { SessionEvent } from '../../shared/model/schema';
import { sliceWindow, windowAt, type ChunkSpan } from '../../shared/replay/chunk-window';
import { toChunks, fromChunks } from '../../renderer/src/db/chunks';
import { chunkSpans } from '../../renderer/src/db/chunk-reader';
import { BatonDB, setDb } from '../../renderer/src/db/schema';
import { DexieSink, loadEvents } from '../../renderer/src/db/store';
import { LoadStopped, openSession } from '../../renderer/src/features/replay/progressive';
import { meta } from './helpers/session';
import { eachFreshDb } from './helpers/fresh-db';

const resp = (i: number, t: number): SessionEvent => ({ id: `e${i}`, t, actor: i % 3 ? 'agent' : 'candidate', kind: i % 3 ? 'response' : 'prompt', text: `reply ${i}` });

/** A seeded generator, so a failure repeats. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function spansOf(rows: ReturnType<typeof toChunks>): ChunkSpan[] {
  return rows.map(({ n, t0, t1, count }) => ({ n, t0, t1, count }));
}

/** Events in import order: time order with repeats, or chunks that overlap in time (a subagent's events after the main ones). */
function sessionEvents(layout: 'ordered' | 'overlapping', count: number): SessionEvent[] {
  const r = rng(count);
  if (layout === 'ordered') return Array.from({ length: count }, (_, i) => resp(i, Math.floor(i / 3) * 10));
  const main = Array.from({ length: count / 2 }, (_, i) => resp(i, i * 20));
  const sub = Array.from({ length: count / 2 }, (_, i) => resp(count / 2 + i, Math.floor(r() * count * 10)));
  return [...main, ...sub];
}

describe('a window of chunks', () => {
  for (const layout of ['ordered', 'overlapping'] as const) {
    it(`holds every event of its time range, in the session's order, at its place in the session (${layout} chunks)`, () => {
      // Smaller chunks than the app's (500 events), so a window is a small part of the session.
      const all = sessionEvents(layout, 6000);
      const chunks = Array.from({ length: all.length / 500 }, (_, k) => toChunks('s', all.slice(k * 500, k * 500 + 500), k)[0]!);
      const spans = spansOf(chunks);
      const whole = fromChunks(chunks);
      const loaded = new Map(chunks.map((c) => [c.n, JSON.parse(c.json) as SessionEvent[]]));
      const r = rng(7);
      for (let i = 0; i < 80; i++) {
        const t = Math.floor(r() * (whole.at(-1)!.t + 100)) - 50;
        // The first screen's window (spread 0: the chunk holding t) and a seek's (spread 1).
        const spread = i % 2;
        const win = windowAt(spans, t, spread);
        expect(win.from).toBeLessThanOrEqual(t);
        expect(win.to).toBeGreaterThanOrEqual(t);
        const { events, offset } = sliceWindow(spans, loaded, win);
        expect(events.map((e) => e.id)).toEqual(whole.slice(offset, offset + events.length).map((e) => e.id));
        expect(events.length).toBe(whole.filter((e) => e.t >= win.from && e.t <= win.to).length);
        // One or three chunks, and a neighbour when an instant straddles a boundary (its events at `to` count).
        if (layout === 'ordered') expect(win.chunks.length).toBeLessThanOrEqual(spread ? 5 : 3);
      }
    });
  }

  it('with spread 0 holds the time asked even when it falls between two chunks', () => {
    const spans: ChunkSpan[] = [
      { n: 0, t0: 0, t1: 100, count: 10 },
      { n: 1, t0: 200, t1: 300, count: 10 },
      { n: 2, t0: 400, t1: 500, count: 10 },
    ];
    expect(windowAt(spans, 250, 0)).toEqual({ from: 200, to: 300, chunks: [1] });
    // 150 is in the gap before chunk 1: the window starts at 150, so a seek there is not asked for again.
    expect(windowAt(spans, 150, 0)).toEqual({ from: 150, to: 300, chunks: [1] });
    expect(windowAt(spans, 50, 0)).toEqual({ from: -Infinity, to: 100, chunks: [0] });
    expect(windowAt(spans, 900, 0)).toEqual({ from: 400, to: Infinity, chunks: [2] });
  });

  it('says which chunk it lacks instead of leaving its events out', () => {
    const chunks = [...toChunks('s', [resp(0, 0), resp(1, 10)], 0), ...toChunks('s', [resp(2, 20)], 1)];
    expect(() => sliceWindow(spansOf(chunks), new Map([[0, [resp(0, 0), resp(1, 10)]]]), { from: 0, to: 30 })).toThrow('chunk 1 is needed');
  });
});

describe('opening a stored session progressively', () => {
  let database: BatonDB;
  eachFreshDb('baton-progressive', async (d) => {
    database = d;
    setDb(database);
  });

  async function store(evs: SessionEvent[], batch: number): Promise<string> {
    const w = await new DexieSink(database, 'x.baton', undefined, undefined, batch).begin();
    for (let i = 0; i < evs.length; i += batch) await w.events(evs.slice(i, i + batch));
    const res = await w.commit({ meta: meta(), contentHash: `h${evs.length}-${batch}`, eventCount: evs.length, counts: {}, problems: [], problemsOmitted: 0 } as never);
    if (res.status !== 'stored') throw new Error('not stored');
    return res.id;
  }

  it('opens from the chunks around the start position, seeks outside them correctly, then loads every event with a yield between chunks', async () => {
    const evs = sessionEvents('ordered', 20_000);
    const sid = await store(evs, 1000);
    const whole = await loadEvents(database, sid);
    const spans = await chunkSpans(database, sid);
    expect(spans).toHaveLength(20);

    const start = whole[12_345]!.t;
    const opened = (await openSession(sid, Promise.resolve(start)))!;
    const first = opened.first;
    expect(first.loading).toBeDefined();
    // The chunk holding the start (its neighbours when an instant straddles a boundary), not
    // the session; "event n of N" counts from the whole session.
    expect(first.events.length).toBeLessThan(2100);
    expect(first.loading!.total).toBe(20_000);
    const here = first.index.indexAt(start);
    expect(first.events[here]!.id).toBe(whole[whole.findLastIndex((e) => e.t <= start)]!.id);
    expect(first.loading!.offset + here).toBe(whole.findLastIndex((e) => e.t <= start));

    // A seek far away before the load completes: the window there holds the right events.
    const far = whole[1_500]!.t;
    const there = await opened.loader!.window(far);
    const k = there.index.indexAt(far);
    expect(there.loading!.offset + k).toBe(whole.findLastIndex((e) => e.t <= far));
    expect(there.events[k]).toEqual(whole[there.loading!.offset + k]);

    // What happened, in order: a yield to the page (y) or a chunk parsed (c).
    let log = '';
    const progress: number[] = [];
    opened.loader!.onProgress((loaded) => {
      progress.push(loaded);
      log += 'c';
    });
    const all = await opened.loader!.all(async () => {
      log += 'y';
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(all.loading).toBeUndefined();
    expect(all.events).toEqual(whole);
    expect(all.index.indexAt(start)).toBe(whole.findLastIndex((e) => e.t <= start));
    // The page had a turn before every chunk; the ones the windows had read were not read again.
    expect(log).not.toContain('cc');
    const windowChunks = new Set([...first.events, ...there.events].map((e) => Math.floor(Number(e.id.slice(1)) / 1000))).size;
    expect(log.replace(/y/g, '').length).toBe(20 - windowChunks);
    expect(progress.at(-1)).toBe(20_000);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('stops reading and parsing when the replay is left during the load, and says so to whoever still waits', async () => {
    const evs = sessionEvents('ordered', 20_000);
    const sid = await store(evs, 1000);
    const opened = (await openSession(sid, Promise.resolve(0)))!;
    const loader = opened.loader!;
    let parsed = 0;
    loader.onProgress(() => parsed++);
    let turns = 0;
    // The reviewer leaves on the page's third turn, with chunks read and waiting to parse.
    const all = loader.all(async () => {
      if (++turns === 3) loader.stop();
      await new Promise((r) => setTimeout(r, 0));
    });
    await expect(all).rejects.toBeInstanceOf(LoadStopped);
    expect(parsed).toBe(2);
    // Nothing more is parsed once the reads already under way come back.
    await new Promise((r) => setTimeout(r, 50));
    expect(parsed).toBe(2);
    expect(loader.loaded).toBeLessThan(20_000);
    await expect(loader.window(evs[15_000]!.t)).rejects.toBeInstanceOf(LoadStopped);
  });

  it('keeps the session order when import order is not time order', async () => {
    const evs = sessionEvents('overlapping', 12_000);
    const sid = await store(evs, 1000);
    const whole = await loadEvents(database, sid);
    const opened = (await openSession(sid, Promise.resolve(whole[3000]!.t)))!;
    const w = opened.first;
    expect(w.events).toEqual(whole.slice(w.loading!.offset, w.loading!.offset + w.events.length));
    expect((await opened.loader!.all(() => Promise.resolve())).events).toEqual(whole);
  });

  it('opens a small session whole, and a missing one as nothing', async () => {
    const sid = await store(sessionEvents('ordered', 2500), 1000);
    const opened = (await openSession(sid, Promise.resolve(undefined)))!;
    expect(opened.loader).toBeUndefined();
    expect(opened.first.loading).toBeUndefined();
    expect(opened.first.events).toHaveLength(2500);
    expect(await openSession('no-such-session', Promise.resolve(0))).toBeUndefined();
  });
});

describe('schema v6 upgrade', () => {
  it("indexes the chunks a v5 library already holds: each chunk's span read without its events, every event still found", async () => {
    const name = `baton-v5-${Date.now()}`;
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
    old.version(3).stores({ reviewers: 'id, name', annotations: 'id, sessionHash, reviewer, [sessionHash+reviewer]', ratings: '[sessionHash+reviewer], sessionHash, reviewer' });
    old.version(4).stores({ eventChunks: '[sid+n], sid' });
    old.version(5).stores({ committee: 'sid, outcome' });
    await old.open();
    const evs = sessionEvents('ordered', 9000);
    const rows = Array.from({ length: 9 }, (_, k) => toChunks('v5', evs.slice(k * 1000, k * 1000 + 1000), k)[0]!);
    await old.table('sessions').put({ id: 'v5', meta: meta(), contentHash: 'h', title: 't', startedAt: '2026-01-01T00:00:00.000Z', format: 'baton', taskTitle: 't', candidateId: 'c', importedAt: 1, eventCount: 9000, counts: {}, problemCount: 0, durationMs: 1 });
    await old.table('eventChunks').bulkPut(rows);
    old.close();

    const current = new BatonDB(name);
    await current.open();
    expect(current.verno).toBe(6);
    expect(await chunkSpans(current, 'v5')).toEqual(spansOf(rows));
    expect(await chunkSpans(current, 'other')).toEqual([]);
    expect(await loadEvents(current, 'v5')).toEqual(evs);
    setDb(current);
    const opened = (await openSession('v5', Promise.resolve(evs[8500]!.t)))!;
    expect(opened.first.events.map((e) => e.id)).toContain('e8500');
    expect(opened.first.events.length).toBeLessThan(9000);
    expect((await opened.loader!.all(() => Promise.resolve())).events).toEqual(evs);
    await current.delete();
  });
});
