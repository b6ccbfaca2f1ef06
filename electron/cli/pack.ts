/**
 * `baton pack DIR [-o OUT]`: builds a .baton archive from an unpacked session folder.
 * Everything is validated first (nothing is written when anything is wrong); the archive is
 * then streamed to disk, events read a second time line by line so a large session is never
 * held in memory.
 *
 * DIR layout:
 *   manifest.json            a full archive manifest, or
 *   session.json             just the session metadata (SessionMeta)
 *   events.jsonl             one SessionEvent per line
 *   task.md                  optional task statement (Markdown)
 *   audio/…                  optional recording(s); audio/transcript.json → narration
 *   blobs/…, terminal/…      optional out-of-line data referenced by events / metadata
 *   workspace/…              optional initial workspace snapshot
 *   committee/reel.json      optional saved evidence reel (shared/committee/reel.ts)
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type Dirent } from 'node:fs';
import { readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ARCHIVE_PATHS, Manifest, Transcript, unsafeEntryReason } from '../../shared/archive/manifest';
import { writeArchive, type ArchiveBlob } from '../../shared/archive/baton-writer';
import { parseReel, type Reel } from '../../shared/committee/reel';
import { DEFAULT_LIMITS, formatBytes } from '../../shared/import/limits';
import { countEvents, SessionEvent, SessionMeta, type EventCounts, type LargeText } from '../../shared/model/schema';
import { LineSplitter } from '../../shared/util/lines';
import type { CliIO } from './io';
import { countsLine } from './inspect';

/** Most problems listed before the rest are only counted. */
const MAX_LISTED = 25;
const IGNORED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);
const TOP_LEVEL = new Set(['manifest.json', 'session.json', 'events.jsonl', 'task.md', 'audio', 'blobs', 'terminal', 'workspace', 'committee']);

type Issue = string;

class Issues {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  error(msg: string): void {
    this.errors.push(msg);
  }
  warn(msg: string): void {
    this.warnings.push(msg);
  }
}

interface FileEntry {
  /** Archive path (forward slashes), e.g. `blobs/out-1.txt`. */
  archivePath: string;
  /** Path on disk. */
  diskPath: string;
  size: number;
}

