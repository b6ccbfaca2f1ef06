/**
 * A long synthetic session for benchmarks: about eight hours of turns (prompt, thinking,
 * tool calls, diffs, commands, test runs, responses, now and then a decision, approval,
 * interrupt, narration, commit or subagent lane), with exactly the requested number of
 * events. Built from small text pools so 100k events take well under a second; diffs chain
 * per path like a real session.
 */
import type { EventOf, SessionEvent, SessionMeta } from '../model/schema';
import { createRng, mixSeed, type Rng } from './prng';
import { ansi } from './terminal';
import type { GeneratedSession } from './types';

const EIGHT_HOURS = 8 * 3600_000;
const CWD = '/home/dev/fleet-scheduler';
const MODEL = 'claude-sonnet-4-5';

const MODULES = ['scheduler', 'dispatch', 'routing', 'billing', 'telemetry', 'auth', 'vehicles', 'drivers', 'shifts', 'geo', 'notifications', 'reports'];
const PARTS = ['index', 'service', 'repository', 'validate', 'types', 'handlers', 'queue', 'cache', 'mapper', 'policy'];
const IDENTS = ['assignDriver', 'planRoute', 'nextSlot', 'loadShift', 'settleInvoice', 'refreshToken', 'snapToRoad', 'bucketByHour', 'retryJob', 'mergeStops', 'estimateEta', 'closeShift', 'parseManifest', 'notifyDispatcher', 'reserveVehicle', 'releaseHold', 'rollupDaily', 'haversineKm', 'toCents', 'isoWeek'];
const TYPES = ['Shift', 'Route', 'Stop', 'Vehicle', 'Driver', 'Invoice', 'Slot', 'Job', 'GeoPoint', 'Manifest'];

const PROMPTS = [
  'Read {file} and tell me what {fn} does with an empty list before changing anything.',
  'The tests in {test} are flaky on CI. Find out why before you touch them.',
  'Add a guard in {fn} for negative durations; write the failing test first.',
  "That's not what {fn} does: it returns early when the cache is warm. Re-read {file}.",
  'Run the {mod} tests and show me the failures, no fixes yet.',
  'What are the options for making {fn} idempotent? Give me the tradeoffs, not code.',
  'ok, go with the second option. Keep the public signature of {fn} unchanged.',
  'Stop. Revert the last edit to {file}, it changed behaviour for existing callers.',
  'Can you grep for every caller of {fn} and check none of them rely on the old ordering?',
  'Edge case: what happens in {fn} when the shift crosses midnight in a DST change?',
  'Looks fine. Run the whole suite, then commit with a message that explains the why.',
  'Split {file} so the pure logic has no database imports.',
  'Please add a test for the empty manifest case in {test}.',
  'Why did you change {file}? I asked only for {fn}.',
  'Let me check the diff first. Meanwhile, tell me what could go wrong with concurrent calls.',
  'Rename {fn} to something that says it mutates its argument, and update the callers.',
  'We need to keep Node 18 support, so no Array.prototype.findLast in {file}.',
  'Write a property test for {fn}: output sorted, no stop dropped.',
];

const THOUGHTS = [
  'The user wants analysis only. I should read the module and its tests first.',
  'The failure mentions an undefined slot; {fn} probably returns early before initialising it.',
  'There are two callers of {fn}; one passes a pre-sorted list, the other does not.',
  'A guard at the top of {fn} is the smallest change. I need a test that fails without it.',
  'The suite mixes fake and real timers; the leak is likely in the afterEach of {test}.',
  'Idempotency: either a dedupe key in the queue or a conditional write. The conditional write needs no new table.',
  'Before editing {file}, check whether the exported type is used outside the module.',
];

const PARAS = [
  'I read `{file}`. `{fn}` walks the stops in order and keeps a running ETA; it never checks for an empty list, so it returns `undefined` instead of an empty plan.',
  'The failure is deterministic: the test relies on `Date.now()` while the code under test uses the injected clock, so the two drift by a few milliseconds.',
  '**Option A**, a dedupe key in the queue: simple, but the key table grows without bound unless we expire it. **Option B**, a conditional write on `version`: no new storage, but every caller has to handle a conflict.',
  'All callers of `{fn}` pass lists sorted by `plannedAt`, except `{mod}/handlers.ts`, which sorts afterwards. That one would change behaviour if we stop sorting inside `{fn}`.',
  'I added the guard and a test for the empty case; the other tests in `{test}` are unchanged.',
  'The suite passes locally. I did not touch the snapshot files.',
  'You are right, I misread it: the early return is on the warm-cache path, not the cold one. That changes the fix: the guard belongs after the cache lookup.',
  'DST: `{fn}` adds hours in local time, so a shift crossing the spring-forward boundary comes out an hour short. Using UTC internally and converting at the edges avoids it.',
];

