/**
 * What both line splitters promise, whichever reads the file: the text splitter
 * (LineSplitter, lines as decoded text) and the byte splitter (ByteLineSplitter, which also
 * hands on the bytes of ASCII lines). A reviewer would notice a wrong line number in an
 * error, a line lost or merged at a chunk boundary, or a character mangled where a read cut it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cut, expected } from './helpers/line-bytes';
import { LineSplitter, type LineSink } from '../../shared/util/lines';
import { ByteLineSplitter } from '../../shared/util/byte-lines';

interface Splitter {
  push(chunk: Uint8Array): void;
  end(): void;
  readonly linesSeen: number;
}
const splitters: [string, (sink: LineSink, max: number) => Splitter][] = [
  ['LineSplitter', (sink, max) => new LineSplitter(sink, max)],
  ['ByteLineSplitter', (sink, max) => new ByteLineSplitter(sink, max)],
];
const enc = new TextEncoder();

describe.each(splitters)('%s', (_name, make) => {
  function split(chunks: Uint8Array[], max = 1 << 20) {
    const lines: [number, string][] = [];
    const overlong: [number, number][] = [];
    const s = make({ line: (t, n) => lines.push([n, t]), overlong: (n, b) => overlong.push([n, b]) }, max);
    for (const c of chunks) s.push(c);
    s.end();
    return { lines, overlong, seen: s.linesSeen };
  }

  it('numbers lines, strips CR, keeps a final line without newline', () => {
    expect(split([enc.encode('a\r\nb\n\nc')]).lines).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
  });

  it('skips lines over the byte limit, wherever they end, reports their size, and keeps counting', () => {
    const r = split([enc.encode('ok\n' + 'x'.repeat(50)), enc.encode('x'.repeat(50) + '\nfine\n' + 'y'.repeat(200))], 64);
    expect(r.lines).toEqual([
      [1, 'ok'],
      [3, 'fine'],
    ]);
    expect(r.overlong).toEqual([
      [2, 100],
      [4, 200],
    ]);
    expect(split([enc.encode('x'.repeat(100) + '\nok\n')], 64)).toMatchObject({ lines: [[2, 'ok']], overlong: [[1, 100]] });
  });

  it('gives, for any bytes cut anywhere, the lines of one streaming decode (invalid and cut-off characters included)', () => {
    // Bytes from a pool that mixes ASCII, every kind of lead byte, continuation bytes and
    // bytes that are never valid, so truncated and invalid sequences meet the cuts.
    const byte = fc.oneof(fc.constantFrom(0x0a, 0x0d, 0x41, 0x7f, 0x80, 0xa0, 0xbb, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 12 }), (values, cuts) => {
        const bytes = new Uint8Array(values);
        expect(split(cut(bytes, cuts)).lines.map(([, t]) => t)).toEqual(expected(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same lines for any text cut anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 30 }), fc.array(fc.nat(40), { maxLength: 10 }), (rows, cuts) => {
        const bytes = enc.encode(rows.join('\n'));
        expect(split(cut(bytes, cuts)).lines.map(([, t]) => t)).toEqual(expected(bytes));
      }),
    );
  });

  it('splits text with characters of every length into the same lines, cut every which way', () => {
    const text = Array.from({ length: 400 }, (_, i) => `{"i":${i},"t":"é ✓ × 世界 𝄞 ${'x'.repeat(i % 37)}"}`).join('\n');
    const bytes = enc.encode(text);
    for (const size of [1, 2, 3, 5, 7, 4096, 16 * 1024 + 1, 100_000]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      const r = split(chunks);
      expect(r.lines.map(([, t]) => t)).toEqual(text.split('\n'));
      expect(r.seen).toBe(400);
    }
  });
});
