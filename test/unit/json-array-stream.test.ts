import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { ByteSource, SessionSink } from '../../shared/import/types';
import { JsonArrayStream } from '../../shared/importers/json-array-stream';

function feedAll(doc: string, piece: number, keys?: string[]): string[] {
  const s = new JsonArrayStream(keys);
  const out: string[] = [];
  for (let i = 0; i < doc.length; i += piece) for (const el of s.push(doc.slice(i, i + piece))) out.push(el.text);
  return out;
}

describe('JsonArrayStream', () => {
  it('yields each element of a root array or of {"loglines": [...]}, however the text is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (values, piece, wrapped) => {
        const doc = wrapped ? JSON.stringify({ other: [1, { loglines: 'no' }], loglines: values, after: '[' }, null, 1) : JSON.stringify(values, null, 2);
        const got = feedAll(doc, piece).map((t) => JSON.parse(t) as unknown);
        expect(got).toEqual(JSON.parse(JSON.stringify(values)));
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('gives the line each element starts on, and skips elements over the size limit', () => {
    const s = new JsonArrayStream(undefined, 20, 3);
    const els = s.push('[\n{"a": 1},\n{"big": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},\n{"b": "]"}\n]\n');
    expect(els).toEqual([
      { text: '{"a": 1}', line: 4 },
      { text: '{"b": "]"}', line: 6 },
    ]);
    expect(s.skipped).toEqual([5]);
    expect(s.finished).toBe(true);
  });
});

describe('10. a Claude Code transcript saved as one JSON array', () => {
  it('cut off mid-array: the records before the cut import, and the cut is reported with its line', async () => {
    const recs = [0, 1].map((i) => ({ type: 'user', uuid: `u${i}`, sessionId: 's', timestamp: '2026-01-01T00:00:00.000Z', message: { role: 'user', content: `prompt ${i}` } }));
    const text = JSON.stringify(recs, null, 2).slice(0, -40);
    const sink = new MemorySink();
    const report = await importSource(bytesSource('cut.json', new TextEncoder().encode(text)), sink, { now: () => 0 });
    expect(report.status).toBe('imported');
    expect([...sink.sessions.values()][0]!.events).toHaveLength(1);
    expect(report.problems.some((p) => p.line !== undefined && /cut off here/.test(p.reason))).toBe(true);
  });

  it('is turned into events while it is read, not held whole until its end', async () => {
    const recs = Array.from({ length: 3000 }, (_, i) => ({
      type: i % 2 ? 'assistant' : 'user',
      uuid: `u${i}`,
      sessionId: 's',
      timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      message: i % 2 ? { id: `m${i}`, role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: `reply ${i}` }] } : { role: 'user', content: `prompt ${i}` },
    }));
    const data = new TextEncoder().encode(JSON.stringify(recs, null, 2));
    const inner = bytesSource('array.json', data, 16 * 1024);
    let streamEnded = false;
    const source: ByteSource = {
      name: inner.name,
      size: inner.size,
      slice: (a, b) => inner.slice(a, b),
      stream: () =>
        inner.stream().pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform: (c, ctrl) => ctrl.enqueue(c),
            flush: () => {
              streamEnded = true;
            },
          }),
        ),
    };
    let writtenBeforeEnd = 0;
    let written = 0;
    const sink: SessionSink = {
      begin: async () => ({
        events: async (batch) => {
          written += batch.length;
          if (!streamEnded) writtenBeforeEnd += batch.length;
        },
        blob: async () => undefined,
        commit: async () => ({ status: 'stored', id: 'x' }),
        abort: async () => undefined,
      }),
    };
    const report = await importSource(source, sink, { now: () => 0, batchSize: 100 });
    expect(report.status).toBe('imported');
    expect(written).toBe(3000);
    expect(writtenBeforeEnd).toBeGreaterThan(2000);
  });
});
