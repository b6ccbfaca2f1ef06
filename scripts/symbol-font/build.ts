/**
 * A small TrueType font, made here, with the terminal symbols that agent UIs print and that
 * common monospace fonts lack (Claude Code's ⎿ ⎯ ⏺ ⏵ …; DejaVu Sans Mono and Liberation Mono
 * have none of them, so they showed as empty boxes). The renderer lists it after the system
 * monospace fonts with a unicode-range, so it only ever draws these code points.
 *
 * Glyphs are plain geometry on a 600 × 1000 cell (the width of a monospace cell at 1000
 * units per em): lines, corners, circles, triangles, bars. `npm run fonts` writes the file;
 * a unit test checks that the committed file is what this code makes.
 */

const EM = 1000;
const ADVANCE = 600;
const ASCENT = 800;
const DESCENT = -200;
/** Stroke width of line glyphs, and the vertical middle of a cell (the box-drawing centre line). */
const STROKE = 70;
const MID = 300;

type Pt = [x: number, y: number, onCurve?: boolean];
type Contour = Pt[];

/** A rectangle, clockwise (TrueType outer contours are clockwise). */
function rect(x0: number, y0: number, x1: number, y1: number): Contour {
  return [
    [x0, y0],
    [x0, y1],
    [x1, y1],
    [x1, y0],
  ];
}

/**
 * A circle of quadratic arcs, clockwise: 8 on-curve points every 45°, each pair joined
 * through the intersection of their tangents (an off-curve control point).
 */
function circle(cx: number, cy: number, r: number): Contour {
  const out: Contour = [];
  const d = r / Math.cos(Math.PI / 8);
  for (let i = 0; i < 8; i++) {
    const a = Math.PI - (i * Math.PI) / 4; // 180°, 135°, 90°, … (clockwise)
    const m = a - Math.PI / 8;
    out.push([Math.round(cx + r * Math.cos(a)), Math.round(cy + r * Math.sin(a)), true]);
    out.push([Math.round(cx + d * Math.cos(m)), Math.round(cy + d * Math.sin(m)), false]);
  }
  return out;
}

/** A triangle pointing right (▶), left, up or down, clockwise. */
function triangle(dir: 'right' | 'left' | 'up' | 'down', cx: number, cy: number, s: number): Contour {
  switch (dir) {
    case 'right':
      return [
        [cx - s * 0.6, cy - s],
        [cx - s * 0.6, cy + s],
        [cx + s, cy],
      ];
    case 'left':
      return [
        [cx + s * 0.6, cy + s],
        [cx + s * 0.6, cy - s],
        [cx - s, cy],
      ];
    case 'up':
      return [
        [cx - s, cy - s * 0.6],
        [cx, cy + s],
        [cx + s, cy - s * 0.6],
      ];
    case 'down':
      return [
        [cx + s, cy + s * 0.6],
        [cx, cy - s],
        [cx - s, cy + s * 0.6],
      ];
  }
}

const half = STROKE / 2;
/** Code point → outline. */
export const GLYPHS: ReadonlyMap<number, Contour[]> = new Map<number, Contour[]>([
  // ⎯ HORIZONTAL LINE EXTENSION: the full cell wide, on the centre line (joins into a rule).
  [0x23af, [rect(0, MID - half, ADVANCE, MID + half)]],
  // ⎺ ⎻ ⎼ ⎽ HORIZONTAL SCAN LINES 1, 3, 7, 9.
  [0x23ba, [rect(0, ASCENT - STROKE, ADVANCE, ASCENT)]],
  [0x23bb, [rect(0, 550 - half, ADVANCE, 550 + half)]],
  [0x23bc, [rect(0, 50 - half, ADVANCE, 50 + half)]],
  [0x23bd, [rect(0, DESCENT, ADVANCE, DESCENT + STROKE)]],
  // ⎾ ⎿ DENTISTRY LIGHT VERTICAL AND TOP / BOTTOM RIGHT: a corner from the cell's centre column.
  [
    0x23be,
    [
      [
        [ADVANCE / 2 - half, DESCENT],
        [ADVANCE / 2 - half, ASCENT],
        [ADVANCE, ASCENT],
        [ADVANCE, ASCENT - STROKE],
        [ADVANCE / 2 + half, ASCENT - STROKE],
        [ADVANCE / 2 + half, DESCENT],
      ],
    ],
  ],
  [
    0x23bf,
    [
      [
        [ADVANCE / 2 - half, MID - half],
        [ADVANCE / 2 - half, ASCENT],
        [ADVANCE / 2 + half, ASCENT],
        [ADVANCE / 2 + half, MID + half],
        [ADVANCE, MID + half],
        [ADVANCE, MID - half],
      ],
    ],
  ],
  // ⏴ ⏵ ⏶ ⏷ BLACK MEDIUM TRIANGLES.
  [0x23f4, [triangle('left', ADVANCE / 2, MID, 200)]],
  [0x23f5, [triangle('right', ADVANCE / 2, MID, 200)]],
  [0x23f6, [triangle('up', ADVANCE / 2, MID, 200)]],
  [0x23f7, [triangle('down', ADVANCE / 2, MID, 200)]],
  // ⏸ DOUBLE VERTICAL BAR, ⏹ BLACK SQUARE FOR STOP, ⏺ BLACK CIRCLE FOR RECORD.
  [0x23f8, [rect(130, MID - 230, 250, MID + 230), rect(350, MID - 230, 470, MID + 230)]],
  [0x23f9, [rect(100, MID - 200, 500, MID + 200)]],
  [0x23fa, [circle(ADVANCE / 2, MID, 210)]],
]);

