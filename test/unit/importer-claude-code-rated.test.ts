/**
 * The 20 rated real Claude Code 2.1.x transcripts: what the classifier is scored on. Expected
 * numbers come from scripts/real-claude-counts.py (Python's json module reading the raw files,
 * not Baton's code); `subagentTools` counts the distinct tool_use ids in assistant messages
 * inside progress/agent_progress records (same script family, one-off count).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { candidatePrompts, of } from './helpers/claude-fixture';
import { allRatedFiles, ratedSessionsAvailable, RATED_SESSIONS_DIR } from './helpers/real-sessions';

const RATED: Record<string, { prompts: number; diffs: number; commands: number; badLines: number; subagentTools?: number }> = {
  'entire_45_b48f42ab1f_0.jsonl': { prompts: 10, diffs: 27, commands: 13, badLines: 0 },
  'entire_48_b4b05476e5_0.jsonl': { prompts: 7, diffs: 5, commands: 27, badLines: 0 },
  'entire_53_4758833def_0.jsonl': { prompts: 8, diffs: 13, commands: 25, badLines: 0 },
  'entire_54_bb2ec87cc8_0.jsonl': { prompts: 25, diffs: 2, commands: 1, badLines: 0 },
  'entire_63_bd3f9b02f2_0.jsonl': { prompts: 37, diffs: 30, commands: 30, badLines: 0, subagentTools: 89 },
  'entire_67_ea786b178e_0.jsonl': { prompts: 7, diffs: 5, commands: 12, badLines: 0 },
  'entire_72_0c20f08988_0.jsonl': { prompts: 45, diffs: 36, commands: 139, badLines: 0, subagentTools: 31 },
  'entire_77_8aa463e2ba_0.jsonl': { prompts: 10, diffs: 51, commands: 50, badLines: 0, subagentTools: 27 },
  'entire_a5_d8ec9bae67_0.jsonl': { prompts: 18, diffs: 27, commands: 91, badLines: 0 },
  'entire_b2_fb19a19759_0.jsonl': { prompts: 10, diffs: 6, commands: 61, badLines: 0, subagentTools: 64 },
  'entire_ba_59c426c910_0.jsonl': { prompts: 6, diffs: 11, commands: 12, badLines: 0 },
  'entire_cd_95adddad32_0.jsonl': { prompts: 42, diffs: 56, commands: 60, badLines: 0 },
  'entire_d0_161e0df1cb_0.jsonl': { prompts: 36, diffs: 7, commands: 118, badLines: 0, subagentTools: 22 },
  'entire_d6_5f53d0e8e2_1.jsonl': { prompts: 6, diffs: 4, commands: 22, badLines: 0 },
  'entire_e5_8c50537669_2.jsonl': { prompts: 9, diffs: 3, commands: 6, badLines: 0 },
  'entire_ec_38b74f08e3_3.jsonl': { prompts: 9, diffs: 7, commands: 18, badLines: 0, subagentTools: 18 },
  'mclaude_0d510331.jsonl': { prompts: 18, diffs: 42, commands: 96, badLines: 0 },
  'mclaude_c7d2069e.jsonl': { prompts: 21, diffs: 45, commands: 202, badLines: 1 },
  'mclaude_d8126fa6.jsonl': { prompts: 13, diffs: 1, commands: 7, badLines: 17 },
  'mclaude_f551142a.jsonl': { prompts: 20, diffs: 0, commands: 41, badLines: 23, subagentTools: 1 },
};

describe.skipIf(!ratedSessionsAvailable)('Claude Code importer: the rated real transcripts', () => {
  it('has an expectation for every rated transcript', () => {
    expect(allRatedFiles().map((f) => basename(f))).toEqual(Object.keys(RATED).sort());
  });

  it.each(Object.keys(RATED))('imports %s with the counts read from the raw file', async (name) => {
    const sink = new MemorySink();
    const report = await importSource(bytesSource(name, new Uint8Array(readFileSync(`${RATED_SESSIONS_DIR}/${name}`)), 64 * 1024), sink, { now: () => 0 });
    expect(report.status, report.message).toBe('imported');
    expect(report.format).toBe('claude-code');
    const events = [...sink.sessions.values()][0]!.events;
    const want = RATED[name]!;
    expect({
      prompts: candidatePrompts(events).length,
      diffs: of(events, 'diff').length,
      commands: of(events, 'command').length,
      badLines: report.problems.filter((p) => p.line !== undefined && /not valid JSON/.test(p.reason)).length,
      ...(want.subagentTools !== undefined ? { subagentTools: events.filter((e) => e.lane && (e.kind === 'tool_call' || e.kind === 'command' || e.kind === 'diff')).length } : {}),
    }).toEqual(want);
    // Nothing is imported twice.
    expect(report.problems.filter((p) => /duplicate event id/.test(p.reason))).toEqual([]);
    for (const e of events) if (e.kind === 'response' || e.kind === 'thinking' || e.kind === 'tool_call' || e.kind === 'diff') expect(e.actor).toBe('agent');
  });
});
