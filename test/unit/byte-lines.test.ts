import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cut, expected } from './helpers/line-bytes';
import { ByteLineSplitter } from '../../shared/util/byte-lines';

function split(chunks: Uint8Array[], max = 1 << 20) {
  const lines: [number, string][] = [];
  const overlong: [number, number][] = [];
  const s = new ByteLineSplitter({ line: (t, n) => lines.push([n, t]), overlong: (n, b) => overlong.push([n, b]) }, max);
  for (const c of chunks) s.push(c);
  s.end();
  return { lines, overlong, seen: s.linesSeen };
}
const enc = new TextEncoder();

describe('ByteLineSplitter', () => {
  it('drops a byte order mark at the start, even one that arrives a byte at a time, and keeps one inside the text', () => {
    const bytes = enc.encode('\uFEFFfirst\n\uFEFFsecond\n');
    expect(split([bytes]).lines.map(([, t]) => t)).toEqual(['first', '\uFEFFsecond']);
    expect(split(Array.from(bytes, (b) => new Uint8Array([b]))).lines.map(([, t]) => t)).toEqual(['first', '\uFEFFsecond']);
    expect(split([new Uint8Array([0x0a]), enc.encode('x')]).lines).toEqual([
      [1, ''],
      [2, 'x'],
    ]);
  });

  it('counts a line past ASCII in bytes against the limit', () => {
    // 30 characters of three bytes each are over a 64-byte limit.
    expect(split([enc.encode('世'.repeat(30) + '\nok\n')], 64)).toMatchObject({ lines: [[2, 'ok']], overlong: [[1, 90]] });
  });

  it('reads long lines, of ASCII and not, and Latin-1 characters, the same as short ones', () => {
    const rows = ['a'.repeat(20_000), `${'b'.repeat(20_000)}✓`, 'é ÿ \u0080 plain', '\u00ff', 'x'.repeat(16 * 1024), 'ok'];
    const bytes = enc.encode(rows.join('\n'));
    for (const size of [7, 4096, bytes.length]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect(split(chunks).lines.map(([, t]) => t)).toEqual(rows);
    }
  });

  it('hands on the bytes of exactly the lines of ASCII, and they read as the line, whether the line came in one piece or several', () => {
    const line = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '"', '{', ' ', '\r', '\t', '\u007f'), maxLength: 60 }),
      fc.string({ unit: fc.constantFrom('a', 'é', '✓', '𝄞', '\uFEFF', ' '), maxLength: 60 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.array(fc.nat(3000), { maxLength: 8 }), fc.boolean(), (rows, cuts, broken) => {
        const body = enc.encode(rows.join('\n') + '\n');
        // An invalid byte makes its line not ASCII, though it decodes to one character.
        const bytes = broken && body.length > 1 ? Uint8Array.from([...body.subarray(0, 1), 0xff, ...body.subarray(1)]) : body;
        const seen: [string, Uint8Array | undefined][] = [];
        const s = new ByteLineSplitter({ line: (t, _n, b) => seen.push([t, b?.slice()]), overlong: () => undefined }, 1 << 20);
        for (const c of cut(bytes, cuts)) s.push(c);
        s.end();
        expect(seen.map(([t]) => t)).toEqual(expected(bytes));
        for (const [text, b] of seen) {
          expect(b !== undefined).toBe(!/[\u0080-\uffff]/.test(text) && text !== '');
          if (b) expect(String.fromCharCode(...b)).toBe(text);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a long run of short lines, some past ASCII, the same in regions as one decode gives', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => (i % 7 === 3 ? `{"i":${i},"t":"✓ é"}` : `{"i":${i},"t":"${'x'.repeat(i % 90)}"}\r`));
    const bytes = enc.encode(rows.join('\n') + '\n');
    for (const size of [bytes.length, 64 * 1024, 5000]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      const withBytes: number[] = [];
      const s = new ByteLineSplitter({ line: (t, n, b) => (b ? withBytes.push(n) : undefined), overlong: () => undefined }, 1 << 20);
      const r = split(chunks);
      for (const c of chunks) s.push(c);
      s.end();
      expect(r.lines.map(([, t]) => t)).toEqual(rows.map((x) => x.replace(/\r$/, '')));
      expect(withBytes).toEqual(rows.flatMap((x, i) => (x.includes('✓') ? [] : [i + 1])));
    }
  });

  it('keeps the escaped bytes of every line past ASCII it handed on, unchanged, until the end: each still parses to its line', () => {
    // 3,000 lines of about 160 escaped bytes: several of the buffers escaped lines share.
    const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, t: `${'✓ é 𝄞 '.repeat(1 + (i % 9))}${i}` }));
    const bytes = enc.encode(rows.join('\n') + '\n');
    const kept: { text: string; bytes: Uint8Array | undefined }[] = [];
    const s = new ByteLineSplitter({ line: (text, _n, b) => kept.push({ text, bytes: b }), overlong: () => undefined }, 1 << 20, true);
    for (let at = 0; at < bytes.length; at += 5000) s.push(bytes.subarray(at, at + 5000));
    s.end();
    expect(kept).toHaveLength(rows.length);
    for (const [i, k] of kept.entries()) {
      expect(k.bytes).toBeDefined();
      const ascii = String.fromCharCode(...k.bytes!);
      expect(ascii).not.toMatch(/[\u0080-\uffff]/);
      expect(ascii).toBe(k.text);
      expect(JSON.parse(ascii)).toEqual(JSON.parse(rows[i]!));
    }
  });
});
