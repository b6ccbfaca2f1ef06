/**
 * Splits a byte stream into lines on the bytes and decodes blocks of whole lines (a
 * newline byte always ends any character before it, so the text is the one streaming
 * TextDecoder gives). Each line comes with its bytes when they are all ASCII: a caller that
 * stores the line can then store those bytes, one per character. A string cut from decoded
 * text is two-byte as soon as one character of that text is not Latin-1, and such a string
 * costs twice the bytes wherever it goes next (an event line stored in IndexedDB:
 * renderer/src/db/chunks.ts).
 *
 * Lines longer than maxLineBytes (counted in bytes, without the newline) are skipped and
 * reported through onOverlong with their 1-based line number; no more than one line plus one
 * chunk is held in memory. Handles CRLF, a UTF-8 byte order mark at the start, and a missing
 * final newline.
 */
import type { LineSink } from './lines';

const NL = 0x0a;
const CR = 0x0d;

/**
 * Whole lines up to about this many bytes are decoded in one call and cut into lines as text:
 * a call per line costs more than the decoding (Chromium 150, 100,000 lines), and Chromium
 * decodes small inputs much faster per byte than large ones (lines.ts).
 */
const BLOCK_BYTES = 16 * 1024;

/**
 * Whether UTF-8 bytes decoded to this text were all ASCII: each other character takes more
 * bytes than text units, except invalid bytes, which each become U+FFFD.
 */
function isAscii(text: string, byteLength: number): boolean {
  return text.length === byteLength && !text.includes('\uFFFD');
}

export interface ByteLineSink extends LineSink {
  /** `ascii`: the line's bytes when every one is ASCII (they are then the text, byte for byte). */
  line(text: string, lineNo: number, ascii?: Uint8Array): void;
}

export class ByteLineSplitter {
  /** Keeps a U+FEFF inside the text; one at the very start is dropped by hand (see push). */
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** The bytes of a line begun in an earlier chunk. */
  private carry: Uint8Array[] = [];
  private carried = 0;
  private skipping = false;
  private skippedBytes = 0;
  private lineNo = 0;
  private started = false;
  /** The first bytes, until there are enough to tell a byte order mark. */
  private head: Uint8Array | undefined;

  constructor(
    private readonly sink: ByteLineSink,
    private readonly maxLineBytes: number,
  ) {}

  get linesSeen(): number {
    return this.lineNo;
  }

  push(input: Uint8Array): void {
    let chunk = input;
    if (!this.started) {
      // A byte order mark is not part of the first line (it may arrive a byte at a time).
      const all = this.head ? this.concat([this.head, chunk]) : chunk;
      if (all.byteLength < 3) {
        this.head = all.slice();
        return;
      }
      this.head = undefined;
      this.started = true;
      chunk = all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf ? all.subarray(3) : all;
    }
    this.scan(chunk);
  }

  private scan(chunk: Uint8Array): void {
    let start = 0;
    const n = chunk.byteLength;
    while (start < n) {
      if (this.carried > 0 || this.skipping) {
        // The end of a line begun in an earlier chunk.
        const nl = chunk.indexOf(NL, start);
        if (nl === -1) break;
        this.lineNo++;
        this.hold(chunk.subarray(start, nl));
        if (this.skipping) {
          this.sink.overlong(this.lineNo, this.skippedBytes);
          this.skipping = false;
          this.skippedBytes = 0;
        } else {
          this.emitAlone(this.takeCarry());
        }
        start = nl + 1;
        continue;
      }
      // A block of whole lines, decoded in one call (see BLOCK_BYTES).
      const last = chunk.lastIndexOf(NL, Math.min(n, start + BLOCK_BYTES) - 1);
      if (last >= start) {
        this.emitBlock(chunk, start, last);
        start = last + 1;
        continue;
      }
      // A line longer than a block.
      const nl = chunk.indexOf(NL, start);
      if (nl === -1) break;
      this.lineNo++;
      if (nl - start > this.maxLineBytes) this.sink.overlong(this.lineNo, nl - start);
      else this.emitAlone(chunk.subarray(start, nl));
      start = nl + 1;
    }
    // Copied: the caller may reuse its buffer once push() returns.
    if (start < n) this.hold(chunk.slice(start));
  }

  /** The lines of chunk[start, last), where chunk[last] is a newline. */
  private emitBlock(chunk: Uint8Array, start: number, last: number): void {
    const text = this.decoder.decode(chunk.subarray(start, last));
    const blockAscii = isAscii(text, last - start);
    let at = start;
    let tAt = 0;
    for (;;) {
      // The bytes and the text hold the same newlines: a newline byte is never part of a character.
      const nl = at > last ? -1 : chunk.indexOf(NL, at);
      const end = nl === -1 || nl > last ? last : nl;
      const tEnd = end === last ? text.length : text.indexOf('\n', tAt);
      this.lineNo++;
      if (end - at > this.maxLineBytes) this.sink.overlong(this.lineNo, end - at);
      else {
        const cr = end > at && chunk[end - 1] === CR ? 1 : 0;
        const bytes = chunk.subarray(at, end - cr);
        const line = text.slice(tAt, tEnd - cr);
        this.sink.line(line, this.lineNo, blockAscii || isAscii(line, bytes.byteLength) ? bytes : undefined);
      }
      if (end === last) return;
      at = end + 1;
      tAt = tEnd + 1;
    }
  }

  end(): void {
    if (!this.started) {
      this.started = true;
      const head = this.head;
      this.head = undefined;
      if (head) this.scan(head);
    }
    if (this.skipping) {
      this.lineNo++;
      this.sink.overlong(this.lineNo, this.skippedBytes);
    } else if (this.carried > 0) {
      this.lineNo++;
      this.emitAlone(this.takeCarry());
    }
    this.carry = [];
    this.carried = 0;
    this.skipping = false;
  }

  /** Keeps bytes of the line in progress, or starts skipping it once it is over the limit. */
  private hold(bytes: Uint8Array): void {
    if (this.skipping) {
      this.skippedBytes += bytes.byteLength;
      return;
    }
    this.carry.push(bytes);
    this.carried += bytes.byteLength;
    if (this.carried > this.maxLineBytes) {
      this.skipping = true;
      this.skippedBytes = this.carried;
      this.carry = [];
      this.carried = 0;
    }
  }

  private takeCarry(): Uint8Array {
    const all = this.carry.length === 1 ? this.carry[0]! : this.concat(this.carry);
    this.carry = [];
    this.carried = 0;
    return all;
  }

  private concat(list: Uint8Array[]): Uint8Array {
    if (list.length === 1) return list[0]!;
    const out = new Uint8Array(list.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of list) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }

  /** One line decoded on its own. */
  private emitAlone(line: Uint8Array): void {
    const n = line.byteLength;
    const bytes = n > 0 && line[n - 1] === CR ? line.subarray(0, n - 1) : line;
    const text = bytes.byteLength === 0 ? '' : this.decoder.decode(bytes);
    this.sink.line(text, this.lineNo, isAscii(text, bytes.byteLength) ? bytes : undefined);
  }

}
