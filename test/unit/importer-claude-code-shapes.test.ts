/**
 * Shapes of current Claude Code transcripts (2.1.x) that Baton must import faithfully, each as
 * a fixture made by code from the records as they appear in real files.
 */
import { describe, expect, it } from 'vitest';
import { makeSniff } from '../../shared/import/registry';
import { claudeCodeImporter } from '../../shared/importers/claude-code';
import { candidatePrompts, importText, of, text, toolUse, Transcript } from './helpers/claude-fixture';

const enc = new TextEncoder();

describe('Claude Code shapes: detection of current releases', () => {
  it('a transcript whose first record is permission-mode (2.1.9x and later) imports', async () => {
    const tr = new Transcript('2.1.98')
      .push({ type: 'permission-mode', permissionMode: 'default', sessionId: 'sess-1' })
      .user(0, 'Add input validation to the signup form')
      .asst(2, 'msg_1', [text('I will add it.')]);
    expect(claudeCodeImporter.detect(makeSniff('s.jsonl', enc.encode(tr.text)))).toBeGreaterThan(0.5);
    const { report, events } = await importText('s.jsonl', tr.text);
    expect(report.status, report.message).toBe('imported');
    expect(report.format).toBe('claude-code');
    expect(candidatePrompts(events).map((p) => p.text)).toEqual(['Add input validation to the signup form']);
    expect(report.problems.some((p) => /permission-mode/.test(p.reason))).toBe(true);
  });

  it('detection does not hinge on the first record: other new record types lead too', async () => {
    const tr = new Transcript('2.1.136')
      .push({ type: 'ai-title', aiTitle: 'Signup validation', sessionId: 'sess-1' })
      .push({ type: 'last-prompt', lastPrompt: 'x', sessionId: 'sess-1' })
      .user(0, 'go')
      .asst(1, 'msg_1', [text('ok')]);
    const { report, meta } = await importText('t.jsonl', tr.text);
    expect(report.status, report.message).toBe('imported');
    expect(report.format).toBe('claude-code');
    expect(meta?.title).toBe('Signup validation');
  });

  it('the name the person gave the session (/rename, custom-title) is its title, over the generated one', async () => {
    const tr = new Transcript('2.1.136')
      .push({ type: 'ai-title', aiTitle: 'Signup validation', sessionId: 'sess-1' })
      .user(0, 'go')
      .asst(1, 'msg_1', [text('ok')])
      .push({ type: 'custom-title', customTitle: 'signup-hardening', sessionId: 'sess-1' })
      .push({ type: 'agent-name', agentName: 'signup-hardening', sessionId: 'sess-1' });
    const { meta } = await importText('n.jsonl', tr.text);
    expect(meta?.title).toBe('signup-hardening');
  });
});

