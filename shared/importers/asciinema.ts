/**
 * asciinema recordings (asciicast v2 and v3).
 *
 * - v2: a JSON header `{version: 2, width, height, timestamp?, …}`, then one event per line
 *   `[time, code, data]` where time is seconds since the recording started.
 * - v3: header `{version: 3, term: {cols, rows}, timestamp?, …}`; an event's time is seconds
 *   since the previous event; adds `x` (exit status) and `#` comment lines.
 *
 * The raw cast is kept as a blob and listed in the session's `terminals` track: the replay
 * plays terminal output from it, so output (`o`) never becomes events. Events are only what
 * a reviewer scores or navigates by: markers (`m`), lines the person typed (`i` input up to
 * Enter → a `command` by the candidate), and the exit status (`x`).
 */
import type { SessionEvent, SessionMetaInput } from '../model/schema';
import type { ImportContext } from '../import/context';
import type { FormatImporter, Sniff } from '../import/registry';
import { ImportError } from '../import/types';
import { isoTime, MAX_SESSION_MS } from '../import/value-limits';
import { clampTermSize } from '../replay/terminal-size';
import { clip, firstNonBlankLine, fnv1a, isRecord, num, readLines, safeBaseName, str, tryJson, UNKNOWN_CANDIDATE } from './text-support';

export interface CastHeader {
  version: 2 | 3;
  cols: number;
  rows: number;
  /** Unix time (seconds) the recording started, when the header says. */
  timestamp?: number;
  title?: string;
  command?: string;
  idleTimeLimit?: number;
  /** The header's timestamp was there but no date can hold it. */
  timestampOutOfRange?: boolean;
  /** The size the header claimed, when it was larger than the replay draws. */
  clippedFrom?: { cols: number; rows: number };
  /** The header object as written. */
  raw: Record<string, unknown>;
}

export interface CastEvent {
  /** Milliseconds from the start of the recording (absolute, also for v3). */
  t: number;
  code: string;
  data: string;
  /** 1-based line in the cast. */
  line: number;
}

export class CastError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CastError';
  }
}

function positiveInt(v: unknown): number | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n > 0 && n <= 10_000 ? n : undefined;
}

/** Parses and checks a header line; throws CastError saying what is wrong. */
export function parseCastHeader(line: string, lineNo = 1): CastHeader {
  const raw = tryJson(line.trim());
  if (!isRecord(raw)) throw new CastError('the first line is not a JSON object', lineNo);
  const version = raw.version;
  if (version === 1) throw new CastError('asciicast v1 is not supported (only v2 and v3); convert it with `asciinema convert`', lineNo);
  let cols: number | undefined;
  let rows: number | undefined;
  if (version === 2) {
    cols = positiveInt(raw.width);
    rows = positiveInt(raw.height);
    if (cols === undefined || rows === undefined) throw new CastError('a v2 header needs integer "width" and "height"', lineNo);
  } else if (version === 3) {
    const term = isRecord(raw.term) ? raw.term : {};
    cols = positiveInt(term.cols);
    rows = positiveInt(term.rows);
    if (cols === undefined || rows === undefined) throw new CastError('a v3 header needs integer "term.cols" and "term.rows"', lineNo);
  } else {
    throw new CastError(`unsupported asciicast version ${JSON.stringify(version ?? null)} (expected 2 or 3)`, lineNo);
  }
  const size = clampTermSize(cols, rows);
  const header: CastHeader = { version, cols: size.cols, rows: size.rows, raw };
  if (size.cols !== cols || size.rows !== rows) header.clippedFrom = { cols, rows };
  const ts = num(raw.timestamp);
  if (ts !== undefined && ts > 0) {
    if (isoTime(ts * 1000) !== undefined) header.timestamp = ts;
    else header.timestampOutOfRange = true;
  }
  const title = str(raw.title);
  if (title) header.title = title;
  const command = str(raw.command);
  if (command) header.command = command;
  const idle = num(raw.idle_time_limit);
  if (idle !== undefined) header.idleTimeLimit = idle;
  return header;
}

/**
 * Turns event lines into absolute times. Times are summed in whole microseconds, so v2
 * absolute and v3 relative timings of the same recording give identical results.
 */
export class CastEventParser {
  private us = 0;
  /** Events whose time was past MAX_SESSION_MS and was clipped to it. */
  clipped = 0;
  constructor(readonly version: 2 | 3) {}

