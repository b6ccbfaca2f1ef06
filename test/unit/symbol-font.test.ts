/**
 * The terminal symbol font (scripts/symbol-font/build.ts): the committed file is what the
 * generator makes, its cmap maps every symbol to a glyph with an outline, and the stylesheet's
 * unicode-range sends exactly these code points to it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FONT_PATH } from '../../scripts/gen-symbol-font';
import { buildSymbolFont, symbolCodePoints } from '../../scripts/symbol-font/build';

/** Table directory of a TrueType file: tag → [offset, length]. */
function tables(font: Uint8Array): Map<string, [number, number]> {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const out = new Map<string, [number, number]>();
  for (let i = 0; i < v.getUint16(4); i++) {
    const at = 12 + i * 16;
    out.set(String.fromCharCode(...font.subarray(at, at + 4)), [v.getUint32(at + 8), v.getUint32(at + 12)]);
  }
  return out;
}

/** Code point → glyph id, from the format-4 cmap subtable. */
function cmap(font: Uint8Array): Map<number, number> {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const [at] = tables(font).get('cmap')!;
  const sub = at + v.getUint32(at + 8);
  expect(v.getUint16(sub)).toBe(4);
  const segs = v.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const out = new Map<number, number>();
  for (let i = 0; i < segs; i++) {
    const start = v.getUint16(starts + i * 2);
    const end = v.getUint16(ends + i * 2);
    const delta = v.getUint16(deltas + i * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) out.set(c, (c + delta) & 0xffff);
  }
  return out;
}

describe('the terminal symbol font', () => {
  const font = buildSymbolFont();

  it('is the file the app ships (run npm run fonts after changing the generator)', () => {
    expect(Buffer.from(readFileSync(FONT_PATH)).equals(Buffer.from(font))).toBe(true);
  });

  it("maps each of Claude Code's symbols (⎿ ⎯ ⏺ ⏵ ⏸ …) to a glyph with an outline", () => {
    const map = cmap(font);
    const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
    const [loca] = tables(font).get('loca')!;
    for (const ch of ['⎯', '⎿', '⏺', '⏵', '⏸']) expect(map.has(ch.codePointAt(0)!)).toBe(true);
    expect([...map.keys()]).toEqual(symbolCodePoints());
    for (const gid of map.values()) {
      const size = v.getUint32(loca + (gid + 1) * 4) - v.getUint32(loca + gid * 4);
      expect(size).toBeGreaterThan(20);
    }
  });

  it('has a whole-file checksum of 0xB1B0AFBA, as the TrueType spec requires', () => {
    let sum = 0;
    const padded = new Uint8Array(Math.ceil(font.length / 4) * 4);
    padded.set(font);
    const v = new DataView(padded.buffer);
    for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });

  it("the stylesheet's unicode-range names exactly these code points", () => {
    const css = readFileSync('renderer/src/styles.css', 'utf8');
    const range = /font-family: 'Baton Symbols';[^}]*unicode-range: ([^;]+);/.exec(css)![1]!;
    const listed = range.split(',').flatMap((part) => {
      const [a, b] = part.trim().replace(/^U\+/, '').split('-');
      const start = parseInt(a!, 16);
      const end = b ? parseInt(b, 16) : start;
      return Array.from({ length: end - start + 1 }, (_, i) => start + i);
    });
    expect(listed).toEqual(symbolCodePoints());
  });
});