describe('Claude Code shapes: subagent work inside progress records', () => {
  it('agent_progress messages land on the subagent lane as tool calls, commands and diffs', async () => {
    const tr = new Transcript()
      .user(0, 'Find why the cache test is flaky')
      .asst(1, 'msg_1', [toolUse('task1', 'Task', { description: 'Investigate cache test', prompt: 'look at cache_test.go', subagent_type: 'Explore' })])
      .agentProgress(2, 'task1', 'a1b2c3d', { type: 'user', message: { role: 'user', content: [text('look at cache_test.go')] } })
      .agentProgress(3, 'task1', 'a1b2c3d', { type: 'assistant', message: { id: 'msg_s1', model: 'claude-haiku-4-5', role: 'assistant', content: [toolUse('s_b1', 'Bash', { command: 'go test ./cache' })] } })
      .agentProgress(5, 'task1', 'a1b2c3d', { type: 'user', message: { role: 'user', content: [{ tool_use_id: 's_b1', type: 'tool_result', content: 'FAIL cache', is_error: true }] } })
      .agentProgress(6, 'task1', 'a1b2c3d', { type: 'assistant', message: { id: 'msg_s2', model: 'claude-haiku-4-5', role: 'assistant', content: [toolUse('s_e1', 'Edit', { file_path: '/w/cache.go', old_string: 'ttl := 0', new_string: 'ttl := 5' })] } })
      .agentProgress(7, 'task1', 'a1b2c3d', { type: 'user', message: { role: 'user', content: [{ tool_use_id: 's_e1', type: 'tool_result', content: 'The file /w/cache.go has been updated.' }] } })
      .agentProgress(8, 'task1', 'a1b2c3d', { type: 'assistant', message: { id: 'msg_s3', model: 'claude-haiku-4-5', role: 'assistant', content: [text('The TTL was zero.')] } })
      .result(9, 'task1', [text('The TTL was zero.')], { status: 'completed', prompt: 'look at cache_test.go', agentId: 'a1b2c3d', content: [text('The TTL was zero.')] })
      .asst(10, 'msg_2', [text('Fixed: the TTL was zero.')]);
    const { events, meta } = await importText('p.jsonl', tr.text);
    expect(meta?.lanes).toEqual([{ id: 'a1b2c3d', label: 'Investigate cache test' }]);
    const lane = events.filter((e) => e.lane === 'a1b2c3d');
    expect(of(lane, 'command')).toEqual([expect.objectContaining({ cmd: 'go test ./cache', exitCode: 1, actor: 'agent', t: 3000, durationMs: 2000 })]);
    expect(of(lane, 'diff')).toEqual([expect.objectContaining({ path: '/w/cache.go', actor: 'agent', t: 6000 })]);
    expect(of(lane, 'response').map((r) => r.text)).toEqual(['The TTL was zero.']);
    // The briefing is the main agent's, not the candidate's.
    expect(of(lane, 'prompt')).toEqual([expect.objectContaining({ actor: 'agent', text: 'look at cache_test.go' })]);
    expect(candidatePrompts(events).map((p) => p.text)).toEqual(['Find why the cache test is flaky']);
  });
});

describe('Claude Code shapes: messages typed while the agent works', () => {
  it('enqueue then remove (delivered mid-turn) is a candidate prompt, placed when typed', async () => {
    const tr = new Transcript()
      .user(0, 'Run the migrations')
      .asst(1, 'msg_1', [toolUse('b1', 'Bash', { command: 'make migrate' })])
      .queue(4, 'enqueue', 'and do not touch the prod database')
      .result(6, 'b1', 'ok', { stdout: 'ok', stderr: '', interrupted: false, isImage: false })
      .queue(6.01, 'remove')
      .asst(8, 'msg_2', [text('Done; to answer your question, prod was not touched.')]);
    const { events } = await importText('q.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => [p.text, p.t])).toEqual([
      ['Run the migrations', 0],
      ['and do not touch the prod database', 4000],
    ]);
  });

  it.each([
    ['attachment, then remove', (tr: Transcript) => tr.queue(4, 'enqueue', 'use the staging db').queuedCommand(6, 'use the staging db').queue(6.01, 'remove')],
    ['remove, then attachment', (tr: Transcript) => tr.queue(4, 'enqueue', 'use the staging db').queue(6, 'remove').queuedCommand(6.01, 'use the staging db')],
  ])('a queued message folded in as a queued_command attachment is one prompt (%s)', async (_order, add) => {
    const tr = new Transcript().user(0, 'migrate').asst(1, 'msg_1', [toolUse('b1', 'Bash', { command: 'make migrate' })]);
    add(tr);
    tr.queuedCommand(7, '<task-notification>\n<task-id>x</task-id>\n<status>completed</status>\n</task-notification>', 'task-notification')
      .result(8, 'b1', 'ok', { stdout: 'ok', stderr: '', interrupted: false })
      .queue(20, 'enqueue', 'second thought')
      .queue(22, 'remove')
      .asst(23, 'msg_2', [text('Done, on staging.')]);
    const { events } = await importText('qa.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => [p.text, p.t])).toEqual([
      ['migrate', 0],
      ['use the staging db', 4000],
      ['second thought', 20000],
    ]);
  });

  it('a queued_command attachment with no queue records is still the candidate\'s prompt', async () => {
    const tr = new Transcript().user(0, 'migrate').queuedCommand(5, 'and back up first').asst(6, 'msg_1', [text('Backing up.')]);
    const { events } = await importText('qb.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => [p.text, p.t])).toEqual([
      ['migrate', 0],
      ['and back up first', 5000],
    ]);
  });

  it('queued task notifications are the harness\'s: never prompts, and dequeued before typed messages', async () => {
    const note = (id: string) => `<task-notification>\n<task-id>${id}</task-id>\n<status>completed</status>\n<summary>Agent "scan" completed</summary>\n</task-notification>\nFull transcript available at: /tmp/tasks/${id}.output`;
    const tr = new Transcript()
      .user(0, 'scan the repo with three agents')
      .asst(1, 'msg_1', [text('Started them.')])
      .queue(10, 'enqueue', 'are they done yet?')
      .queue(20, 'enqueue', note('a1'))
      .queue(20.01, 'dequeue')
      .user(20.02, note('a1'))
      .asst(21, 'msg_2', [text('Agent a1 finished.')])
      .queue(30, 'enqueue', note('a2'))
      .queue(30.5, 'remove')
      .asst(31, 'msg_3', [text('a2 finished too.')])
      .queue(40, 'dequeue')
      .user(40.01, 'are they done yet?')
      .asst(41, 'msg_4', [text('Yes.')]);
    const { events } = await importText('qn.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => [p.text, p.t])).toEqual([
      ['scan the repo with three agents', 0],
      ['are they done yet?', 40010],
    ]);
  });

  it('enqueue then dequeue is the next prompt once (its user record); popAll pulls it back', async () => {
    const tr = new Transcript()
      .user(0, 'Start the refactor')
      .queue(3, 'enqueue', 'also rename the module')
      .asst(5, 'msg_1', [text('Started.')])
      .queue(5.5, 'dequeue')
      .user(5.51, 'also rename the module')
      .asst(7, 'msg_2', [text('Renamed.')])
      .queue(8, 'enqueue', 'typo herre')
      .queue(9, 'popAll', 'typo herre')
      .user(12, 'typo here, fixed')
      .asst(13, 'msg_3', [text('ok')]);
    const { events } = await importText('q2.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => p.text)).toEqual(['Start the refactor', 'also rename the module', 'typo here, fixed']);
  });
});

