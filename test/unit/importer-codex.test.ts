import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventOf, SessionEvent } from '../../shared/model/schema';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { makeSniff } from '../../shared/import/registry';
import { aiderImporter } from '../../shared/importers/aider';
import { asciinemaImporter } from '../../shared/importers/asciinema';
import { codexImporter, isHarnessText, parseToolOutput, shellCommandText } from '../../shared/importers/codex';
import { allRealFiles, REAL_SESSIONS_DIR, realPath, realSessionsAvailable } from './helpers/real-sessions';

const enc = new TextEncoder();
const T0 = Date.parse('2025-10-01T09:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const rec = (s: number, type: string, payload: Record<string, unknown>) => JSON.stringify({ timestamp: at(s), type, payload });
const item = (s: number, payload: Record<string, unknown>) => rec(s, 'response_item', payload);
const msg = (s: number, role: string, text: string) =>
  item(s, { type: 'message', role, content: [{ type: role === 'assistant' ? 'output_text' : 'input_text', text }] });
const ev = (s: number, payload: Record<string, unknown>) => rec(s, 'event_msg', payload);
const call = (s: number, callId: string, name: string, args: unknown) =>
  item(s, { type: 'function_call', name, arguments: JSON.stringify(args), call_id: callId });
const out = (s: number, callId: string, output: unknown) => item(s, { type: 'function_call_output', call_id: callId, output });
const jsonOut = (output: string, exitCode: number, secs: number) => JSON.stringify({ output, metadata: { exit_code: exitCode, duration_seconds: secs } });
const meta = (s = 0, extra: Record<string, unknown> = {}) =>
  rec(s, 'session_meta', { id: 'sess-1', timestamp: at(s), cwd: '/w', originator: 'codex_cli_rs', cli_version: '0.50.0', instructions: null, ...extra });

async function importText(name: string, text: string, chunk = 97) {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, enc.encode(text), chunk), sink, { now: () => 0 });
  const sessions = [...sink.sessions.values()];
  return { report, sink, sessions, events: sessions[0]?.events ?? [] };
}

