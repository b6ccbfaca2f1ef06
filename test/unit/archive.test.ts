import { describe, expect, it } from 'vitest';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { events, meta } from './helpers/session';

describe('.baton archive', () => {
  it('round-trips metadata, events, task, audio transcript and blobs', async () => {
    const audio = new Uint8Array([82, 73, 70, 70, 1, 2, 3, 4]);
    const m = meta({ audio: { blob: { blob: 'audio/narration.wav', mime: 'audio/wav', size: audio.byteLength }, durationMs: 5000, offsetMs: 0 } });
    const evs = [
      ...events(),
      { id: 'n1', t: 1000, endT: 3000, actor: 'candidate' as const, kind: 'narration' as const, text: 'I will read first.' },
    ];
    const bytes = await writeArchiveToBytes({ meta: m, events: evs, blobs: [{ path: 'audio/narration.wav', data: audio }], createdAt: '2026-01-02T11:00:00.000Z' });
    const sink = new MemorySink();
    const report = await importSource(bytesSource('a.baton', bytes, 1000), sink);
    expect(report.message).toBeUndefined();
    expect(report.status).toBe('imported');
    expect(report.problems).toEqual([]);
    const stored = sink.sessions.get('s-1')!;
    expect(stored.info.meta).toEqual({ ...m, source: { ...m.source, fileName: 'a.baton' } });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...stored.events].sort(byId)).toEqual([...evs].sort(byId));
    expect(stored.blobs.get('audio/narration.wav')?.data).toEqual(audio);
    expect(stored.info.counts).toMatchObject({ prompt: 1, narration: 1, diff: 1 });
    expect(sink.staged).toBe(0);
  });

  it('recognises the same bytes imported twice', async () => {
    const bytes = await writeArchiveToBytes({ meta: meta(), events: events(), createdAt: '2026-01-02T11:00:00.000Z' });
    const sink = new MemorySink();
    expect((await importSource(bytesSource('a.baton', bytes), sink)).status).toBe('imported');
    const again = await importSource(bytesSource('copy.baton', bytes), sink);
    expect(again.status).toBe('duplicate');
    expect(again.sessions[0]?.existingId).toBe('s-1');
    expect(sink.sessions.size).toBe(1);
  });
});
