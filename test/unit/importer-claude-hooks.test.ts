import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventOf, SessionEvent } from '../../shared/model/schema';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { makeSniff } from '../../shared/import/registry';
import { claudeCodeImporter } from '../../shared/importers/claude-code';
import { claudeHooksImporter } from '../../shared/importers/claude-hooks';
import { realPath, realSessionsAvailable } from './helpers/real-sessions';

const enc = new TextEncoder();
const base = { session_id: 'sess-9', transcript_path: '/home/u/.claude/projects/p/sess-9.jsonl', cwd: '/w' };

async function importText(name: string, text: string) {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, enc.encode(text), 53), sink, { now: () => 0 });
  const s = [...sink.sessions.values()][0];
  return { report, sink, events: s?.events ?? [] };
}
const of = <K extends SessionEvent['kind']>(events: readonly SessionEvent[], kind: K) => events.filter((e): e is EventOf<K> => e.kind === kind);

describe('Claude Code hook logs', () => {
  const payloads = [
    { ...base, hook_event_name: 'SessionStart', source: 'startup' },
    { ...base, hook_event_name: 'UserPromptSubmit', prompt: 'Bump numpy to allow 2.x, keep the lower bound' },
    { ...base, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: '/w/req.txt', old_string: '<2.0.0', new_string: '' } },
    { ...base, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'pytest -q' } },
    {
      ...base,
      hook_event_name: 'PostToolUse',
      tool_name: 'Edit',
      tool_input: { file_path: '/w/req.txt', old_string: '<2.0.0', new_string: '' },
      tool_response: { filePath: '/w/req.txt', oldString: '<2.0.0', newString: '', originalFile: 'numpy>=1.21<2.0.0\n' },
    },
    { ...base, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'pytest -q' }, tool_response: { stdout: '3 passed', stderr: '', interrupted: false } },
    { ...base, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/w/setup.py' } },
    { ...base, hook_event_name: 'Stop', stop_hook_active: false },
  ];

  it('reads an array: prompts, paired tool calls, diffs, commands, markers; file order when untimed', async () => {
    const { report, events } = await importText('hooks.json', JSON.stringify(payloads, null, 2));
    expect(report.status).toBe('imported');
    expect(report.format).toBe('claude-hooks');
    expect(of(events, 'prompt')).toEqual([expect.objectContaining({ actor: 'candidate', text: 'Bump numpy to allow 2.x, keep the lower bound', t: 1000 })]);
    expect(of(events, 'diff')).toEqual([expect.objectContaining({ path: '/w/req.txt', before: 'numpy>=1.21<2.0.0\n', after: 'numpy>=1.21\n', actor: 'agent', t: 2000 })]);
    expect(of(events, 'command')).toEqual([expect.objectContaining({ cmd: 'pytest -q', stdout: '3 passed', t: 3000, durationMs: 2000 })]);
    // The Read never got a PostToolUse in this log: a call whose outcome is unknown.
    expect(of(events, 'tool_call')).toEqual([expect.objectContaining({ name: 'Read', category: 'read', status: 'pending' })]);
    expect(of(events, 'marker').map((m) => m.label)).toEqual(['Session start (startup)', 'Stop']);
    expect(report.problems.some((p) => /no timestamp/.test(p.reason))).toBe(true);
  });

  it('reads JSONL, pairs by tool_use_id when present and uses timestamps when they exist', async () => {
    const lines = [
      { ...base, hook_event_name: 'PreToolUse', tool_name: 'Grep', tool_use_id: 'x1', tool_input: { pattern: 'numpy' }, timestamp: '2026-01-01T10:00:00Z' },
      { ...base, hook_event_name: 'PreToolUse', tool_name: 'Grep', tool_use_id: 'x2', tool_input: { pattern: 'scipy' }, timestamp: '2026-01-01T10:00:01Z' },
      { ...base, hook_event_name: 'PostToolUse', tool_name: 'Grep', tool_use_id: 'x2', tool_input: { pattern: 'scipy' }, tool_response: { numFiles: 0 }, timestamp: '2026-01-01T10:00:03Z' },
      'not json at all',
    ];
    const { report, events } = await importText('hooks.jsonl', lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
    const calls = of(events, 'tool_call');
    expect(calls.find((c) => c.id === 'tool.x2')).toMatchObject({ status: 'ok', durationMs: 2000, t: 1000 });
    expect(calls.find((c) => c.id === 'tool.x1')).toMatchObject({ status: 'pending' });
    expect(report.problems).toContainEqual(expect.objectContaining({ line: 4, reason: expect.stringMatching(/not valid JSON/) }));
  });

  it('detects hook logs by content and does not take transcripts for them, nor the reverse', () => {
    const sniff = (t: string) => makeSniff('log.txt', enc.encode(t));
    expect(claudeHooksImporter.detect(sniff(JSON.stringify(payloads)))).toBeGreaterThan(0.9);
    expect(claudeCodeImporter.detect(sniff(JSON.stringify(payloads)))).toBe(0);
    const transcript = JSON.stringify({ type: 'user', uuid: 'u', sessionId: 's', message: { role: 'user', content: 'hi' } });
    expect(claudeHooksImporter.detect(sniff(transcript))).toBe(0);
  });

  it('an array of things that are not hook payloads fails cleanly', async () => {
    const { report, sink } = await importText('x.json', JSON.stringify([{ session_id: 's', transcript_path: 't', tool_name: 'Bash', hook_event_name: 'Bogus' }]));
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/x\.json/);
    expect(sink.sessions.size).toBe(0);
  });
});

/**
 * Real hook logs. Counts established with python's json module: pre_tool_use.json holds 20
 * PreToolUse payloads (no PostToolUse), so 20 tool calls with unknown outcome; post_tool_use.json
 * holds 14 PostToolUse payloads: 2 Bash (commands), 3 Edit with originalFile (diffs) and
 * 9 others (5 TodoWrite, 4 Read: tool calls). Neither has a UserPromptSubmit.
 */
describe.skipIf(!realSessionsAvailable)('Claude Code hook logs: real files', () => {
  it.each([
    ['pre_tool_use.json', { prompts: 0, commands: 0, diffs: 0, toolCalls: 20 }],
    ['post_tool_use.json', { prompts: 0, commands: 2, diffs: 3, toolCalls: 9 }],
  ] as const)('imports %s', async (name, want) => {
    const sink = new MemorySink();
    const report = await importSource(bytesSource(name, new Uint8Array(readFileSync(realPath('claude-hooks', name)))), sink, { now: () => 0 });
    expect(report.status, report.message).toBe('imported');
    expect(report.format).toBe('claude-hooks');
    const events = [...sink.sessions.values()][0]!.events;
    expect({ prompts: of(events, 'prompt').length, commands: of(events, 'command').length, diffs: of(events, 'diff').length, toolCalls: of(events, 'tool_call').length }).toEqual(want);
  });
});
