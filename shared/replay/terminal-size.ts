/**
 * The largest terminal the replay draws. A cast may claim any size (10000×10000 is 100
 * million cells, which freezes the Terminal tab); a real terminal is rarely past 400×120.
 * Larger sizes are clipped: the importer warns, the player clips resizes too.
 */
export const MAX_TERM_COLS = 500;
export const MAX_TERM_ROWS = 200;

export function clampTermSize(cols: number, rows: number): { cols: number; rows: number } {
  const c = Number.isFinite(cols) ? Math.max(1, Math.min(MAX_TERM_COLS, Math.floor(cols))) : 80;
  const r = Number.isFinite(rows) ? Math.max(1, Math.min(MAX_TERM_ROWS, Math.floor(rows))) : 24;
  return { cols: c, rows: r };
}
