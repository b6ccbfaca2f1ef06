/**
 * `npm run bench` (part): how import time grows with input size. For each format, and for
 * the hostile shapes that used to be quadratic (issue 17), inputs of n, 2n, 4n and 8n units
 * are imported through the same pipeline the app and the CLI use (in Node, into a memory
 * sink that keeps no events) and the growth exponent is fitted: the slope of log(time)
 * against log(size). Linear work gives 1, n log n a little more, quadratic 2.
 * Target: every exponent below 1.3. Exits 1 when one is not.
 *
 *   node --import tsx scripts/bench-growth.ts [--json] [--scale 1]
 */
import { parseArgs } from 'node:util';
import { writeArchiveToBytes } from '../shared/archive/baton-writer';
import { bytesSource, MemorySink } from '../shared/import/memory-sink';
import { importSource } from '../shared/import/pipeline';
import type { SessionEvent } from '../shared/model/schema';
import { SessionMeta } from '../shared/model/schema';
import { median } from './bench-common';

const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false }, scale: { type: 'string', default: '1' } } });
const SCALE = Number(args.scale);
const TARGET = 1.3;
const enc = new TextEncoder();
const T0 = Date.parse('2026-01-10T09:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

interface Shape {
  name: string;
  file: string;
  /** Units at size n (records, events, lines, characters…). */
  base: number;
  unit: string;
  make(n: number): Uint8Array | Promise<Uint8Array>;
}

function claudeRecords(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = { uuid: `u${i}`, sessionId: 's', version: '2.1.3', cwd: '/w', timestamp: iso(i) };
    if (i % 4 === 0) out.push(JSON.stringify({ ...base, type: 'user', message: { role: 'user', content: `Prompt ${i}: fix the parser for input ${i}.` } }));
    else if (i % 4 === 1) out.push(JSON.stringify({ ...base, type: 'assistant', message: { id: `m${i}`, model: 'claude-sonnet-4-5', role: 'assistant', content: [{ type: 'text', text: `Reply ${i}. `.repeat(20) }, { type: 'tool_use', id: `t${i}`, name: 'Edit', input: { file_path: '/w/a.ts', old_string: 'x', new_string: 'y' } }] } }));
    else if (i % 4 === 2) out.push(JSON.stringify({ ...base, type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i - 1}`, content: 'ok' }] }, toolUseResult: { filePath: '/w/a.ts', originalFile: `x\n${'line\n'.repeat(50)}`, structuredPatch: [] } }));
    else out.push(JSON.stringify({ ...base, type: 'assistant', message: { id: `m${i}`, model: 'claude-sonnet-4-5', role: 'assistant', content: [{ type: 'text', text: '> quoted\n- a\n  - b' }] } }));
  }
  return out;
}

function fixtureEvents(n: number): SessionEvent[] {
  return Array.from({ length: n }, (_, i) => (i % 3 === 0 ? { id: `e${i}`, t: i * 100, actor: 'candidate' as const, kind: 'prompt' as const, text: `Step ${i}` } : { id: `e${i}`, t: i * 100, actor: 'agent' as const, kind: 'response' as const, text: `Working on ${i}. `.repeat(8) }));
}

const CAST_HEAD = JSON.stringify({ version: 2, width: 100, height: 30, timestamp: 1767225600 });

const SHAPES: Shape[] = [
  {
    name: '.baton archive',
    file: 'g.baton',
    base: 5000,
    unit: 'events',
    make: (n) =>
      writeArchiveToBytes({
        meta: SessionMeta.parse({ id: 'g', title: 'growth', candidate: { id: 'c' }, task: { title: 't', statement: '' }, source: { format: 'baton' }, startedAt: iso(0), durationMs: 0 }),
        events: fixtureEvents(n),
        createdAt: iso(0),
      }),
  },
  { name: 'Claude Code JSONL', file: 'g.jsonl', base: 4000, unit: 'records', make: (n) => enc.encode(claudeRecords(n).join('\n')) },
  { name: 'Claude Code JSON array', file: 'g.json', base: 4000, unit: 'records', make: (n) => enc.encode(`[\n${claudeRecords(n).join(',\n')}\n]`) },
  {
    name: 'Codex rollout',
    file: 'rollout-g.jsonl',
    base: 4000,
    unit: 'records',
    make: (n) => {
      const rec = (s: number, type: string, payload: Record<string, unknown>) => JSON.stringify({ timestamp: iso(s), type, payload });
      const lines = [rec(0, 'session_meta', { id: 'g', timestamp: iso(0), cwd: '/w', originator: 'codex_cli_rs', cli_version: '0.50.0' })];
      for (let i = 1; i < n; i++) {
        if (i % 3 === 0) lines.push(rec(i, 'response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: `do ${i}` }] }));
        else if (i % 3 === 1) lines.push(rec(i, 'response_item', { type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', `echo ${i}`] }), call_id: `c${i}` }));
        else lines.push(rec(i, 'response_item', { type: 'function_call_output', call_id: `c${i - 1}`, output: JSON.stringify({ output: `${i}\n`, metadata: { exit_code: 0, duration_seconds: 0.1 } }) }));
      }
      return enc.encode(lines.join('\n'));
    },
  },
  {
    name: 'asciinema output',
    file: 'g.cast',
    base: 20000,
    unit: 'events',
    make: (n) => enc.encode([CAST_HEAD, ...Array.from({ length: n }, (_, i) => JSON.stringify([i * 0.01, i % 50 === 49 ? 'i' : 'o', i % 50 === 49 ? 'ls -la\r' : `line ${i} of output\r\n`]))].join('\n')),
  },
  {
    name: 'asciinema typing + backspaces (hostile)',
    file: 'bs.cast',
    base: 50000,
    unit: 'keys',
    make: (n) => enc.encode(`${CAST_HEAD}\n${JSON.stringify([0.1, 'i', `${'a'.repeat(n)}${'\x7f'.repeat(n - 1)}\r`])}\n`),
  },
  {
    name: 'asciinema words + Ctrl-W (hostile)',
    file: 'cw.cast',
    base: 20000,
    unit: 'words',
    make: (n) => enc.encode(`${CAST_HEAD}\n${JSON.stringify([0.1, 'i', `${'ab '.repeat(n)}${'\x17'.repeat(n - 1)}\r`])}\n`),
  },
  {
    name: 'aider chats',
    file: '.aider.chat.history.md',
    base: 200,
    unit: 'chats',
    make: (n) => enc.encode(Array.from({ length: n }, (_, i) => `# aider chat started at 2026-01-10 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}\n#### prompt ${i}\n\nreply ${i}\n\n> Commit abc${String(i).padStart(4, '0')} msg\n`).join('')),
  },
  {
    name: 'aider SEARCH/REPLACE block (hostile)',
    file: '.aider.chat.history.md',
    base: 2500,
    unit: 'lines',
    make: (n) =>
      enc.encode(
        ['# aider chat started at 2026-01-10 09:00:00', '#### rewrite', '', 'big.txt', '```', '<<<<<<< SEARCH', ...Array.from({ length: n }, (_, i) => `old ${i} ${(i * 7919) % 10007}`), '=======', ...Array.from({ length: n }, (_, i) => `new ${(i * 104729) % 20011} ${i}`), '>>>>>>> REPLACE', '```', '', '> Applied edit to big.txt', ''].join('\n'),
      ),
  },
  {
    name: 'aider failed-block echoes (hostile)',
    file: '.aider.chat.history.md',
    base: 1000,
    unit: 'blocks',
    make: (k) => {
      const lines = ['# aider chat started at 2026-01-10 09:00:00', '#### go', ''];
      for (let i = 0; i < k; i++) lines.push('a.txt', '```', '<<<<<<< SEARCH', `old ${i}`, '=======', `new ${i}`, '>>>>>>> REPLACE', '```', '');
      lines.push(`> # ${k} SEARCH/REPLACE blocks failed to match!`, '');
      for (let i = 0; i < k; i++) lines.push('## SearchReplaceNoExactMatch: This SEARCH block failed to exactly match lines in a.txt', '<<<<<<< SEARCH', `old ${k - 1 - i}`, '=======', `new ${i}`, '>>>>>>> REPLACE', '');
      lines.push('The SEARCH section must exactly match', '', '#### next');
      return enc.encode(lines.join('\n'));
    },
  },
  {
    name: 'Claude Code MultiEdit doubling (hostile)',
    file: 'dbl.jsonl',
    base: 20000,
    unit: 'chars',
    // 28 edits each doubling a file of n characters: 2^28 n characters unbounded.
    make: (n) => {
      const edits = Array.from({ length: 28 }, () => ({ old_string: 'a', new_string: 'aa', replace_all: true }));
      const l = (i: number, o: Record<string, unknown>) => JSON.stringify({ uuid: `u${i}`, sessionId: 's', version: '2.1.3', timestamp: iso(i), ...o });
      return enc.encode(
        [
          l(0, { type: 'user', message: { role: 'user', content: 'go' } }),
          l(1, { type: 'assistant', message: { id: 'm', model: 'x', role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'MultiEdit', input: { file_path: '/w/a', edits } }] } }),
          l(2, { type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok' }] }, toolUseResult: { filePath: '/w/a', originalFile: 'a'.repeat(n), edits } }),
        ].join('\n'),
      );
    },
  },
];

async function timeImport(file: string, data: Uint8Array): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const report = await importSource(bytesSource(file, data), new MemorySink(false));
    runs.push(performance.now() - t);
    if (report.status !== 'imported') throw new Error(`${file}: ${report.status} — ${report.message}`);
  }
  return median(runs);
}

