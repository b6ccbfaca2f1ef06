/**
 * Splits a byte stream into text lines without ever holding more than one line (bounded by
 * maxLineBytes) plus one chunk in memory. Lines longer than the limit are skipped and
 * reported through onOverlong with their 1-based line number. Handles CRLF and a missing
 * final newline.
 */
export interface LineSink {
  line(text: string, lineNo: number): void;
  overlong(lineNo: number, bytes: number): void;
}

export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private carry = '';
  private skipping = false;
  private skippedBytes = 0;
  private lineNo = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number,
  ) {}

  get linesSeen(): number {
    return this.lineNo;
  }

  push(chunk: Uint8Array): void {
    this.consume(this.decoder.decode(chunk, { stream: true }));
  }

  end(): void {
    this.consume(this.decoder.decode());
    if (this.skipping) {
      this.lineNo++;
      this.sink.overlong(this.lineNo, this.skippedBytes);
    } else if (this.carry.length > 0) {
      this.lineNo++;
      this.emit(this.carry);
    }
    this.carry = '';
    this.skipping = false;
  }

  private consume(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      this.lineNo++;
      if (this.skipping) {
        this.skippedBytes += nl - start;
        this.sink.overlong(this.lineNo, this.skippedBytes);
        this.skipping = false;
        this.skippedBytes = 0;
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
    if (this.skipping) {
      this.skippedBytes += rest;
      return;
    }
    this.carry += start === 0 ? text : text.slice(start);
    if (this.carry.length > this.maxLineBytes) {
      this.skipping = true;
      this.skippedBytes = this.carry.length;
      this.carry = '';
    }
  }

  private emit(line: string): void {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    this.sink.line(text, this.lineNo);
  }
}
