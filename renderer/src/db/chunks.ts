/**
 * Events are stored in chunks: one IndexedDB row per few thousand events (at most about
 * 1 MiB of JSON), not one row per event. IndexedDB's cost is per record, so 100,000 small
 * rows take an order of magnitude longer to write and read than the same bytes in 100
 * large ones. A chunk keeps its events as one JSON array string, the encoding that
 * structured cloning copies and JSON.parse reads fastest, in ASCII (see asciiJson).
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
 * Packs events (in import order) into chunk rows numbered from `first`, across any number of
 * batches: a chunk closes at CHUNK_EVENTS events or once its JSON reaches CHUNK_CHARS
 * characters, whichever batch its events came in, so an import of many batches writes full
 * chunks (about 1 MiB each) and one partial chunk at the end, not a partial chunk per batch.
 */
export class ChunkPacker {
  private parts: string[] = [];
  private chars = 0;
  private t0 = Infinity;
  private t1 = -Infinity;
  private next: number;

  constructor(
    private readonly sid: string,
    first = 0,
    /** Events per chunk at most (tests use smaller chunks to make many of them). */
    private readonly maxEvents = CHUNK_EVENTS,
  ) {
    this.next = first;
  }

  /**
   * Adds events; returns the chunks they completed. `texts[i]`, when given, is events[i]'s
   * JSON as read from the file (see SessionWriter.events), stored instead of a re-stringify.
   */
  add(events: readonly SessionEvent[], texts?: readonly (string | undefined)[]): EventChunkRow[] {
    const rows: EventChunkRow[] = [];
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      const s = asciiJson(texts?.[i] ?? JSON.stringify(ev));
      this.parts.push(s);
      this.chars += s.length + 1;
      if (ev.t < this.t0) this.t0 = ev.t;
      if (ev.t > this.t1) this.t1 = ev.t;
      if (this.parts.length >= this.maxEvents || this.chars >= CHUNK_CHARS) rows.push(this.close());
    }
    return rows;
  }

  /** The chunk still open, if it holds any event. */
  flush(): EventChunkRow[] {
    return this.parts.length ? [this.close()] : [];
  }

  private close(): EventChunkRow {
    const row = { sid: this.sid, n: this.next++, count: this.parts.length, t0: this.t0, t1: this.t1, json: `[${this.parts.join(',')}]` };
    this.parts = [];
    this.chars = 0;
    this.t0 = Infinity;
    this.t1 = -Infinity;
    return row;
  }
}

/**
 * Splits events (in import order) into chunk rows numbered from `first`; each chunk holds
 * at most CHUNK_EVENTS events and closes once it reaches CHUNK_CHARS characters of JSON.
 */
export function toChunks(sid: string, events: readonly SessionEvent[], first: number): EventChunkRow[] {
  const packer = new ChunkPacker(sid, first);
  return [...packer.add(events), ...packer.flush()];
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