/** Least-squares slope of log(ms) against log(size). */
function exponent(points: { size: number; ms: number }[]): number {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(Math.max(p.ms, 0.01)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

const results: { shape: string; unit: string; points: { units: number; bytes: number; ms: number }[]; exponent: number }[] = [];
for (const s of SHAPES) {
  const points: { units: number; bytes: number; ms: number }[] = [];
  // A warm-up run at n, so the first point does not carry the JIT's start-up.
  await timeImport(s.file, await s.make(Math.round(s.base * SCALE)));
  for (const k of [1, 2, 4, 8]) {
    const units = Math.round(s.base * SCALE * k);
    const data = await s.make(units);
    points.push({ units, bytes: data.byteLength, ms: await timeImport(s.file, data) });
  }
  const e = exponent(points.map((p) => ({ size: p.bytes, ms: p.ms })));
  results.push({ shape: s.name, unit: s.unit, points, exponent: e });
  if (!args.json) console.log(`${s.name.padEnd(42)} ${points.map((p) => `${p.units} ${s.unit}: ${p.ms.toFixed(1)} ms`).join(' · ')}  exponent ${e.toFixed(2)}${e < TARGET ? '' : '  ✗ over the target'}`);
}
const worst = Math.max(...results.map((r) => r.exponent));
if (args.json) console.log(JSON.stringify({ target: TARGET, worst, results }, null, 2));
else console.log(`\nworst growth exponent ${worst.toFixed(2)} (target < ${TARGET})`);
process.exitCode = worst < TARGET ? 0 : 1;
