import { PEAK_PAIRS } from '../audio/peaks';
import { parseReel, type Reel } from '../committee/reel';
import { looksLikeWav, WavError, wavPeaks } from '../audio/wav';
import type { SessionEvent, SessionMetaInput } from '../model/schema';
import { clipMetaInput } from '../import/value-limits';
import type { ImportContext } from '../import/context';
import { describeZodError } from '../import/context';
import { formatBytes } from '../import/limits';
import type { FormatImporter, Sniff } from '../import/registry';
import { ImportError } from '../import/types';
import { ByteLineSplitter } from '../util/byte-lines';
import { mimeForPath } from '../util/mime';
import { ARCHIVE_PATHS, BLOB_PREFIXES, Manifest, Transcript } from './manifest';
import { GuardedUnzip, type EntryHandler } from './zip-stream';

const SMALL_ENTRY_LIMIT = 64 * 1024 * 1024;
/** 1,000 clips with 10,000-character captions at most, as JSON. */
const REEL_LIMIT = 16 * 1024 * 1024;
/** A blob is held whole in memory before it is stored: an hour of WAV narration is about 350 MiB. */
const MAX_BLOB_BYTES = 1024 * 1024 * 1024;

/** Collects an entry's bytes up to a limit. */
class Collector implements EntryHandler {
  private parts: Uint8Array[] = [];
  size = 0;
  done = false;
  constructor(
    private readonly label: string,
    private readonly limit: number,
  ) {}
  data(chunk: Uint8Array): void {
    this.size += chunk.byteLength;
    if (this.size > this.limit) throw new ImportError(`${this.label} is larger than ${formatBytes(this.limit)}`);
    this.parts.push(chunk);
  }
  end(): void {
    this.done = true;
  }
  bytes(): Uint8Array {
    if (this.parts.length === 1) return this.parts[0]!;
    const out = new Uint8Array(this.size);
    let off = 0;
    for (const p of this.parts) {
      out.set(p, off);
      off += p.byteLength;
    }
    return out;
  }
  text(): string {
    return new TextDecoder().decode(this.bytes());
  }
}

/** JSON.parse's own message for a text (the error already caught, when it was for this text). */
function jsonError(text: string, caught: unknown): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  return (caught as Error).message;
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ImportError(`${label}: not valid JSON (${(e as Error).message})`);
  }
}