/** Big-endian byte writer. */
class Bytes {
  private buf: number[] = [];
  u8(v: number) {
    this.buf.push(v & 0xff);
    return this;
  }
  u16(v: number) {
    return this.u8(v >> 8).u8(v);
  }
  i16(v: number) {
    return this.u16(v < 0 ? v + 0x10000 : v);
  }
  u32(v: number) {
    return this.u16((v >>> 16) & 0xffff).u16(v & 0xffff);
  }
  bytes(b: ArrayLike<number>) {
    for (let i = 0; i < b.length; i++) this.buf.push(b[i]! & 0xff);
    return this;
  }
  pad4() {
    while (this.buf.length % 4) this.buf.push(0);
    return this;
  }
  get length() {
    return this.buf.length;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.buf);
  }
}

function checksum(b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < b.length; i += 4) sum = (sum + (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))) >>> 0;
  return sum;
}

interface Glyph {
  contours: Contour[];
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function glyphData(g: Glyph): Uint8Array {
  if (g.contours.length === 0) return new Uint8Array();
  const w = new Bytes().i16(g.contours.length).i16(g.xMin).i16(g.yMin).i16(g.xMax).i16(g.yMax);
  let end = -1;
  for (const c of g.contours) w.u16((end += c.length));
  w.u16(0); // no instructions
  const pts = g.contours.flat();
  for (const p of pts) w.u8(p[2] === false ? 0 : 1); // flags: on-curve bit, 16-bit deltas
  let x = 0;
  for (const p of pts) {
    w.i16(p[0] - x);
    x = p[0];
  }
  let y = 0;
  for (const p of pts) {
    w.i16(p[1] - y);
    y = p[1];
  }
  return w.pad4().done();
}

function bbox(contours: Contour[]): Glyph {
  const xs = contours.flat().map((p) => p[0]);
  const ys = contours.flat().map((p) => p[1]);
  return xs.length ? { contours, xMin: Math.min(...xs), yMin: Math.min(...ys), xMax: Math.max(...xs), yMax: Math.max(...ys) } : { contours, xMin: 0, yMin: 0, xMax: 0, yMax: 0 };
}

function utf16be(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out.push(c >> 8, c & 0xff);
  }
  return out;
}

export const FAMILY = 'Baton Symbols';

