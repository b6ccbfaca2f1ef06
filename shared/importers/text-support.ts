/**
 * Small helpers shared by the text-log importers (Codex, asciinema, aider). Pure: runs in a
 * Web Worker and in Node.
 */
import type { BlobRef, LargeText } from '../model/schema';
import type { ImportContext } from '../import/context';
import { formatBytes } from '../import/limits';
import type { SessionWriter } from '../import/types';
import { LineSplitter } from '../util/lines';
import { UNKNOWN_CANDIDATE_ID } from '../model/candidate';

/** Imported logs do not say who the candidate is; the reviewer assigns one later. */
export const UNKNOWN_CANDIDATE = { id: UNKNOWN_CANDIDATE_ID } as const;

/** Texts longer than this are stored as a blob instead of inline. */
export const INLINE_TEXT_LIMIT = 64 * 1024;

/**
 * Reads the source once, front to back, and calls `onLine` for every line in order
 * (1-based line numbers). Lines over `limits.maxLineBytes` are reported and skipped.
 * `onChunk` sees the raw bytes (for importers that also keep the original file);
 * `between` runs after each chunk's lines, for backpressure (builder.drain()).
 */
export async function readLines(
  ctx: ImportContext,
  onLine: (text: string, line: number) => void | Promise<void>,
  opts: { between?: () => Promise<void>; onChunk?: (chunk: Uint8Array) => void } = {},
): Promise<number> {
  const file = ctx.fileName;
  let queue: { text: string; line: number }[] = [];
  const splitter = new LineSplitter(
    {
      line(text, line) {
        queue.push({ text, line });
      },
      overlong(line, bytes) {
        ctx.problems.add({
          file,
          line,
          severity: 'warning',
          reason: `line of ${formatBytes(bytes)} exceeds the ${formatBytes(ctx.limits.maxLineBytes)} limit; skipped`,
        });
      },
    },
    ctx.limits.maxLineBytes,
  );
  const run = async () => {
    const q = queue;
    queue = [];
    for (const { text, line } of q) {
      const r = onLine(text, line);
      if (r) await r;
    }
    if (opts.between) await opts.between();
  };
  let first = true;
  for await (let chunk of ctx.chunks()) {
    // A UTF-8 byte order mark is not part of the first line.
    if (first && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    first = false;
    opts.onChunk?.(chunk);
    splitter.push(chunk);
    await run();
  }
  splitter.end();
  await run();
  return splitter.linesSeen;
}

/** 32-bit FNV-1a of a string, as 8 hex digits: stable ids derived from content. */
export function fnv1a(text: string, seed = 0x811c9dc5): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Shortens a label to `max` characters, on one line. */
export function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, Math.max(0, max - 1))}…`;
}

/** A session title from the first prompt, or the fallback. */
export function titleFrom(prompt: string | undefined, fallback: string): string {
  const t = prompt ? clip(prompt, 80) : '';
  return t || fallback;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** First line of a sniffed head that is not blank (BOM removed). */
export function firstNonBlankLine(text: string): string {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    const line = (nl === -1 ? s.slice(start) : s.slice(start, nl)).replace(/\r$/, '');
    if (line.trim() !== '' || nl === -1) return line;
    start = nl + 1;
  }
}

/** Parses JSON, returning undefined instead of throwing. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const encoder = new TextEncoder();

/** Keeps short text inline; writes long text as a blob and returns its reference. */
export async function largeText(writer: SessionWriter, blobPath: string, text: string): Promise<LargeText> {
  if (text.length <= INLINE_TEXT_LIMIT) return text;
  const data = encoder.encode(text);
  await writer.blob(blobPath, data, 'text/plain');
  const ref: BlobRef = { blob: blobPath, mime: 'text/plain', size: data.byteLength };
  return ref;
}

/** Decodes a `data:<mime>;base64,...` URL; undefined for anything else. */
export function decodeDataUrl(url: string): { mime: string; data: Uint8Array } | undefined {
  const m = /^data:([\w.+-]+\/[\w.+-]+);base64,/.exec(url);
  if (!m) return undefined;
  try {
    const bin = atob(url.slice(m[0].length));
    const data = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
    return { mime: m[1]!, data };
  } catch {
    return undefined;
  }
}

/** A file's last path segment with unsafe characters replaced, for blob names. */
export function safeBaseName(name: string, dropExt?: string): string {
  let base = name.split(/[\\/]/).pop() ?? name;
  if (dropExt && base.toLowerCase().endsWith(dropExt)) base = base.slice(0, -dropExt.length);
  base = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '');
  return (base || 'recording').slice(0, 100);
}

/** Counts of things deliberately not imported, reported once per file. */
export class Tally {
  private readonly counts = new Map<string, number>();
  add(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }
  get(what: string): number {
    return this.counts.get(what) ?? 0;
  }
  get size(): number {
    return this.counts.size;
  }
  /** "3 token_count, 2 turn_context" in insertion order. */
  describe(): string {
    return [...this.counts].map(([k, n]) => `${n} ${k}`).join(', ');
  }
}
