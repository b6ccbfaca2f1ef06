import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zipSync, strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { SessionEvent } from '../../shared/model/schema';
import { events, meta } from './helpers/session';

const createdAt = '2026-01-02T11:00:00.000Z';
const validArchive = () => writeArchiveToBytes({ meta: meta(), events: events(), createdAt });
const manifestJson = async () => {
  const { unzipSync } = await import('fflate');
  return unzipSync(await validArchive())['manifest.json']!;
};

async function run(name: string, bytes: Uint8Array, limits = {}) {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, bytes, 8192), sink, { limits });
  return { report, sink };
}

function expectNothingStored(sink: MemorySink) {
  expect(sink.sessions.size).toBe(0);
  expect(sink.staged).toBe(0);
}

describe('bad input gets a clear message and stores nothing', () => {
  it('an empty file', async () => {
    const { report, sink } = await run('empty.baton', new Uint8Array());
    expect(report.status).toBe('failed');
    expect(report.message).toBe('empty.baton: the file is empty');
    expectNothingStored(sink);
  });

  it('a file over the size limit', async () => {
    const { report, sink } = await run('big.baton', await validArchive(), { maxFileBytes: 100 });
    expect(report.message).toMatch(/^big\.baton: .* is over the 100 B import limit$/);
    expectNothingStored(sink);
  });

  it('binary junk', async () => {
    const junk = new Uint8Array(5000).map((_, i) => (i * 7919) % 256);
    const { report, sink } = await run('junk.bin', junk);
    expect(report.message).toBe('junk.bin: binary data, not a session log or Baton archive');
    expectNothingStored(sink);
  });

  it('text in no known format', async () => {
    const { report } = await run('notes.txt', strToU8('hello\nthis is not a session\n'));
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/^notes\.txt: not a format Baton recognises/);
  });

  it('a truncated archive', async () => {
    const bytes = await writeArchiveToBytes({
      meta: meta(),
      events: Array.from({ length: 3000 }, (_, i) => ({ id: `e${i}`, t: i, actor: 'agent' as const, kind: 'response' as const, text: `x${i} `.repeat(20) })),
      createdAt,
    });
    const { report, sink } = await run('cut.baton', bytes.slice(0, Math.floor(bytes.length * 0.6)));
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/^cut\.baton: (archive is truncated|not a valid zip)/);
    expectNothingStored(sink);
  });

  it('a corrupt archive', async () => {
    const bytes = await validArchive();
    const bad = bytes.slice();
    for (let i = 200; i < 260; i++) bad[i] = 0xff;
    const { report, sink } = await run('corrupt.baton', bad);
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/^corrupt\.baton: /);
    expectNothingStored(sink);
  });

  it('a zip bomb, by ratio', async () => {
    const { report, sink } = await run('bomb.baton', await zeroBomb(48));
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/^bomb\.baton: looks like a zip bomb — .* declares .* \(\d+:1\)/);
    expectNothingStored(sink);
  });

  async function zeroBomb(mib: number): Promise<Uint8Array> {
    // N MiB of zeros deflates to about N KiB: a 1000:1 ratio.
    const parts: Uint8Array[] = [];
    const zip = new Zip((_e, d) => parts.push(d));
    const m = new ZipPassThrough('manifest.json');
    zip.add(m);
    m.push(await manifestJson(), true);
    const f = new ZipDeflate('events.jsonl', { level: 9 });
    zip.add(f);
    const zeros = new Uint8Array(1 << 20);
    for (let i = 0; i < mib; i++) f.push(zeros, i === mib - 1);
    zip.end();
    return concat(parts);
  }

  it('a zip bomb whose directory lies about its sizes is caught while inflating', async () => {
    const bomb = await zeroBomb(48);
    // Rewrite every central-directory size field to 10 bytes: the declared ratio looks harmless.
    const v = new DataView(bomb.buffer);
    for (let i = 0; i + 46 < bomb.length; i++) {
      if (v.getUint32(i, true) === 0x02014b50) {
        v.setUint32(i + 24, 10, true);
      }
    }
    const { report, sink } = await run('liar.baton', bomb);
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/^liar\.baton: looks like a zip bomb — .* expanded to .* \(\d+:1\)/);
    expectNothingStored(sink);
  });

  it('an entry whose bytes do not match its checksum', async () => {
    const good = zipSync({ 'manifest.json': await manifestJson(), 'events.jsonl': strToU8(events().map((e) => JSON.stringify(e)).join('\n')) }, { level: 0 });
    const bad = good.slice();
    const at = new TextDecoder('latin1').decode(bad).indexOf('Read limiter.ts first');
    bad[at] = 'X'.charCodeAt(0);
    const { report, sink } = await run('crc.baton', bad);
    expect(report.status).toBe('failed');
    expect(report.message).toBe('crc.baton: entry "events.jsonl" is corrupt (checksum mismatch)');
    expectNothingStored(sink);
  });

  it('an archive with its end cut off', async () => {
    const bytes = await validArchive();
    const { report } = await run('end.baton', bytes.slice(0, bytes.length - 10));
    expect(report.message).toBe('end.baton: archive is truncated or damaged — its central directory is missing');
  });

  it('a zip bomb, by total size', async () => {
    const bytes = await validArchive();
    const { report } = await run('a.baton', bytes, { maxUncompressedBytes: 1000 });
    expect(report.message).toMatch(/looks like a zip bomb — .*1000 B/);
  });

  it('too many entries', async () => {
    const files: Record<string, Uint8Array> = { 'manifest.json': await manifestJson(), 'events.jsonl': strToU8('') };
    for (let i = 0; i < 10; i++) files[`blobs/${i}.bin`] = new Uint8Array([i]);
    const { report, sink } = await run('many.baton', zipSync(files), { maxEntries: 5 });
    expect(report.message).toBe('many.baton: archive has more than 5 entries');
    expectNothingStored(sink);
  });

  it.each([
    ['../evil.sh', /climbs out with "\.\."/],
    ['blobs/../../evil', /climbs out/],
    ['/etc/passwd', /absolute entry name/],
    ['C:\\Windows\\x', /absolute entry name/],
  ])('an unsafe entry name %s', async (name, why) => {
    const zipped = zipSync({ 'manifest.json': await manifestJson(), [name]: strToU8('x') });
    const { report, sink } = await run('evil.baton', zipped);
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/^evil\.baton: unsafe archive — /);
    expect(report.message).toMatch(why);
    expectNothingStored(sink);
  });

  it('a missing manifest', async () => {
    const { report } = await run('x.baton', zipSync({ 'events.jsonl': strToU8(JSON.stringify(events()[0]) + '\n') }));
    expect(report.message).toBe('x.baton: not a Baton archive — it has no manifest.json');
  });

  it('an invalid manifest names the field', async () => {
    const bad = JSON.parse(new TextDecoder().decode(await manifestJson()));
    bad.session.startedAt = 'yesterday';
    const { report } = await run('m.baton', zipSync({ 'manifest.json': strToU8(JSON.stringify(bad)), 'events.jsonl': strToU8('') }));
    expect(report.message).toMatch(/^m\.baton:manifest\.json: invalid manifest — session\.startedAt: /);
  });
});

