/** Helpers of the line splitters' tests: bytes cut into chunks, and the lines a reader expects. */

/** The chunks of `bytes` cut at the given points (clamped, deduplicated, in order). */
export function cut(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.slice(prev, p));
    prev = p;
  }
  return chunks;
}

/** The lines a reader expects: one streaming decode of all the bytes, split on newlines, CR stripped. */
export function expected(bytes: Uint8Array): string[] {
  const text = new TextDecoder().decode(bytes);
  const parts = text === '' ? [] : text.split('\n');
  if (text.endsWith('\n')) parts.pop();
  return parts.map((l) => l.replace(/\r$/, ''));
}
