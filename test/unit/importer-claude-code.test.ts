import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventOf, SessionEvent } from '../../shared/model/schema';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { makeSniff } from '../../shared/import/registry';
import { claudeCodeImporter, structuredToUnified } from '../../shared/importers/claude-code';
import { codexImporter } from '../../shared/importers/codex';
import { allRealFiles, REAL_SESSIONS_DIR, realPath, realSessionsAvailable } from './helpers/real-sessions';

const enc = new TextEncoder();
const T0 = Date.parse('2026-01-10T09:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
let n = 0;
const env = (s: number, extra: Record<string, unknown>) => ({ parentUuid: null, isSidechain: false, userType: 'external', cwd: '/w', sessionId: 'sess-1', version: '2.1.3', timestamp: at(s), uuid: `u${n++}`, ...extra });
const user = (s: number, content: unknown, extra: Record<string, unknown> = {}) => JSON.stringify(env(s, { type: 'user', message: { role: 'user', content }, ...extra }));
const asst = (s: number, id: string, blocks: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify(env(s, { type: 'assistant', message: { id, model: 'claude-sonnet-4-5', role: 'assistant', content: blocks }, ...extra }));
const toolUse = (id: string, name: string, input: Record<string, unknown>) => ({ type: 'tool_use', id, name, input });
const result = (s: number, id: string, content: unknown, tur: unknown, isError = false) =>
  user(s, [{ type: 'tool_result', tool_use_id: id, content, ...(isError ? { is_error: true } : {}) }], { toolUseResult: tur });

async function importText(name: string, text: string, chunk = 101) {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, enc.encode(text), chunk), sink, { now: () => 0 });
  const sessions = [...sink.sessions.values()];
  return { report, sink, sessions, events: sessions[0]?.events ?? [], meta: sessions[0]?.info.meta };
}