function of<K extends SessionEvent['kind']>(events: SessionEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

describe('Codex importer: synthetic rollouts', () => {
  it('imports prompts, messages and shell commands; harness context is not a prompt; twins are deduplicated', async () => {
    const lines = [
      meta(0),
      rec(1, 'turn_context', { cwd: '/w', model: 'gpt-5-codex', approval_policy: 'on-request' }),
      msg(1, 'user', '<environment_context>\n  <cwd>/w</cwd>\n</environment_context>'),
      msg(1, 'user', '# AGENTS.md instructions for /w\n\n<INSTRUCTIONS>\nbe nice\n</INSTRUCTIONS>'),
      msg(1, 'user', '<permissions instructions>\nsandbox\n</permissions instructions>'),
      msg(1, 'developer', 'You are Codex.'),
      msg(2, 'user', 'Fix the failing test'),
      ev(2, { type: 'user_message', message: 'Fix the failing test', kind: 'plain', images: [] }),
      ev(3, { type: 'agent_reasoning', text: '**Looking at tests**' }),
      ev(3, { type: 'token_count', info: null }),
      item(3, { type: 'reasoning', summary: [{ type: 'summary_text', text: '**Looking at tests**' }], encrypted_content: 'x' }),
      // arguments is a JSON *string*; ["bash","-lc",X] runs X
      call(4, 'c1', 'shell', { command: ['bash', '-lc', 'npm test'], workdir: '/w' }),
      out(7, 'c1', jsonOut('1 failing', 1, 2.5)),
      call(8, 'c2', 'shell', { command: ['ls', '-la', 'my dir'] }),
      out(8, 'c2', 'failed in sandbox MacosSeatbelt with execution error: sandbox denied exec error, exit code: 1, stdout: , stderr: denied'),
      call(9, 'c3', 'exec_command', { cmd: 'git status', workdir: '/w' }),
      out(9, 'c3', 'Chunk ID: ab12\nWall time: 0.2500 seconds\nProcess exited with code 0\nOriginal token count: 3\nOutput:\nclean\n'),
      call(10, 'c4', 'shell_command', { command: 'cat a.txt', workdir: '/w' }),
      out(10, 'c4', 'Exit code: 2\nWall time: 0.1 seconds\nOutput:\nno such file\n'),
      ev(11, { type: 'agent_message', message: 'Done: the test passes now.' }),
      msg(11, 'assistant', 'Done: the test passes now.'),
      ev(12, { type: 'task_complete', last_agent_message: 'Done' }),
    ];
    const { report, sink, sessions, events } = await importText('rollout-a.jsonl', `${lines.join('\n')}\n`);
    expect(report.message).toBeUndefined();
    expect(report.status).toBe('imported');
    expect(report.format).toBe('codex');
    expect(sink.staged).toBe(0);
    expect(sessions).toHaveLength(1);

    const prompts = of(events, 'prompt');
    expect(prompts.map((p) => [p.actor, p.text])).toEqual([['candidate', 'Fix the failing test']]);
    expect(prompts[0]!.t).toBe(2000);
    expect(prompts[0]!.source).toEqual({ file: 'rollout-a.jsonl', line: 7 });
    expect(of(events, 'response').map((r) => [r.actor, r.text, r.model])).toEqual([['agent', 'Done: the test passes now.', 'gpt-5-codex']]);
    expect(of(events, 'thinking').map((r) => [r.actor, r.text])).toEqual([['agent', '**Looking at tests**']]);

    const cmds = of(events, 'command');
    expect(cmds.map((c) => ({ actor: c.actor, cmd: c.cmd, cwd: c.cwd, exitCode: c.exitCode, durationMs: c.durationMs, stdout: c.stdout, t: c.t }))).toEqual([
      { actor: 'agent', cmd: 'npm test', cwd: '/w', exitCode: 1, durationMs: 2500, stdout: '1 failing', t: 4000 },
      { actor: 'agent', cmd: "ls -la 'my dir'", cwd: undefined, exitCode: 1, durationMs: undefined, stdout: expect.stringContaining('sandbox denied'), t: 8000 },
      { actor: 'agent', cmd: 'git status', cwd: '/w', exitCode: 0, durationMs: 250, stdout: 'clean\n', t: 9000 },
      { actor: 'agent', cmd: 'cat a.txt', cwd: '/w', exitCode: 2, durationMs: 100, stdout: 'no such file\n', t: 10000 },
    ]);
    // No candidate-credited events other than the one typed prompt.
    expect(events.filter((e) => e.actor === 'candidate').map((e) => e.kind)).toEqual(['prompt']);

    const m = sessions[0]!.info.meta;
    expect(m.source).toEqual({ format: 'codex', version: '0.50.0', fileName: 'rollout-a.jsonl' });
    expect(m.agent).toEqual({ name: 'Codex CLI', version: '0.50.0' });
    expect(m.model).toBe('gpt-5-codex');
    expect(m.startedAt).toBe(at(0));
    expect(m.durationMs).toBe(12000);
    expect(m.title).toBe('Fix the failing test');
    const skipped = report.problems.find((p) => p.reason.startsWith('not imported as events'));
    expect(skipped?.reason).toMatch(/3 harness context messages/);
    expect(skipped?.reason).toMatch(/1 token_count/);
    expect(skipped?.reason).toMatch(/1 developer messages/);
  });

  it('turns apply_patch calls into diffs with unified patches; a failed patch is an error tool call; update_plan is a tool call', async () => {
    const patch1 = [
      '*** Begin Patch',
      '*** Update File: src/a.ts',
      '@@ export function a() {',
      '-  return 1;',
      '+  return 2;',
      ' }',
      '*** Add File: src/b.ts',
      '+export const b = 1;',
      '+export const c = 2;',
      '*** Delete File: old.txt',
      '*** End Patch',
    ].join('\n');
    const heredoc = "apply_patch <<'PATCH'\n*** Begin Patch\n*** Update File: src/c.ts\n*** Move to: src/d.ts\n@@\n-x\n+y\n*** End Patch\nPATCH";
    const lines = [
      meta(0),
      msg(1, 'user', 'Refactor'),
      item(2, { type: 'custom_tool_call', status: 'completed', call_id: 'p1', name: 'apply_patch', input: patch1 }),
      item(2, { type: 'custom_tool_call_output', call_id: 'p1', output: jsonOut('Success. Updated the following files:\nM src/a.ts\nA src/b.ts\nD old.txt\n', 0, 0) }),
      call(3, 'p2', 'shell', { command: ['bash', '-lc', heredoc], workdir: '/w' }),
      out(3, 'p2', jsonOut('Success. Updated the following files:\nM src/d.ts\n', 0, 0)),
      // older versions: argv ["apply_patch", patch]
      call(3, 'p4', 'shell', { command: ['apply_patch', "*** Begin Patch\n*** Add File: q.txt\n+it's\n*** End Patch"] }),
      out(3, 'p4', jsonOut('Done!', 0, 0)),
      item(4, { type: 'custom_tool_call', call_id: 'p3', name: 'apply_patch', input: '*** Begin Patch\n*** Update File: missing.ts\n@@\n-a\n+b\n*** End Patch' }),
      item(4, { type: 'custom_tool_call_output', call_id: 'p3', output: jsonOut('apply_patch verification failed: Failed to find expected lines', 1, 0) }),
      call(5, 'u1', 'update_plan', { plan: [{ step: 'one', status: 'in_progress' }] }),
      out(5, 'u1', 'Plan updated'),
    ];
    const { report, events } = await importText('rollout-b.jsonl', lines.join('\n'));
    expect(report.status).toBe('imported');
    const diffs = of(events, 'diff');
    expect(diffs.map((d) => [d.path, d.change, d.oldPath])).toEqual([
      ['src/a.ts', 'modified', undefined],
      ['src/b.ts', 'created', undefined],
      ['old.txt', 'deleted', undefined],
      ['src/d.ts', 'renamed', 'src/c.ts'],
      ['q.txt', 'created', undefined],
    ]);
    expect(diffs[4]!.after).toBe("it's\n");
    expect(diffs.every((d) => d.actor === 'agent')).toBe(true);
    expect(diffs[0]!.patch).toBe('--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,2 +1,2 @@ export function a() {\n-  return 1;\n+  return 2;\n }\n');
    expect(diffs[1]!.after).toBe('export const b = 1;\nexport const c = 2;\n');
    expect(diffs[1]!.patch).toBe('--- /dev/null\n+++ b/src/b.ts\n@@ -0,0 +1,2 @@\n+export const b = 1;\n+export const c = 2;\n');
    expect(diffs[3]!.patch).toContain('--- a/src/c.ts\n+++ b/src/d.ts\n');
    expect(of(events, 'command')).toEqual([]);
    const tools = of(events, 'tool_call');
    expect(tools.map((t) => [t.name, t.category, t.status])).toEqual([
      ['apply_patch', 'edit', 'error'],
      ['update_plan', 'other', 'ok'],
    ]);
    expect(tools[0]!.output).toContain('verification failed');
    expect(tools[1]!.input).toEqual({ plan: [{ step: 'one', status: 'in_progress' }] });
  });

  it('keeps what only the UI recorded in an interrupted turn, and reads interrupts and approvals as the candidate', async () => {
    const lines = [
      meta(0),
      msg(1, 'user', 'Start the refactor'),
      ev(1, { type: 'user_message', message: 'Start the refactor', kind: 'plain' }),
      ev(2, { type: 'agent_reasoning', text: 'Thinking about it' }),
      ev(3, { type: 'agent_message', message: 'I will begin with a.ts' }),
      ev(4, { type: 'turn_aborted', reason: 'interrupted' }),
      // the event_msg twin comes first in this version
      ev(5, { type: 'user_message', message: 'Only touch b.ts', kind: 'plain' }),
      msg(5, 'user', 'Only touch b.ts'),
      call(6, 'd1', 'shell', { command: ['bash', '-lc', 'rm -rf build'] }),
      out(7, 'd1', 'exec command rejected by user'),
      ev(8, { type: 'exec_approval_request', call_id: 'd2', command: ['bash', '-lc', 'npm install'], cwd: '/w' }),
      call(8, 'd2', 'shell', { command: ['bash', '-lc', 'npm install'] }),
      out(12, 'd2', jsonOut('added 1 package', 0, 3)),
      // same prompt text typed again later is a new prompt, not a twin
      msg(13, 'user', 'Only touch b.ts'),
      ev(13, { type: 'user_message', message: 'Only touch b.ts', kind: 'plain' }),
    ];
    const { events } = await importText('rollout-c.jsonl', lines.join('\n'));
    expect(of(events, 'prompt').map((p) => [p.text, p.t])).toEqual([
      ['Start the refactor', 1000],
      ['Only touch b.ts', 5000],
      ['Only touch b.ts', 13000],
    ]);
    expect(of(events, 'response').map((r) => r.text)).toEqual(['I will begin with a.ts']);
    expect(of(events, 'thinking').map((r) => r.text)).toEqual(['Thinking about it']);
    expect(of(events, 'interrupt').map((i) => [i.actor, i.t, i.reason])).toEqual([['candidate', 4000, 'interrupted']]);
    const approvals = of(events, 'approval');
    expect(approvals.map((a) => [a.actor, a.tool, a.granted, a.reason, a.t])).toEqual([
      ['candidate', 'shell', false, 'rm -rf build', 6000],
      ['candidate', 'shell', true, undefined, 8000],
    ]);
    // the denied command never ran
    expect(of(events, 'command').map((c) => [c.cmd, c.exitCode, c.durationMs])).toEqual([['npm install', 0, 3000]]);
  });

  it('keeps a resumed rollout (two session_meta records) as one session and says so', async () => {
    const lines = [meta(0), rec(6, 'session_meta', { id: 'older', timestamp: at(-3600), cli_version: '0.36.0' }), msg(6, 'user', 'continue')];
    const { report, sessions } = await importText('rollout-d.jsonl', lines.join('\n'));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.info.meta.id).toBe('codex-sess-1');
    expect(report.problems.some((p) => /resumed \(2 session_meta records\)/.test(p.reason))).toBe(true);
  });

  it('reads the older flat form and the simonw-style assistant content with a reasoning item', async () => {
    const lines = [
      JSON.stringify({ id: 'old-1', timestamp: at(0), instructions: 'be brief', git: { branch: 'main' } }),
      JSON.stringify({ record_type: 'state' }),
      JSON.stringify({ type: 'message', role: 'user', content: [{ type: 'input_text', text: '<user_instructions>\nx\n</user_instructions>' }] }),
      JSON.stringify({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'List files' }] }),
      JSON.stringify({ type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['ls'] }), call_id: 'f1' }),
      JSON.stringify({ type: 'function_call_output', call_id: 'f1', output: { content: 'a\nb', success: true } }),
      JSON.stringify({ type: 'message', role: 'assistant', content: [{ type: 'reasoning', text: 'short' }, { type: 'text', text: 'Two files.' }] }),
    ];
    const { report, events, sessions } = await importText('rollout-e.jsonl', lines.join('\n'));
    expect(report.status).toBe('imported');
    expect(of(events, 'prompt').map((p) => p.text)).toEqual(['List files']);
    expect(of(events, 'command').map((c) => [c.cmd, c.stdout])).toEqual([['ls', 'a\nb']]);
    expect(of(events, 'thinking').map((c) => c.text)).toEqual(['short']);
    expect(of(events, 'response').map((c) => c.text)).toEqual(['Two files.']);
    // untimed records are spaced 1 s apart, in order
    const ts = events.map((e) => e.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(of(events, 'prompt')[0]!.t).toBe(2000);
    expect(sessions[0]!.info.meta.startedAt).toBe(at(0));
    expect(report.problems.some((p) => /no timestamp/.test(p.reason))).toBe(true);
  });

  it('stores a very long command output as a blob instead of inline', async () => {
    const long = 'x'.repeat(70_000);
    const lines = [meta(0), call(1, 'c1', 'shell', { command: ['bash', '-lc', 'cat big'] }), out(2, 'c1', jsonOut(long, 0, 1))];
    const { sessions, events } = await importText('rollout-g.jsonl', lines.join('\n'), 4096);
    const [cmd] = of(events, 'command');
    expect(cmd!.stdout).toEqual({ blob: 'blobs/codex-2-stdout.txt', mime: 'text/plain', size: 70_000 });
    expect(new TextDecoder().decode(sessions[0]!.blobs.get('blobs/codex-2-stdout.txt')!.data)).toBe(long);
  });

  it('reports malformed lines with their line numbers and imports the rest', async () => {
    const lines = [meta(0), '{"timestamp": broken', msg(1, 'user', 'hello'), '[1,2]', msg(2, 'assistant', 'hi')];
    const { report, events } = await importText('rollout-f.jsonl', lines.join('\r\n'));
    expect(report.status).toBe('imported');
    expect(report.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.severity])).toEqual([
      [2, 'warning'],
      [4, 'warning'],
    ]);
    expect(report.problems[0]!.reason).toMatch(/not valid JSON/);
    expect(events.map((e) => e.kind)).toEqual(['prompt', 'response']);
  });

  it('fails clearly on an empty file and on a rollout with nothing usable, leaving nothing staged', async () => {
    const empty = await importText('rollout-empty.jsonl', '');
    expect(empty.report.status).toBe('failed');
    expect(empty.report.message).toMatch(/empty/);
    expect(empty.sink.staged).toBe(0);
    expect(empty.sink.sessions.size).toBe(0);

    // Looks like a rollout (the head is a cut-off session_meta) but no line parses.
    const junk = await importText('rollout-junk.jsonl', '{"timestamp":"2025-01-01T00:00:00Z","type":"session_meta","payload":{"id":\nnot json\n');
    expect(junk.report.format).toBe('codex');
    expect(junk.report.status).toBe('failed');
    expect(junk.report.message).toMatch(/nothing usable — all 2 non-empty lines failed to parse/);
    expect(junk.sink.staged).toBe(0);
    expect(junk.sink.sessions.size).toBe(0);
  });

  it('detects rollouts by content and nothing else', () => {
    const sniff = (text: string | Uint8Array) => makeSniff('x.jsonl', typeof text === 'string' ? enc.encode(text) : text);
    expect(codexImporter.detect(sniff(`${meta(0)}\n`))).toBe(1);
    expect(codexImporter.detect(sniff(`${msg(1, 'user', 'x')}\n`))).toBeGreaterThan(0);
    expect(codexImporter.detect(sniff('{"id":"x","timestamp":"2025-05-01T00:00:00Z","instructions":null}\n'))).toBeGreaterThan(0);
    const others = [
      '{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "x"]\n',
      '{"version":3,"term":{"cols":80,"rows":24}}\n',
      '\n# aider chat started at 2025-01-01 10:00:00\n\n#### hi\n',
      '{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"hi"},"uuid":"u","sessionId":"s","timestamp":"2025-01-01T00:00:00Z"}\n',
      '[{"session_id":"s","hook_event_name":"PreToolUse","tool_name":"Bash"}]',
      '# Notes\n\nplain markdown\n',
    ];
    for (const o of others) expect(codexImporter.detect(sniff(o))).toBe(0);
    const junk = new Uint8Array(512).map((_, i) => (i * 37) % 256);
    expect(codexImporter.detect(sniff(junk))).toBe(0);
    // and the other importers leave rollouts alone
    expect(asciinemaImporter.detect(sniff(`${meta(0)}\n`))).toBe(0);
    expect(aiderImporter.detect(sniff(`${meta(0)}\n`))).toBe(0);
  });

  it('has helpers for argv, outputs and harness text', () => {
    expect(shellCommandText(['bash', '-lc', 'echo "a b"'])).toBe('echo "a b"');
    expect(shellCommandText(['/bin/zsh', '-c', 'ls'])).toBe('ls');
    expect(shellCommandText(['rg', '--files', 'a b'])).toBe("rg --files 'a b'");
    expect(shellCommandText('git diff')).toBe('git diff');
    expect(parseToolOutput(jsonOut('ok', 0, 1.5))).toEqual({ text: 'ok', exitCode: 0, durationMs: 1500, success: undefined });
    expect(parseToolOutput('plain text')).toEqual({ text: 'plain text', success: undefined });
    expect(parseToolOutput([{ type: 'input_text', text: 'a' }, { type: 'input_text', text: 'b' }]).text).toBe('a\nb');
    expect(isHarnessText('<environment_context>\n<cwd>/x</cwd>\n</environment_context>')).toBe(true);
    expect(isHarnessText('# AGENTS.md instructions for /x\n...')).toBe(true);
    expect(isHarnessText('<b>bold</b> is what I want here')).toBe(false);
    expect(isHarnessText('Please fix <div> nesting')).toBe(false);
  });
});