describe('Claude Code shapes: hostile queues stay bounded', () => {
  it('a file that enqueues thousands of messages keeps the last 1,000 and reports the rest', async () => {
    const tr = new Transcript().user(0, 'start');
    for (let i = 0; i < 3000; i++) tr.queue(1 + i / 1000, 'enqueue', `message ${i}`);
    for (let i = 0; i < 3000; i++) tr.queue(5 + i / 1000, 'remove');
    tr.asst(10, 'msg_1', [text('ok')]);
    const { events, report } = await importText('flood.jsonl', tr.text, 64 * 1024);
    const prompts = candidatePrompts(events);
    expect(prompts).toHaveLength(1 + 1000);
    expect(prompts[1]!.text).toBe('message 2000');
    expect(report.problems.some((p) => /2000 queued messages beyond 1000 waiting at once/.test(p.reason))).toBe(true);
  });
});

describe('Claude Code shapes: harness text is never the candidate\'s prompt', () => {
  it('task notifications, IDE context and reminders are dropped; typed text beside them is kept', async () => {
    const tr = new Transcript()
      .user(0, [text('<ide_opened_file>The user opened the file /w/a.ts in the IDE. This may or may not be related to the current task.</ide_opened_file>'), text('why does this fail?')])
      .asst(1, 'msg_1', [text('Because.')])
      .user(2, '<task-notification>\n<task-id>b12</task-id>\n<status>completed</status>\n<summary>Background command "npm test" completed</summary>\n</task-notification>\nFull transcript available at: /tmp/claude/tasks/b12.output')
      .user(2.5, 'Operation stopped by hook: Another session is active in this worktree')
      .user(2.7, '<task-notification>\n<task-id>c1</task-id>\n<output-file>/tmp/tasks/c1.output</output-file>\n<status>completed</status>\n</task-notification>\nRead the output file to retrieve the result: /tmp/tasks/c1.output\n<task-notification>\n<task-id>c2</task-id>\n<status>failed</status>\n</task-notification>\nRead the output file to retrieve the result: /tmp/tasks/c2.output')
      .user(3, [text('<ide_selection>The user selected the lines 3 to 9 from /w/a.ts:\nconst x = 1;\n</ide_selection>')])
      .user(4, '<ide_diagnostics>[{"file":"/w/a.ts","message":"unused"}]</ide_diagnostics>')
      .user(5, [text('<system-reminder>\nThe TodoWrite tool hasn\'t been used recently.\n</system-reminder>'), text('<ide_selection>x</ide_selection>\nexplain this selection')])
      .asst(6, 'msg_2', [text('It sets x.')]);
    const { events } = await importText('h.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => p.text)).toEqual(['why does this fail?', 'explain this selection']);
  });

  it('a user message whose origin is not human (2.1.2xx) is not the candidate\'s', async () => {
    const tr = new Transcript('2.1.210')
      .user(0, 'tidy the imports', { origin: { kind: 'human' }, promptId: 'p1' })
      .asst(1, 'msg_1', [text('Tidied.')])
      .user(2, 'Continue from where you left off.', { origin: { kind: 'coordinator' }, promptId: 'p2' })
      .asst(3, 'msg_2', [text('Continuing.')]);
    const { events } = await importText('origin.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => p.text)).toEqual(['tidy the imports']);
  });

  it('a bash-mode line is the candidate\'s own command, with its output', async () => {
    const tr = new Transcript()
      .user(0, '<bash-input>git status --short</bash-input>')
      .user(0.4, '<bash-stdout> M src/a.ts</bash-stdout><bash-stderr></bash-stderr>')
      .user(1, '<bash-input>ls /nope</bash-input>')
      .user(1.2, '<bash-stdout></bash-stdout><bash-stderr>ls: /nope: No such file or directory</bash-stderr>')
      .user(2, 'commit that')
      .asst(3, 'msg_1', [text('Committed.')]);
    const { events } = await importText('b.jsonl', tr.text);
    expect(of(events, 'command').map((c) => [c.actor, c.cmd, c.stdout, c.stderr ?? '', c.t, c.durationMs, c.exitCode])).toEqual([
      ['candidate', 'git status --short', ' M src/a.ts', '', 0, 400, undefined],
      ['candidate', 'ls /nope', '', 'ls: /nope: No such file or directory', 1000, 200, undefined],
    ]);
    expect(candidatePrompts(events).map((p) => p.text)).toEqual(['commit that']);
  });
});

describe('Claude Code shapes: replayed history and early results', () => {
  it('history re-written with new uuids (same message ids) is imported once', async () => {
    const tr = new Transcript()
      .user(0, 'Add a health endpoint')
      .asst(2, 'msg_1', [{ type: 'thinking', thinking: 'Look at the router.', signature: 'sig1' }])
      .asst(2.5, 'msg_1', [text('Adding it.')])
      .asst(3, 'msg_1', [toolUse('w1', 'Write', { file_path: '/w/health.go', content: 'package w\n' })])
      .result(4, 'w1', 'File created successfully at: /w/health.go', { type: 'create', filePath: '/w/health.go', content: 'package w\n', structuredPatch: [] })
      .asst(5, 'msg_2', [text('Done.')])
      .user(60, 'now add a test');
    // The resumed session writes the history again, new uuids, all stamped within one burst.
    tr.user(61, 'Add a health endpoint')
      .asst(61.01, 'msg_1', [{ type: 'thinking', thinking: 'Look at the router.', signature: 'sig1' }])
      .asst(61.02, 'msg_1', [text('Adding it.')])
      .asst(61.03, 'msg_1', [toolUse('w1', 'Write', { file_path: '/w/health.go', content: 'package w\n' })])
      .result(61.04, 'w1', 'File created successfully at: /w/health.go', { type: 'create', filePath: '/w/health.go', content: 'package w\n', structuredPatch: [] })
      .asst(61.05, 'msg_2', [text('Done.')])
      .asst(70, 'msg_3', [text('Adding the test.')]);
    const { events, report } = await importText('r.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => p.text)).toEqual(['Add a health endpoint', 'now add a test']);
    expect(of(events, 'response').map((r) => r.text)).toEqual(['Adding it.', 'Done.', 'Adding the test.']);
    expect(of(events, 'diff')).toHaveLength(1);
    expect(report.problems.filter((p) => /duplicate event id/.test(p.reason))).toEqual([]);
  });

  it('the same words typed again later are a new prompt, not a replay', async () => {
    const tr = new Transcript().user(0, 'run the tests').asst(1, 'msg_1', [text('Pass.')]).user(30, 'run the tests').asst(31, 'msg_2', [text('Pass again.')]);
    const { events } = await importText('again.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => p.t)).toEqual([0, 30000]);
  });

  it('a tool result written before its tool_use record still completes the call', async () => {
    const tr = new Transcript()
      .user(0, 'fix the typo')
      .result(2.5, 'e1', 'The file /w/a.md has been updated.', { filePath: '/w/a.md', oldString: 'teh', newString: 'the', originalFile: 'teh end\n', structuredPatch: [] })
      .asst(2, 'msg_1', [toolUse('e1', 'Edit', { file_path: '/w/a.md', old_string: 'teh', new_string: 'the' })])
      .result(3.5, 'r1', 'line', { type: 'text', file: { filePath: '/w/a.md', content: 'the end', numLines: 1 } })
      .asst(3, 'msg_2', [toolUse('r1', 'Read', { file_path: '/w/a.md' })]);
    const { events } = await importText('o.jsonl', tr.text);
    expect(of(events, 'diff')).toEqual([expect.objectContaining({ path: '/w/a.md', before: 'teh end\n', after: 'the end\n' })]);
    expect(of(events, 'tool_call')).toEqual([expect.objectContaining({ name: 'Read', status: 'ok', output: 'line' })]);
  });
});

describe('Claude Code shapes: tools used through an editor\'s agent proxy (Zed)', () => {
  it('mcp__acp__Bash, mcp__acp__Edit and mcp__acp__Write become commands and diffs', async () => {
    const tr = new Transcript()
      .user(0, 'build it')
      .asst(1, 'msg_1', [toolUse('z1', 'mcp__acp__Bash', { command: 'cargo build' })])
      .result(3, 'z1', [text('Exited with code 101.Final output:\n\nerror[E0308]: mismatched types')], undefined)
      .asst(4, 'msg_2', [toolUse('z2', 'mcp__acp__Edit', { abs_path: '/w/src/main.rs', old_string: 'let x: u8 = "1";', new_string: 'let x: u8 = 1;' })])
      .result(5, 'z2', [text('Index: /w/src/main.rs\n')], undefined)
      .asst(6, 'msg_3', [toolUse('z3', 'mcp__acp__Write', { abs_path: '/w/NOTES.md', content: '# notes\n' })])
      .result(7, 'z3', [], undefined);
    const { events } = await importText('z.jsonl', tr.text);
    expect(of(events, 'command')).toEqual([expect.objectContaining({ cmd: 'cargo build', exitCode: 101, stdout: 'error[E0308]: mismatched types', actor: 'agent' })]);
    expect(of(events, 'diff').map((d) => d.path)).toEqual(['/w/src/main.rs', '/w/NOTES.md']);
    expect(of(events, 'tool_call')).toEqual([]);
  });
});

describe('Claude Code shapes: slash commands, rejections and timestamps', () => {
  it('slash-command arguments are kept whole; system/local_command follows the same rule as a user record', async () => {
    const args = `review this: ${'a long argument '.repeat(164)}`.trim();
    expect(args.length).toBeGreaterThan(2600);
    const tr = new Transcript()
      .user(0, `<command-message>review is running…</command-message>\n<command-name>/review</command-name>\n<command-args>${args}</command-args>`)
      .asst(1, 'msg_1', [text('Reviewing.')])
      .system(2, { subtype: 'local_command', content: '<command-name>/model</command-name>\n            <command-message>model</command-message>\n            <command-args></command-args>', level: 'info', isMeta: false })
      .system(2.1, { subtype: 'local_command', content: '<local-command-stdout>Kept model as Default</local-command-stdout>', level: 'info', isMeta: false })
      .user(3, '<command-name>/model</command-name>\n<command-message>model</command-message>\n<command-args></command-args>');
    const { events } = await importText('c.jsonl', tr.text);
    expect(candidatePrompts(events).map((p) => p.text)).toEqual([`/review ${args}`]);
    expect(of(events, 'marker').map((m) => [m.actor, m.label])).toEqual([
      ['candidate', 'ran /model'],
      ['candidate', 'ran /model'],
    ]);
  });

  it('ExitPlanMode approvals and rejections, and tool rejections, carry the typed reason', async () => {
    const said = "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). To tell you how to proceed, the user said:\n";
    const tr = new Transcript()
      .user(0, 'plan the migration')
      .asst(1, 'msg_1', [toolUse('p1', 'ExitPlanMode', { plan: '1. add column' })])
      .result(2, 'p1', `${said}split it into two migrations`, `Error: ${said}split it into two migrations`, true)
      .asst(3, 'msg_2', [toolUse('p2', 'ExitPlanMode', { plan: '1. add column 2. backfill' })])
      .result(4, 'p2', 'User has approved your plan. You can now start coding.', { plan: '1. add column 2. backfill', isAgent: false })
      .asst(5, 'msg_3', [toolUse('b1', 'Bash', { command: 'rm -rf build' })])
      .result(6, 'b1', `${said}never delete build, use make clean`, `Error: ${said}never delete build, use make clean`, true);
    const { events } = await importText('x.jsonl', tr.text);
    expect(of(events, 'approval').map((a) => [a.actor, a.tool, a.granted, a.reason, a.t])).toEqual([
      ['candidate', 'ExitPlanMode', false, 'split it into two migrations', 2000],
      ['candidate', 'ExitPlanMode', true, undefined, 4000],
      ['candidate', 'Bash', false, 'never delete build, use make clean', 6000],
    ]);
  });

  it("each record's own timestamp places its content (a response is not stamped with its message's first record)", async () => {
    const tr = new Transcript()
      .user(0, 'explain the bug')
      .asst(1, 'msg_1', [{ type: 'thinking', thinking: 'Long thought.', signature: 's' }])
      .asst(23, 'msg_1', [text('The bug is an off-by-one.')]);
    const { events } = await importText('ts.jsonl', tr.text);
    expect(of(events, 'thinking')[0]!.t).toBe(1000);
    expect(of(events, 'response')[0]!.t).toBe(23000);
  });

  it('text written after a tool call of the same message is a response at its own time', async () => {
    const tr = new Transcript()
      .user(0, 'check the build')
      .asst(1, 'msg_1', [text('Building first.')])
      .asst(2, 'msg_1', [toolUse('b1', 'Bash', { command: 'make' })])
      .result(9, 'b1', 'ok', { stdout: 'ok', stderr: '', interrupted: false })
      .asst(12, 'msg_1', [text('It builds.')]);
    const { events } = await importText('split.jsonl', tr.text);
    expect(of(events, 'response').map((r) => [r.text, r.t])).toEqual([
      ['Building first.', 1000],
      ['It builds.', 12000],
    ]);
  });

  it('choosing "clarify" on AskUserQuestion is a refusal without a typed reason', async () => {
    const said = "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). To tell you how to proceed, the user said:\n";
    const clarify = 'The user wants to clarify these questions.\n    This means they may have additional information, context or questions for you.\n    Start by asking them what they would like to clarify.\n\n    Questions asked:\n- "Which store?"';
    const tr = new Transcript()
      .user(0, 'pick a store')
      .asst(1, 'msg_1', [toolUse('q1', 'AskUserQuestion', { questions: [{ question: 'Which store?', options: [{ label: 'Redis' }, { label: 'Postgres' }] }] })])
      .result(2, 'q1', `${said}${clarify}`, `Error: ${said}${clarify}`, true);
    const { events } = await importText('clarify.jsonl', tr.text);
    expect(of(events, 'approval')).toEqual([expect.objectContaining({ actor: 'candidate', tool: 'AskUserQuestion', granted: false })]);
    expect(of(events, 'approval')[0]!.reason).toBeUndefined();
  });

  it('a refusal without typed words has no reason (the harness wording is not the candidate\'s)', async () => {
    const tr = new Transcript()
      .user(0, 'clean up')
      .asst(1, 'msg_1', [toolUse('b1', 'Bash', { command: 'rm -rf dist' })])
      .result(2, 'b1', "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.", 'Error: rejected', true);
    const { events } = await importText('deny.jsonl', tr.text);
    expect(of(events, 'approval')).toEqual([expect.objectContaining({ actor: 'candidate', tool: 'Bash', granted: false })]);
    expect(of(events, 'approval')[0]!.reason).toBeUndefined();
  });
});
