/**
 * A structure-aware fuzz target for the import pipeline, run in CI on a fixed budget (a
 * seed and a number of runs, a few seconds). It does not only flip bytes: it unpacks a
 * .baton archive, changes entries (JSON values anywhere in a line or the manifest, lines
 * repeated up to hundreds of times, entries added, removed, stored or deflated) and zips it
 * again; for the text formats (Claude Code, asciinema, aider) it edits lines and JSON values
 * and grows counts. Every input must import or fail with one plain sentence naming the
 * file, and what is stored must stay within the model's limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { MAX_SESSION_MS } from '../../shared/import/value-limits';
import { SessionMeta } from '../../shared/model/schema';
import { MAX_TERM_COLS, MAX_TERM_ROWS } from '../../shared/replay/terminal-size';
import { pack, unpack, type Entries } from '../fixtures/zip-tools';
import { events, meta } from './helpers/session';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Values that have broken importers before: out-of-range numbers, long strings, deep text. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(1e303, -1, 1e15, 1e16, 2 ** 53, 0, 0.5, null, true, '', [], {}, 'a', 'x'.repeat(300), '>'.repeat(3000), '10000x10000', '\x7f'.repeat(50), '[', '{"'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every node of a JSON value, with a way to replace it. */
function nodes(root: { v: unknown }): ((x: unknown) => void)[] {
  const out: ((x: unknown) => void)[] = [(x) => (root.v = x)];
  const walk = (v: unknown, depth: number) => {
    if (depth > 12 || typeof v !== 'object' || v === null) return;
    const rec = v as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      out.push((x) => (rec[k] = x));
      walk(rec[k], depth + 1);
    }
  };
  walk(root.v, 0);
  return out;
}

type LineOp =
  | { op: 'json'; line: number; node: number; value: unknown }
  | { op: 'repeat'; line: number; times: number }
  | { op: 'drop'; line: number }
  | { op: 'truncate'; line: number; at: number }
  | { op: 'swap'; a: number; b: number };

const lineOp: fc.Arbitrary<LineOp> = fc.oneof(
  fc.record({ op: fc.constant('json' as const), line: fc.nat(), node: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('repeat' as const), line: fc.nat(), times: fc.integer({ min: 2, max: 400 }) }),
  fc.record({ op: fc.constant('drop' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), line: fc.nat(), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
);

function mutateJsonText(text: string, node: number, value: unknown): string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return text;
  }
  const root = { v };
  const all = nodes(root);
  all[node % all.length]!(value);
  return JSON.stringify(root.v) ?? text;
}

function applyLineOps(text: string, ops: readonly LineOp[]): string {
  let lines = text.split('\n');
  for (const o of ops) {
    if (lines.length === 0) break;
    const at = (i: number) => i % lines.length;
    if (o.op === 'json') lines[at(o.line)] = mutateJsonText(lines[at(o.line)]!, o.node, o.value);
    else if (o.op === 'repeat') lines.splice(at(o.line), 0, ...Array<string>(o.times - 1).fill(lines[at(o.line)]!));
    else if (o.op === 'drop') lines.splice(at(o.line), 1);
    else if (o.op === 'truncate') lines[at(o.line)] = lines[at(o.line)]!.slice(0, o.at % (lines[at(o.line)]!.length + 1));
    else {
      const a = lines[at(o.a)]!;
      lines[at(o.a)] = lines[at(o.b)]!;
      lines[at(o.b)] = a;
    }
    if (lines.length > 5000) lines = lines.slice(0, 5000);
  }
  return lines.join('\n');
}

type EntryOp =
  | { op: 'lines'; entry: number; ops: LineOp[] }
  | { op: 'json'; entry: number; node: number; value: unknown }
  | { op: 'add'; name: string; size: number }
  | { op: 'remove'; entry: number }
  | { op: 'grow'; entry: number; times: number };

const entryName = fc.constantFrom('blobs/x.bin', 'audio/a.wav', 'terminal/t.cast', 'workspace/src/é.ts', 'other.txt', 'task.md', 'audio/transcript.json', 'blobs/', 'dir/../../evil', '/abs');
const entryOp: fc.Arbitrary<EntryOp> = fc.oneof(
  fc.record({ op: fc.constant('lines' as const), entry: fc.nat(), ops: fc.array(lineOp, { maxLength: 4 }) }),
  fc.record({ op: fc.constant('json' as const), entry: fc.nat(), node: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('add' as const), name: entryName, size: fc.integer({ min: 0, max: 200_000 }) }),
  fc.record({ op: fc.constant('remove' as const), entry: fc.nat() }),
  fc.record({ op: fc.constant('grow' as const), entry: fc.nat(), times: fc.integer({ min: 2, max: 300 }) }),
);