function of<K extends SessionEvent['kind']>(events: readonly SessionEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

describe('Claude Code importer: rules on small transcripts', () => {
  it('merges assistant records that share a message id; pairs tool_use with its result', async () => {
    const text = [
      user(0, 'Add a retry to fetchUser, max 3 attempts'),
      asst(2, 'msg_1', [{ type: 'thinking', thinking: 'Look at the file first.', signature: 'x' }]),
      asst(2.1, 'msg_1', [{ type: 'text', text: 'I will read the file.' }]),
      asst(2.2, 'msg_1', [toolUse('t1', 'Read', { file_path: '/w/src/user.ts' })]),
      result(3, 't1', 'export function fetchUser() {}', { type: 'text', file: { filePath: '/w/src/user.ts', content: 'export function fetchUser() {}', numLines: 1 } }),
      asst(4, 'msg_2', [{ type: 'text', text: 'Done.' }]),
    ].join('\n');
    const { report, events } = await importText('s.jsonl', text);
    expect(report.status).toBe('imported');
    expect(report.format).toBe('claude-code');
    expect(of(events, 'response').map((e) => e.text)).toEqual(['I will read the file.', 'Done.']);
    expect(of(events, 'thinking')).toHaveLength(1);
    const read = of(events, 'tool_call')[0]!;
    expect(read).toMatchObject({ name: 'Read', category: 'read', status: 'ok', output: 'export function fetchUser() {}', actor: 'agent', durationMs: 800 });
    expect(of(events, 'prompt')[0]).toMatchObject({ actor: 'candidate', text: 'Add a retry to fetchUser, max 3 attempts' });
  });

  it('Edit, MultiEdit and Write become diffs with before and after when the original is present', async () => {
    const original = 'a\nb\nc\n';
    const text = [
      user(0, 'go'),
      asst(1, 'm1', [toolUse('e1', 'Edit', { file_path: '/w/x.ts', old_string: 'b', new_string: 'B' })]),
      result(2, 'e1', 'ok', { filePath: '/w/x.ts', oldString: 'b', newString: 'B', originalFile: original, structuredPatch: [] }),
      asst(3, 'm2', [toolUse('e2', 'MultiEdit', { file_path: '/w/x.ts', edits: [{ old_string: 'a', new_string: 'A' }, { old_string: 'c', new_string: 'C' }] })]),
      result(4, 'e2', 'ok', { filePath: '/w/x.ts', originalFileContents: 'a\nB\nc\n' }),
      asst(5, 'm3', [toolUse('w1', 'Write', { file_path: '/w/new.ts', content: 'hello\n' })]),
      result(6, 'w1', 'created', { type: 'create', filePath: '/w/new.ts', content: 'hello\n' }),
      asst(7, 'm4', [toolUse('e3', 'Edit', { file_path: '/w/y.ts', old_string: 'q', new_string: 'r' })]),
      result(8, 'e3', 'ok', { filePath: '/w/y.ts', structuredPatch: [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-q', '+r'] }] }),
    ].join('\n');
    const diffs = of((await importText('d.jsonl', text)).events, 'diff');
    expect(diffs.map((d) => [d.path, d.change])).toEqual([
      ['/w/x.ts', 'modified'],
      ['/w/x.ts', 'modified'],
      ['/w/new.ts', 'created'],
      ['/w/y.ts', 'modified'],
    ]);
    expect(diffs[0]).toMatchObject({ before: original, after: 'a\nB\nc\n' });
    expect(diffs[1]).toMatchObject({ before: 'a\nB\nc\n', after: 'A\nB\nC\n' });
    expect(diffs[2]).toMatchObject({ after: 'hello\n' });
    expect(diffs[3]!.patch).toBe('--- a//w/y.ts\n+++ b//w/y.ts\n@@ -1,1 +1,1 @@\n-q\n+r\n');
    expect(diffs.every((d) => d.actor === 'agent')).toBe(true);
  });

  it('Bash becomes a command with stdout, stderr, exit status and interruption', async () => {
    const text = [
      user(0, 'run the tests'),
      asst(1, 'm1', [toolUse('b1', 'Bash', { command: 'npm test' })]),
      result(5, 'b1', 'Error: Exit code 2\nFAIL x', { stdout: '', stderr: 'FAIL x', interrupted: false }, true),
      asst(6, 'm2', [toolUse('b2', 'Bash', { command: 'ls' })]),
      result(7, 'b2', 'a b', { stdout: 'a b', stderr: '', interrupted: false }),
      asst(8, 'm3', [toolUse('b3', 'Bash', { command: 'sleep 100' })]),
      result(9, 'b3', '[Request interrupted by user for tool use]', { stdout: '', stderr: '', interrupted: true }, true),
      user(9.1, [{ type: 'text', text: '[Request interrupted by user for tool use]' }]),
    ].join('\n');
    const { events } = await importText('b.jsonl', text);
    const cmds = of(events, 'command');
    expect(cmds.map((c) => [c.cmd, c.exitCode, c.stdout, c.stderr ?? '', c.interrupted ?? false, c.durationMs])).toEqual([
      ['npm test', 2, '', 'FAIL x', false, 4000],
      ['ls', 0, 'a b', '', false, 1000],
      ['sleep 100', null, '', '', true, 1000],
    ]);
    expect(of(events, 'interrupt')).toEqual([expect.objectContaining({ actor: 'candidate', t: 9100 })]);
  });

  it('a refused permission is a denied approval by the candidate; AskUserQuestion is a decision', async () => {
    const text = [
      user(0, 'deploy it'),
      asst(1, 'm1', [toolUse('w1', 'Write', { file_path: '/etc/x', content: 'y' })]),
      result(2, 'w1', "Claude requested permissions to write to /etc/x, but you haven't granted it yet.", "Error: Claude requested permissions to write to /etc/x, but you haven't granted it yet.", true),
      asst(3, 'm2', [toolUse('q1', 'AskUserQuestion', { questions: [{ question: 'Which database?', options: [{ label: 'Postgres' }, { label: 'SQLite' }] }] })]),
      result(9, 'q1', 'User has answered your questions: "Which database?"="SQLite"', { questions: [], answers: { 'Which database?': 'SQLite' } }),
    ].join('\n');
    const { events } = await importText('p.jsonl', text);
    expect(of(events, 'approval')).toEqual([expect.objectContaining({ actor: 'candidate', tool: 'Write', granted: false })]);
    expect(of(events, 'tool_call').find((c) => c.name === 'Write')?.status).toBe('denied');
    expect(of(events, 'diff')).toHaveLength(0);
    expect(of(events, 'decision')).toEqual([expect.objectContaining({ actor: 'candidate', question: 'Which database?', options: ['Postgres', 'SQLite'], chosen: 'SQLite', t: 9000 })]);
  });

  it('harness text is nobody\'s prompt; slash commands are the candidate\'s; images become blobs', async () => {
    const png = btoa('\x89PNG fake image bytes');
    const text = [
      user(0, '<command-message>init is analyzing</command-message>\n<command-name>/init</command-name>'),
      user(0.5, 'Please analyze this codebase', { isMeta: true }),
      user(1, '<local-command-stdout>done</local-command-stdout>'),
      user(2, [{ type: 'text', text: 'What is wrong in this screenshot?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }]),
      asst(3, 'm1', [{ type: 'text', text: 'A typo.' }]),
    ].join('\n');
    const { events, sink, sessions } = await importText('h.jsonl', text);
    expect(of(events, 'prompt')).toHaveLength(1);
    const p = of(events, 'prompt')[0]!;
    expect(p.images).toHaveLength(1);
    expect(sessions[0]!.blobs.get(p.images![0]!.blob)?.mime).toBe('image/png');
    expect(of(events, 'marker')).toEqual([expect.objectContaining({ actor: 'candidate', label: 'ran /init' })]);
    void sink;
  });

  it('inline sidechains become a subagent lane whose "user" messages are the agent\'s', async () => {
    const text = [
      user(0, 'explore the repo with a subagent'),
      asst(1, 'm1', [toolUse('task1', 'Task', { description: 'Explore tests', prompt: 'find the tests', subagent_type: 'general-purpose' })]),
      user(1.5, 'find the tests', { isSidechain: true }),
      asst(2, 'm2', [toolUse('g1', 'Glob', { pattern: '**/*.test.ts' })], { isSidechain: true }),
      result(2.5, 'g1', 'a.test.ts', { filenames: ['a.test.ts'], numFiles: 1 }),
      asst(3, 'm3', [{ type: 'text', text: 'Found one test.' }], { isSidechain: true }),
      result(4, 'task1', 'Found one test.', { status: 'completed', agentId: 'abc', content: [] }),
    ].join('\n');
    const { events, meta } = await importText('side.jsonl', text);
    const lane = of(events, 'prompt').find((e) => e.lane);
    expect(lane).toMatchObject({ actor: 'agent', text: 'find the tests', lane: 'sidechain' });
    expect(of(events, 'prompt').filter((e) => e.actor === 'candidate')).toHaveLength(1);
    expect(of(events, 'tool_call').find((e) => e.name === 'Glob')).toMatchObject({ category: 'search', lane: 'sidechain' });
    expect(meta!.lanes.map((l) => l.id)).toEqual(['sidechain', 'abc']);
  });

  it('reads the JSON-array form, {"loglines": …} and files that begin with // comments', async () => {
    const recs = [user(0, 'hello'), asst(1, 'm1', [{ type: 'text', text: 'hi' }])].map((l) => JSON.parse(l) as unknown);
    for (const [name, body] of [
      ['arr.json', JSON.stringify(recs, null, 2)],
      ['log.json', JSON.stringify({ loglines: recs }, null, 2)],
      ['c.jsonl', `// fixture: two records\n// second comment\n${recs.map((r) => JSON.stringify(r)).join('\n')}`],
    ] as const) {
      const { report, events } = await importText(name, body);
      expect(report.format, name).toBe('claude-code');
      expect(of(events, 'prompt').map((e) => e.text), name).toEqual(['hello']);
      expect(of(events, 'response').map((e) => e.text), name).toEqual(['hi']);
    }
  });

  it('a broken line is reported with its line number and skipped; records of a resumed session count once', async () => {
    const first = user(0, 'one');
    const text = [first, '{"type":"assistant","message":{"id":"x", BROKEN', asst(1, 'm1', [{ type: 'text', text: 'ok' }]), first].join('\n');
    const { report, events } = await importText('r.jsonl', text);
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'r.jsonl', line: 2 }));
    expect(of(events, 'prompt')).toHaveLength(1);
  });

  it('detects by content, not by name; Codex rollouts are not mistaken for it', () => {
    const head = (t: string) => makeSniff('whatever.txt', enc.encode(t));
    expect(claudeCodeImporter.detect(head(user(0, 'x')))).toBeGreaterThan(0.9);
    const codex = JSON.stringify({ timestamp: at(0), type: 'session_meta', payload: { id: 'x' } });
    expect(claudeCodeImporter.detect(head(codex))).toBe(0);
    expect(codexImporter.detect(head(user(0, 'x')))).toBe(0);
    expect(claudeCodeImporter.detect(head(JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's' })))).toBe(0);
    expect(structuredToUnified('f', 'nope')).toBeUndefined();
  });

  it('an empty transcript or one with no usable records fails with a message and stores nothing', async () => {
    const { report, sink } = await importText('e.jsonl', JSON.stringify({ type: 'summary', summary: 'x', leafUuid: 'l' }));
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/e\.jsonl: nothing usable/);
    expect(sink.sessions.size).toBe(0);
    expect(sink.staged).toBe(0);
  });
});

/**
 * Expected numbers for the real transcripts, established by reading the raw files with
 * scripts/real-claude-counts.py (Python's json module, not Baton's code); its docstring lists
 * the rules. In short: candidate prompts are typed text (harness blocks such as <ide_*>,
 * <task-notification>, <system-reminder> removed; slash commands count when they carry
 * arguments; queued messages delivered mid-turn count; replayed history counts once); diffs
 * and commands are Edit/MultiEdit/Write and Bash calls with a result (also subagents' inside
 * agent_progress records); badLines are lines that are not valid JSON.
 */
const REAL_CLAUDE: Record<string, { prompts: number; diffs: number; commands: number; badLines: number }> = {
  'claude-code/dkimuson/dkimuson-1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl': { prompts: 0, diffs: 0, commands: 2, badLines: 0 },
  'claude-code/dkimuson/dkimuson-5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl': { prompts: 1, diffs: 1, commands: 5, badLines: 0 },
  'claude-code/dkimuson/dkimuson-fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl': { prompts: 2, diffs: 31, commands: 61, badLines: 0 },
  'claude-code/entireio/25_9e16a0e452_0.full.jsonl': { prompts: 2, diffs: 19, commands: 9, badLines: 0 },
  'claude-code/entireio/fc_ea11a4ec9d_0.full.jsonl': { prompts: 6, diffs: 5, commands: 18, badLines: 0 },
  'claude-code/m-claude/18240050-3ee8-41cd-a89a-0a5c4b709607.jsonl': { prompts: 6, diffs: 2, commands: 20, badLines: 5 },
  'claude-code/m-claude/3771a5c5-47e1-4ff0-84c4-80be186da1b7.jsonl': { prompts: 2, diffs: 0, commands: 1, badLines: 2 },
  'claude-code/m-claude/3af9b1a7-6512-4883-ad18-320658ced099.jsonl': { prompts: 9, diffs: 12, commands: 96, badLines: 35 },
  'claude-code/m-claude/3cfce0ff-0725-47be-a572-f8af8122b71e.jsonl': { prompts: 8, diffs: 9, commands: 253, badLines: 0 },
  'claude-code/m-claude/43391f62-680a-4688-9dd8-3637467d6b23.jsonl': { prompts: 9, diffs: 0, commands: 27, badLines: 0 },
  'claude-code/m-claude/554b9fa6-f719-40e8-ba70-beee69bd60b5.jsonl': { prompts: 1, diffs: 0, commands: 93, badLines: 28 },
  'claude-code/m-claude/abc757d1-3da3-42fb-bb7b-ffa293a4ba29.jsonl': { prompts: 5, diffs: 31, commands: 35, badLines: 0 },
  'claude-code/m-claude/ae81c05d-429b-467f-91bf-c436943fd8ba.jsonl': { prompts: 1, diffs: 0, commands: 6, badLines: 2 },
  'claude-code/m-claude/agent-abc3cb6.jsonl': { prompts: 0, diffs: 0, commands: 13, badLines: 0 },
  'claude-code/moredip/fixtures/edit-tool-variants.jsonl': { prompts: 1, diffs: 4, commands: 0, badLines: 0 },
  'claude-code/moredip/fixtures/general-tool-calls.jsonl': { prompts: 6, diffs: 13, commands: 22, badLines: 0 },
  'claude-code/moredip/fixtures/images-in-tool-results.jsonl': { prompts: 0, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/fixtures/images-in-user-messages.jsonl': { prompts: 3, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/fixtures/read-tool-variants.jsonl': { prompts: 1, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/projects/0ccf1a04-1b4c-43b6-8aa5-79e41db43a68.jsonl': { prompts: 3, diffs: 0, commands: 1, badLines: 0 },
  'claude-code/moredip/projects/0ccf1a04-1b4c-43b6-8aa5-79e41db43a68/subagents/agent-a5bdbc1.jsonl': { prompts: 0, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/projects/0ccf1a04-1b4c-43b6-8aa5-79e41db43a68/subagents/agent-a9cad17.jsonl': { prompts: 0, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/projects/0ccf1a04-1b4c-43b6-8aa5-79e41db43a68/subagents/agent-aa5ef13.jsonl': { prompts: 0, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/projects/0ccf1a04-1b4c-43b6-8aa5-79e41db43a68/subagents/agent-ac27727.jsonl': { prompts: 0, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/projects/0ccf1a04-1b4c-43b6-8aa5-79e41db43a68/subagents/agent-afbbf75.jsonl': { prompts: 0, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/projects/4b2030ed-5563-49ea-b703-6a002f2d3cc8.jsonl': { prompts: 1, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/moredip/projects/4b2030ed-5563-49ea-b703-6a002f2d3cc8/subagents/agent-a2018e5.jsonl': { prompts: 0, diffs: 0, commands: 0, badLines: 0 },
  'claude-code/simonw/sample_session.json': { prompts: 5, diffs: 4, commands: 5, badLines: 0 },
  'claude-code/simonw/sample_session.jsonl': { prompts: 2, diffs: 1, commands: 1, badLines: 0 },
};
/** The empty file: a clear failure, nothing stored. */
const EMPTY = 'claude-code/m-claude/0a6817bf-eefc-412e-b61b-2c6f2d198460.jsonl';

describe.skipIf(!realSessionsAvailable)('Claude Code importer: real transcripts', () => {
  const files = allRealFiles()
    .map((f) => relative(REAL_SESSIONS_DIR, f).split('\\').join('/'))
    .filter((f) => f.startsWith('claude-code/'));

  it('has an expectation for every real transcript', () => {
    expect(files.sort()).toEqual([...Object.keys(REAL_CLAUDE), EMPTY].sort());
  });

  it.each(Object.keys(REAL_CLAUDE))('imports %s', async (rel) => {
    const bytes = new Uint8Array(readFileSync(realPath(rel)));
    const sink = new MemorySink();
    const report = await importSource(bytesSource(rel.split('/').pop()!, bytes, 64 * 1024), sink, { now: () => 0 });
    expect(report.status, report.message).toBe('imported');
    expect(report.format).toBe('claude-code');
    expect(sink.staged).toBe(0);
    const events = [...sink.sessions.values()][0]!.events;
    const want = REAL_CLAUDE[rel]!;
    expect({
      prompts: of(events, 'prompt').filter((e) => e.actor === 'candidate').length,
      diffs: of(events, 'diff').length,
      commands: of(events, 'command').length,
      badLines: report.problems.filter((p) => p.line !== undefined && /not valid JSON/.test(p.reason)).length,
    }).toEqual(want);
    // Attribution: nothing the agent produced is credited to the candidate.
    for (const e of events) if (e.kind === 'response' || e.kind === 'thinking' || e.kind === 'tool_call' || e.kind === 'diff') expect(e.actor).toBe('agent');
  });

  it('the empty file fails with a clear message and stores nothing', async () => {
    const sink = new MemorySink();
    const report = await importSource(bytesSource('empty.jsonl', new Uint8Array(readFileSync(realPath(EMPTY)))), sink, { now: () => 0 });
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/empty/);
    expect(sink.sessions.size).toBe(0);
  });
});
