import type { SessionEvent } from '../model/schema';
import type { ImportContext } from '../import/context';
import { describeZodError } from '../import/context';
import { formatBytes } from '../import/limits';
import type { FormatImporter, Sniff } from '../import/registry';
import { ImportError } from '../import/types';
import { LineSplitter } from '../util/lines';
import { mimeForPath } from '../util/mime';
import { ARCHIVE_PATHS, BLOB_PREFIXES, Manifest, Transcript } from './manifest';
import { GuardedUnzip, type EntryHandler } from './zip-stream';

const SMALL_ENTRY_LIMIT = 64 * 1024 * 1024;

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

    const eventsHandler = (): EntryHandler => {
      eventsSeen = true;
      const where = `${file}:${ARCHIVE_PATHS.events}`;
      const splitter = new LineSplitter(
        {
          line(text, line) {
            if (text.trim() === '') return;
            let raw: unknown;
            try {
              raw = JSON.parse(text);
            } catch (e) {
              parseErrors++;
              ctx.problems.add({ file: where, line, severity: 'warning', reason: `not valid JSON (${(e as Error).message})` });
              return;
            }
            builder.add(raw, { file: where, line });
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
      if (BLOB_PREFIXES.some((p) => name.startsWith(p))) {
        const c = new Collector(`${file}:${name}`, ctx.limits.maxUncompressedBytes);
        blobs.push({ path: name, c });
        blobPaths.add(name);
        return c;
      }
      ctx.problems.add({ file: `${file}:${name}`, severity: 'warning', reason: 'unknown archive entry ignored' });
      return undefined;
    });

    for await (const chunk of ctx.chunks()) {
      unzip.push(chunk);
      // Blobs are written as soon as they are complete, so they are not all held at once.
      while (blobs.length && blobs[0]!.c.done) {
        const { path, c } = blobs.shift()!;
        await builder.writer.blob(path, c.bytes(), mimeForPath(path));
      }
      await builder.drain();
    }
    unzip.end();
    for (const { path, c } of blobs) await builder.writer.blob(path, c.bytes(), mimeForPath(path));
    const manifestC = collectors.get(ARCHIVE_PATHS.manifest);
    if (!manifestC) {
      throw new ImportError(`${file}: not a Baton archive — it has no ${ARCHIVE_PATHS.manifest}`);
    }
    const parsed = Manifest.safeParse(parseJson(manifestC.text(), `${file}:${ARCHIVE_PATHS.manifest}`));
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
      }
    }

    await builder.finish();
    if (!eventsSeen) throw new ImportError(`${file}: not a Baton archive — it has no ${ARCHIVE_PATHS.events}`);
    if (builder.eventCount === 0) {
      const why = parseErrors ? `all ${parseErrors} lines failed to parse` : 'it contains no valid events';
      throw new ImportError(`${file}: nothing usable — ${ARCHIVE_PATHS.events}: ${why}`);
    }
    meta.source = { ...meta.source, fileName: file };
    ctx.finishSession(builder, meta);
  },
};
