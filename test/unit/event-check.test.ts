/**
 * The fast event check (shared/import/event-check.ts) lets an archive's event be stored as
 * the line it was read from. It may only say yes when zod would accept the event and return
 * an equal value; these tests hold it to that over every generated sample, the real logs and
 * events changed every way the schema cares about, and check that an import stores the same
 * events either way.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { eventUnchangedByZod, FAST_CHECKED_KINDS } from '../../shared/import/event-check';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { SessionSink } from '../../shared/import/types';
import { EVENT_KINDS, SessionEvent } from '../../shared/model/schema';
import { generateLargeSession, generateSample, SAMPLE_STYLES } from '../../shared/samples';
import { asciiJson, ChunkPacker, chunkRow, type EventChunkRow } from '../../renderer/src/db/chunks';
import { allRealFiles, REAL_SESSIONS_DIR, realSessionsAvailable } from './helpers/real-sessions';
import { pack, unpack } from '../fixtures/zip-tools';

/** What the check promises: yes only if zod accepts the value and returns an equal one. */
function expectHonest(raw: unknown): boolean {
  const fast = eventUnchangedByZod(raw);
  if (fast) {
    const z = SessionEvent.safeParse(structuredClone(raw));
    expect(z.success, JSON.stringify(raw).slice(0, 300)).toBe(true);
    // As stored: the event's own JSON text and zod's output written out read back the same.
    expect(JSON.parse(JSON.stringify(raw))).toStrictEqual(JSON.parse(JSON.stringify(z.data)));
    expect(z.data).toStrictEqual(raw);
  }
  return fast;
}

/** Events as an archive's events.jsonl holds them: each written out and read back. */
const asRead = (events: readonly unknown[]) => events.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);

const samples = () => [...SAMPLE_STYLES.flatMap((style) => [1, 2, 3].map((seed) => generateSample(style, seed).events)), generateLargeSession(4000, 7).events].map(asRead);

describe('the fast event check', () => {
  it('covers every event kind the schema has', () => {
    expect([...FAST_CHECKED_KINDS].sort()).toEqual([...EVENT_KINDS].sort());
  });

  it('accepts nearly every generated event, and only those zod returns unchanged', () => {
    let total = 0;
    let fast = 0;
    for (const events of samples()) {
      for (const raw of events) {
        total++;
        if (expectHonest(raw)) fast++;
      }
    }
    expect(total).toBeGreaterThan(4000);
    expect(fast / total).toBeGreaterThan(0.99);
  });

  it.skipIf(!realSessionsAvailable)('is honest about every event imported from the real logs', async () => {
    let total = 0;
    let fast = 0;
    for (const path of allRealFiles()) {
      const rel = relative(REAL_SESSIONS_DIR, path);
      const sink = new MemorySink();
      await importSource(bytesSource(rel.split('/').pop()!, new Uint8Array(readFileSync(path))), sink, { now: () => 0 });
      for (const s of sink.sessions.values()) {
        for (const raw of asRead(s.events)) {
          total++;
          if (expectHonest(raw)) fast++;
        }
      }
    }
    expect(total).toBeGreaterThan(1000);
    expect(fast / total).toBeGreaterThan(0.9);
  });

  it('leaves to zod every event zod would change or refuse', () => {
    const base = asRead(samples().flat());
    const one = new Map<string, Record<string, unknown>>();
    for (const e of base) if (!one.has(e.kind as string)) one.set(e.kind as string, e);
    expect(one.size).toBeGreaterThan(8);
    const changes: [string, (e: Record<string, unknown>) => void][] = [
      ['an unknown key (zod strips it)', (e) => (e.extra = 1)],
      ['an unknown key in source', (e) => (e.source = { file: 'a', other: 2 })],
      ['an empty id', (e) => (e.id = '')],
      ['an id of 201 characters', (e) => (e.id = 'x'.repeat(201))],
      ['a negative time', (e) => (e.t = -1)],
      ['a time of -0 (written back as 0)', (e) => (e.t = -0)],
      ['a time as text', (e) => (e.t = '5')],
      ['an unknown actor', (e) => (e.actor = 'robot')],
      ['a null lane', (e) => (e.lane = null)],
      ['a fractional source line', (e) => (e.source = { line: 1.5 })],
      ['an unsafe integer source line', (e) => (e.source = { line: 2 ** 53 })],
      ['an unknown kind', (e) => (e.kind = 'dance')],
      ['no kind', (e) => delete e.kind],
      ['an array', () => undefined],
    ];
    for (const [kind, e] of one) {
      for (const [what, change] of changes) {
        const raw = what === 'an array' ? [e] : structuredClone(e);
        if (what !== 'an array') change(raw as Record<string, unknown>);
        expect(eventUnchangedByZod(raw), `${kind}: ${what}`).toBe(false);
      }
    }
    const tool = structuredClone(one.get('tool_call')!);
    expect(eventUnchangedByZod({ ...tool, output: { blob: 'b', mime: 'text/plain', size: 1, extra: true } })).toBe(false);
    expect(eventUnchangedByZod({ ...tool, output: { blob: 'b', mime: 'text/plain', size: -1 } })).toBe(false);
    expect(eventUnchangedByZod({ ...tool, input: { deep: [1, { x: -0 }] } })).toBe(false);
    expect(expectHonest({ ...tool, output: { blob: 'b', mime: 'text/plain', size: 1 }, input: { deep: [1, { x: 0 }] } })).toBe(true);
    const cmd = structuredClone(one.get('command')!);
    expect(expectHonest({ ...cmd, exitCode: null })).toBe(true);
    expect(eventUnchangedByZod({ ...cmd, exitCode: 1.5 })).toBe(false);
    expect(eventUnchangedByZod({ ...cmd, durationMs: Infinity })).toBe(false);
  });

  it('never says yes where zod would not return the same value, for any value put in any field', () => {
    const base = asRead(samples().flat()).filter((_, i) => i % 50 === 0);
    const keys = [...new Set(base.flatMap((e) => Object.keys(e))), 'source', 'images', 'extra'];
    fc.assert(
      fc.property(fc.constantFrom(...base), fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (e, key, value) => {
        const raw = { ...structuredClone(e), [key]: value };
        expectHonest(raw);
      }),
      { numRuns: 3000 },
    );
  });
});