export const batonImporter: FormatImporter = {
  format: 'baton',
  label: 'Baton archive (.baton)',
  detect(s: Sniff) {
    if (!s.isZip) return 0;
    // A zip whose first entry is our manifest is certainly ours; any other zip may still be.
    return s.text.includes(ARCHIVE_PATHS.manifest) ? 1 : 0.5;
  },
  async run(ctx: ImportContext) {
    const file = ctx.fileName;
    const builder = await ctx.openSession();
    const collectors = new Map<string, Collector>();
    const blobs: { path: string; c: Collector }[] = [];
    const blobPaths = new Set<string>();
    let eventsSeen = false;
    let parseErrors = 0;
    let manifestRead: ReturnType<typeof Manifest.safeParse> | undefined;
    const manifestWhere = `${file}:${ARCHIVE_PATHS.manifest}`;
    /** Values out of range in the session's details are clipped with a warning, as for every other format. */
    const clipSession = (raw: unknown): unknown => {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
      const m = raw as Record<string, unknown>;
      if (typeof m.session !== 'object' || m.session === null || Array.isArray(m.session)) return raw;
      return { ...m, session: clipMetaInput(m.session as SessionMetaInput, (reason) => ctx.problems.add({ file: manifestWhere, severity: 'warning', reason })) };
    };
    const readManifest = (c: Collector) => (manifestRead ??= Manifest.safeParse(clipSession(parseJson(c.text(), manifestWhere))));
    /** Waveform peaks of WAV recordings, computed as each entry completes; why each one that failed did. */
    const wavPeaksByPath = new Map<string, number[]>();
    const wavErrors = new Map<string, WavError>();

    /** Whether a WAV blob at this path may be the audio track and need peaks. */
    const mayNeedPeaks = (path: string): boolean => {
      if (!path.startsWith('audio/')) return false;
      const m = collectors.get(ARCHIVE_PATHS.manifest);
      // The manifest normally comes first; when it has not, compute anyway and decide at the end.
      if (!m?.done) return true;
      try {
        const parsed = readManifest(m);
        const audio = parsed.success ? parsed.data.session.audio : undefined;
        return audio?.blob.blob === path && !audio.peaks?.length;
      } catch {
        return false; // not JSON: the import fails below
      }
    };

    const storeBlob = async (path: string, c: Collector) => {
      const bytes = c.bytes();
      await builder.writer.blob(path, bytes, mimeForPath(path));
      if (!mayNeedPeaks(path) || !looksLikeWav(bytes)) return;
      try {
        const { peaks } = wavPeaks(bytes, PEAK_PAIRS);
        if (peaks.length) wavPeaksByPath.set(path, peaks);
      } catch (e) {
        if (!(e instanceof WavError)) throw e;
        wavErrors.set(path, e);
      }
      ctx.checkCancelled();
    };

    const eventsHandler = (): EntryHandler => {
      eventsSeen = true;
      const where = `${file}:${ARCHIVE_PATHS.events}`;
      // Split on bytes, so lines of ASCII stay one-byte strings: each event is stored as the
      // text it was read from when the schema keeps it unchanged (SessionBuilder.add).
      const splitter = new ByteLineSplitter(
        {
          line(text, line, asciiBytes, original) {
            if (text.trim() === '') return;
            let raw: unknown;
            try {
              raw = JSON.parse(text);
            } catch (e) {
              // A line read escaped (see ByteLineSplitter) is judged and named by its own text.
              const own = original?.() ?? text;
              if (own.trim() === '') return;
              parseErrors++;
              ctx.problems.add({ file: where, line, severity: 'warning', reason: `not valid JSON (${jsonError(own, e)})` });
              return;
            }
            // Inflated entries arrive in buffers of their own (never reused), so the line's
            // bytes can be kept until its batch is packed.
            builder.add(raw, { file: where, line }, true, text, asciiBytes);
          },
          overlong(line, bytes) {
            ctx.problems.add({
              file: where,
              line,
              severity: 'warning',
              reason: `line of ${formatBytes(bytes)} exceeds the ${formatBytes(ctx.limits.maxLineBytes)} limit; skipped`,
            });
          },
        },
        ctx.limits.maxLineBytes,
        true,
      );
      return { data: (c) => splitter.push(c), end: () => splitter.end() };
    };

    const unzip = await GuardedUnzip.open(ctx.source, ctx.limits, (name) => {
      if (name === ARCHIVE_PATHS.events) return eventsHandler();
      if (name === ARCHIVE_PATHS.manifest || name === ARCHIVE_PATHS.task || name === ARCHIVE_PATHS.transcript) {
        const c = new Collector(`${file}:${name}`, SMALL_ENTRY_LIMIT);
        collectors.set(name, c);
        return c;
      }
      if (name === ARCHIVE_PATHS.reel) {
        const c = new Collector(`${file}:${name}`, REEL_LIMIT);
        collectors.set(name, c);
        return c;
      }
      if (BLOB_PREFIXES.some((p) => name.startsWith(p))) {
        const c = new Collector(`${file}:${name}`, Math.min(ctx.limits.maxUncompressedBytes, MAX_BLOB_BYTES));
        blobs.push({ path: name, c });
        blobPaths.add(name);
        return c;
      }
      ctx.problems.add({ file: `${file}:${name}`, severity: 'warning', reason: 'unknown archive entry ignored' });
      return undefined;
    });

    // The directory already says whether this is a Baton archive: no need to inflate anything.
    for (const required of [ARCHIVE_PATHS.manifest, ARCHIVE_PATHS.events]) {
      if (!unzip.has(required)) throw new ImportError(`${file}: not a Baton archive — it has no ${required}`);
    }
    for await (const chunk of ctx.chunks()) {
      await unzip.push(chunk);
      // Blobs are written as soon as they are complete, so they are not all held at once.
      while (blobs.length && blobs[0]!.c.done) {
        const { path, c } = blobs.shift()!;
        await storeBlob(path, c);
      }
      await builder.drain();
    }
    await unzip.end();
    for (const { path, c } of blobs) await storeBlob(path, c);
    const manifestC = collectors.get(ARCHIVE_PATHS.manifest);
    if (!manifestC) {
      throw new ImportError(`${file}: not a Baton archive — it has no ${ARCHIVE_PATHS.manifest}`);
    }
    const parsed = readManifest(manifestC);
    if (!parsed.success) {
      throw new ImportError(`${file}:${ARCHIVE_PATHS.manifest}: invalid manifest — ${describeZodError(parsed.error)}`);
    }
    const manifest = parsed.data;
    const meta = { ...manifest.session };
    const task = collectors.get(ARCHIVE_PATHS.task);
    if (task) meta.task = { ...meta.task, statement: task.text() };

    const transcriptC = collectors.get(ARCHIVE_PATHS.transcript);
    if (transcriptC) {
      const where = `${file}:${ARCHIVE_PATHS.transcript}`;
      const segs = Transcript.safeParse(parseJson(transcriptC.text(), where));
      if (!segs.success) {
        ctx.problems.add({ file: where, severity: 'warning', reason: `transcript ignored: ${describeZodError(segs.error)}` });
      } else {
        for (const s of segs.data) {
          const ev: SessionEvent = { id: s.id, t: s.start, endT: Math.max(s.start, s.end), actor: 'candidate', kind: 'narration', text: s.text };
          builder.add(ev, { file: where });
        }
      }
    }

    if (meta.audio) {
      const audioPath = meta.audio.blob.blob;
      if (!blobPaths.has(audioPath)) {
        ctx.problems.add({ file: `${file}:${audioPath}`, severity: 'warning', reason: 'audio track listed in the manifest is missing; audio dropped' });
        delete meta.audio;
      } else if (!meta.audio.peaks?.length) {
        // Computed once here, so the session opens without decoding its recording. Compressed
        // audio (ogg, mp3…) gets its peaks from the browser's decoder after the import
        // (renderer/src/import/audio-peaks.ts), and so does a WAV in an encoding not read here.
        const peaks = wavPeaksByPath.get(audioPath);
        const err = wavErrors.get(audioPath);
        if (peaks) meta.audio = { ...meta.audio, peaks };
        else if (err && err.kind !== 'unsupported') {
          ctx.problems.add({ file: `${file}:${audioPath}`, severity: 'warning', reason: `audio is a damaged WAV file: ${err.message}` });
        }
      }
    }

    const reel = readReel(collectors.get(ARCHIVE_PATHS.reel), (reason) => ctx.problems.add({ file: `${file}:${ARCHIVE_PATHS.reel}`, severity: 'warning', reason }));

    await builder.finish();
    if (!eventsSeen) throw new ImportError(`${file}: not a Baton archive — it has no ${ARCHIVE_PATHS.events}`);
    if (builder.eventCount === 0) {
      const why = parseErrors ? `all ${parseErrors} lines failed to parse` : 'it contains no valid events';
      throw new ImportError(`${file}: nothing usable — ${ARCHIVE_PATHS.events}: ${why}`);
    }
    meta.source = { ...meta.source, fileName: file };
    ctx.finishSession(builder, meta, reel ? { reel } : {});
  },
};

/**
 * The optional saved evidence reel: untrusted like every entry, checked against its schema.
 * A bad one is left out with a warning naming the entry; the session still imports.
 */
function readReel(c: Collector | undefined, warn: (reason: string) => void): Reel | undefined {
  if (!c) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(c.text());
  } catch (e) {
    warn(`evidence reel ignored: not valid JSON (${(e as Error).message})`);
    return undefined;
  }
  const { reel, error } = parseReel(raw);
  if (error) warn(`evidence reel ignored: ${error}`);
  return reel;
}