function mutateArchive(base: Entries, ops: readonly EntryOp[], stored: boolean): Uint8Array {
  const entries: Entries = { ...base };
  for (const o of ops) {
    const names = Object.keys(entries);
    const pick = (i: number) => names[i % Math.max(1, names.length)];
    if (o.op === 'add') entries[o.name] = new Uint8Array(o.size).fill(0x61);
    else if (names.length === 0) continue;
    else if (o.op === 'remove') delete entries[pick(o.entry)!];
    else if (o.op === 'grow') {
      const d = entries[pick(o.entry)!]!;
      const out = new Uint8Array(Math.min(d.length * o.times, 4_000_000));
      for (let off = 0; off < out.length && d.length; off += d.length) out.set(d.subarray(0, Math.min(d.length, out.length - off)), off);
      entries[pick(o.entry)!] = out;
    } else if (o.op === 'json') entries[pick(o.entry)!] = enc.encode(mutateJsonText(dec.decode(entries[pick(o.entry)!]), o.node, o.value));
    else entries[pick(o.entry)!] = enc.encode(applyLineOps(dec.decode(entries[pick(o.entry)!]), o.ops));
  }
  return pack(entries, stored ? Object.keys(entries) : []);
}

const T0 = Date.parse('2026-01-10T09:00:00.000Z');
const claudeText = [
  { type: 'user', message: { role: 'user', content: 'go' } },
  { type: 'assistant', message: { id: 'm1', model: 'claude-sonnet-4-5', role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'MultiEdit', input: { file_path: '/w/a', edits: [{ old_string: 'a', new_string: 'aa', replace_all: true }] } }] } },
  { type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] }, toolUseResult: { filePath: '/w/a', originalFile: 'a', edits: [{ old_string: 'a', new_string: 'aa', replace_all: true }] } },
  { type: 'assistant', message: { id: 'm2', model: 'claude-sonnet-4-5', role: 'assistant', content: [{ type: 'text', text: '> quoted\n- list' }] } },
]
  .map((r, i) => JSON.stringify({ uuid: `u${i}`, sessionId: 's', version: '2.1.3', timestamp: new Date(T0 + i * 1000).toISOString(), ...r }))
  .join('\n');
const castText = [JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1767225600 }), JSON.stringify([0.1, 'o', 'hi\r\n']), JSON.stringify([0.2, 'i', 'ls\x7f\x7fpwd\r']), JSON.stringify([0.3, 'r', '100x30']), JSON.stringify([0.4, 'm', 'mark'])].join('\n');
const aiderText = [
  '# aider chat started at 2026-01-10 09:00:00',
  '> Aider v0.80.0',
  '#### change it',
  '',
  'a.txt',
  '```',
  '<<<<<<< SEARCH',
  'old',
  '=======',
  'new',
  '>>>>>>> REPLACE',
  '```',
  '> Applied edit to a.txt',
  '> Commit abc1234 change it',
].join('\n');

const LIMITS = { maxLineBytes: 1024 * 1024, maxSessionsPerFile: 50 };

async function checkImport(name: string, data: Uint8Array): Promise<void> {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, data, 4096), sink, { now: () => 0, limits: LIMITS });
  expect(['imported', 'failed', 'duplicate']).toContain(report.status);
  if (report.message !== undefined) {
    // One plain sentence naming the file: no stack, no raw schema error, nothing unexpected.
    expect(report.message.startsWith(name)).toBe(true);
    expect(report.message).not.toMatch(/\n|unexpectedly|could not be imported \(|"code"|ZodError/);
  }
  expect(sink.staged).toBe(0);
  for (const s of sink.sessions.values()) {
    expect(SessionMeta.safeParse(s.info.meta).success).toBe(true);
    expect(s.info.meta.durationMs).toBeLessThanOrEqual(2 * MAX_SESSION_MS);
    for (const t of s.info.meta.terminals) expect(t.cols <= MAX_TERM_COLS && t.rows <= MAX_TERM_ROWS).toBe(true);
  }
}

describe('fuzz: the import pipeline on structure-aware mutants (fixed seed and budget)', () => {
  it('.baton archives with mutated, grown, added and removed entries', async () => {
    const base = unpack(await writeArchiveToBytes({ meta: meta(), events: events(), createdAt: '2026-01-02T11:00:00.000Z' }));
    await fc.assert(
      fc.asyncProperty(fc.array(entryOp, { minLength: 1, maxLength: 5 }), fc.boolean(), async (ops, stored) => {
        await checkImport('fuzz.baton', mutateArchive(base, ops, stored));
      }),
      { numRuns: 30, seed: 20261206 },
    );
  });

  it('Claude Code transcripts, casts and aider histories with mutated lines and values', async () => {
    const inputs: [string, string][] = [
      ['fuzz.jsonl', claudeText],
      ['fuzz.cast', castText],
      ['.aider.chat.history.md', aiderText],
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 }), fc.array(lineOp, { minLength: 1, maxLength: 6 }), async (which, ops) => {
        const [name, text] = inputs[which]!;
        await checkImport(name, enc.encode(applyLineOps(text, ops)));
      }),
      { numRuns: 80, seed: 20261206 },
    );
  });
});