/**
 * Expected numbers for the real rollouts, established by reading the files with jq/python
 * (not with this importer). The commands used are next to each number.
 */
const REAL_CODEX: Record<string, { prompts: number; responses: number; thinking: number; commands: number; diffs: number; toolCalls: number; interrupts: number; approvals: number; nonZeroExits: number }> = {
  'codex/cpolar-connect-rollout-0.36.jsonl': {
    // jq 'select(.type=="response_item" and .payload.role=="user")' → 15 user messages, 2 of them
    // start with <environment_context>; the 13 event_msg user_message texts all equal one of
    // the other 13 (python set comparison), so none adds a prompt.
    prompts: 13,
    // 19 response_item assistant messages + 1 event_msg agent_message (line 355, an interrupted
    // turn) whose text matches no response_item (python set comparison).
    responses: 20,
    // 38 reasoning items, 25 with non-empty summary text (python); plus 10 event_msg
    // agent_reasoning texts found in no reasoning summary (lines 350-354, 446-450).
    thinking: 35,
    // 54 function_call name=="shell"; 18 of them run `apply_patch <<'PATCH' … *** Begin Patch`.
    commands: 36,
    // the 18 patches hold 18 "*** (Add|Update|Delete) File:" lines; every output has exit_code 0.
    diffs: 18,
    // function_call name=="update_plan"
    toolCalls: 4,
    // event_msg turn_aborted with reason "interrupted"
    interrupts: 2,
    // no function_call_output says "rejected by user"
    approvals: 0,
    // non-apply_patch shell outputs: metadata.exit_code != 0, or "exit code: N" in the 3 plain
    // sandbox-failure texts → 3 non-zero (python).
    nonZeroExits: 3,
  },
  'codex/simonw-sample_codex_session.jsonl': {
    // 3 lines (cat): session_meta, one user message, one assistant message whose content has
    // a "reasoning" item and a "text" item.
    prompts: 1,
    responses: 1,
    thinking: 1,
    commands: 0,
    diffs: 0,
    toolCalls: 0,
    interrupts: 0,
    approvals: 0,
    nonZeroExits: 0,
  },
};