/** The font file. Deterministic: the same bytes every time (no timestamps). */
export function buildSymbolFont(): Uint8Array {
  const codes = [...GLYPHS.keys()].sort((a, b) => a - b);
  // Glyph 0 is .notdef (a box, never shown: the stylesheet only sends this font its own code points).
  const glyphs: Glyph[] = [bbox([rect(50, 0, 550, 700)]), ...codes.map((c) => bbox(GLYPHS.get(c)!))];
  const data = glyphs.map(glyphData);
  const loca = new Bytes();
  let off = 0;
  for (const d of data) {
    loca.u32(off);
    off += d.length;
  }
  loca.u32(off);
  const glyf = new Bytes();
  for (const d of data) glyf.bytes(d);
  const xMin = Math.min(...glyphs.map((g) => g.xMin));
  const yMin = Math.min(...glyphs.map((g) => g.yMin));
  const xMax = Math.max(...glyphs.map((g) => g.xMax));
  const yMax = Math.max(...glyphs.map((g) => g.yMax));
  const maxPoints = Math.max(...glyphs.map((g) => g.contours.flat().length));
  const maxContours = Math.max(...glyphs.map((g) => g.contours.length));

  const head = new Bytes()
    .u32(0x00010000)
    .u32(0x00010000)
    .u32(0) // checkSumAdjustment, set below
    .u32(0x5f0f3cf5)
    .u16(0b1011)
    .u16(EM)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .i16(xMin)
    .i16(yMin)
    .i16(xMax)
    .i16(yMax)
    .u16(0)
    .u16(8)
    .i16(2)
    .i16(1) // long loca
    .i16(0);
  const hhea = new Bytes()
    .u32(0x00010000)
    .i16(ASCENT)
    .i16(DESCENT)
    .i16(0)
    .u16(ADVANCE)
    .i16(Math.min(...glyphs.map((g) => g.xMin)))
    .i16(Math.min(...glyphs.map((g) => ADVANCE - g.xMax)))
    .i16(xMax)
    .i16(1)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .u16(glyphs.length);
  const maxp = new Bytes().u32(0x00010000).u16(glyphs.length).u16(maxPoints).u16(maxContours).u16(0).u16(0).u16(2).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0);
  const hmtx = new Bytes();
  for (const g of glyphs) hmtx.u16(ADVANCE).i16(g.xMin);
  // cmap: format 4, one segment per code point plus the 0xFFFF end segment.
  const segs = [...codes.map((c, i) => ({ start: c, end: c, delta: (i + 1 - c + 0x10000) % 0x10000 })), { start: 0xffff, end: 0xffff, delta: 1 }];
  const segX2 = segs.length * 2;
  const searchRange = 2 * 2 ** Math.floor(Math.log2(segs.length));
  const sub = new Bytes()
    .u16(4)
    .u16(16 + segs.length * 8)
    .u16(0)
    .u16(segX2)
    .u16(searchRange)
    .u16(Math.log2(searchRange / 2))
    .u16(segX2 - searchRange);
  for (const s of segs) sub.u16(s.end);
  sub.u16(0);
  for (const s of segs) sub.u16(s.start);
  for (const s of segs) sub.u16(s.delta);
  for (let i = 0; i < segs.length; i++) sub.u16(0);
  const cmap = new Bytes().u16(0).u16(1).u16(3).u16(1).u32(12).bytes(sub.done());
  const names: [number, string][] = [
    [0, 'Generated by Baton (scripts/symbol-font/build.ts); the shapes are plain geometry, free to use.'],
    [1, FAMILY],
    [2, 'Regular'],
    [3, `${FAMILY} Regular 1.0`],
    [4, `${FAMILY} Regular`],
    [5, 'Version 1.0'],
    [6, 'BatonSymbols-Regular'],
  ];
  const strings = names.map(([, s]) => utf16be(s));
  const name = new Bytes()
    .u16(0)
    .u16(names.length)
    .u16(6 + names.length * 12);
  let so = 0;
  names.forEach(([id], i) => {
    name.u16(3).u16(1).u16(0x409).u16(id).u16(strings[i]!.length).u16(so);
    so += strings[i]!.length;
  });
  for (const s of strings) name.bytes(s);
  const os2 = new Bytes()
    .u16(4)
    .i16(ADVANCE) // xAvgCharWidth
    .u16(400)
    .u16(5)
    .u16(0) // fsType: installable
    .i16(650)
    .i16(600)
    .i16(0)
    .i16(75)
    .i16(650)
    .i16(600)
    .i16(0)
    .i16(350)
    .i16(50)
    .i16(250)
    .i16(0) // sFamilyClass
    .bytes([2, 11, 6, 9, 0, 0, 0, 0, 0, 0]) // panose: monospaced
    .u32(0)
    .u32(1 << 14) // ulUnicodeRange2 bit 46: Miscellaneous Technical
    .u32(0)
    .u32(0)
    .bytes([0x42, 0x41, 0x54, 0x4e]) // 'BATN'
    .u16(0x40) // fsSelection: regular
    .u16(codes[0]!)
    .u16(codes.at(-1)!)
    .i16(ASCENT)
    .i16(DESCENT)
    .i16(0)
    .u16(ASCENT)
    .u16(-DESCENT)
    .u32(1)
    .u32(0)
    .i16(500)
    .i16(700)
    .u16(0)
    .u16(0x20)
    .u16(0);
  const post = new Bytes().u32(0x00030000).u32(0).i16(-100).i16(50).u32(1).u32(0).u32(0).u32(0).u32(0);

  const tables: [string, Uint8Array][] = (
    [
      ['OS/2', os2.done()],
      ['cmap', cmap.done()],
      ['glyf', glyf.done()],
      ['head', head.done()],
      ['hhea', hhea.done()],
      ['hmtx', hmtx.done()],
      ['loca', loca.done()],
      ['maxp', maxp.done()],
      ['name', name.done()],
      ['post', post.done()],
    ] as [string, Uint8Array][]
  ).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const out = new Bytes()
    .u32(0x00010000)
    .u16(n)
    .u16(16 * 2 ** entrySelector)
    .u16(entrySelector)
    .u16(n * 16 - 16 * 2 ** entrySelector);
  let offset = 12 + n * 16;
  const bodies: Uint8Array[] = [];
  for (const [tag, body] of tables) {
    out.bytes([...tag].map((c) => c.charCodeAt(0)));
    out.u32(checksum(body)).u32(offset).u32(body.length);
    const padded = new Uint8Array(Math.ceil(body.length / 4) * 4);
    padded.set(body);
    bodies.push(padded);
    offset += padded.length;
  }
  for (const b of bodies) out.bytes(b);
  const font = out.done();
  // head.checkSumAdjustment = 0xB1B0AFBA − checksum of the whole font.
  const headOffset = 12 + n * 16 + bodies.slice(0, tables.findIndex(([t]) => t === 'head')).reduce((s, b) => s + b.length, 0);
  const adj = (0xb1b0afba - checksum(font)) >>> 0;
  new DataView(font.buffer).setUint32(headOffset + 8, adj);
  return font;
}

/** The code points the font draws (for the unicode-range in the stylesheet and for tests). */
export function symbolCodePoints(): number[] {
  return [...GLYPHS.keys()].sort((a, b) => a - b);
}
