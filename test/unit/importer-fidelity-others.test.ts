/**
 * Fidelity fixes outside Claude Code (issue 15, items 8, 9, 12): Codex view_image output,
 * aider's /undo messages over its versions, and the reader `baton inspect` names.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/baton';
import { Transcript, importText, of, text } from './helpers/claude-fixture';

const T0 = Date.parse('2025-10-01T09:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const rec = (s: number, type: string, payload: Record<string, unknown>) => JSON.stringify({ timestamp: at(s), type, payload });
const PNG = `data:image/png;base64,${btoa('\x89PNG fake')}`;

describe('Codex: view_image output is not a prompt', () => {
  it('the image the harness hands back after view_image (with or without its <image> wrapper) is the tool\'s output', async () => {
    const rollout = [
      rec(0, 'session_meta', { id: 's', timestamp: at(0), cwd: '/w', originator: 'codex_cli_rs', cli_version: '0.105.0' }),
      rec(1, 'response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'does the logo render?' }] }),
      rec(1.01, 'event_msg', { type: 'user_message', message: 'does the logo render?', images: [] }),
      rec(2, 'response_item', { type: 'function_call', name: 'view_image', arguments: JSON.stringify({ path: '/w/logo.png' }), call_id: 'c1' }),
      rec(2.1, 'response_item', { type: 'function_call_output', call_id: 'c1', output: 'attached local image path' }),
      rec(2.2, 'response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<image name=[Image #1]>' }, { type: 'input_image', image_url: PNG }, { type: 'input_text', text: '</image>' }] }),
      rec(2.3, 'response_item', { type: 'function_call', name: 'view_image', arguments: JSON.stringify({ path: '/w/icon.png' }), call_id: 'c2' }),
      rec(2.4, 'response_item', { type: 'function_call_output', call_id: 'c2', output: 'attached local image path' }),
      rec(2.5, 'response_item', { type: 'message', role: 'user', content: [{ type: 'input_image', image_url: PNG }] }),
      rec(3, 'response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It renders.' }] }),
      rec(3.01, 'event_msg', { type: 'agent_message', message: 'It renders.' }),
      rec(9, 'response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'and this one?' }, { type: 'input_image', image_url: PNG }] }),
    ].join('\n');
    const { events, report } = await importText('rollout.jsonl', rollout);
    expect(report.format).toBe('codex');
    const prompts = of(events, 'prompt');
    expect(prompts.map((p) => [p.actor, p.text, p.images?.length ?? 0])).toEqual([
      ['candidate', 'does the logo render?', 0],
      ['candidate', 'and this one?', 1],
    ]);
    expect(of(events, 'response').map((r) => r.text)).toEqual(['It renders.']);
  });
});

describe('Codex: an answer written twice is one response', () => {
  it('an agent_message whose response_item comes after a message the candidate sent mid-turn is not doubled', async () => {
    const rollout = [
      rec(0, 'session_meta', { id: 's', timestamp: at(0), cwd: '/w', originator: 'codex_cli_rs', cli_version: '0.105.0' }),
      rec(1, 'response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix the flaky test' }] }),
      rec(1.01, 'event_msg', { type: 'user_message', message: 'fix the flaky test', images: [] }),
      // The UI shows the answer before the response_item carrying it is written…
      rec(4, 'event_msg', { type: 'agent_message', message: 'Looking at the retry loop first.' }),
      // …and the candidate sends a message while the agent works.
      rec(5, 'response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'it only fails on CI' }] }),
      rec(5.01, 'event_msg', { type: 'user_message', message: 'it only fails on CI', images: [] }),
      rec(5.5, 'response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Looking at the retry loop first.' }] }),
      rec(8, 'event_msg', { type: 'agent_message', message: 'CI is slower: the timeout was too short.' }),
      rec(8.1, 'response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'CI is slower: the timeout was too short.' }] }),
    ].join('\n');
    const { events } = await importText('rollout2.jsonl', rollout);
    expect(of(events, 'prompt').map((p) => p.text)).toEqual(['fix the flaky test', 'it only fails on CI']);
    expect(of(events, 'response').map((r) => r.text)).toEqual(['Looking at the retry loop first.', 'CI is slower: the timeout was too short.']);
  });
});

describe('aider: /undo over its versions', () => {
  const history = (undoLine: string) =>
    [
      '# aider chat started at 2024-05-02 10:00:00',
      '',
      '#### Add a greeting  ',
      '',
      'hello.py',
      '```',
      '<<<<<<< SEARCH',
      '=======',
      'print("hi")',
      '>>>>>>> REPLACE',
      '```',
      '',
      '> Applied edit to hello.py  ',
      '> Commit abc1234 feat: greet  ',
      '',
      '#### /undo  ',
      '',
      `> ${undoLine}  `,
      '',
    ].join('\n');

  it.each([
    ['Removed: abc1234 feat: greet', 'feat: greet'],
    ["Commit `abc1234` with message 'feat: greet' was reset and removed from git.", 'feat: greet'],
    ['Commit `abc1234` was reset and removed from git.', undefined],
    ['The above commit abc1234 was reset and removed from git.', undefined],
  ])('"%s" is the candidate resetting the commit', async (line, message) => {
    const { events } = await importText('.aider.chat.history.md', history(line));
    const git = of(events, 'git_action');
    expect(git.map((g) => [g.actor, g.action, g.sha, g.message])).toEqual([
      ['agent', 'commit', 'abc1234', 'feat: greet'],
      ['candidate', 'reset', 'abc1234', message],
    ]);
  });
});

describe('baton inspect names the reader that read the file', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'baton-inspect-label-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('a plain .jsonl transcript is a "Claude Code transcript (.jsonl)", not a project folder', async () => {
    const file = join(tmp, 'session.jsonl');
    await writeFile(file, new Transcript().user(0, 'hello').asst(1, 'm1', [text('hi')]).text);
    let stdout = '';
    const code = await run(['inspect', file], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined } });
    expect(code).toBe(0);
    expect(stdout).toContain('claude-code — Claude Code transcript (.jsonl)');
    expect(stdout).not.toContain('project folder');
  });
});
