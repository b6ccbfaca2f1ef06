import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { allRealFiles, REAL_SESSIONS_DIR, realSessionsAvailable } from './helpers/real-sessions';

/** The one real file that cannot become a session: it is empty (0 bytes, checked with ls). */
const EMPTY = new Set(['claude-code/m-claude/0a6817bf-eefc-412e-b61b-2c6f2d198460.jsonl']);

describe.skipIf(!realSessionsAvailable)('every real log', () => {
  const files = allRealFiles().map((f) => relative(REAL_SESSIONS_DIR, f).split('\\').join('/'));

  it('covers every format folder', () => {
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(new Set(['aider', 'asciinema', 'claude-code', 'claude-hooks', 'codex']));
  });

  it.each(files)('%s imports without a crash, in a known format, with nothing left staged', async (rel) => {
    const sink = new MemorySink(false);
    const report = await importSource(bytesSource(rel.split('/').pop()!, new Uint8Array(readFileSync(`${REAL_SESSIONS_DIR}/${rel}`)), 64 * 1024), sink, { now: () => 0 });
    expect(sink.staged).toBe(0);
    if (EMPTY.has(rel)) {
      expect(report.status).toBe('failed');
      expect(report.message).toMatch(/empty/);
      return;
    }
    expect(report.status, report.message).toBe('imported');
    expect(report.format).not.toBe('unknown');
    expect(report.format).toBe(rel.split('/')[0]);
    // Every problem names its file (and its line when it has one).
    for (const p of report.problems) expect(p.file).toBeTruthy();
  });
});
