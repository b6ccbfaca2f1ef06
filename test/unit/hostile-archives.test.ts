/**
 * Hostile zips: a bomb hidden behind stored padding (items 5), an archive whose directory
 * already shows it is not ours, and Info-ZIP names without the UTF-8 flag (item 8).
 */
import { describe, expect, it } from 'vitest';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { decodeEntryName } from '../../shared/archive/zip-names';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { ByteSource } from '../../shared/import/types';
import { events, meta } from './helpers/session';
import { clearUtf8Flag, noise, pack, unpack } from '../fixtures/zip-tools';

const MiB = 1024 * 1024;

/** A source that counts the bytes read through its stream (random-access reads are not counted). */
function counting(name: string, data: Uint8Array): { source: ByteSource; streamed: () => number } {
  const inner = bytesSource(name, data, 256 * 1024);
  let streamed = 0;
  return {
    streamed: () => streamed,
    source: {
      name,
      size: inner.size,
      slice: (a, b) => inner.slice(a, b),
      stream: () =>
        inner.stream().pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, ctrl) {
              streamed += chunk.byteLength;
              ctrl.enqueue(chunk);
            },
          }),
        ),
    },
  };
}

async function baseEntries() {
  return unpack(await writeArchiveToBytes({ meta: meta(), events: events(), createdAt: '2026-01-02T11:00:00.000Z' }));
}

describe('5. zips that pass the whole-file ratio check', () => {
  it('an entry expanding 1000:1 behind stored padding is stopped as a bomb', async () => {
    const entries = { ...(await baseEntries()), 'blobs/padding.bin': noise(3 * MiB), 'blobs/zeros.bin': new Uint8Array(48 * MiB) };
    const zip = pack(entries, ['blobs/padding.bin']);
    // The file as a whole stays far under 200:1.
    expect((3 + 48) * MiB / zip.byteLength).toBeLessThan(20);
    const report = await importSource(bytesSource('padded.baton', zip), new MemorySink(), { now: () => 0, limits: { ratioFloorBytes: 4 * MiB } });
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/^padded\.baton: looks like a zip bomb — entry "blobs\/zeros\.bin"/);
  });

  it('an archive with no manifest is refused from its directory, before anything inflates', async () => {
    const { 'manifest.json': _m, ...rest } = await baseEntries();
    void _m;
    const zip = pack({ ...rest, 'blobs/big.bin': noise(4 * MiB) });
    const { source, streamed } = counting('nomanifest.baton', zip);
    const report = await importSource(source, new MemorySink(), { now: () => 0 });
    expect(report.message).toBe('nomanifest.baton: not a Baton archive — it has no manifest.json');
    expect(streamed()).toBe(0);
  });
});

describe('8. entry names without the UTF-8 flag', () => {
  it('a Claude Code project zipped by Info-ZIP from a folder with a non-ASCII name imports', async () => {
    const line = (o: Record<string, unknown>) => JSON.stringify({ sessionId: 's1', version: '2.1.3', cwd: '/w', timestamp: '2026-01-10T09:00:00.000Z', ...o });
    const transcript = [
      line({ type: 'user', uuid: 'u1', message: { role: 'user', content: 'bonjour' } }),
      line({ type: 'assistant', uuid: 'u2', message: { id: 'm1', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'salut' }] } }),
    ].join('\n');
    const zip = clearUtf8Flag(pack({ 'projects/-home-zoë-café/s1.jsonl': new TextEncoder().encode(`${transcript}\n`) }));
    const report = await importSource(bytesSource('project.zip', zip), new MemorySink(), { now: () => 0 });
    expect(report.message).toBeUndefined();
    expect(report.status).toBe('imported');
  });

  it('names that are not UTF-8 are read as code page 437, as the standard says', () => {
    expect(decodeEntryName(new Uint8Array([0x63, 0x61, 0x66, 0x82]), false)).toBe('café');
    expect(decodeEntryName(new TextEncoder().encode('café'), false)).toBe('café');
    expect(decodeEntryName(new TextEncoder().encode('café'), true)).toBe('café');
  });
});

describe('7. an archive whose manifest holds values past the limits', () => {
  it('imports with the values clipped and a warning naming manifest.json', async () => {
    const entries = await baseEntries();
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { session: Record<string, unknown> };
    manifest.session.model = 'm'.repeat(300);
    manifest.session.source = { format: 'baton', version: 'v'.repeat(300) };
    manifest.session.durationMs = 1e300;
    entries['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
    const sink = new MemorySink();
    const report = await importSource(bytesSource('long.baton', pack(entries)), sink, { now: () => 0 });
    expect(report.message).toBeUndefined();
    expect(report.status).toBe('imported');
    const meta = [...sink.sessions.values()][0]!.info.meta;
    expect(meta.model!.length).toBeLessThanOrEqual(200);
    expect(meta.source.version!.length).toBeLessThanOrEqual(200);
    expect(report.problems.filter((p) => p.file === 'long.baton:manifest.json').map((p) => p.reason)).toEqual([
      'the model name is 300 characters long; clipped to 200',
      'the tool version is 300 characters long; clipped to 200',
      "the session's duration is out of range; clipped to 31 days",
    ]);
  });
});