  /** An event, undefined for blank/comment lines; throws CastError for a malformed line. */
  parse(text: string, line: number): CastEvent | undefined {
    const s = text.trim();
    if (s === '') return undefined;
    if (this.version === 3 && s.startsWith('#')) return undefined;
    const v = tryJson(s);
    if (!Array.isArray(v) || v.length < 3) throw new CastError('not an event of the form [time, code, data]', line);
    const time = num(v[0]);
    if (time === undefined || time < 0) throw new CastError('event time is not a non-negative number', line);
    if (typeof v[1] !== 'string' || v[1] === '') throw new CastError('event code is not a string', line);
    const data = typeof v[2] === 'string' ? v[2] : typeof v[2] === 'number' ? String(v[2]) : undefined;
    if (data === undefined) throw new CastError('event data is not a string', line);
    const us = Math.round(time * 1e6);
    const next = this.version === 3 ? this.us + us : us;
    if (next > MAX_SESSION_US) this.clipped++;
    this.us = Math.min(next, MAX_SESSION_US);
    return { t: this.us / 1000, code: v[1], data, line };
  }
}

/** Parses a whole cast held in memory (small casts, tools, tests). Malformed lines are listed in `errors`. */
export function parseCast(text: string): { header: CastHeader; events: CastEvent[]; errors: { line: number; reason: string }[] } {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (i === lines.length) throw new CastError('the cast is empty');
  const header = parseCastHeader(lines[i]!.replace(/^\uFEFF/, ''), i + 1);
  const parser = new CastEventParser(header.version);
  const events: CastEvent[] = [];
  const errors: { line: number; reason: string }[] = [];
  for (let n = i + 1; n < lines.length; n++) {
    try {
      const ev = parser.parse(lines[n]!.replace(/\r$/, ''), n + 1);
      if (ev) events.push(ev);
    } catch (e) {
      errors.push({ line: n + 1, reason: (e as Error).message });
    }
  }
  return { header, events, errors };
}

/**
 * Offset (ms) at which a cast starts within another session: positive when the recording
 * began after the session started. Undefined when either time is unknown.
 */
export function attachCastToSession(castHeaderTimestamp: number | undefined, sessionStartedAt: string | number): number | undefined {
  if (castHeaderTimestamp === undefined || !Number.isFinite(castHeaderTimestamp)) return undefined;
  const start = typeof sessionStartedAt === 'number' ? sessionStartedAt : Date.parse(sessionStartedAt);
  if (!Number.isFinite(start)) return undefined;
  return Math.round(castHeaderTimestamp * 1000 - start);
}

const MAX_SESSION_US = MAX_SESSION_MS * 1000;

// Escape sequences a terminal sends as input (arrow keys, focus reports, answers to
// cursor-position and device-attribute queries) — none of it is typed text.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1bO.|\x1b[@-Z\\-_]|\x1b/g;

/**
 * Rebuilds the lines a person typed from `i` events: Enter ends a line; Backspace, Ctrl-U
 * and Ctrl-W edit it; Ctrl-C abandons it. History recall and tab completion happen in the
 * shell and cannot be seen here, so a line is what was typed, not always what ran.
 */
export class TypedLines {
  /** The line so far, one code point per entry: every edit is O(1) amortised. */
  private buf: string[] = [];

  feed(data: string, onLine: (text: string) => void): void {
    const clean = data.replace(ESCAPES, '');
    const buf = this.buf;
    for (const ch of clean) {
      if (ch === '\r' || ch === '\n') {
        const text = buf.join('').trim();
        buf.length = 0;
        if (text) onLine(text);
      } else if (ch === '\x7f' || ch === '\b') {
        buf.pop();
      } else if (ch === '\x15' || ch === '\x03') {
        buf.length = 0;
      } else if (ch === '\x17') {
        // Ctrl-W: the word before the cursor and the blanks after it.
        while (buf.length && /\s/.test(buf[buf.length - 1]!)) buf.pop();
        while (buf.length && !/\s/.test(buf[buf.length - 1]!)) buf.pop();
      } else if (ch >= ' ') {
        buf.push(ch);
      }
    }
  }
}

