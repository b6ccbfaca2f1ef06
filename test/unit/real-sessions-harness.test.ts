/**
 * Over every real log the project has (../shared/real-sessions and the rated sessions): no
 * candidate prompt is harness text (a tag the tool writes, never the person).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { startsWithHarnessTag } from '../../shared/importers/claude-text';
import { allRatedFiles, allRealFiles, realSessionsAvailable } from './helpers/real-sessions';

/** Whole messages Claude Code writes in words, and the line after a task notification. */
const CLAUDE_HARNESS = /^\s*(Caveat: The messages below were generated|Full transcript available at: |Read the output file to retrieve the result: |Operation stopped by hook: |This session is being continued from a previous conversation)/;

/** Harness tags of Codex rollouts, which are not a person's words either. */
const CODEX_HARNESS = /^\s*(<environment_context>|<user_instructions>|<permissions instructions>|# AGENTS\.md instructions)/;

describe.skipIf(!realSessionsAvailable)('every real log: no candidate prompt starts with a harness tag', () => {
  const files = [...allRealFiles(), ...allRatedFiles()].filter((f) => !f.endsWith('0a6817bf-eefc-412e-b61b-2c6f2d198460.jsonl'));

  it.each(files.map((f) => [basename(f), f]))('%s', async (_name, path) => {
    const sink = new MemorySink();
    const report = await importSource(bytesSource(basename(path), new Uint8Array(readFileSync(path)), 64 * 1024), sink, { now: () => 0 });
    expect(report.status, report.message).toBe('imported');
    for (const s of sink.sessions.values())
      for (const e of s.events) {
        if (e.actor !== 'candidate' || e.kind !== 'prompt') continue;
        expect(startsWithHarnessTag(e.text), e.text.slice(0, 80)).toBe(false);
        expect(CODEX_HARNESS.test(e.text), e.text.slice(0, 80)).toBe(false);
        expect(CLAUDE_HARNESS.test(e.text), e.text.slice(0, 80)).toBe(false);
        expect(e.text.includes('<task-notification>'), e.text.slice(0, 80)).toBe(false);
      }
  });
});
