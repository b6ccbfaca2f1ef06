/** Limits applied to every untrusted input. All are configurable per import. */
export interface ImportLimits {
  /** Largest input file accepted, bytes. */
  maxFileBytes: number;
  /** Total bytes an archive may expand to. */
  maxUncompressedBytes: number;
  /** Largest expansion ratio (uncompressed / compressed) once past ratioFloorBytes. */
  maxCompressionRatio: number;
  /** Below this many uncompressed bytes the ratio is not judged (tiny files compress well). */
  ratioFloorBytes: number;
  /** Most entries an archive may hold. */
  maxEntries: number;
  /** A single line longer than this is skipped and reported. */
  maxLineBytes: number;
  /** Problems listed in a report; the rest are counted. */
  maxReportedProblems: number;
  /** Sessions one file may hold (aider chats, transcripts in a zip); later ones are skipped with a warning. */
  maxSessionsPerFile: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 2 * GiB,
  maxUncompressedBytes: 8 * GiB,
  maxCompressionRatio: 200,
  ratioFloorBytes: 16 * MiB,
  maxEntries: 20_000,
  maxLineBytes: 16 * MiB,
  maxReportedProblems: 1000,
  maxSessionsPerFile: 1000,
};

export function resolveLimits(partial?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < MiB) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < GiB) return `${(n / MiB).toFixed(1)} MiB`;
  return `${(n / GiB).toFixed(2)} GiB`;
}
