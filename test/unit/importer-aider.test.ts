import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventOf, SessionEvent } from '../../shared/model/schema';
import { bytesSource, MemorySink, type StoredSession } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { makeSniff } from '../../shared/import/registry';
import { AIDER_STEP_MS, aiderImporter } from '../../shared/importers/aider';
import { asciinemaImporter } from '../../shared/importers/asciinema';
import { codexImporter } from '../../shared/importers/codex';
import { allRealFiles, REAL_SESSIONS_DIR, realPath, realSessionsAvailable } from './helpers/real-sessions';

const enc = new TextEncoder();

async function importText(name: string, text: string, chunk = 29) {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, enc.encode(text), chunk), sink, { now: () => 0 });
  const sessions = [...sink.sessions.values()].sort((a, b) => a.info.meta.startedAt.localeCompare(b.info.meta.startedAt));
  return { report, sink, sessions };
}

function of<K extends SessionEvent['kind']>(events: SessionEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

/** aider ends `#` and `>` lines with two spaces (a markdown line break). */
const md = (lines: string[]) => lines.map((l) => (l.startsWith('#') || l.startsWith('>') ? `${l}  ` : l)).join('\n') + '\n';

const HISTORY = md([
  '',
  '# aider chat started at 2025-01-02 10:00:00',
  '',
  '> Aider v0.84.0',
  '> Model: gpt-4o with diff edit format',
  '> Git repo: .git with 3 files',
  '',
  '#### Add a greeting',
  '#### to hello.py',
  '',
  'Here is the change:',
  '',
  'hello.py',
  '```python',
  '<<<<<<< SEARCH',
  'print("hi")',
  '=======',
  'print("hello")',
  '>>>>>>> REPLACE',
  '```',
  '',
  '> Tokens: 1.2k sent, 20 received. Cost: $0.01 message, $0.01 session.',
  '> Applied edit to hello.py',
  '> Commit abc1234 feat: greet in hello.py',
  '',
  '# aider chat started at 2025-01-02 11:00:00',
  '',
  '#### Make a new file',
  '',
  '```',
  'new.py',
  '<<<<<<< SEARCH',
  '=======',
  'x = 1',
  '>>>>>>> REPLACE',
  '```',
  '',
  '> new.py',
  '> Create new file? (Y)es/(N)o [Yes]: n',
  '> Skipping edits to new.py',
  '',
  '#### /undo',
  '> Removed: abc1234 feat: greet in hello.py',
  '> Now at:  0000000 init',
  '',
  '# aider chat started at 2025-01-02 12:00:00',
  '',
  '#### run it',
  '',
  'Run this:',
  '',
  '```bash',
  'python hello.py',
  '```',
  '',
  "> Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]: y",
  '> Running python hello.py',
  '> hello',
  "> Add command output to the chat? (Y)es/(N)o/(D)on't ask again [Yes]: n",
  '> Traceback (most recent call last):',
  '> File "x.py", line 1, in <module>',
  '> ValueError: boom',
  '> litellm.RateLimitError: slow down',
]);

describe('aider importer: synthetic histories', () => {
  it('splits chats into sessions and reads prompts, edits, commits, approvals, commands and errors', async () => {
    const { report, sink, sessions } = await importText('.aider.chat.history.md', HISTORY);
    expect(report.message).toBeUndefined();
    expect(report.status).toBe('imported');
    expect(report.format).toBe('aider');
    expect(sink.staged).toBe(0);
    expect(sessions).toHaveLength(3);
    const [a, b, c] = sessions as [StoredSession, StoredSession, StoredSession];

    // chat 1: a two-line prompt, an applied SEARCH/REPLACE → diff, aider's own commit
    expect(of(a.events, 'prompt').map((p) => [p.actor, p.text])).toEqual([['candidate', 'Add a greeting\nto hello.py']]);
    const [diff] = of(a.events, 'diff');
    expect(diff).toMatchObject({ actor: 'agent', path: 'hello.py', change: 'modified', before: 'print("hi")\n', after: 'print("hello")\n' });
    expect(diff!.patch).toBe('--- a/hello.py\n+++ b/hello.py\n@@ -1,1 +1,1 @@\n-print("hi")\n+print("hello")\n');
    expect(of(a.events, 'git_action').map((g) => [g.actor, g.action, g.sha, g.message])).toEqual([['agent', 'commit', 'abc1234', 'feat: greet in hello.py']]);
    expect(of(a.events, 'response')).toHaveLength(1);
    expect(of(a.events, 'response')[0]!.text).toContain('Here is the change:');
    expect(a.info.meta).toMatchObject({
      title: 'Add a greeting to hello.py',
      startedAt: '2025-01-02T10:00:00.000Z',
      source: { format: 'aider', version: '0.84.0', fileName: '.aider.chat.history.md' },
      agent: { name: 'aider', version: '0.84.0' },
      model: 'gpt-4o',
    });
    // synthetic clock: one step per event, in file order
    expect(a.events.map((e) => e.t)).toEqual(a.events.map((_, i) => i * AIDER_STEP_MS));
    expect(a.events.map((e) => e.kind)).toEqual(['marker', 'prompt', 'response', 'diff', 'git_action']);

    // chat 2: a refused edit is not a diff; /undo is the candidate's reset
    expect(of(b.events, 'diff')).toEqual([]);
    expect(of(b.events, 'approval').map((x) => [x.actor, x.tool, x.granted])).toEqual([['candidate', 'create file', false]]);
    expect(of(b.events, 'tool_call').map((x) => [x.name, x.status, x.input])).toEqual([['edit', 'denied', { path: 'new.py', search: '', replace: 'x = 1\n' }]]);
    expect(of(b.events, 'prompt').map((p) => p.text)).toEqual(['Make a new file', '/undo']);
    const reset = of(b.events, 'git_action')[0]!;
    expect([reset.actor, reset.action, reset.sha]).toEqual(['candidate', 'reset', 'abc1234']);
    expect(reset.parentId).toBe(of(b.events, 'prompt')[1]!.id);

    // chat 3: approved command run by aider, a declined follow-up, a traceback and an error line
    expect(of(c.events, 'approval').map((x) => [x.tool, x.granted])).toEqual([['shell', true]]);
    expect(of(c.events, 'command').map((x) => [x.actor, x.cmd, x.stdout])).toEqual([['agent', 'python hello.py', 'hello']]);
    expect(of(c.events, 'decision').map((x) => [x.actor, x.question, x.options, x.chosen])).toEqual([
      ['candidate', 'Add command output to the chat?', ['Yes', 'No', "Don't ask again"], 'No'],
    ]);
    expect(of(c.events, 'marker').map((x) => x.label)).toEqual(['aider chat started', 'error: ValueError: boom', 'error: litellm.RateLimitError: slow down']);

    // each of the two caveats is reported once for the whole file
    expect(report.problems.filter((p) => /read as UTC/.test(p.reason))).toHaveLength(1);
    expect(report.problems.filter((p) => /5 s apart/.test(p.reason))).toHaveLength(1);
  });

  it('after a partial edit failure, applies the other blocks and does not count the echoed block', async () => {
    const text = md([
      '# aider chat started at 2025-03-04 08:09:10',
      '#### rename both',
      '',
      'src/a.ts',
      '```ts',
      '<<<<<<< SEARCH',
      'const a = 1;',
      '=======',
      'const alpha = 1;',
      '>>>>>>> REPLACE',
      '```',
      '',
      '```ts',
      'src/b.ts',
      '<<<<<<< SEARCH',
      'const b = 2;',
      '=======',
      'const beta = 2;',
      '>>>>>>> REPLACE',
      '```',
      '',
      '> The LLM did not conform to the edit format.',
      '> https://aider.chat/docs/troubleshooting/edit-errors.html',
      '> # 1 SEARCH/REPLACE block failed to match!',
      '',
      '## SearchReplaceNoExactMatch: This SEARCH block failed to exactly match lines in src\\b.ts',
      '<<<<<<< SEARCH',
      'const b = 2;',
      '=======',
      'const beta = 2;',
      '>>>>>>> REPLACE',
      '',
      'Did you mean to match some of these actual lines from src\\b.ts?',
      '',
      '```',
      '#### not a prompt inside the report',
      'const b = 3;',
      '```',
      '',
      'The SEARCH section must exactly match an existing block of lines including all white space, comments, indentation, docstrings, etc',
      '',
      '# The other 1 SEARCH/REPLACE block were applied successfully.',
      "Don't re-send them.",
      'Just reply with fixed versions of the block above that failed to match.',
      '> Commit 1234567 refactor: rename a',
      '',
      'Sorry, here is the fix:',
      '',
      'src/b.ts',
      '<<<<<<< SEARCH',
      'const b = 3;',
      '=======',
      'const beta = 3;',
      '>>>>>>> REPLACE',
      '',
      '> Applied edit to src\\b.ts',
    ]);
    const { report, sessions } = await importText('h.md', text, 7);
    expect(report.status).toBe('imported');
    const events = sessions[0]!.events;
    expect(of(events, 'prompt').map((p) => p.text)).toEqual(['rename both']);
    expect(of(events, 'diff').map((d) => [d.path, d.before, d.after])).toEqual([
      ['src/a.ts', 'const a = 1;\n', 'const alpha = 1;\n'],
      ['src/b.ts', 'const b = 3;\n', 'const beta = 3;\n'],
    ]);
    expect(of(events, 'tool_call').map((t) => [t.status, (t.input as { path: string }).path])).toEqual([['error', 'src/b.ts']]);
    expect(of(events, 'response').map((r) => r.text)).toHaveLength(2);
    expect(of(events, 'git_action')).toHaveLength(1);
  });

  it('does not take a typed confirmation answer for a prompt, and keeps one decision for it', async () => {
    const text = md([
      '# aider chat started at 2025-03-04 08:09:10',
      '#### look at a.ts',
      '> a.ts',
      "> Add file to the chat? (Y)es/(N)o/(A)ll/(S)kip all/(D)on't ask again [Yes]: a",
      '> b.ts',
      '',
      "#### Add file to the chat? (Y)es/(N)o/(A)ll/(S)kip all/(D)on't ask again [Yes]: all",
      "> Add file to the chat? (Y)es/(N)o/(A)ll/(S)kip all/(D)on't ask again [Yes]: a",
      '',
      "#### Allow edits to file that has not been added to the chat? (Y)es/(N)o [Yes]: y",
    ]);
    const { sessions } = await importText('h.md', text);
    const events = sessions[0]!.events;
    expect(of(events, 'prompt').map((p) => p.text)).toEqual(['look at a.ts']);
    expect(of(events, 'decision').map((d) => d.chosen)).toEqual(['All', 'All']);
    expect(of(events, 'approval').map((d) => [d.tool, d.granted])).toEqual([['edit', true]]);
  });

  it('fails clearly on an empty file and leaves nothing staged when cancelled mid-file', async () => {
    const empty = await importText('.aider.chat.history.md', '');
    expect(empty.report.status).toBe('failed');
    expect(empty.report.message).toMatch(/empty/);
    expect(empty.sink.staged).toBe(0);
    expect(empty.sink.sessions.size).toBe(0);

    // Several chats already opened when the import is cancelled: none of them survives.
    const sink = new MemorySink();
    const ac = new AbortController();
    let clock = 0;
    const big = HISTORY.repeat(20);
    const report = await importSource(bytesSource('h.md', enc.encode(big), 256), sink, {
      signal: ac.signal,
      now: () => (clock += 100),
      onProgress: (p) => {
        if (p.bytesRead > big.length / 2) ac.abort();
      },
    });
    expect(report.status).toBe('cancelled');
    expect(sink.staged).toBe(0);
    expect(sink.sessions.size).toBe(0);
  });

  it('detects aider histories by content and nothing else', () => {
    const sniff = (text: string | Uint8Array) => makeSniff('notes.md', typeof text === 'string' ? enc.encode(text) : text);
    expect(aiderImporter.detect(sniff(HISTORY))).toBe(1);
    const others = [
      '# Notes\n\n#### a heading\n\n> a quote\n',
      'We talked about "# aider chat started at" lines.\n',
      '{"timestamp":"2025-01-01T00:00:00Z","type":"session_meta","payload":{"id":"x"}}\n',
      '{"version": 2, "width": 80, "height": 24}\n',
      '{"type":"user","sessionId":"s","message":{"role":"user","content":"hi"}}\n',
    ];
    for (const o of others) expect(aiderImporter.detect(sniff(o))).toBe(0);
    expect(aiderImporter.detect(sniff(new Uint8Array(400).map((_, i) => (i * 13) % 256)))).toBe(0);
    expect(codexImporter.detect(sniff(HISTORY))).toBe(0);
    expect(asciinemaImporter.detect(sniff(HISTORY))).toBe(0);
  });
});

/**
 * Expected numbers for the real history, established with grep and python one-offs over the
 * file (not with this importer):
 * - sessions: `grep -c '^# aider chat started at'` → 19.
 * - prompts: runs of consecutive `####` lines that are not confirmation answers
 *   (`? (Y)es/(N)o` in the line) and hold some text → 24; per chat, in file order.
 * - diffs / edit tool calls: 49 `<<<<<<< SEARCH` lines, 7 of them directly under a
 *   `## SearchReplaceNoExactMatch` line (echoed in error reports) → 42 proposed blocks. A python
 *   walk settled each: `> Applied edit to X` → applied; `> Skipping edits to X` → refused; echoed
 *   in a failure report → failed, with the rest of that reply applied when "# The other N …
 *   were applied" follows, else failed; still open at the next prompt or "> Processing your
 *   request..." → unresolved. Result: 30 applied (diffs), 2 refused + 7 failed + 3 unresolved
 *   (12 edit tool calls).
 * - git actions: 43 `> Commit <sha> ` lines + 1 `> Removed: ` line (/undo) → 44.
 * - confirmations: 15 `> … (Y)es/(N)o … : answer` lines (the 2 `####` answers are each echoed by
 *   the next `>` line): 6 approvals (2 "Run pip install", 4 "Allow edits to file") and 9
 *   decisions.
 * - markers: 19 chat starts + 13 `> …Error: ` lines outside the traceback + 1 traceback +
 *   18 `> Processing your request...` → 51.
 * - responses: python split of the non-`>`/`####` lines into runs (blank lines do not end a
 *   run), error-report text removed, thinking-content blocks removed, non-empty runs → 40.
 *   The one thinking-content block is empty → 0 thinking events.
 * - commands: no `> Running ` line → 0.
 */
const REAL_AIDER = {
  file: 'aider/monochromatic.aider.chat.history.md',
  sessions: 19,
  promptsPerChat: [0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 2, 2, 0, 4, 5, 0, 3, 1],
  diffs: 30,
  diffsPerChat: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 5, 13, 0, 3, 8],
  toolCalls: 12,
  gitActions: 44,
  approvals: 6,
  decisions: 9,
  markers: 51,
  responses: 40,
  thinking: 0,
  commands: 0,
};

