/**
 * Builds a long ASCII string from parts as bytes, and makes it a one-byte string at the end.
 * V8 keeps a string two-byte when it was cut from or built out of a two-byte string, even if
 * every character is ASCII (a line cut from decoded text that held one "✓", the result of a
 * replace on such a line), and a string joined from one such part is two-byte whole. A chunk
 * of events (chunks.ts) is copied into IndexedDB byte for byte: a two-byte chunk costs twice
 * the bytes and about twice the time in put() (Chromium 150). A decoder builds its string from
 * the bytes, and ASCII bytes make a one-byte string, however the parts were held.
 */

/** Chromium decodes small inputs much faster per byte than large ones (shared/util/lines.ts). */
const DECODE_PIECE = 16 * 1024;
/** A buffer grown past this for one large chunk is dropped once that chunk is built. */
const KEEP_BYTES = 4 << 20;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class AsciiBuilder {
  private buf = new Uint8Array(64 * 1024);
  private used = 0;

  get length(): number {
    return this.used;
  }

  private room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.used + n));
    next.set(this.buf.subarray(0, this.used));
    this.buf = next;
  }

  /** Appends ASCII: a string of ASCII characters, or ASCII bytes. */
  append(part: string | Uint8Array): void {
    if (typeof part === 'string') {
      this.room(part.length);
      this.used += encoder.encodeInto(part, this.buf.subarray(this.used)).written;
    } else {
      this.room(part.byteLength);
      this.buf.set(part, this.used);
      this.used += part.byteLength;
    }
  }

  /** Appends one ASCII character code. */
  appendCode(code: number): void {
    this.room(1);
    this.buf[this.used++] = code;
  }

  /** The text so far as a one-byte string; empties the builder. */
  take(): string {
    const parts: string[] = [];
    for (let at = 0; at < this.used; at += DECODE_PIECE) parts.push(decoder.decode(this.buf.subarray(at, Math.min(this.used, at + DECODE_PIECE))));
    this.used = 0;
    if (this.buf.length > KEEP_BYTES) this.buf = new Uint8Array(64 * 1024);
    return parts.length === 1 ? parts[0]! : parts.join('');
  }
}
