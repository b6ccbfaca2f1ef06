export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

/** One formatter for every count: toLocaleString builds a new one per call (about 0.1 ms each). */
const countFmt = new Intl.NumberFormat();

export function formatCount(n: number): string {
  return countFmt.format(n);
}

export const FORMAT_LABELS: Record<string, string> = {
  baton: 'Baton',
  'claude-code': 'Claude Code',
  'claude-hooks': 'Claude hooks',
  codex: 'Codex CLI',
  asciinema: 'asciinema',
  aider: 'aider',
  unknown: 'Unknown',
};