describe.skipIf(!realSessionsAvailable)('aider importer: real history', () => {
  it('has an expectation for every real history', () => {
    const files = allRealFiles().filter((f) => relative(REAL_SESSIONS_DIR, f).startsWith('aider'));
    expect(files.map((f) => relative(REAL_SESSIONS_DIR, f).split('\\').join('/'))).toEqual([REAL_AIDER.file]);
  });

  it('imports the real history', async () => {
    const bytes = new Uint8Array(readFileSync(realPath(REAL_AIDER.file)));
    const sink = new MemorySink();
    const report = await importSource(bytesSource('.aider.chat.history.md', bytes, 64 * 1024), sink, { now: () => 0 });
    expect(report.status).toBe('imported');
    expect(report.format).toBe('aider');
    expect(sink.staged).toBe(0);
    // No line of a markdown history is malformed; only file-level caveats are reported.
    expect(report.problems.filter((p) => p.line !== undefined)).toEqual([]);
    const sessions = [...sink.sessions.values()].sort((a, b) => a.info.meta.startedAt.localeCompare(b.info.meta.startedAt));
    const all = sessions.flatMap((s) => s.events);
    expect({
      sessions: sessions.length,
      promptsPerChat: sessions.map((s) => of(s.events, 'prompt').length),
      diffs: of(all, 'diff').length,
      diffsPerChat: sessions.map((s) => of(s.events, 'diff').length),
      toolCalls: of(all, 'tool_call').length,
      gitActions: of(all, 'git_action').length,
      approvals: of(all, 'approval').length,
      decisions: of(all, 'decision').length,
      markers: of(all, 'marker').length,
      responses: of(all, 'response').length,
      thinking: of(all, 'thinking').length,
      commands: of(all, 'command').length,
    }).toEqual({ ...REAL_AIDER, file: undefined });
    // Diffs carry the hunk both ways and as a unified diff.
    for (const d of of(all, 'diff')) {
      expect(d.before).toBeTypeOf('string');
      expect(d.after).toBeTypeOf('string');
      expect(d.patch).toMatch(/^--- a\//);
    }
    // The candidate is credited only with prompts, answers and the /undo.
    expect(new Set(all.filter((e) => e.actor === 'candidate').map((e) => e.kind))).toEqual(new Set(['prompt', 'approval', 'decision', 'marker', 'git_action']));
  });
});