const CODE = [
  'export function {fn}(stops: readonly {type}[]): {type}[] {\n  if (stops.length === 0) return [];\n  return [...stops].sort((a, b) => a.plannedAt - b.plannedAt);\n}',
  "it('{fn} handles an empty list', () => {\n  expect({fn}([])).toEqual([]);\n});",
  'const key = `${job.tenantId}:${job.id}:${job.version}`;\nif (await seen.has(key)) return { status: "duplicate" };\nawait seen.add(key, { ttlMs: 86_400_000 });',
  'const start = Date.UTC(y, m, d, h);\nconst end = start + shift.hours * 3_600_000;\nreturn { start, end };',
];

const OUTPUT_LINES = [
  `${ansi.green('✓')} test/{mod}/{part}.test.ts (12 tests) 38ms`,
  `${ansi.red('×')} {fn} > handles an empty list 4ms`,
  '    at {fn} (src/{mod}/{part}.ts:42:17)',
  '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
  'src/{mod}/{part}.ts(88,13): error TS2532: Object is possibly \'undefined\'.',
  `${ansi.yellow('warn')}  {mod}: slow query (412 ms) SELECT * FROM stops WHERE route_id = $1`,
  '[{mod}] dispatched job 8f21c0 to worker-3',
  ' M src/{mod}/{part}.ts',
  '?? test/{mod}/{part}.test.ts',
  `${ansi.dim(' Test Files ')} ${ansi.bold(ansi.green('14 passed'))}${ansi.gray(' (14)')}`,
  'added 3 packages, and audited 812 packages in 2s',
  '{"level":"info","msg":"route planned","stops":17,"etaMin":143}',
];

const COMMANDS = [
  'npx vitest run test/{mod}',
  'npm test',
  'npx tsc --noEmit',
  'npm run lint',
  'git status --short',
  'git diff --stat',
  'rg -n "{fn}" src',
  'node scripts/replay-jobs.mjs --day 2026-02-11',
  'ls src/{mod}',
];

const NARRATION = [
  "I'm letting it read first, I don't want an edit before I know how the cache path works.",
  "That claim about the early return doesn't match what I saw, I'll push back on it.",
  'The test is green but it only covers the sorted case. I want the unsorted caller too.',
  "I'm going to deny that install, we agreed no new dependencies.",
  'Running the whole suite before I commit, not just this folder.',
];

function fill(tpl: string, rng: Rng, file: string): string {
  const mod = rng.pick(MODULES);
  return tpl
    .replaceAll('{file}', file)
    .replaceAll('{fn}', rng.pick(IDENTS))
    .replaceAll('{mod}', mod)
    .replaceAll('{part}', rng.pick(PARTS))
    .replaceAll('{type}', rng.pick(TYPES))
    .replaceAll('{test}', `test/${mod}/${rng.pick(PARTS)}.test.ts`);
}

/** About 600 distinct source lines, made once, from which file contents are cut. */
function linePool(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const fn = IDENTS[i % IDENTS.length]!;
    const ty = TYPES[(i * 7) % TYPES.length]!;
    const mod = MODULES[(i * 5) % MODULES.length]!;
    switch (i % 12) {
      case 0: lines.push(`export async function ${fn}${i}(input: ${ty}, ctx: Context): Promise<${ty}> {`); break;
      case 1: lines.push(`  const found = await ctx.db.${mod}.findOne({ id: input.id, tenantId: ctx.tenantId });`); break;
      case 2: lines.push(`  if (!found) throw new NotFoundError('${ty.toLowerCase()}', input.id);`); break;
      case 3: lines.push(`  const next = { ...found, updatedAt: ctx.clock(), revision: found.revision + ${i % 5} };`); break;
      case 4: lines.push(`  ctx.log.debug({ id: input.id, step: '${fn}' }, '${mod} updated');`); break;
      case 5: lines.push(`  return ctx.db.${mod}.save(next);`); break;
      case 6: lines.push('}'); break;
      case 7: lines.push(''); break;
      case 8: lines.push(`/** ${ty} ${fn} helper; keeps ${mod} consistent when stops change. */`); break;
      case 9: lines.push(`export const ${fn.toUpperCase()}_LIMIT_${i} = ${(i * 37) % 1000};`); break;
      case 10: lines.push(`  for (const stop of input.stops ?? []) total += haversineKm(stop.at, input.depot);`); break;
      default: lines.push(`import { ${fn} } from '../${mod}/${PARTS[i % PARTS.length]}';`);
    }
  }
  return lines;
}

