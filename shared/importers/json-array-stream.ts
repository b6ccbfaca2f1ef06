/**
 * Streams the elements of a JSON array out of a document fed piece by piece, so a
 * transcript saved as one JSON array (`[{…}, {…}]`, or `{"loglines": [...]}` /
 * `{"messages": [...]}`) is read in memory bounded by its largest element, not held whole
 * (200 MB took 25 s and 1.5 GB that way). Linear: every character is looked at once.
 *
 * The root is either the array itself or an object; in an object, the first member named in
 * `keys` whose value is an array is the one streamed, every other member is skipped.
 */
export interface ArrayElement {
  /** The element's JSON text. */
  text: string;
  /** 1-based line where the element starts. */
  line: number;
}

type Mode = 'root' | 'object' | 'array' | 'done';

export class JsonArrayStream {
  private mode: Mode = 'root';
  /** Nesting depth at the current position (1 = inside the root). */
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Depth of the streamed array's elements (its own depth + 1), once found. */
  private target = -1;
  /** The element being collected, when inside one. */
  private parts: string[] | undefined;
  private partSize = 0;
  private elementLine = 0;
  private tooLarge = false;
  /** In object mode: the text of the last string seen at depth 1 (a member name), and whether a ':' followed it. */
  private key = '';
  private keyStart = -1;
  private keyParts: string[] = [];
  private afterColonKey: string | undefined;
  private line: number;
  /** Lines of elements skipped because they were larger than maxElementChars. */
  readonly skipped: number[] = [];

  constructor(
    private readonly keys: readonly string[] = ['loglines', 'messages'],
    private readonly maxElementChars = 64 * 1024 * 1024,
    /** Line number of the first text fed. */
    startLine = 1,
  ) {
    this.line = startLine;
  }

  /** True once the array to stream has been found. */
  get found(): boolean {
    return this.target !== -1;
  }

  /** The line the text fed so far ends on. */
  get lineNumber(): number {
    return this.line;
  }

  /** True once the streamed array has closed. */
  get finished(): boolean {
    return this.mode === 'done';
  }

  /** Feeds more text; returns the elements completed in it. */
  push(text: string): ArrayElement[] {
    const out: ArrayElement[] = [];
    let start = this.parts ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.mode === 'done') break;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92 /* \ */) this.escape = true;
        else if (c === 34 /* " */) {
          this.inString = false;
          if (this.keyStart !== -1) {
            this.keyParts.push(text.slice(this.keyStart, i));
            this.key = this.keyParts.join('');
            this.keyParts = [];
            this.keyStart = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      if (this.mode === 'root') {
        if (c === 91 /* [ */) {
          this.mode = 'array';
          this.depth = 1;
          this.target = 1;
        } else if (c === 123 /* { */) {
          this.mode = 'object';
          this.depth = 1;
        } else {
          this.mode = 'done';
        }
        continue;
      }
      if (this.mode === 'object') {
        if (c === 34) {
          this.inString = true;
          if (this.depth === 1) {
            this.keyStart = i + 1;
            this.keyParts = [];
          }
        } else if (c === 58 /* : */ && this.depth === 1) {
          this.afterColonKey = this.key;
        } else if (c === 91 && this.depth === 1 && this.afterColonKey !== undefined && this.keys.includes(this.afterColonKey)) {
          this.mode = 'array';
          this.depth = 2;
          this.target = 2;
        } else if (c === 123 || c === 91) {
          this.depth++;
          this.afterColonKey = undefined;
        } else if (c === 125 || c === 93) {
          this.depth--;
          if (this.depth === 0) this.mode = 'done';
        } else if (c === 44 /* , */ && this.depth === 1) {
          this.afterColonKey = undefined;
        }
        continue;
      }
      // Array mode: inside the streamed array.
      if (this.depth === this.target && !this.parts) {
        if (c === 93 /* ] */) {
          this.mode = 'done';
          continue;
        }
        if (c === 44) continue;
        // An element starts here.
        this.parts = [];
        this.partSize = 0;
        this.tooLarge = false;
        this.elementLine = this.line;
        start = i;
      }
      if (c === 34) {
        this.inString = true;
        continue;
      }
      if (c === 123 || c === 91) {
        this.depth++;
        continue;
      }
      const closesArray = c === 93 && this.depth === this.target;
      if (c === 125 || (c === 93 && !closesArray)) {
        this.depth--;
        if (this.depth !== this.target) continue;
        // A nested value (the element itself) just closed: the element ends after it.
        this.endElement(text, start, i + 1, out);
        start = -1;
        continue;
      }
      if (this.depth === this.target && (c === 44 || closesArray)) {
        // A scalar element (a number, true…) ends here.
        this.endElement(text, start, i, out);
        start = -1;
        if (closesArray) this.mode = 'done';
      }
    }
    if (this.parts && start !== -1) this.append(text.slice(start));
    if (this.keyStart !== -1) {
      this.keyParts.push(text.slice(this.keyStart));
      this.keyStart = 0;
    }
    return out;
  }

  private append(piece: string): void {
    if (this.tooLarge) return;
    this.partSize += piece.length;
    if (this.partSize > this.maxElementChars) {
      this.tooLarge = true;
      this.parts = [];
      return;
    }
    this.parts!.push(piece);
  }

  private endElement(text: string, start: number, end: number, out: ArrayElement[]): void {
    if (!this.parts) return;
    if (start !== -1) this.append(text.slice(start, end));
    if (this.tooLarge) this.skipped.push(this.elementLine);
    else out.push({ text: this.parts.join('').trim(), line: this.elementLine });
    this.parts = undefined;
    this.partSize = 0;
  }
}
