/**
 * Events are stored in chunks: one IndexedDB row per few thousand events (at most about
 * 1 MiB of JSON), not one row per event. IndexedDB's cost is per record, so 100,000 small
 * rows take an order of magnitude longer to write and read than the same bytes in 100
 * large ones. A chunk keeps its events as one JSON array string, the encoding that
 * structured cloning copies and JSON.parse reads fastest, in ASCII (see asciiJson), built
 * as bytes (ChunkPacker).
 */
import type { SessionEvent } from '../../../shared/model/schema';

/** Most events in one chunk. */
export const CHUNK_EVENTS = 4000;
/** A chunk closes once its JSON reaches this many characters (one event may exceed it alone). */
export const CHUNK_CHARS = 1 << 20;

export interface EventChunkRow {
  sid: string;
  /** The chunk's place in import order: 0, 1, 2… */
  n: number;
  count: number;
  /** Earliest and latest event time in the chunk. */
  t0: number;
  t1: number;
  /** The events, in import order, as a JSON array. */
  json: string;
}

/**
 * A chunk as the import builds it: its JSON array as ASCII bytes, in a buffer of its own, so
 * it can be handed to another thread without a copy (chunk-writer.ts); chunkRow() makes the
 * stored row of it.
 */
export interface PackedChunk {
  sid: string;
  n: number;
  count: number;
  t0: number;
  t1: number;
  /**
   * The events as a JSON array, ASCII (characters past it as \uXXXX escapes): a view of the
   * start of a buffer of its own, which holds nothing else and may be longer.
   */
  bytes: Uint8Array;
}

/** A chunk buffer's size: a full chunk and room for one more event before it closes. */
export const CHUNK_BUFFER_BYTES = CHUNK_CHARS + (64 << 10);

/**
 * Chunk buffers kept for reuse. Writing into memory never written before costs far more than
 * writing into memory used before: in Chromium here, copying 1 MiB into a new buffer took
 * about 4 ms (its pages are mapped in as they are first written), 0.3 s of the import
 * worker's time for a 100,000-event import's 70 chunks. A packed chunk's buffer goes to the
 * writer and, once its row is made, comes back here (chunk-writer.ts, directChunkWrite).
 * Only buffers of the standard size are kept, and a few of them: a buffer given back must
 * no longer be read by anyone (a transferred one cannot be: its sender gave it up).
 */
export class ChunkBuffers {
  private readonly free: ArrayBuffer[] = [];
  /** Buffers made, not taken from the pool (for tests and benchmarks). */
  made = 0;

  constructor(private readonly keep = 12) {}

  take(): Uint8Array {
    const b = this.free.pop();
    if (b) return new Uint8Array(b);
    this.made++;
    return new Uint8Array(CHUNK_BUFFER_BYTES);
  }

  give(buffer: ArrayBufferLike): void {
    // A detached buffer has no bytes; a grown one is not kept.
    if (buffer instanceof ArrayBuffer && buffer.byteLength === CHUNK_BUFFER_BYTES && this.free.length < this.keep && !this.free.includes(buffer)) this.free.push(buffer);
  }
}

/** The buffers of this thread's packers. */
export const chunkBuffers = new ChunkBuffers();

/**
 * How an event's JSON may be given to the packer: as text (any characters; escaped as it is
 * copied in), or as the ASCII bytes it was read from (copied as they are).
 */
export type EventJson = string | Uint8Array;

const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const HEX = '0123456789abcdef';

/**
 * Packs events (in import order) into chunks numbered from `first`, across any number of
 * batches: a chunk closes at CHUNK_EVENTS events or once its JSON reaches CHUNK_CHARS
 * characters, whichever batch its events came in, so an import of many batches writes full
 * chunks (about 1 MiB each) and one partial chunk at the end, not a partial chunk per batch.
 *
 * The JSON is built as ASCII bytes: an event read as a line of ASCII is copied byte for byte
 * (no string is made of it, no string copied to another thread), any other text is written
 * character by character with characters past ASCII as \uXXXX escapes (see asciiJson).
 */
export class ChunkPacker {
  private buf: Uint8Array;
  private len = 0;
  private count = 0;
  private t0 = Infinity;
  private t1 = -Infinity;
  private next: number;

  constructor(
    private readonly sid: string,
    first = 0,
    /** Events per chunk at most (tests use smaller chunks to make many of them). */
    private readonly maxEvents = CHUNK_EVENTS,
    /** Where each chunk's buffer comes from (see ChunkBuffers). */
    private readonly buffers = chunkBuffers,
  ) {
    this.next = first;
    this.buf = buffers.take();
  }

