import { batonImporter } from '../archive/baton-reader';
import { aiderImporter } from '../importers/aider';
import { asciinemaImporter } from '../importers/asciinema';
import { claudeCodeImporter } from '../importers/claude-code';
import { claudeHooksImporter } from '../importers/claude-hooks';
import { claudeProjectZipImporter } from '../importers/claude-project-zip';
import { codexImporter } from '../importers/codex';
import { ImportContext } from './context';
import { formatBytes, resolveLimits } from './limits';
import { describeZodError } from './zod-message';
import { makeSniff, pickImporter, SNIFF_BYTES, type FormatImporter } from './registry';
import {
  ImportCancelled,
  ImportError,
  type ByteSource,
  type ImportOptions,
  type ImportReport,
  type SessionSink,
} from './types';

/** Every importer Baton knows, tried in this order on ties. */
export const IMPORTERS: FormatImporter[] = [batonImporter, claudeProjectZipImporter, claudeCodeImporter, claudeHooksImporter, codexImporter, asciinemaImporter, aiderImporter];

/** Registers additional importers (the log-format importers add themselves here). */
export function registerImporter(imp: FormatImporter): void {
  if (!IMPORTERS.includes(imp)) IMPORTERS.push(imp);
}

function describeUnknown(name: string, sniffBinary: boolean, isZip: boolean): string {
  if (isZip) return `${name}: a zip archive, but not one Baton can read`;
  if (sniffBinary) return `${name}: binary data, not a session log or Baton archive`;
  return `${name}: not a format Baton recognises (expected a .baton archive or a supported session log)`;
}

/**
 * Imports one file into the sink. Never throws for bad input: the report says what
 * happened. A session is committed only after its whole file was read without failure;
 * on failure or cancel every staged write is removed.
 */
export async function importSource(
  source: ByteSource,
  sink: SessionSink,
  opts: ImportOptions = {},
  importers: readonly FormatImporter[] = IMPORTERS,
): Promise<ImportReport> {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  const limits = resolveLimits(opts.limits);
  const report: ImportReport = {
    file: source.name,
    bytes: source.size,
    format: 'unknown',
    status: 'failed',
    sessions: [],
    problems: [],
    problemsOmitted: 0,
    contentHash: '',
    durationMs: 0,
  };
  const finish = (r: ImportReport): ImportReport => ({ ...r, durationMs: now() - started });

  if (source.size === 0) return finish({ ...report, message: `${source.name}: the file is empty` });
  if (source.size > limits.maxFileBytes) {
    return finish({
      ...report,
      message: `${source.name}: ${formatBytes(source.size)} is over the ${formatBytes(limits.maxFileBytes)} import limit`,
    });
  }

  const head = new Uint8Array(await source.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniff = makeSniff(source.name, head);
  const importer = pickImporter(importers, sniff);
  if (!importer) return finish({ ...report, message: describeUnknown(source.name, sniff.isBinary, sniff.isZip) });
  report.format = importer.format;
  report.formatLabel = importer.label;

  const ctx = new ImportContext(source, sink, limits, opts.batchSize ?? 2000, opts.signal, opts.onProgress, now);
  ctx.companions = opts.companions ?? [];
  try {
    await importer.run(ctx);
    ctx.checkCancelled();
    const hash = await ctx.importHash();
    report.contentHash = hash;
    if (ctx.sessions.length === 0) throw new ImportError(`${source.name}: no session found in the file`);
    for (const [i, pending] of ctx.sessions.entries()) {
      const info = ctx.commitInfo(pending, hash, i);
      const res = await pending.builder.writer.commit(info);
      report.sessions.push(
        res.status === 'stored'
          ? { id: res.id, title: info.meta.title, eventCount: info.eventCount, status: 'stored', ...(info.meta.audio && !info.meta.audio.peaks?.length ? { audioWithoutPeaks: true as const } : {}) }
          : { id: info.meta.id, title: info.meta.title, eventCount: info.eventCount, status: 'duplicate', existingId: res.existingId },
      );
    }
    const allDup = report.sessions.every((s) => s.status === 'duplicate');
    report.status = allDup ? 'duplicate' : 'imported';
    if (allDup) report.message = `${source.name}: already in the library`;
  } catch (e) {
    await ctx.abortAll();
    if (e instanceof ImportCancelled) {
      report.status = 'cancelled';
      report.message = `${source.name}: import cancelled; nothing was stored`;
    } else if (e instanceof ImportError) {
      report.status = 'failed';
      report.message = e.line ? `${e.message} (line ${e.line})` : e.message;
    } else if (isQuotaError(e)) {
      report.status = 'failed';
      report.message = `${source.name}: the disk is full — free some space or delete sessions, then import again; nothing was stored`;
    } else {
      report.status = 'failed';
      report.message = `${source.name}: could not be imported (${plainReason(e)}); nothing was stored`;
    }
    report.sessions = [];
  }
  report.problems = ctx.problems.list;
  report.problemsOmitted = ctx.problems.omitted;
  return finish(report);
}

/** What went wrong, as a short phrase: a schema error's first issue, or the first line of a message. */
export function plainReason(e: unknown): string {
  const issues = (e as { issues?: unknown } | null)?.issues;
  if (Array.isArray(issues)) return describeZodError({ issues: issues as { path: PropertyKey[]; message: string }[] });
  const msg = (e as Error | null)?.message ?? String(e);
  const first = msg.split('\n', 1)[0]!.trim();
  return first.length > 200 ? `${first.slice(0, 199)}…` : first || 'an internal error';
}

export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}
