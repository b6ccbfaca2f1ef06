/**
 * One-line text cut to what a box can show. A list row clips its summary with an ellipsis, but
 * the browser still shapes and lays out every character of it: 120–160 characters per row where
 * ~45 show in a side-by-side pane. Cutting each summary a little beyond the box's width (from
 * the font's character widths, measured once) leaves the same pixels on screen, ellipsis
 * included, for a third of the work.
 */

/** Advance widths of a font's printable ASCII characters, and the narrowest, for the rest. */
export interface CharWidths {
  readonly of: ReadonlyMap<string, number>;
  readonly narrowest: number;
}

/**
 * `text`, or its start up to a few characters past `room` pixels. Characters of unknown width
 * count as the narrowest, and a tenth of the room is added, so the cut text never ends inside
 * the box: the box still overflows and shows its own ellipsis.
 */
export function fitText(text: string, room: number, widths: CharWidths): string {
  const limit = room * 1.1 + 2 * widths.narrowest;
  let x = 0;
  for (let i = 0; i < text.length; i++) {
    x += widths.of.get(text[i]!) ?? widths.narrowest;
    if (x > limit) {
      // Do not cut a surrogate pair in two.
      const end = i + 1 < text.length && /[\uD800-\uDBFF]/.test(text[i]!) ? i + 2 : i + 1;
      return text.slice(0, end);
    }
  }
  return text;
}

const cache = new Map<string, CharWidths>();

/** The character widths of a CSS font (measured on a canvas once per font). */
export function charWidths(font: string): CharWidths | undefined {
  const known = cache.get(font);
  if (known) return known;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return undefined;
  ctx.font = font;
  const of = new Map<string, number>();
  let narrowest = Infinity;
  for (let c = 32; c < 127; c++) {
    const ch = String.fromCharCode(c);
    const w = ctx.measureText(ch).width;
    of.set(ch, w);
    if (w > 0) narrowest = Math.min(narrowest, w);
  }
  if (!Number.isFinite(narrowest)) return undefined;
  const widths = { of, narrowest };
  cache.set(font, widths);
  return widths;
}