  /**
   * Adds events; returns the chunks they completed. `texts[i]`, when given, is events[i]'s
   * JSON as read from the file (see SessionWriter.events), stored instead of a re-stringify.
   */
  add(events: readonly SessionEvent[], texts?: readonly (EventJson | undefined)[]): PackedChunk[] {
    const rows: PackedChunk[] = [];
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      const json = texts?.[i] ?? JSON.stringify(ev);
      this.reserve(1);
      this.buf[this.len++] = this.count === 0 ? OPEN : COMMA;
      if (typeof json === 'string') this.writeText(json);
      else {
        this.reserve(json.byteLength);
        this.buf.set(json, this.len);
        this.len += json.byteLength;
      }
      this.count++;
      if (ev.t < this.t0) this.t0 = ev.t;
      if (ev.t > this.t1) this.t1 = ev.t;
      if (this.count >= this.maxEvents || this.len + 1 >= CHUNK_CHARS) rows.push(this.close());
    }
    return rows;
  }

  /** The chunk still open, if it holds any event. */
  flush(): PackedChunk[] {
    return this.count ? [this.close()] : [];
  }

  /** JSON text as ASCII bytes: characters past ASCII (never outside strings in JSON) escaped. */
  private writeText(s: string): void {
    const ascii = !NON_ASCII.test(s);
    this.reserve(ascii ? s.length : s.length * 6);
    const buf = this.buf;
    let at = this.len;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[at++] = c;
      else {
        buf[at++] = 0x5c; // \
        buf[at++] = 0x75; // u
        buf[at++] = HEX.charCodeAt(c >> 12);
        buf[at++] = HEX.charCodeAt((c >> 8) & 15);
        buf[at++] = HEX.charCodeAt((c >> 4) & 15);
        buf[at++] = HEX.charCodeAt(c & 15);
      }
    }
    this.len = at;
  }

  private reserve(n: number): void {
    if (this.len + n + 1 <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + n + 1));
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }

  /** The chunk, in the buffer it was packed in (no copy); the next chunk gets another buffer. */
  private close(): PackedChunk {
    this.buf[this.len++] = CLOSE;
    const row = { sid: this.sid, n: this.next++, count: this.count, t0: this.t0, t1: this.t1, bytes: this.buf.subarray(0, this.len) };
    this.buf = this.buffers.take();
    this.len = 0;
    this.count = 0;
    this.t0 = Infinity;
    this.t1 = -Infinity;
    return row;
  }
}

const asciiDecoder = new TextDecoder();

/** The stored row of a packed chunk: its ASCII bytes read as a (one-byte) string. */
export function chunkRow(c: PackedChunk): EventChunkRow {
  return { sid: c.sid, n: c.n, count: c.count, t0: c.t0, t1: c.t1, json: asciiDecoder.decode(c.bytes) };
}

/**
 * Splits events (in import order) into chunk rows numbered from `first`; each chunk holds
 * at most CHUNK_EVENTS events and closes once it reaches CHUNK_CHARS characters of JSON.
 */
export function toChunks(sid: string, events: readonly SessionEvent[], first: number): EventChunkRow[] {
  const packer = new ChunkPacker(sid, first);
  return [...packer.add(events), ...packer.flush()].map(chunkRow);
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

/**
 * JSON text with every character past ASCII written as a \uXXXX escape, which JSON.parse
 * reads back as the same character. One such character makes a JavaScript string two bytes
 * per character, a chunk holding it too, and IndexedDB stores and copies those bytes: a
 * 100,000-event import wrote twice the bytes and spent about twice as long in put() (Chromium
 * 150). Non-ASCII can only appear inside JSON strings, where an escape means the same.
 *
 * The escaped text is copied into a one-byte string (see oneByte): V8 keeps the result of a
 * replace on a two-byte string two-byte, even when every character is ASCII, and a chunk
 * joined from one such part is two-byte whole.
 */
export function asciiJson(json: string): string {
  if (!NON_ASCII.test(json)) return json;
  return oneByte(json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let scratch = new Uint8Array(64 * 1024);
const SCRATCH_MAX = 1 << 20;
/** Chromium decodes small pieces much faster per byte than large ones (see shared/util/lines.ts). */
const DECODE_PIECE = 16 * 1024;

/**
 * The same ASCII text as a one-byte string: a decoder builds its string from the bytes, and
 * ASCII bytes make a one-byte string.
 */
export function oneByte(ascii: string): string {
  // A large event gets a buffer of its own: the shared one stays small.
  let buf = ascii.length <= SCRATCH_MAX ? scratch : new Uint8Array(ascii.length);
  if (buf.length < ascii.length) buf = scratch = new Uint8Array(ascii.length);
  const { written } = encoder.encodeInto(ascii, buf);
  if (written <= DECODE_PIECE) return decoder.decode(buf.subarray(0, written));
  const parts: string[] = [];
  for (let at = 0; at < written; at += DECODE_PIECE) parts.push(decoder.decode(buf.subarray(at, Math.min(written, at + DECODE_PIECE))));
  return parts.join('');
}

/**
 * The events of a session's chunks (given in chunk order) in time order; events at the same
 * moment keep their import order.
 */
export function fromChunks(rows: readonly EventChunkRow[]): SessionEvent[] {
  let events: SessionEvent[] = [];
  for (const r of rows) {
    const part = JSON.parse(r.json) as SessionEvent[];
    if (events.length === 0) events = part;
    else for (const ev of part) events.push(ev);
  }
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) if (events[i]!.t < events[i - 1]!.t) sorted = false;
  // Array.prototype.sort is stable: ties keep import order.
  if (!sorted) events.sort((a, b) => a.t - b.t);
  return events;
}