/** Deterministic 8-hour session with exactly `eventCount` events. */
export function generateLargeSession(eventCount = 100_000, seed = 1): GeneratedSession {
  if (!Number.isInteger(eventCount) || eventCount < 0) throw new RangeError('eventCount must be a non-negative integer');
  const rng = createRng(mixSeed('large', seed));
  const pool = linePool();
  const files = new Map<string, string[]>();
  const paths: string[] = [];
  for (const mod of MODULES) for (const part of PARTS.slice(0, 5)) paths.push(`src/${mod}/${part}.ts`);

  // Timestamps: a mix of quick tool steps, short pauses and long thinking breaks, scaled to 8 h.
  const times = new Float64Array(eventCount);
  let acc = 0;
  for (let i = 0; i < eventCount; i++) {
    const u = rng();
    acc += u < 0.7 ? 50 + rng() * 750 : u < 0.95 ? 1000 + rng() * 9000 : 20_000 + rng() * 100_000;
    times[i] = acc;
  }
  const scale = acc > 0 ? (EIGHT_HOURS * 0.995) / acc : 0;

  const events: SessionEvent[] = [];
  const lanes: { id: string; label: string }[] = [];
  let turn = '';
  let lane: string | undefined;
  const room = () => events.length < eventCount;
  const next = <E extends SessionEvent>(ev: Omit<E, 'id' | 't'>): E | undefined => {
    const i = events.length;
    if (i >= eventCount) return undefined;
    const full = { id: `e${String(i + 1).padStart(6, '0')}`, t: Math.floor(times[i]! * scale), ...ev } as E;
    if (lane && full.actor === 'agent') full.lane = lane;
    events.push(full);
    return full;
  };
  /** Current lines of a file and their joined text (kept so a diff's before is never re-joined). */
  const text = new Map<string, string>();
  /** Files as they were before the agent first touched them. */
  const workspace: { path: string; content: string }[] = [];
  const content = (path: string): string[] => {
    let c = files.get(path);
    if (!c) {
      const start = rng.int(0, pool.length - 1);
      const n = rng.int(15, 60);
      c = [`// ${path}`];
      for (let k = 0; k < n; k++) c.push(pool[(start + k) % pool.length]!);
      const initial = c.join('\n');
      files.set(path, c);
      text.set(path, initial);
      workspace.push({ path, content: initial });
    }
    return c;
  };
  const numbered = (lines: string[], offset: number, limit: number) => {
    const out: string[] = [];
    for (let k = offset; k < Math.min(offset + limit, lines.length); k++) out.push(`${String(k + 1).padStart(6)}\t${lines[k]}`);
    return out.join('\n');
  };
  const output = (lines: number) => {
    const out: string[] = [];
    for (let k = 0; k < lines; k++) out.push(fill(rng.pick(OUTPUT_LINES), rng, ''));
    return out.join('\n');
  };

  const toolStep = () => {
    const u = rng();
    const file = rng.pick(paths);
    const parent = turn ? { parentId: turn } : {};
    if (u < 0.28) {
      const lines = content(file);
      const whole = rng.chance(0.12);
      const offset = whole ? 0 : rng.int(0, Math.max(0, lines.length - 10));
      const limit = whole ? lines.length : rng.int(5, 25);
      const input = whole ? { file_path: `${CWD}/${file}` } : { file_path: `${CWD}/${file}`, offset: offset + 1, limit };
      next<EventOf<'tool_call'>>({ actor: 'agent', kind: 'tool_call', name: 'Read', category: 'read', input, output: numbered(lines, offset, limit), status: 'ok', durationMs: rng.int(20, 120), ...parent });
    } else if (u < 0.42) {
      const fn = rng.pick(IDENTS);
      const hits: string[] = [];
      for (let k = rng.int(1, 12); k > 0; k--) hits.push(`${rng.pick(paths)}:${rng.int(1, 150)}:  const x = ${fn}(input);`);
      next<EventOf<'tool_call'>>({ actor: 'agent', kind: 'tool_call', name: 'Grep', category: 'search', input: { pattern: fn, path: 'src', output_mode: 'content' }, output: hits.join('\n'), status: 'ok', durationMs: rng.int(40, 300), ...parent });
    } else if (u < 0.5) {
      const mod = rng.pick(MODULES);
      next<EventOf<'tool_call'>>({ actor: 'agent', kind: 'tool_call', name: 'Glob', category: 'search', input: { pattern: `src/${mod}/**/*.ts` }, output: PARTS.slice(0, 5).map((p) => `src/${mod}/${p}.ts`).join('\n'), status: 'ok', durationMs: rng.int(10, 60), ...parent });
    } else if (u < 0.575) {
      const before = content(file);
      const beforeText = text.get(file)!;
      const after = before.slice();
      const at = rng.int(1, Math.max(1, after.length - 1));
      const removed = rng.int(0, 8);
      const add: string[] = [];
      for (let k = rng.int(1, 8); k > 0; k--) add.push(pool[rng.int(0, pool.length - 1)]!);
      const old = after.splice(at, removed, ...add);
      let afterText = after.join('\n');
      if (afterText === beforeText) {
        // The drawn lines happened to equal the ones replaced: make it a real change.
        add.push(`// reviewed ${events.length}`);
        after.splice(at + add.length - 1, 0, add[add.length - 1]!);
        afterText = after.join('\n');
      }
      files.set(file, after);
      text.set(file, afterText);
      const tool = next<EventOf<'tool_call'>>({ actor: 'agent', kind: 'tool_call', name: 'Edit', category: 'edit', input: { file_path: `${CWD}/${file}`, old_string: old.join('\n'), new_string: add.join('\n') }, output: `The file ${CWD}/${file} has been updated.`, status: 'ok', durationMs: rng.int(30, 150), ...parent });
      if (tool) next<EventOf<'diff'>>({ actor: 'agent', kind: 'diff', path: file, change: 'modified', before: beforeText, after: afterText, parentId: tool.id });
    } else if (u < 0.585) {
      const path = `src/${rng.pick(MODULES)}/generated-${events.length}.ts`;
      const start = rng.int(0, pool.length - 40);
      const lines = [`// ${path}`, ...pool.slice(start, start + rng.int(10, 40))];
      const created = lines.join('\n');
      files.set(path, lines);
      text.set(path, created);
      paths.push(path);
      const tool = next<EventOf<'tool_call'>>({ actor: 'agent', kind: 'tool_call', name: 'Write', category: 'write', input: { file_path: `${CWD}/${path}`, content: created }, output: `File created successfully at: ${CWD}/${path}`, status: 'ok', durationMs: rng.int(30, 150), ...parent });
      if (tool) next<EventOf<'diff'>>({ actor: 'agent', kind: 'diff', path, change: 'created', after: created, parentId: tool.id });
    } else {
      const cmd = fill(rng.pick(COMMANDS), rng, file);
      const isTest = cmd.includes('vitest') || cmd === 'npm test';
      const ok = rng.chance(0.75);
      const durationMs = isTest ? rng.int(900, 40_000) : rng.int(20, 6000);
      const v = rng();
      const stdout = output(v < 0.88 ? rng.int(1, 4) : v < 0.98 ? rng.int(8, 30) : rng.int(60, 160));
      const candidate = rng.chance(0.06);
      if (!candidate && rng.chance(0.08)) next<EventOf<'approval'>>({ actor: 'candidate', kind: 'approval', tool: 'Bash', granted: rng.chance(0.8), reason: 'checked the command' });
      const tool = candidate
        ? undefined
        : next<EventOf<'tool_call'>>({ actor: 'agent', kind: 'tool_call', name: 'Bash', category: 'shell', input: { command: cmd }, output: stdout, status: ok ? 'ok' : 'error', durationMs, ...parent });
      const command = next<EventOf<'command'>>({ actor: candidate ? 'candidate' : 'agent', kind: 'command', cmd, cwd: CWD, exitCode: ok ? 0 : 1, stdout, durationMs, ...(tool ? { parentId: tool.id } : {}) });
      if (command && isTest) {
        const total = rng.int(20, 400);
        const failed = ok ? 0 : rng.int(1, 6);
        next<EventOf<'test_run'>>({ actor: command.actor, kind: 'test_run', cmd, framework: 'vitest', passed: total - failed, failed, exitCode: ok ? 0 : 1, durationMs, parentId: command.id });
      }
    }
  };

  while (room()) {
    if (rng.chance(0.12)) {
      const said = rng.pick(NARRATION);
      const t = Math.floor(times[events.length]! * scale);
      next<EventOf<'narration'>>({ actor: 'candidate', kind: 'narration', text: said, endT: t + said.split(' ').length * 330 });
    }
    if (rng.chance(0.02)) next<EventOf<'marker'>>({ actor: 'system', kind: 'marker', label: `Checkpoint ${events.length}` });
    lane = undefined;
    const file = rng.pick(paths);
    turn = next<EventOf<'prompt'>>({ actor: 'candidate', kind: 'prompt', text: fill(rng.pick(PROMPTS), rng, file) })?.id ?? '';
    if (rng.chance(0.03)) {
      next<EventOf<'decision'>>({ actor: 'candidate', kind: 'decision', question: 'Dedupe in the queue or conditional write?', options: ['dedupe key in the queue', 'conditional write on version'], chosen: 'conditional write on version', rationale: 'No new storage to expire; conflicts are rare.' });
    }
    if (rng.chance(0.7)) next<EventOf<'thinking'>>({ actor: 'agent', kind: 'thinking', text: fill(rng.pick(THOUGHTS), rng, file), parentId: turn });
    if (rng.chance(0.05) && lanes.length < 200) {
      lane = `task-${lanes.length + 1}`;
      lanes.push({ id: lane, label: `Explore subagent ${lanes.length + 1}` });
    }
    for (let k = rng.int(1, 12); k > 0 && room(); k--) toolStep();
    lane = undefined;
    if (rng.chance(0.02)) {
      next<EventOf<'interrupt'>>({ actor: 'candidate', kind: 'interrupt', reason: 'Stopped an edit outside the agreed scope' });
      continue;
    }
    const paras = [fill(rng.pick(PARAS), rng, file)];
    for (let k = rng.int(0, 3); k > 0; k--) paras.push(fill(rng.pick(PARAS), rng, file));
    if (rng.chance(0.35)) paras.push('```ts\n' + fill(rng.pick(CODE), rng, file) + '\n```');
    next<EventOf<'response'>>({ actor: 'agent', kind: 'response', text: paras.join('\n\n'), model: MODEL, parentId: turn });
    if (rng.chance(0.06)) {
      const sha = rng.hex(40);
      const msg = `${rng.pick(['Fix', 'Guard', 'Refactor', 'Test'])} ${rng.pick(IDENTS)} in ${rng.pick(MODULES)}`;
      const cmd = next<EventOf<'command'>>({ actor: 'agent', kind: 'command', cmd: `git commit -am "${msg}"`, cwd: CWD, exitCode: 0, stdout: `[main ${sha.slice(0, 7)}] ${msg}\n 2 files changed, 14 insertions(+), 3 deletions(-)\n`, durationMs: rng.int(60, 400) });
      if (cmd) next<EventOf<'git_action'>>({ actor: 'agent', kind: 'git_action', action: 'commit', ref: 'main', sha, message: msg, parentId: cmd.id });
    }
  }

  let end = 0;
  for (const e of events) {
    const d = e.kind === 'narration' ? e.endT : e.t + (('durationMs' in e && e.durationMs) || 0);
    if (d > end) end = d;
  }
  const meta: SessionMeta = {
    id: `bench-${eventCount}-${seed}`,
    title: `Benchmark session (${String(eventCount).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} events)`,
    candidate: { id: `cand-${rng.hex(4)}`, displayName: 'Benchmark Candidate' },
    task: { title: 'Fleet scheduler maintenance day', statement: '# Fleet scheduler\n\nA long synthetic session for performance tests.' },
    source: { format: 'baton' },
    agent: { name: 'claude-code', version: '2.0.14' },
    model: MODEL,
    startedAt: '2026-02-11T08:30:00.000Z',
    durationMs: Math.max(EIGHT_HOURS, Math.ceil(end / 1000) * 1000),
    terminals: [],
    lanes,
    tags: ['benchmark'],
  };
  return { meta, events, workspace };
}