export const asciinemaImporter: FormatImporter = {
  format: 'asciinema',
  label: 'asciinema recording (.cast)',
  detect(s: Sniff) {
    if (s.isBinary || s.isZip) return 0;
    const line = firstNonBlankLine(s.text).trim();
    if (!line.startsWith('{')) return 0;
    const o = tryJson(line);
    if (!isRecord(o)) return 0;
    if (o.version === 2 && num(o.width) !== undefined && num(o.height) !== undefined) return 1;
    if (o.version === 3 && isRecord(o.term)) return 1;
    // Recognised so the reviewer gets a clear "not supported" / "bad header" message rather
    // than "unknown format".
    if (o.version === 1 && Array.isArray(o.stdout)) return 0.6;
    if ((o.version === 2 || o.version === 3) && ('width' in o || 'height' in o || 'term' in o)) return 0.5;
    return 0;
  },
  async run(ctx: ImportContext) {
    const file = ctx.fileName;
    const builder = await ctx.openSession();
    const where = (line: number) => ({ file, line });
    const add = (ev: SessionEvent, line: number) => builder.add({ ...ev, source: where(line) }, where(line));
    const raw: Uint8Array[] = [];
    let rawSize = 0;
    let header: CastHeader | undefined;
    let headerLine = '';
    let parser: CastEventParser | undefined;
    const typed = new TypedLines();
    let lastT = 0;
    let bad = 0;
    let commands = 0;

    const onLine = (text: string, line: number) => {
      if (!header) {
        if (text.trim() === '') return;
        try {
          header = parseCastHeader(text, line);
        } catch (e) {
          throw new ImportError(`${file}: not a valid asciicast header — ${(e as Error).message}`, line);
        }
        headerLine = text;
        parser = new CastEventParser(header.version);
        return;
      }
      let ev: CastEvent | undefined;
      try {
        ev = parser!.parse(text, line);
      } catch (e) {
        bad++;
        ctx.problems.add({ file, line, severity: 'warning', reason: `${(e as Error).message}; skipped` });
        return;
      }
      if (!ev) return;
      if (ev.t > lastT) lastT = ev.t;
      switch (ev.code) {
        case 'm':
          add({ id: `m${line}`, t: ev.t, actor: 'candidate', kind: 'marker', label: clip(ev.data || 'marker', 2000) }, line);
          break;
        case 'i': {
          const t = ev.t;
          typed.feed(ev.data, (cmd) => {
            commands++;
            add({ id: `i${line}.${commands}`, t, actor: 'candidate', kind: 'command', cmd }, line);
          });
          break;
        }
        case 'x':
          add({ id: `x${line}`, t: ev.t, actor: 'system', kind: 'marker', label: clip(`exit status ${ev.data}`, 2000) }, line);
          break;
        default:
          // 'o' output and 'r' resizes live in the cast blob the replay plays.
          break;
      }
    };

    await readLines(ctx, onLine, {
      between: () => builder.drain(),
      onChunk: (c) => {
        raw.push(c);
        rawSize += c.byteLength;
      },
    });
    if (!header) throw new ImportError(`${file}: not a valid asciicast — it has no header line`);
    if (commands === 0) {
      add({ id: 'start', t: 0, actor: 'system', kind: 'marker', label: 'terminal recording' }, 1);
    }
    const data = new Uint8Array(rawSize);
    let off = 0;
    for (const c of raw) {
      data.set(c, off);
      off += c.byteLength;
    }
    raw.length = 0;
    const blobPath = `terminal/${safeBaseName(file, '.cast')}.cast`;
    const mime = 'application/x-asciicast';
    await builder.writer.blob(blobPath, data, mime);
    await builder.finish();

    if (header.timestampOutOfRange) {
      ctx.problems.add({ file, line: 1, severity: 'warning', reason: 'the cast header\'s timestamp is out of range: the start time is unknown (shown as 1970-01-01)' });
    } else if (header.timestamp === undefined) {
      ctx.problems.add({ file, line: 1, severity: 'warning', reason: 'the cast header has no timestamp: the start time is unknown (shown as 1970-01-01)' });
    }
    if (header.clippedFrom) {
      ctx.problems.add({ file, line: 1, severity: 'warning', reason: `the terminal is ${header.clippedFrom.cols}×${header.clippedFrom.rows}; replayed at ${header.cols}×${header.rows}, the largest Baton draws` });
    }
    if (parser?.clipped) {
      ctx.problems.add({ file, severity: 'warning', reason: `${parser.clipped} event time${parser.clipped === 1 ? ' was' : 's were'} past ${MAX_SESSION_MS / 86_400_000} days and clipped to it` });
    }
    if (bad) ctx.problems.add({ file, severity: 'warning', reason: `${bad} malformed event line${bad === 1 ? '' : 's'} skipped` });
    const title = header.title ?? (header.command ? `Terminal: ${clip(header.command, 60)}` : 'Terminal recording');
    const meta: SessionMetaInput = {
      id: `asciinema-${fnv1a(headerLine)}${fnv1a(`${rawSize}:${lastT}`)}`,
      title,
      candidate: { ...UNKNOWN_CANDIDATE },
      task: { title, statement: '' },
      source: { format: 'asciinema', version: String(header.version), fileName: file },
      startedAt: isoTime((header.timestamp ?? 0) * 1000) ?? new Date(0).toISOString(),
      durationMs: lastT,
      terminals: [
        {
          id: 'terminal-1',
          blob: { blob: blobPath, mime, size: data.byteLength },
          cols: header.cols,
          rows: header.rows,
          offsetMs: 0,
          ...(header.title ? { title: clip(header.title, 1000) } : {}),
        },
      ],
    };
    ctx.finishSession(builder, meta);
  },
};
