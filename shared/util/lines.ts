/**
 * Splits a byte stream into text lines without ever holding more than one line (bounded by
 * maxLineBytes) plus one chunk in memory. Lines longer than the limit are skipped and
 * reported through onOverlong with their 1-based line number. Handles CRLF and a missing
 * final newline.
 */
export interface LineSink {
  /**
   * `asciiBytes` (ByteLineSplitter only): the line's bytes when every one is ASCII, a view of
   * the input pushed (valid as long as the caller leaves that buffer unchanged). `original`,
   * when given, says `text` is the line as ASCII JSON of the same value (ByteLineSplitter's
   * escapeJson) and gives the line's own text (for a message about it).
   */
  line(text: string, lineNo: number, asciiBytes?: Uint8Array, original?: () => string): void;
  overlong(lineNo: number, bytes: number): void;
}

/**
 * Bytes decoded per TextDecoder call. Chromium's decoder is much slower per byte on large
 * inputs and in streaming mode: 40 MB of JSON lines with a few non-ASCII characters took
 * 1.5 s in 64 KiB pieces with `stream: true`, 3.5 s in 1 MiB pieces, and 0.04 s in 16 KiB
 * pieces decoded whole (Chromium 150).
 */
const DECODE_BYTES = 16 * 1024;

/**
 * UTF-8 bytes to text in pieces, each decoded whole (no `stream: true`, see DECODE_BYTES):
 * a piece is cut before a character whose bytes it does not hold in full, and those bytes
 * start the next piece. The text is the same as one streaming TextDecoder gives, invalid
 * bytes included (each becomes U+FFFD the same way).
 */
export class Utf8Pieces {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  /** The start of a character cut off at the end of the last piece (at most 3 bytes). */
  private held: Uint8Array | undefined;

  decode(piece: Uint8Array): string {
    let bytes = piece;
    if (this.held) {
      bytes = new Uint8Array(this.held.byteLength + piece.byteLength);
      bytes.set(this.held);
      bytes.set(piece, this.held.byteLength);
      this.held = undefined;
    }
    const cut = completeLength(bytes);
    if (cut < bytes.byteLength) this.held = bytes.slice(cut);
    return cut === 0 ? '' : this.decoder.decode(cut === bytes.byteLength ? bytes : bytes.subarray(0, cut));
  }

  /** What is left: an incomplete character at the very end becomes U+FFFD, as a streaming decoder's flush gives. */
  end(): string {
    const rest = this.held;
    this.held = undefined;
    return rest ? this.decoder.decode(rest) : '';
  }
}

/**
 * How many leading bytes end on a character boundary: all of them, unless the last lead
 * byte (within the last 4 bytes) starts a sequence longer than what follows it.
 */
function completeLength(b: Uint8Array): number {
  const n = b.byteLength;
  let i = n - 1;
  while (i >= 0 && i > n - 4 && (b[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return n;
  const lead = b[i]!;
  if (lead < 0xc0) return n;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  return n - i < need ? i : n;
}

/**
 * A line being skipped for its length: the bytes passed over so far, reported once its end
 * (or the input's) is reached. Both splitters (this one and byte-lines.ts) keep one.
 */
export class SkippedLine {
  active = false;
  private bytes = 0;

  start(bytes: number): void {
    this.active = true;
    this.bytes = bytes;
  }

  add(bytes: number): void {
    this.bytes += bytes;
  }

  /** Reports line `lineNo` (1-based) as overlong with every byte passed over, and stops skipping. */
  report(sink: LineSink, lineNo: number): void {
    sink.overlong(lineNo, this.bytes);
    this.active = false;
    this.bytes = 0;
  }
}

export class LineSplitter {
  private readonly utf8 = new Utf8Pieces();
  private carry = '';
  private readonly skipped = new SkippedLine();
  private lineNo = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number,
  ) {}

  get linesSeen(): number {
    return this.lineNo;
  }

  push(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.byteLength; at += DECODE_BYTES) this.consume(this.utf8.decode(chunk.subarray(at, at + DECODE_BYTES)));
  }

  end(): void {
    this.consume(this.utf8.end());
    if (this.skipped.active) {
      this.lineNo++;
      this.skipped.report(this.sink, this.lineNo);
    } else if (this.carry.length > 0) {
      this.lineNo++;
      this.emit(this.carry);
    }
    this.carry = '';
  }

  private consume(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      this.lineNo++;
      if (this.skipped.active) {
        this.skipped.add(nl - start);
        this.skipped.report(this.sink, this.lineNo);
      } else {
        const piece = text.slice(start, nl);
        const full = this.carry.length ? this.carry + piece : piece;
        this.carry = '';
        // Measured in UTF-16 code units, a close and cheap stand-in for bytes.
        if (full.length > this.maxLineBytes) this.sink.overlong(this.lineNo, full.length);
        else this.emit(full);
      }
      start = nl + 1;
    }
    const rest = text.length - start;
    if (rest === 0) return;
    if (this.skipped.active) {
      this.skipped.add(rest);
      return;
    }
    this.carry += start === 0 ? text : text.slice(start);
    if (this.carry.length > this.maxLineBytes) {
      this.skipped.start(this.carry.length);
      this.carry = '';
    }
  }

  private emit(line: string): void {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    this.sink.line(text, this.lineNo);
  }
}
