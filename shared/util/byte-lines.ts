/**
 * Splits a byte stream into lines on the bytes, then decodes each line on its own. The text
 * is the same one streaming TextDecoder gives (a newline byte always ends any character
 * before it), but a line of ASCII decodes to a one-byte string even when a line near it
 * holds other characters. Decoding a whole piece of text (lines.ts) makes every line cut
 * from it a two-byte string as soon as one character in the piece is not Latin-1, and such
 * a string costs twice the bytes wherever it goes next: an event line stored as text
 * (renderer/src/db/chunks.ts) is copied into IndexedDB byte for byte.
 *
 * Lines longer than maxLineBytes (counted in bytes, without the newline) are skipped and
 * reported through onOverlong with their 1-based line number; no more than one line plus one
 * chunk is held in memory. Handles CRLF, a UTF-8 byte order mark at the start, and a missing
 * final newline.
 */
import { SkippedLine, type LineSink } from './lines';
import { escapeUtf8Json } from './json-escape';

const NL = 0x0a;
const CR = 0x0d;
/** Longer lines go to TextDecoder: fromCharCode takes each byte as an argument. */
const FROM_CODES_MAX = 16 * 1024;
const PAST_ASCII = /[\u0080-\u00ff]/;
/** Escaped lines are written one after another into a buffer of this size (see arena). */
const ARENA = 256 * 1024;

export class ByteLineSplitter {
  /** Keeps a U+FEFF inside the text; one at the very start is dropped by hand (see push). */
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** The bytes of a line begun in an earlier chunk. */
  private carry: Uint8Array[] = [];
  private carried = 0;
  private readonly skipped = new SkippedLine();
  private lineNo = 0;
  private started = false;
  /** The first bytes, until there are enough to tell a byte order mark. */
  private head: Uint8Array | undefined;

  /**
   * Where escaped lines are written (see escapeJson), one after another, each a view the sink
   * may keep; a full buffer is left to those views and a new one begun. One buffer for many
   * lines: a copy of its own per line (an ArrayBuffer each, 16,000 in a 100,000-event
   * archive) cost more than the escaping.
   */
  private arena: Uint8Array | undefined;
  private arenaAt = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number,
    /**
     * For lines of JSON: a line past ASCII is handed on as ASCII JSON of the same value
     * (json-escape.ts), with those bytes and its own text on demand, where that is safe.
     */
    private readonly escapeJson = false,
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
    for (;;) {
      const nl = chunk.indexOf(NL, start);
      if (nl === -1) break;
      this.lineNo++;
      if (this.skipped.active) {
        this.skipped.add(nl - start);
        this.skipped.report(this.sink, this.lineNo);
      } else if (this.carried > 0) {
        this.hold(chunk.subarray(start, nl));
        if (this.skipped.active) this.skipped.report(this.sink, this.lineNo);
        else this.emit(this.takeCarry());
      } else if (nl - start > this.maxLineBytes) {
        this.sink.overlong(this.lineNo, nl - start);
      } else {
        this.emit(chunk.subarray(start, nl));
      }
      start = nl + 1;
    }
    if (start < chunk.byteLength) {
      if (this.skipped.active) this.skipped.add(chunk.byteLength - start);
      // Copied: the caller may reuse its buffer once push() returns.
      else this.hold(chunk.slice(start));
    }
  }

  end(): void {
    if (!this.started) {
      this.started = true;
      const head = this.head;
      this.head = undefined;
      if (head) this.scan(head);
    }
    if (this.skipped.active) {
      this.lineNo++;
      this.skipped.report(this.sink, this.lineNo);
    } else if (this.carried > 0) {
      this.lineNo++;
      this.emit(this.takeCarry());
    }
    this.carry = [];
    this.carried = 0;
  }

  /** Keeps bytes of the line in progress, or starts skipping it once it is over the limit. */
  private hold(bytes: Uint8Array): void {
    if (this.skipped.active) {
      this.skipped.add(bytes.byteLength);
      return;
    }
    this.carry.push(bytes);
    this.carried += bytes.byteLength;
    if (this.carried > this.maxLineBytes) {
      this.skipped.start(this.carried);
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

  /**
   * Hands on a line's text. A line of ASCII is read with String.fromCharCode, about twice as
   * fast as TextDecoder per line in Chromium 150 (the bytes are then the characters, one for
   * one), and its bytes go with it; a character past ASCII shows in that text as one from
   * U+0080 to U+00FF, and such a line is decoded as UTF-8 instead.
   */
  private emit(bytes: Uint8Array): void {
    const n = bytes.byteLength;
    const body = n > 0 && bytes[n - 1] === CR ? bytes.subarray(0, n - 1) : bytes;
    if (body.byteLength > 0 && body.byteLength <= FROM_CODES_MAX) {
      const text = String.fromCharCode.apply(null, body as unknown as number[]);
      if (!PAST_ASCII.test(text)) return this.sink.line(text, this.lineNo, body);
      if (this.escapeJson) {
        // Escaped after the lines escaped before it, in a buffer never written again: the
        // sink may keep the bytes (see LineSink). At most three bytes out for each byte in,
        // and no more than fromCharCode takes below.
        const room = Math.min(body.byteLength * 3, FROM_CODES_MAX);
        if (!this.arena || this.arenaAt + room > this.arena.byteLength) {
          this.arena = new Uint8Array(ARENA);
          this.arenaAt = 0;
        }
        const at = this.arenaAt;
        const n = escapeUtf8Json(body, this.arena.subarray(at, at + room));
        if (n !== undefined) {
          this.arenaAt = at + n;
          const ascii = this.arena.subarray(at, at + n);
          const json = String.fromCharCode.apply(null, ascii as unknown as number[]);
          return this.sink.line(json, this.lineNo, ascii, () => this.decoder.decode(body));
        }
      }
    }
    this.sink.line(body.byteLength ? this.decoder.decode(body) : '', this.lineNo);
  }
}
