/**
 * JSON lines past ASCII read as ASCII JSON of the same value (shared/util/json-escape.ts),
 * which the import stores as they are: never a different value, never valid where the line
 * was not.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeUtf8Json } from '../../shared/util/json-escape';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { generateSample } from '../../shared/samples';
import { pack, unpack } from '../fixtures/zip-tools';

const enc = new TextEncoder();

function escaped(bytes: Uint8Array): string | undefined {
  const out = new Uint8Array(bytes.length * 6 + 16);
  const n = escapeUtf8Json(bytes, out);
  return n === undefined ? undefined : String.fromCharCode(...out.subarray(0, n));
}

function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

describe('escapeUtf8Json', () => {
  it('writes any JSON value, text in any script included, as ASCII that parses to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 30 }), (value, s) => {
        const json = JSON.stringify({ value, s });
        const e = escaped(enc.encode(json));
        expect(e).toBeDefined();
        // ASCII: DEL (0x7f) included, which JSON.stringify leaves as it is.
        expect(/[^\x20-\x7f]/.test(e!)).toBe(false);
        expect(JSON.parse(e!)).toStrictEqual(JSON.parse(json));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps DEL, an ASCII byte JSON allows unescaped, and escapes what follows it past ASCII', () => {
    const e = escaped(enc.encode(JSON.stringify({ s: 'a\x7fb é' })));
    expect(e).toBe('{"s":"a\x7fb \\u00e9"}');
    expect(JSON.parse(e!)).toStrictEqual({ s: 'a\x7fb é' });
  });

  it('for any bytes, escapes only where the line means the same: parses to the same value, or fails to parse as the line does', () => {
    const piece = fc.oneof(
      fc.constantFrom('"', '\\', '\\\\', '{"a":"', '"}', ':', ',', '[', ']', 'u', '2713', ' ', 'x', '1', 'é', '✓', '𝄞', '\u00a0', '\uFEFF').map((t) => enc.encode(t)),
      // Bytes that are not UTF-8: stray, overlong, a surrogate, cut short, past U+10FFFF.
      fc.constantFrom([0xff], [0xc0], [0xed, 0xa0, 0x80], [0xe2, 0x9c], [0xf4, 0x90, 0x80, 0x80], [0xc2]).map((b) => Uint8Array.from(b)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        const e = escaped(bytes);
        if (e === undefined) return;
        expect(/[\u0080-\uffff]/.test(e)).toBe(false);
        // The splitter's own decoder keeps a U+FEFF (one at the file's start is dropped before).
        expect(parsed(e)).toStrictEqual(parsed(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves to the decoder what it cannot escape safely: bytes that are not UTF-8, an escaped character past ASCII', () => {
    for (const bad of [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x9c], [0xf4, 0x90, 0x80, 0x80]]) expect(escaped(Uint8Array.from([0x22, ...bad, 0x22]))).toBeUndefined();
    // "\✓" is not JSON; written as "\\u2713" it would be.
    expect(escaped(enc.encode('"\\✓"'))).toBeUndefined();
    expect(escaped(enc.encode('"\\\\✓"'))).toBe('"\\\\\\u2713"');
    expect(escaped(enc.encode('"𝄞 é"'))).toBe('"\\ud834\\udd1e \\u00e9"');
  });

  it('says when the output buffer is too small instead of writing past it', () => {
    expect(escapeUtf8Json(enc.encode('"✓✓"'), new Uint8Array(8))).toBeUndefined();
  });
});

describe('an archive whose lines past ASCII are read escaped', () => {
  it('names a broken line past ASCII by its own text, skips a line of non-ASCII blanks, and imports the rest unchanged', async () => {
    const s = generateSample('thrasher', 4);
    const entries = unpack(await writeArchiveToBytes({ ...s, createdAt: '2026-01-01T00:00:00.000Z' }));
    const lines = new TextDecoder().decode(entries['events.jsonl']).split('\n').filter(Boolean);
    const t = (JSON.parse(lines[0]!) as { t: number }).t;
    lines.push('{"id":"x-broken","t":1,✓}', '\u00a0\u3000', `{"id":"x-fine","t":${t},"actor":"agent","kind":"response","text":"fine ✓ 𝄞"}`);
    entries['events.jsonl'] = enc.encode(lines.join('\n') + '\n');
    const sink = new MemorySink();
    const report = await importSource(bytesSource('escaped.baton', pack(entries)), sink, { now: () => 0 });
    expect(report.status, report.message).toBe('imported');
    let own = '';
    try {
      JSON.parse('{"id":"x-broken","t":1,✓}');
    } catch (e) {
      own = (e as Error).message;
    }
    expect(report.problems).toEqual([{ file: 'escaped.baton:events.jsonl', line: lines.length - 2, severity: 'warning', reason: `not valid JSON (${own})` }]);
    const stored = [...sink.sessions.values()][0]!.events;
    expect(stored).toHaveLength(lines.length - 2);
    expect(stored.find((e) => e.id === 'x-fine')).toMatchObject({ text: 'fine ✓ 𝄞' });
  });
});