describe.skipIf(!realSessionsAvailable)('Codex importer: real rollouts', () => {
  const files = allRealFiles().filter((f) => relative(REAL_SESSIONS_DIR, f).startsWith('codex'));

  it('has an expectation for every real rollout', () => {
    expect(files.map((f) => relative(REAL_SESSIONS_DIR, f).split('\\').join('/')).sort()).toEqual(Object.keys(REAL_CODEX).sort());
  });

  it.each(Object.keys(REAL_CODEX))('imports real rollout #%#', async (rel) => {
    const bytes = new Uint8Array(readFileSync(realPath(rel)));
    const sink = new MemorySink();
    const report = await importSource(bytesSource(rel.split('/').pop()!, bytes, 64 * 1024), sink, { now: () => 0 });
    expect(report.status).toBe('imported');
    expect(report.format).toBe('codex');
    expect(sink.staged).toBe(0);
    // Bad lines are reported one by one: as many as lines that do not parse as JSON here.
    const text = new TextDecoder().decode(bytes);
    const unparsable = text.split('\n').filter((l) => {
      if (!l.trim()) return false;
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    }).length;
    expect(report.problems.filter((p) => /not valid JSON/.test(p.reason))).toHaveLength(unparsable);
    expect(report.sessions).toHaveLength(1);
    const stored = [...sink.sessions.values()][0]!;
    const events = stored.events;
    const want = REAL_CODEX[rel]!;
    expect({
      prompts: of(events, 'prompt').length,
      responses: of(events, 'response').length,
      thinking: of(events, 'thinking').length,
      commands: of(events, 'command').length,
      diffs: of(events, 'diff').length,
      toolCalls: of(events, 'tool_call').length,
      interrupts: of(events, 'interrupt').length,
      approvals: of(events, 'approval').length,
      nonZeroExits: of(events, 'command').filter((c) => c.exitCode !== 0).length,
    }).toEqual(want);
    // Candidate-credited events are only prompts, approvals and interrupts.
    expect(new Set(events.filter((e) => e.actor === 'candidate').map((e) => e.kind))).toEqual(
      new Set(['prompt', ...(want.interrupts ? ['interrupt'] : []), ...(want.approvals ? ['approval'] : [])]),
    );
    expect(stored.info.meta.source.format).toBe('codex');
    expect(stored.info.meta.agent?.name).toBe('Codex CLI');
  });
});
