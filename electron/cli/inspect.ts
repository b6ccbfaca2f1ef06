/**
 * `baton inspect FILE…`: runs each file through the same import pipeline as the app (into
 * memory, events discarded) and describes what the app would make of it.
 */
import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { groupImportFiles } from '../../shared/import/group';
import { formatBytes } from '../../shared/import/limits';
import { MemorySink } from '../../shared/import/memory-sink';
import { IMPORTERS, importSource } from '../../shared/import/pipeline';
import type { ByteSource, ImportReport } from '../../shared/import/types';
import { EVENT_KINDS, type EventCounts } from '../../shared/model/schema';
import { formatDuration, type CliIO } from './io';

export interface InspectedSession {
  id: string;
  title: string;
  status: 'stored' | 'duplicate';
  eventCount: number;
  counts: EventCounts;
  startedAt?: string;
  durationMs?: number;
}

export interface InspectResult {
  /** The path as given on the command line. */
  path: string;
  report: ImportReport;
  sessions: InspectedSession[];
}

/** A file on disk as a ByteSource (fs.openAsBlob: read lazily, never loaded whole). */
export async function fileSource(path: string): Promise<ByteSource> {
  const blob = await openAsBlob(path);
  return {
    name: basename(path),
    size: blob.size,
    stream: () => blob.stream() as unknown as ReadableStream<Uint8Array>,
    slice: (start, end) => blob.slice(start, end),
  };
}

function failedReport(path: string, message: string): ImportReport {
  return {
    file: basename(path),
    bytes: 0,
    format: 'unknown',
    status: 'failed',
    message,
    sessions: [],
    problems: [],
    problemsOmitted: 0,
    contentHash: '',
    durationMs: 0,
  };
}

export async function inspectFile(path: string, companions: { path: string; lane: string }[] = []): Promise<InspectResult> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return { path, report: failedReport(path, `${path}: not a file`), sessions: [] };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { path, report: failedReport(path, `${path}: cannot open (${why})`), sessions: [] };
  }
  const sink = new MemorySink(false);
  const comps = await Promise.all(companions.map(async (c) => ({ source: await fileSource(c.path), lane: c.lane })));
  const report = await importSource(await fileSource(path), sink, { companions: comps });
  const sessions = report.sessions.map((s): InspectedSession => {
    const stored = sink.sessions.get(s.id);
    return {
      id: s.id,
      title: s.title,
      status: s.status,
      eventCount: s.eventCount,
      counts: stored?.info.counts ?? {},
      ...(stored ? { startedAt: stored.info.meta.startedAt, durationMs: stored.info.meta.durationMs } : {}),
    };
  });
  return { path, report, sessions };
}

/** The reader that read the file (a format can have several: Claude Code's .jsonl and project .zip). */
function formatLabel(format: string, label: string | undefined): string {
  const l = label ?? IMPORTERS.find((i) => i.format === format)?.label;
  return l ? `${format} — ${l}` : format;
}

export function countsLine(counts: EventCounts): string {
  return EVENT_KINDS.filter((k) => counts[k])
    .map((k) => `${k} ${counts[k]}`)
    .join(', ');
}

/** The human-readable description of one inspected file. */
export function describeResult(r: InspectResult): string {
  const { report } = r;
  const lines = [r.path];
  lines.push(`  format    ${formatLabel(report.format, report.formatLabel)}`);
  if (report.bytes) lines.push(`  size      ${formatBytes(report.bytes)}`);
  lines.push(`  status    ${report.status}${report.message ? ` — ${report.message}` : ''}`);
  for (const s of r.sessions) {
    lines.push(`  session   ${s.id}  "${s.title}"${s.status === 'duplicate' ? ' (duplicate)' : ''}`);
    lines.push(`    events    ${s.eventCount}${s.eventCount ? ` (${countsLine(s.counts)})` : ''}`);
    if (s.durationMs !== undefined) lines.push(`    duration  ${formatDuration(s.durationMs)}`);
    if (s.startedAt) lines.push(`    started   ${s.startedAt}`);
  }
  const total = report.problems.length + report.problemsOmitted;
  if (total) {
    lines.push(`  problems  ${total}`);
    for (const p of report.problems) {
      lines.push(`    ${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.severity}: ${p.reason}`);
    }
    if (report.problemsOmitted) lines.push(`    … and ${report.problemsOmitted} more`);
  }
  return lines.join('\n') + '\n';
}

export function isFailure(r: InspectResult): boolean {
  return r.report.status === 'failed' || r.report.status === 'cancelled';
}

/** One line naming the file as given on the command line and why it failed. */
function failureLine(r: InspectResult): string {
  const msg = r.report.message ?? 'could not be imported';
  for (const prefix of [`${r.path}: `, `${r.report.file}: `]) if (msg.startsWith(prefix)) return `${r.path}: ${msg.slice(prefix.length)}`;
  return `${r.path}: ${msg}`;
}

/** Inspects every file; returns the exit code (1 when any file cannot be imported). */
/** Files under a directory, recursively, in name order (hidden entries skipped). */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * Inspects every file (a directory stands for the files under it); returns the exit code (1
 * when any file cannot be imported). A Claude Code transcript and its subagent files are
 * inspected as one session.
 */
export async function inspect(argPaths: string[], opts: { json: boolean }, io: CliIO): Promise<number> {
  const results: InspectResult[] = [];
  const paths: string[] = [];
  for (const p of argPaths) {
    const st = await stat(p).catch(() => undefined);
    const under = st?.isDirectory() ? await filesUnder(p) : [];
    // An empty directory stays as itself, to be reported as not a file.
    if (under.length) paths.push(...under);
    else paths.push(p);
  }
  const units = groupImportFiles(paths);
  for (const [i, unit] of units.entries()) {
    const path = paths[unit.main]!;
    const r = await inspectFile(path, unit.companions.map((c) => ({ path: paths[c.index]!, lane: c.lane })));
    results.push(r);
    if (!opts.json) io.stdout.write((i ? '\n' : '') + describeResult(r));
  }
  if (opts.json) io.stdout.write(JSON.stringify(results, null, 2) + '\n');
  const failed = results.filter(isFailure);
  for (const f of failed) io.stderr.write(`baton inspect: ${failureLine(f)}\n`);
  if (failed.length && units.length > 1) io.stderr.write(`baton inspect: ${failed.length} of ${units.length} files could not be imported\n`);
  return failed.length ? 1 : 0;
}
