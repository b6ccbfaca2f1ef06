/** What the command line writes to; tests pass collecting fakes. */
export interface TextOut {
  write(text: string): unknown;
}

export interface CliIO {
  stdout: TextOut;
  stderr: TextOut;
}

/** 65_000 ms → "1:05", 3_723_000 ms → "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
