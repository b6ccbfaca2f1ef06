/**
 * The committee's saved evidence reel travels in .baton archives (committee/reel.json): written
 * by the export when the session has one, read back on import and saved with the session;
 * checked like every other entry, a bad one is left out with a warning naming the file and the
 * entry, and the session still imports.
 */
import 'fake-indexeddb/auto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSession } from '../../renderer/src/db/export';
import { BatonDB } from '../../renderer/src/db/schema';
import { DexieSink } from '../../renderer/src/db/store';
import { loadCommittee, saveReel } from '../../renderer/src/features/committee/store';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import type { Reel } from '../../shared/committee/reel';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { events, meta } from './helpers/session';

const reel: Reel = {
  version: 1,
  clips: [
    { id: 'c1', t0: 0, t1: 9_000, factor: 'scoping', polarity: '+', why: 'asked for a plan first', source: 'evidence', eventIds: ['e1'] },
    { id: 'c2', t0: 12_000, t1: 20_000, factor: 'edgeCases', polarity: '-', why: 'never asked about empty keys', source: 'annotation', eventIds: [], reviewer: 'r-ada' },
    { id: 'c3', t0: 30_000, t1: 40_000, factor: 'overall', polarity: '+', why: 'added by hand', source: 'manual', eventIds: [] },
  ],
};

async function archive(withReel?: Reel): Promise<Uint8Array> {
  return writeArchiveToBytes({ meta: meta(), events: events(), createdAt: '2026-01-02T11:00:00.000Z', ...(withReel ? { reel: withReel } : {}) });
}

/** The same archive with committee/reel.json replaced by `text`. */
function withReelEntry(bytes: Uint8Array, text: string): Uint8Array {
  const entries = unzipSync(bytes);
  entries['committee/reel.json'] = strToU8(text);
  return zipSync(entries);
}

describe('the evidence reel in a .baton archive', () => {
  it('round-trips through the archive, and an archive without one imports without one', async () => {
    const bytes = await archive(reel);
    expect(Object.keys(unzipSync(bytes))).toContain('committee/reel.json');
    const sink = new MemorySink();
    const report = await importSource(bytesSource('a.baton', bytes), sink);
    expect(report.status).toBe('imported');
    expect(report.problems).toEqual([]);
    expect([...sink.sessions.values()][0]!.info.reel).toEqual(reel);

    const plain = await archive();
    expect(Object.keys(unzipSync(plain))).not.toContain('committee/reel.json');
    const other = new MemorySink();
    const r2 = await importSource(bytesSource('b.baton', plain), other);
    expect(r2.problems).toEqual([]);
    expect([...other.sessions.values()][0]!.info.reel).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"version": 1, "clips": [', /^evidence reel ignored: not valid JSON/],
    ['a clip with a negative start', JSON.stringify({ version: 1, clips: [{ ...reel.clips[0], t0: -5 }] }), /^evidence reel ignored: .*clips\.0\.t0/],
    ['an unknown factor', JSON.stringify({ version: 1, clips: [{ ...reel.clips[0], factor: 'charm' }] }), /^evidence reel ignored: .*clips\.0\.factor/],
    ['a clip that ends before it starts', JSON.stringify({ version: 1, clips: [{ ...reel.clips[0], t0: 9_000, t1: 1_000 }] }), /^evidence reel ignored: clips\.0 ends before it starts/],
    ['another version', JSON.stringify({ version: 2, clips: [] }), /^evidence reel ignored: .*version/],
  ])('leaves out a reel with %s, naming the file and the entry, and imports the session', async (_what, text, reason) => {
    const sink = new MemorySink();
    const report = await importSource(bytesSource('hostile.baton', withReelEntry(await archive(reel), text)), sink);
    expect(report.status).toBe('imported');
    const p = report.problems.filter((x) => x.file === 'hostile.baton:committee/reel.json');
    expect(p).toHaveLength(1);
    expect(p[0]!.reason).toMatch(reason);
    expect([...sink.sessions.values()][0]!.info.reel).toBeUndefined();
  });
});

const dbs: BatonDB[] = [];
let n = 0;
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.delete();
});
async function fresh(): Promise<BatonDB> {
  const d = new BatonDB(`baton-reel-archive-${++n}`);
  dbs.push(d);
  await d.open();
  return d;
}

describe('Export and import in the app', () => {
  it("exports the reel saved with a session and the other library's import saves it with the session", async () => {
    const a = await fresh();
    const first = await importSource(bytesSource('plain.baton', await archive()), new DexieSink(a, 'plain.baton'));
    const sid = first.sessions[0]!.id;
    expect((await loadCommittee(sid, a)).reel).toBeUndefined();
    const edited: Reel = { version: 1, clips: [reel.clips[2]!, reel.clips[0]!] };
    await saveReel(sid, edited, a);
    const { name, blob } = await exportSession(a, sid);
    expect(name).toMatch(/\.baton$/);

    const b = await fresh();
    const second = await importSource(bytesSource(name, new Uint8Array(await blob.arrayBuffer())), new DexieSink(b, name));
    expect(second.status).toBe('imported');
    expect(second.problems).toEqual([]);
    expect((await loadCommittee(second.sessions[0]!.id, b)).reel).toEqual(edited);
  });
});
