/**
 * Hostile inputs found by hand (the 2026-12-06 review): each one crashed, froze or failed an
 * import with a raw error before. Sizes are chosen so the old quadratic code takes minutes
 * while the bounded code finishes in well under a second; the assertions are on what a
 * reviewer sees (status, messages, sizes), never on elapsed time.
 */
import { describe, expect, it } from 'vitest';
import type { EventOf, SessionEvent } from '../../shared/model/schema';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { ImportLimits } from '../../shared/import/limits';
import { MAX_DIFF_TEXT_CHARS, MAX_MESSAGE_CHARS, MAX_SESSION_MS, parseMetaClipped } from '../../shared/import/value-limits';
import { applyEditsBounded, MAX_EDIT_RESULT_CHARS } from '../../shared/importers/bounded-edit';
import { TypedLines } from '../../shared/importers/asciinema';
import { MAX_TERM_COLS, MAX_TERM_ROWS } from '../../shared/replay/terminal-size';
import { tickStep } from '../../shared/replay/timeline';
import { castFrames } from '../../renderer/src/features/replay/terminal/cast-player';

const enc = new TextEncoder();

async function importText(name: string, text: string, limits?: Partial<ImportLimits>) {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, enc.encode(text)), sink, { now: () => 0, limits });
  const sessions = [...sink.sessions.values()];
  return { report, sessions, events: sessions[0]?.events ?? [], meta: sessions[0]?.info.meta };
}

function of<K extends SessionEvent['kind']>(events: readonly SessionEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

const T0 = Date.parse('2026-01-10T09:00:00.000Z');
let uid = 0;
function claudeLine(s: number, extra: Record<string, unknown>): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, cwd: '/w', sessionId: 'hostile', version: '2.1.3', timestamp: new Date(T0 + s * 1000).toISOString(), uuid: `u${uid++}`, ...extra });
}
const user = (s: number, content: unknown, extra: Record<string, unknown> = {}) => claudeLine(s, { type: 'user', message: { role: 'user', content }, ...extra });
const asst = (s: number, id: string, blocks: unknown[], model = 'claude-sonnet-4-5') => claudeLine(s, { type: 'assistant', message: { id, model, role: 'assistant', content: blocks } });

function cast(header: Record<string, unknown>, events: unknown[][]): string {
  return [JSON.stringify(header), ...events.map((e) => JSON.stringify(e))].join('\n') + '\n';
}

describe('1. a MultiEdit that doubles the file 28 times', () => {
  it('imports in bounded memory: the diff falls back to the edits themselves instead of a 268-million-character file', async () => {
    const edits = Array.from({ length: 28 }, () => ({ old_string: 'a', new_string: 'aa', replace_all: true }));
    const text = [
      user(0, 'go'),
      asst(1, 'm1', [{ type: 'tool_use', id: 'e1', name: 'MultiEdit', input: { file_path: '/w/x.txt', edits } }]),
      user(2, [{ type: 'tool_result', tool_use_id: 'e1', content: 'ok' }], { toolUseResult: { filePath: '/w/x.txt', originalFile: 'a', edits } }),
    ].join('\n');
    expect(text.length).toBeLessThan(4000);
    const { report, events } = await importText('doubling.jsonl', text);
    expect(report.status).toBe('imported');
    const diff = of(events, 'diff')[0]!;
    expect(diff.after === undefined || diff.after.length <= MAX_EDIT_RESULT_CHARS).toBe(true);
    expect(diff.patch).toContain('+aa');
  });

  it('the bounded edit still applies ordinary edits exactly', () => {
    expect(applyEditsBounded('a b a', [{ old: 'a', new: 'x', all: true }])).toBe('x b x');
    expect(applyEditsBounded('a b a', [{ old: 'a', new: 'x', all: false }])).toBe('x b a');
    expect(applyEditsBounded('a b a', [{ old: 'z', new: 'x', all: false }])).toBeUndefined();
    expect(applyEditsBounded('a', [{ old: 'a', new: 'aaaa', all: true }], 3)).toBeUndefined();
  });
});