describe('malformed lines are skipped and reported; the rest imports', () => {
  it('lists each bad line with file, line and reason', async () => {
    const evs = events();
    const zipped = zipSync({
      'manifest.json': await manifestJson(),
      'events.jsonl': strToU8(
        [JSON.stringify(evs[0]), '{not json', JSON.stringify({ ...evs[1], kind: 'teleport' }), JSON.stringify(evs[2]), JSON.stringify(evs[0])].join('\n'),
      ),
    });
    const { report, sink } = await run('s.baton', zipped);
    expect(report.status).toBe('imported');
    expect([...sink.sessions.values()][0]!.events.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(report.problems.map((p) => [p.file, p.line, p.reason.split(' ')[0]])).toEqual([
      ['s.baton:events.jsonl', 2, 'not'],
      ['s.baton:events.jsonl', 3, 'invalid'],
      ['s.baton:events.jsonl', 5, 'duplicate'],
    ]);
  });

  it('skips a line over the length limit and reports it', async () => {
    const evs = events();
    const huge = JSON.stringify({ ...evs[1], id: 'huge', text: 'x'.repeat(5000) });
    const zipped = zipSync({ 'manifest.json': await manifestJson(), 'events.jsonl': strToU8([JSON.stringify(evs[0]), huge, JSON.stringify(evs[2])].join('\n')) });
    const { report, sink } = await run('l.baton', zipped, { maxLineBytes: 1000 });
    expect(report.status).toBe('imported');
    expect([...sink.sessions.values()][0]!.events.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(report.problems).toEqual([{ file: 'l.baton:events.jsonl', line: 2, severity: 'warning', reason: expect.stringMatching(/exceeds the 1000 B limit; skipped/) }]);
  });

  it('fails as a whole only when nothing usable remains', async () => {
    const zipped = zipSync({ 'manifest.json': await manifestJson(), 'events.jsonl': strToU8('{bad\n[1,2]\n') });
    const { report, sink } = await run('n.baton', zipped);
    expect(report.status).toBe('failed');
    expect(report.message).toBe('n.baton: nothing usable — events.jsonl: all 1 lines failed to parse');
    expect(report.problems.length).toBe(2);
    expectNothingStored(sink);
  });
});

describe('properties', () => {
  it('arbitrary bytes never crash the importer and never leave partial data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 4096 }), async (bytes) => {
        const sink = new MemorySink();
        const report = await importSource(bytesSource('fuzz', bytes), sink);
        expect(['failed', 'imported']).toContain(report.status);
        expect(sink.staged).toBe(0);
        if (report.status === 'failed') expect(sink.sessions.size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated valid archives never crash and either import valid events or store nothing', async () => {
    const good = await validArchive();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(good.length), { nil: undefined }),
        async (flips, cut) => {
          const bytes = good.slice(0, cut ?? good.length);
          for (const [i, v] of flips) if (i < bytes.length) bytes[i] = v;
          const sink = new MemorySink();
          const report = await importSource(bytesSource('mut.baton', bytes), sink);
          expect(sink.staged).toBe(0);
          if (report.status === 'imported') {
            for (const s of sink.sessions.values()) for (const e of s.events) expect(SessionEvent.safeParse(e).success).toBe(true);
          } else {
            expect(sink.sessions.size).toBe(0);
            expect(report.message).toMatch(/^mut\.baton/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
