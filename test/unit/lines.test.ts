import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineSplitter, Utf8Pieces } from '../../shared/util/lines';

function split(chunks: Uint8Array[], max = 1 << 20) {
  const lines: [number, string][] = [];
  const overlong: [number, number][] = [];
  const s = new LineSplitter({ line: (t, n) => lines.push([n, t]), overlong: (n, b) => overlong.push([n, b]) }, max);
  for (const c of chunks) s.push(c);
  s.end();
  return { lines, overlong };
}
const enc = new TextEncoder();

describe('LineSplitter', () => {
  it('numbers lines, strips CR, keeps a final line without newline', () => {
    expect(split([enc.encode('a\r\nb\n\nc')]).lines).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
  });

  it('decodes multi-byte characters split across chunks', () => {
    const bytes = enc.encode('héllo — 世界\nnext\n');
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    expect(split(chunks).lines).toEqual([
      [1, 'héllo — 世界'],
      [2, 'next'],
    ]);
  });

  it('skips over-long lines, wherever they end, and keeps counting', () => {
    const r = split([enc.encode('ok\n' + 'x'.repeat(50)), enc.encode('x'.repeat(50) + '\nfine\n' + 'y'.repeat(200))], 64);
    expect(r.lines).toEqual([
      [1, 'ok'],
      [3, 'fine'],
    ]);
    expect(r.overlong.map(([n]) => n)).toEqual([2, 4]);
  });

  it('gives the same lines for any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 30 }), fc.array(fc.nat(40), { maxLength: 10 }), (rows, cuts) => {
        const text = rows.join('\n');
        const bytes = enc.encode(text);
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.slice(prev, p));
          prev = p;
        }
        // A trailing newline ends the last line; it does not start an empty one.
        const parts = text === '' ? [] : text.split('\n');
        if (text.endsWith('\n')) parts.pop();
        const expected = parts.map((l) => l.replace(/\r$/, ''));
        expect(split(chunks).lines.map(([, t]) => t)).toEqual(expected);
      }),
    );
  });

  it('gives, for any bytes cut anywhere, the text one streaming TextDecoder gives (invalid and cut-off characters included)', () => {
    // Bytes from a pool that mixes ASCII, every kind of lead byte, continuation bytes and
    // bytes that are never valid, so truncated and invalid sequences meet the cuts.
    const byte = fc.oneof(fc.constantFrom(0x0a, 0x41, 0x7f, 0x80, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 12 }), (values, cuts) => {
        const bytes = new Uint8Array(values);
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const streaming = new TextDecoder();
        const pieces = new Utf8Pieces();
        let want = '';
        let got = '';
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          want += streaming.decode(bytes.subarray(prev, p), { stream: true });
          got += pieces.decode(bytes.subarray(prev, p));
          prev = p;
        }
        want += streaming.decode();
        got += pieces.end();
        expect(got).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('splits text with characters of every length into the same lines, cut every which way', () => {
    const text = Array.from({ length: 400 }, (_, i) => `{"i":${i},"t":"é ✓ × 世界 𝄞 ${'x'.repeat(i % 37)}"}`).join('\n');
    const bytes = enc.encode(text);
    for (const size of [1, 2, 3, 5, 7, 4096, 16 * 1024 + 1, 100_000]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect(split(chunks).lines.map(([, t]) => t)).toEqual(text.split('\n'));
    }
  });
});