describe('7. values past the model limits are clipped with a warning, never a raw schema error', () => {
  it('a version and a model of 300 characters', async () => {
    const long = 'v'.repeat(300);
    const text = [claudeLine(0, { type: 'user', version: long, message: { role: 'user', content: 'hello' } }), asst(1, 'm1', [{ type: 'text', text: 'hi' }], 'm'.repeat(300))].join('\n');
    const { report, meta } = await importText('long-version.jsonl', text);
    expect(report.status).toBe('imported');
    expect(meta!.source.version!.length).toBeLessThanOrEqual(200);
    expect(meta!.model!.length).toBeLessThanOrEqual(200);
    expect(report.problems.some((p) => /tool version is 300 characters long; clipped to 200/.test(p.reason))).toBe(true);
  });

  it('a cast time of 1e303 s becomes a finite, clipped duration', async () => {
    const text = cast({ version: 2, width: 80, height: 24, timestamp: 1767225600 }, [
      [0.5, 'o', 'hi'],
      [1e303, 'o', 'later'],
      [1e303, 'm', 'marker'],
    ]);
    const { report, meta, events } = await importText('huge-time.cast', text);
    expect(report.status).toBe('imported');
    expect(report.message).toBeUndefined();
    expect(meta!.durationMs).toBe(MAX_SESSION_MS);
    expect(of(events, 'marker')[0]!.t).toBe(MAX_SESSION_MS);
    expect(report.problems.some((p) => /clipped/.test(p.reason))).toBe(true);
  });

  it('a header timestamp of 1e16 s: the start time is unknown, the import succeeds', async () => {
    const text = cast({ version: 2, width: 80, height: 24, timestamp: 1e16 }, [[0.5, 'o', 'hi']]);
    const { report, meta } = await importText('far-future.cast', text);
    expect(report.status).toBe('imported');
    expect(meta!.startedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(report.problems.some((p) => /timestamp is out of range/.test(p.reason))).toBe(true);
  });

  it('a narration or terminal claiming 1e300 ms is clipped in the session details', () => {
    const warnings: string[] = [];
    const m = parseMetaClipped(
      {
        id: 's',
        title: 't',
        candidate: { id: 'c' },
        task: { title: 't', statement: '' },
        source: { format: 'baton' },
        startedAt: '2026-01-01T00:00:00.000Z',
        durationMs: 1000,
        audio: { blob: { blob: 'audio/a.wav', mime: 'audio/wav', size: 10 }, durationMs: 1e300, offsetMs: -1e300 },
        terminals: [{ id: 't1', blob: { blob: 'terminal/t.cast', mime: 'application/x-asciicast', size: 10 }, cols: 80, rows: 24, offsetMs: 1e300 }],
      },
      'x.baton',
      (w) => warnings.push(w),
    );
    expect(m.audio).toMatchObject({ durationMs: MAX_SESSION_MS, offsetMs: 0 });
    expect(m.terminals[0]!.offsetMs).toBe(0);
    expect(warnings).toHaveLength(2);
  });

  it('an unexpected error is one plain sentence naming the file, not raw JSON', async () => {
    const sink = new MemorySink();
    const failing = {
      format: 'claude-code' as const,
      label: 'test',
      detect: () => 1,
      run: async () => {
        throw Object.assign(new Error('[\n  {\n    "code": "too_big"\n  }\n]'), { issues: [{ path: ['meta', 'model'], message: 'Too big: expected string to have <=200 characters' }] });
      },
    };
    const report = await importSource(bytesSource('x.jsonl', enc.encode('{}\n')), sink, { now: () => 0 }, [failing]);
    expect(report.status).toBe('failed');
    expect(report.message).toBe('x.jsonl: could not be imported (meta.model: Too big: expected string to have <=200 characters); nothing was stored');
    expect(report.message).not.toMatch(/\n|"code"/);
  });
});

describe('3. importers linear in their input', () => {
  it('typed characters then as many backspaces (a 400 KB input event)', () => {
    const lines: string[] = [];
    new TypedLines().feed(`${'a'.repeat(200_000)}${'\x7f'.repeat(199_999)}\r`, (l) => lines.push(l));
    expect(lines).toEqual(['a']);
  });

  it('fifty thousand words then as many Ctrl-W', () => {
    const lines: string[] = [];
    new TypedLines().feed(`${'ab '.repeat(50_000)}${'\x17'.repeat(49_999)}\r`, (l) => lines.push(l));
    expect(lines).toEqual(['ab']);
  });

  it('an aider SEARCH/REPLACE block of 20,000 unrelated lines becomes a whole-block patch', async () => {
    const n = 20_000;
    const search = Array.from({ length: n }, (_, i) => `old line ${i} ${(i * 7919) % 10007}`);
    const replace = Array.from({ length: n }, (_, i) => `new text ${(i * 104729) % 20011} ${i}`);
    const text = [
      '# aider chat started at 2026-01-10 09:00:00',
      '#### rewrite it',
      '',
      'big.txt',
      '```',
      '<<<<<<< SEARCH',
      ...search,
      '=======',
      ...replace,
      '>>>>>>> REPLACE',
      '```',
      '',
      '> Applied edit to big.txt',
      '',
    ].join('\n');
    const { report, events } = await importText('.aider.chat.history.md', text);
    expect(report.status).toBe('imported');
    const diff = of(events, 'diff')[0]!;
    const patch = diff.patch!;
    expect(patch.split('\n').filter((l) => l.startsWith('-old line')).length).toBe(n);
    expect(patch.split('\n').filter((l) => l.startsWith('+new text')).length).toBe(n);
  });

  it('an aider error report echoing 10,000 failed blocks (a scan per echo took 8 s for 4,000)', async () => {
    const k = 10_000;
    const lines = ['# aider chat started at 2026-01-10 09:00:00', '#### go', ''];
    for (let i = 0; i < k; i++) lines.push('a.txt', '```', '<<<<<<< SEARCH', `old ${i}`, '=======', `new ${i}`, '>>>>>>> REPLACE', '```', '');
    lines.push(`> # ${k} SEARCH/REPLACE blocks failed to match!`, '');
    for (let i = 0; i < k; i++) lines.push('## SearchReplaceNoExactMatch: This SEARCH block failed to exactly match lines in a.txt', '<<<<<<< SEARCH', `old ${k - 1 - i}`, '=======', `new ${i}`, '>>>>>>> REPLACE', '');
    lines.push('The SEARCH section must exactly match an existing block of lines', '', '#### next');
    const { report, events } = await importText('.aider.chat.history.md', lines.join('\n'));
    expect(report.status).toBe('imported');
    const edits = of(events, 'tool_call').filter((e) => e.name === 'edit');
    expect(edits).toHaveLength(k);
    expect(edits.every((e) => e.status === 'error')).toBe(true);
  });

  it('an aider history of more chats than a file may hold keeps the first ones and says so', async () => {
    const chats = Array.from({ length: 50 }, (_, i) => `# aider chat started at 2026-01-10 09:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}\n#### prompt ${i}\n`);
    const { report, sessions } = await importText('.aider.chat.history.md', chats.join(''), { maxSessionsPerFile: 10 });
    expect(report.status).toBe('imported');
    expect(sessions).toHaveLength(10);
    expect(report.problems.some((p) => /more than 10 sessions; only the first 10 were imported/.test(p.reason))).toBe(true);
  });
});

describe('4. values that froze the replay', () => {
  it('a cast event at 1e15 s is clipped, and the axis draws a bounded number of ticks for any span', async () => {
    const text = cast({ version: 2, width: 80, height: 24 }, [[1e15, 'm', 'far']]);
    const { meta } = await importText('far.cast', text);
    expect(meta!.durationMs).toBeLessThanOrEqual(MAX_SESSION_MS);
    for (const span of [MAX_SESSION_MS, 1e18, 1e300]) expect(span / tickStep(span, 1200)).toBeLessThanOrEqual(1200 / 90 + 1);
  });

  it('a 10000x10000 terminal is clipped to the largest size the replay draws, in the import and in resizes', async () => {
    const text = cast({ version: 2, width: 10_000, height: 10_000 }, [[0.1, 'o', 'x'], [0.2, 'r', '10000x10000']]);
    const { report, meta } = await importText('huge-term.cast', text);
    expect(report.status).toBe('imported');
    expect(meta!.terminals[0]).toMatchObject({ cols: MAX_TERM_COLS, rows: MAX_TERM_ROWS });
    expect(report.problems.some((p) => /10000×10000; replayed at 500×200/.test(p.reason))).toBe(true);
    const frames = castFrames([{ t: 200, code: 'r', data: '10000x10000', line: 2 }], 0);
    expect(frames[0]!.resize).toEqual([MAX_TERM_COLS, MAX_TERM_ROWS]);
  });
});

describe('caps on what one event may hold', () => {
  it('a 9-million-character file write keeps no unviewable text, and says so with its line', async () => {
    const big = 'x'.repeat(MAX_DIFF_TEXT_CHARS + 1);
    const text = [
      user(0, 'write it'),
      asst(1, 'm1', [{ type: 'tool_use', id: 'w1', name: 'Write', input: { file_path: '/w/big.txt', content: big } }]),
      user(2, [{ type: 'tool_result', tool_use_id: 'w1', content: 'ok' }], { toolUseResult: { type: 'create', filePath: '/w/big.txt', content: big } }),
    ].join('\n');
    const { report, events } = await importText('bigwrite.jsonl', text);
    expect(report.status).toBe('imported');
    const diff = of(events, 'diff')[0]!;
    expect(diff.after).toBeUndefined();
    expect(report.problems.find((p) => /change to \/w\/big\.txt is too large to show/.test(p.reason))).toMatchObject({ file: 'bigwrite.jsonl', line: 2 });
  });

  it('a response of 9 million characters is clipped', async () => {
    const text = [user(0, 'talk'), asst(1, 'm1', [{ type: 'text', text: 'y'.repeat(MAX_MESSAGE_CHARS + 10) }])].join('\n');
    const { report, events } = await importText('bigreply.jsonl', text);
    expect(of(events, 'response')[0]!.text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + 1);
    expect(report.problems.some((p) => /response of 8,388,618 characters was clipped/.test(p.reason))).toBe(true);
  });
});
