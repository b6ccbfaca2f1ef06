import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { Reel } from '../committee/reel';
import { SessionMeta, type SessionEvent } from '../model/schema';
import { ARCHIVE_FORMAT_VERSION, ARCHIVE_PATHS, type Manifest, type TranscriptSegment } from './manifest';

export interface ArchiveBlob {
  /** Archive path; also the blob id events and the manifest refer to (e.g. `audio/narration.wav`). */
  path: string;
  data: Uint8Array;
}

export interface ArchiveInput {
  meta: SessionMeta;
  events: Iterable<SessionEvent> | AsyncIterable<SessionEvent>;
  blobs?: Iterable<ArchiveBlob> | AsyncIterable<ArchiveBlob>;
  /** Initial workspace snapshot: path relative to the workspace root, and its text. */
  workspace?: { path: string; content: string }[];
  generator?: string;
  /** The committee's saved evidence reel, written as committee/reel.json. */
  reel?: Reel;
  /** Fixed for reproducible archives (samples); defaults to now. */
  createdAt?: string;
}

const ALREADY_COMPRESSED = /\.(ogg|oga|opus|mp3|m4a|webm|png|jpe?g|gif|webp|zip|gz)$/i;
const enc = new TextEncoder();

/**
 * Writes a .baton archive as a stream of chunks. Events are encoded one line at a time, so a
 * large session is never held as a single string. Narration events go to the audio
 * transcript when the session has audio, everything else to events.jsonl.
 */
export async function writeArchive(input: ArchiveInput, onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
  const meta = SessionMeta.parse(input.meta);
  const reel = input.reel === undefined ? undefined : Reel.parse(input.reel);
  const createdAt = input.createdAt ?? new Date().toISOString();
  const mtime = new Date(createdAt);
  let out: Uint8Array[] = [];
  let error: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) error = err;
    else out.push(data);
  });
  const flush = async () => {
    if (error) throw error;
    const ready = out;
    out = [];
    for (const c of ready) await onChunk(c);
  };
  const addWhole = async (path: string, data: Uint8Array) => {
    const f = ALREADY_COMPRESSED.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    f.mtime = mtime;
    zip.add(f);
    f.push(data, true);
    await flush();
  };

  const statement = meta.task.statement;
  const manifest: Manifest = {
    format: 'baton',
    formatVersion: ARCHIVE_FORMAT_VERSION,
    createdAt,
    ...(input.generator ? { generator: input.generator } : {}),
    session: { ...meta, task: { ...meta.task, statement: '' } },
    workspace: (input.workspace ?? []).map((w) => w.path),
  };
  await addWhole(ARCHIVE_PATHS.manifest, enc.encode(JSON.stringify(manifest, null, 2)));
  if (statement) await addWhole(ARCHIVE_PATHS.task, enc.encode(statement));

  const transcript: TranscriptSegment[] = [];
  const events = new ZipDeflate(ARCHIVE_PATHS.events, { level: 6 });
  events.mtime = mtime;
  zip.add(events);
  const LINES_PER_PUSH = 512;
  let pending: string[] = [];
  for await (const ev of input.events) {
    if (meta.audio && ev.kind === 'narration') {
      transcript.push({ id: ev.id, start: ev.t, end: ev.endT, text: ev.text });
      continue;
    }
    pending.push(JSON.stringify(ev));
    if (pending.length >= LINES_PER_PUSH) {
      events.push(enc.encode(pending.join('\n') + '\n'));
      pending = [];
      await flush();
    }
  }
  events.push(enc.encode(pending.length ? pending.join('\n') + '\n' : ''), true);
  await flush();

  if (meta.audio) await addWhole(ARCHIVE_PATHS.transcript, enc.encode(JSON.stringify(transcript)));
  for await (const b of input.blobs ?? []) await addWhole(b.path, b.data);
  for (const w of input.workspace ?? []) await addWhole(`workspace/${w.path}`, enc.encode(w.content));
  if (reel) await addWhole(ARCHIVE_PATHS.reel, enc.encode(JSON.stringify(reel, null, 2)));
  zip.end();
  await flush();
}

/** Writes an archive into one byte array (fine for sample-sized sessions and tests). */
export async function writeArchiveToBytes(input: ArchiveInput): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await writeArchive(input, (c) => {
    parts.push(c);
  });
  let size = 0;
  for (const p of parts) size += p.byteLength;
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}