/** A sink that packs events into chunk rows as the IndexedDB store does. */
class ChunkSink implements SessionSink {
  rows: EventChunkRow[] = [];
  async begin() {
    const packer = new ChunkPacker('s', 0, 50);
    return {
      events: async (batch: SessionEvent[], texts?: readonly (string | Uint8Array | undefined)[]) => void this.rows.push(...packer.add(batch, texts).map(chunkRow)),
      blob: async () => undefined,
      commit: async () => {
        this.rows.push(...packer.flush().map(chunkRow));
        return { status: 'stored' as const, id: 's' };
      },
      abort: async () => {
        this.rows = [];
      },
    };
  }
}

describe('an archive imported with events stored as read', () => {
  it('stores, in ASCII, the very events zod and a re-stringify would store, including those zod changes, and refuses the ones it refuses', async () => {
    const s = generateSample('thrasher', 3);
    const entries = unpack(await writeArchiveToBytes({ ...s, createdAt: '2026-01-01T00:00:00.000Z' }));
    const lines = new TextDecoder().decode(entries['events.jsonl']).split('\n').filter(Boolean);
    const t = (JSON.parse(lines[0]!) as { t: number }).t;
    // Events zod changes (a key it strips, -0), one it refuses, spacing and escapes JSON allows, text past ASCII.
    lines.push(`{"id":"x-extra","t":${t},"actor":"agent","kind":"marker","label":"m","extra":{"a":1}}`);
    lines.push(`{"id":"x-negzero","t":-0,"actor":"agent","kind":"marker","label":"m"}`);
    lines.push(`{"id":"x-bad","t":${t},"actor":"robot","kind":"marker","label":"m"}`);
    lines.push(`  { "id" : "x-\\u0073paced", "t" : 1.50e1 , "actor":"agent","kind":"prompt","text":"caf\u00e9 \u2713 \ud834\udd1e \\ud800"}\r`);
    entries['events.jsonl'] = new TextEncoder().encode(lines.join('\n') + '\n');
    const sink = new ChunkSink();
    const report = await importSource(bytesSource('mixed.baton', pack(entries)), sink, { now: () => 0, batchSize: 37 });
    expect(report.status, report.message).toBe('imported');
    expect(report.problems).toEqual([{ file: 'mixed.baton:events.jsonl', line: lines.length - 1, severity: 'warning', reason: expect.stringMatching(/^invalid event: actor/) }]);

    const stored = sink.rows.flatMap((r) => JSON.parse(r.json) as unknown[]);
    const expected: unknown[] = [];
    for (const line of lines) {
      const z = SessionEvent.safeParse(JSON.parse(line));
      if (z.success) expected.push(JSON.parse(asciiJson(JSON.stringify(z.data))));
    }
    expect(stored).toStrictEqual(expected);
    expect(stored.find((e) => (e as { id: string }).id === 'x-extra')).not.toHaveProperty('extra');
    expect(Object.is((stored.find((e) => (e as { id: string }).id === 'x-negzero') as { t: number }).t, 0)).toBe(true);
    for (const r of sink.rows) expect(/[^\x20-\x7e]/.test(r.json)).toBe(false);
    expect(sink.rows.reduce((n, r) => n + r.count, 0)).toBe(lines.length - 1);
  });
});