function zodSummary(err: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const parts = err.issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
  const more = err.issues.length > 3 ? ` (and ${err.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readJson(path: string, label: string, issues: Issues): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    issues.error(`${label}: not valid JSON (${(e as Error).message})`);
    return undefined;
  }
}

/** Every regular file under `dir/sub`, as archive entries under `sub/`. Symlinks are refused. */
async function listTree(dir: string, sub: string, issues: Issues): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries: Dirent[] = await readdir(join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childRel = `${rel}/${e.name}`;
      if (IGNORED_NAMES.has(e.name)) continue;
      if (e.isSymbolicLink()) {
        issues.error(`${join(dir, childRel)}: symbolic links are not packed; copy the file in instead`);
      } else if (e.isDirectory()) {
        await walk(childRel);
      } else if (e.isFile()) {
        const diskPath = join(dir, childRel);
        const unsafe = unsafeEntryReason(childRel);
        if (unsafe) issues.error(`${diskPath}: ${unsafe}`);
        else out.push({ archivePath: childRel, diskPath, size: (await stat(diskPath)).size });
      }
    }
  };
  if (await exists(join(dir, sub))) await walk(sub);
  return out;
}

type ParsedLine = { line: number; ok: true; value: unknown } | { line: number; ok: false; reason: string };

/** Reads events.jsonl chunk by chunk and yields every non-blank line, parsed or with its problem. */
async function* eventLines(path: string): AsyncGenerator<ParsedLine> {
  const queue: ParsedLine[] = [];
  const splitter = new LineSplitter(
    {
      line(text, line) {
        if (text.trim() === '') return;
        try {
          queue.push({ line, ok: true, value: JSON.parse(text) });
        } catch (e) {
          queue.push({ line, ok: false, reason: `not valid JSON (${(e as Error).message})` });
        }
      },
      overlong(line, bytes) {
        queue.push({ line, ok: false, reason: `line of ${formatBytes(bytes)} exceeds the ${formatBytes(DEFAULT_LIMITS.maxLineBytes)} limit` });
      },
    },
    DEFAULT_LIMITS.maxLineBytes,
  );
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    splitter.push(chunk as Buffer);
    yield* queue.splice(0);
  }
  splitter.end();
  yield* queue.splice(0);
}

/** Blob references an event makes (images, large outputs). */
function blobRefs(ev: SessionEvent): { blob: string; size: number }[] {
  const refs: { blob: string; size: number }[] = [];
  const add = (t: LargeText | undefined) => {
    if (t && typeof t === 'object') refs.push(t);
  };
  if (ev.kind === 'prompt') for (const img of ev.images ?? []) refs.push(img);
  if (ev.kind === 'tool_call') add(ev.output);
  if (ev.kind === 'command') {
    add(ev.stdout);
    add(ev.stderr);
  }
  return refs;
}

export interface PackPlan {
  dir: string;
  meta: SessionMeta;
  createdAt?: string;
  generator: string;
  eventsPath: string;
  narration: SessionEvent[];
  blobs: FileEntry[];
  workspaceText: { path: string; content: string }[];
  counts: EventCounts;
  eventCount: number;
  reel?: Reel;
}

/** Validates DIR completely. Returns the plan, or undefined with errors in `issues`. */
export async function planPack(dirArg: string, issues: Issues): Promise<PackPlan | undefined> {
  const dir = resolve(dirArg);
  let st;
  try {
    st = await stat(dir);
  } catch {
    issues.error(`${dirArg}: no such directory`);
    return undefined;
  }
  if (!st.isDirectory()) {
    issues.error(`${dirArg}: not a directory`);
    return undefined;
  }

  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!TOP_LEVEL.has(e.name) && !IGNORED_NAMES.has(e.name)) issues.warn(`${join(dir, e.name)}: not part of a session folder; ignored`);
  }

  // Session metadata.
  let meta: SessionMeta | undefined;
  let createdAt: string | undefined;
  let generator = 'baton pack';
  const manifestPath = join(dir, ARCHIVE_PATHS.manifest);
  const sessionPath = join(dir, 'session.json');
  if (await exists(manifestPath)) {
    if (await exists(sessionPath)) issues.warn(`${sessionPath}: ignored, ${ARCHIVE_PATHS.manifest} takes precedence`);
    const raw = await readJson(manifestPath, manifestPath, issues);
    if (raw !== undefined) {
      const m = Manifest.safeParse(raw);
      if (!m.success) issues.error(`${manifestPath}: invalid manifest — ${zodSummary(m.error)}`);
      else {
        meta = m.data.session;
        createdAt = m.data.createdAt;
        if (m.data.generator) generator = m.data.generator;
      }
    }
  } else if (await exists(sessionPath)) {
    const raw = await readJson(sessionPath, sessionPath, issues);
    if (raw !== undefined) {
      const m = SessionMeta.safeParse(raw);
      if (!m.success) issues.error(`${sessionPath}: invalid session metadata — ${zodSummary(m.error)}`);
      else meta = m.data;
    }
  } else {
    issues.error(`${dirArg}: needs ${ARCHIVE_PATHS.manifest} or session.json with the session metadata`);
  }

  const taskPath = join(dir, ARCHIVE_PATHS.task);
  if (meta && (await exists(taskPath))) meta = { ...meta, task: { ...meta.task, statement: await readFile(taskPath, 'utf8') } };

  // Out-of-line files.
  const audio = await listTree(dir, 'audio', issues);
  const blobs = [
    ...audio.filter((f) => f.archivePath !== ARCHIVE_PATHS.transcript),
    ...(await listTree(dir, 'blobs', issues)),
    ...(await listTree(dir, 'terminal', issues)),
  ];
  const workspaceText: { path: string; content: string }[] = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const f of await listTree(dir, 'workspace', issues)) {
    const bytes = await readFile(f.diskPath);
    try {
      workspaceText.push({ path: f.archivePath.slice('workspace/'.length), content: utf8.decode(bytes) });
    } catch {
      // Binary files still travel in the archive, just not as part of the text snapshot.
      issues.warn(`${f.diskPath}: not UTF-8 text; stored as a blob, not in the workspace snapshot`);
      blobs.push(f);
    }
  }
  const blobSizes = new Map(blobs.map((b) => [b.archivePath, b.size]));
  const checkRef = (ref: { blob: string; size: number }, where: string) => {
    const size = blobSizes.get(ref.blob);
    if (size === undefined) issues.error(`${where}: refers to blob "${ref.blob}", which is not in the folder`);
    else if (size !== ref.size) issues.warn(`${where}: blob "${ref.blob}" is ${size} bytes, the reference says ${ref.size}`);
  };
  if (meta?.audio) checkRef(meta.audio.blob, `${ARCHIVE_PATHS.manifest} audio`);
  for (const t of meta?.terminals ?? []) checkRef(t.blob, `${ARCHIVE_PATHS.manifest} terminal "${t.id}"`);
  if (!meta?.audio && audio.some((f) => f.archivePath !== ARCHIVE_PATHS.transcript)) {
    issues.warn(`${join(dir, 'audio')}: the metadata has no audio track; the recording is packed but will not play`);
  }

  // Narration from the transcript.
  const narration: SessionEvent[] = [];
  const ids = new Map<string, string>();
  const transcriptPath = join(dir, ARCHIVE_PATHS.transcript);
  if (await exists(transcriptPath)) {
    const raw = await readJson(transcriptPath, transcriptPath, issues);
    if (raw !== undefined) {
      const t = Transcript.safeParse(raw);
      if (!t.success) issues.error(`${transcriptPath}: invalid transcript — ${zodSummary(t.error)}`);
      else {
        for (const [i, s] of t.data.entries()) {
          const where = `${transcriptPath} segment ${i + 1}`;
          if (ids.has(s.id)) issues.error(`${where}: duplicate id "${s.id}" (first in ${ids.get(s.id)})`);
          ids.set(s.id, where);
          narration.push({ id: s.id, t: s.start, endT: Math.max(s.start, s.end), actor: 'candidate', kind: 'narration', text: s.text });
        }
      }
    }
  }

  // The committee's saved evidence reel. Anything else under committee/ is not packed.
  let reel: Reel | undefined;
  const reelPath = join(dir, ARCHIVE_PATHS.reel);
  for (const f of await listTree(dir, 'committee', issues)) {
    if (f.archivePath !== ARCHIVE_PATHS.reel) issues.warn(`${f.diskPath}: not part of a session folder; ignored`);
  }
  if (await exists(reelPath)) {
    const raw = await readJson(reelPath, reelPath, issues);
    if (raw !== undefined) {
      const r = parseReel(raw);
      if (r.error) issues.error(`${reelPath}: invalid evidence reel — ${r.error}`);
      reel = r.reel;
    }
  }

  // Events, validated line by line.
  const eventsPath = join(dir, ARCHIVE_PATHS.events);
  const counts: EventCounts = countEvents(narration);
  let eventCount = narration.length;
  if (!(await exists(eventsPath))) {
    issues.error(`${eventsPath}: missing (one session event per line)`);
  } else {
    for await (const parsed of eventLines(eventsPath)) {
      const where = `${eventsPath}:${parsed.line}`;
      if (!parsed.ok) {
        issues.error(`${where}: ${parsed.reason}`);
        continue;
      }
      const ev = SessionEvent.safeParse(parsed.value);
      if (!ev.success) {
        issues.error(`${where}: invalid event — ${zodSummary(ev.error)}`);
        continue;
      }
      const first = ids.get(ev.data.id);
      if (first) {
        issues.error(`${where}: duplicate event id "${ev.data.id}" (first at ${first})`);
        continue;
      }
      ids.set(ev.data.id, `line ${parsed.line}`);
      for (const ref of blobRefs(ev.data)) checkRef(ref, where);
      counts[ev.data.kind] = (counts[ev.data.kind] ?? 0) + 1;
      eventCount++;
    }
    if (eventCount === 0 && issues.errors.length === 0) issues.error(`${eventsPath}: holds no events`);
  }

  const entries = 3 + blobs.length + workspaceText.length + (reel ? 1 : 0);
  if (entries > DEFAULT_LIMITS.maxEntries) issues.error(`${dirArg}: ${entries} files exceed the ${DEFAULT_LIMITS.maxEntries} entries an archive may hold`);
  const blobBytes = blobs.reduce((n, b) => n + b.size, 0);
  if (blobBytes > DEFAULT_LIMITS.maxUncompressedBytes) issues.error(`${dirArg}: ${formatBytes(blobBytes)} of files exceed the archive limit`);

  if (issues.errors.length || !meta) return undefined;
  return { dir, meta, ...(createdAt ? { createdAt } : {}), generator, eventsPath, narration, blobs, workspaceText, counts, eventCount, ...(reel ? { reel } : {}) };
}

/** The events, read again from disk one chunk at a time (they were all validated). */
async function* planEvents(plan: PackPlan): AsyncGenerator<SessionEvent> {
  yield* plan.narration;
  for await (const parsed of eventLines(plan.eventsPath)) {
    if (!parsed.ok) throw new Error(`${plan.eventsPath}:${parsed.line} changed while packing`);
    yield SessionEvent.parse(parsed.value);
  }
}

async function* planBlobs(plan: PackPlan): AsyncGenerator<ArchiveBlob> {
  for (const b of plan.blobs) yield { path: b.archivePath, data: new Uint8Array(await readFile(b.diskPath)) };
}

/** Streams the archive to `out` (through a temporary file, renamed when complete). */
export async function writePlan(plan: PackPlan, out: string): Promise<number> {
  const tmp = `${out}.partial-${process.pid}`;
  const ws = createWriteStream(tmp);
  let bytes = 0;
  try {
    await writeArchive(
      {
        meta: plan.meta,
        events: planEvents(plan),
        blobs: planBlobs(plan),
        workspace: plan.workspaceText,
        generator: plan.generator,
        ...(plan.reel ? { reel: plan.reel } : {}),
        ...(plan.createdAt ? { createdAt: plan.createdAt } : {}),
      },
      async (chunk) => {
        bytes += chunk.byteLength;
        if (!ws.write(chunk)) await once(ws, 'drain');
      },
    );
    ws.end();
    await once(ws, 'finish');
    await rename(tmp, out);
    return bytes;
  } catch (e) {
    ws.destroy();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

function listIssues(kind: 'error' | 'warning', list: string[], io: CliIO): void {
  for (const msg of list.slice(0, MAX_LISTED)) io.stderr.write(`${kind}: ${msg}\n`);
  if (list.length > MAX_LISTED) io.stderr.write(`${kind}: … and ${list.length - MAX_LISTED} more\n`);
}

export function defaultOutput(dir: string): string {
  return `${resolve(dir)}.baton`;
}

export async function pack(dir: string, out: string | undefined, io: CliIO): Promise<number> {
  const issues = new Issues();
  const plan = await planPack(dir, issues);
  listIssues('warning', issues.warnings, io);
  if (!plan) {
    listIssues('error', issues.errors, io);
    io.stderr.write(`baton pack: ${dir} was not packed (${issues.errors.length} error${issues.errors.length === 1 ? '' : 's'})\n`);
    return 1;
  }
  const target = resolve(out ?? defaultOutput(dir));
  const bytes = await writePlan(plan, target);
  io.stdout.write(
    `packed ${basename(plan.dir)} → ${target}\n` +
      `  session   ${plan.meta.id}  "${plan.meta.title}"\n` +
      `  events    ${plan.eventCount} (${countsLine(plan.counts)})\n` +
      `  files     ${plan.blobs.length} blob${plan.blobs.length === 1 ? '' : 's'}, ${plan.workspaceText.length} workspace file${plan.workspaceText.length === 1 ? '' : 's'}\n` +
      `  size      ${formatBytes(bytes)}\n`,
  );
  return 0;
}

export { Issues };
