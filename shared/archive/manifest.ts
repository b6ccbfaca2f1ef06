import { z } from 'zod';
import { SessionMeta } from '../model/schema';

/** Version of the .baton container layout. Readers accept every version up to this one. */
export const ARCHIVE_FORMAT_VERSION = 1;

export const ARCHIVE_PATHS = {
  manifest: 'manifest.json',
  events: 'events.jsonl',
  task: 'task.md',
  transcript: 'audio/transcript.json',
  /** Optional: the hiring committee's saved evidence reel (shared/committee/reel.ts Reel). */
  reel: 'committee/reel.json',
} as const;

/** Prefixes under which entries are stored as blobs, keyed by their archive path. */
export const BLOB_PREFIXES = ['audio/', 'blobs/', 'terminal/', 'workspace/'] as const;

export const TranscriptSegment = z.object({
  id: z.string().min(1).max(200),
  /** ms from session start */
  start: z.number().finite().nonnegative(),
  end: z.number().finite().nonnegative(),
  text: z.string(),
});
export type TranscriptSegment = z.infer<typeof TranscriptSegment>;
export const Transcript = z.array(TranscriptSegment).max(1_000_000);

export const Manifest = z.object({
  format: z.literal('baton'),
  formatVersion: z.number().int().min(1).max(ARCHIVE_FORMAT_VERSION),
  createdAt: z.iso.datetime({ offset: true }),
  generator: z.string().max(200).optional(),
  session: SessionMeta,
  /** Paths of the initial workspace snapshot, relative to workspace/. */
  workspace: z.array(z.string().max(4096)).max(100_000).default([]),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestInput = z.input<typeof Manifest>;

/** An entry name is safe when it is relative and never climbs out of the archive. */
export function unsafeEntryReason(name: string): string | undefined {
  if (name.length === 0) return 'empty entry name';
  if (name.length > 4096) return 'entry name too long';
  if (name.includes('\0')) return 'entry name contains a NUL byte';
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n)) return `absolute entry name "${name}"`;
  if (n.split('/').some((seg) => seg === '..')) return `entry name "${name}" climbs out with ".."`;
  return undefined;
}
