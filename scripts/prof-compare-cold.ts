/**
 * Profiling aid for the side-by-side view's first pass (not part of `npm run bench`): exactly
 * bench-compare.ts's cold pass (the four real transcripts, aligned by elapsed time, event
 * lists, 100 random seeks with its seed, started as soon as the view is interactive) in a
 * prebuilt web build (`--dist DIR`), under a Chromium trace. From the trace, per seek, the
 * renderer main thread's thread time from the seek until its second frame, split into script,
 * style, layout, paint (prepaint, paint, layerize, commit) and idle-time callbacks; printed for
 * the whole pass (mean, p50, p95) and for the `--top N` slowest seeks. Thread time hardly moves
 * with the machine's load. `--profile 1` samples a V8 CPU profile of the pass instead of
 * tracing it (function names need an unminified build: `vite build --minify false`).
 * `--warm` runs a pass first and traces the second: by default the same seeks, or
 * `--warm-seeks N` seeks with `--warm-seed S` (other seeks: what warms, the seeks' own texts or
 * seeking as such). On Linux it also prints the renderer main thread's minor page faults and
 * user/system CPU time over the measured pass (/proc), which the machine's load hardly moves.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { openCompare, withImportedTranscripts } from './compare-common';
import { printPerSeek, type Profile } from './cpu-profile';
import { rendererPids } from './bench-cpu';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string' },
    port: { type: 'string', default: '4305' },
    seeks: { type: 'string', default: '100' },
    trace: { type: 'string', default: '/tmp/compare-cold-trace.json' },
    top: { type: 'string', default: '8' },
    wait: { type: 'string', default: '0' },
    warm: { type: 'boolean', default: false },
    'warm-seed': { type: 'string', default: '4242' },
    'warm-seeks': { type: 'string' },
    profile: { type: 'string' },
  },
});

async function main() {
  await withImportedTranscripts(args.dist!, Number(args.port), async ({ browser, page, ids, port }) => {
    const trace = () => browser.startTracing(page, { path: args.trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8.execute', 'v8', ...(process.env.TRACE_EXTRA ?? '').split(',').filter(Boolean)] });
    if (!args.profile && !args.warm) await trace();
    await openCompare(page, port, ids, 'elapsed');
    await new Promise((r) => setTimeout(r, Number(args.wait)));
    const cdp = await page.context().newCDPSession(page);
    if (args.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const n = Number(args.seeks);
    const mainThread = await rendererMainThread(browser);
    const pass = (count: number, seed0 = 4242) => page.evaluate(async ([count, seed0]) => {
      const { clock } = (window as unknown as { __batonCompare: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonCompare;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const out: number[] = [];
      let seed = seed0;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let i = 0; i < count; i++) {
        const t = rand() * clock.get().duration;
        await frame();
        performance.mark(`seek-${i}`);
        const s = performance.now();
        clock.seek(t);
        await new Promise<void>((r) => setTimeout(r, 0));
        await frame();
        await frame();
        out.push(performance.now() - s);
        performance.mark(`done-${i}`);
      }
      return out;
    }, [count, seed0] as const);
    if (args.warm) {
      await pass(Number(args['warm-seeks'] ?? n), Number(args['warm-seed']));
      if (!args.profile) await trace();
    }
    const before = mainThread();
    const lat = await pass(n);
    const after = mainThread();
    if (before && after) console.log(`renderer main thread over the pass: ${after.faults - before.faults} minor page faults, user ${after.user - before.user} ms, system ${after.system - before.system} ms`);
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
    console.log(`load ${loadavg()[0]!.toFixed(1)}; cold pass wall p50 ${q(lat, 0.5).toFixed(1)} p95 ${q(lat, 0.95).toFixed(1)}`);
    if (args.profile) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      writeFileSync(`${args.trace!}.cpuprofile`, JSON.stringify(profile));
      printPerSeek(profile, n);
    } else {
      await browser.stopTracing();
      analyse(args.trace!, lat, Number(args.top));
    }
  });
}

/** A reader of the renderer main thread's minor page faults and CPU times (ms), from /proc: Linux only, else undefined. */
async function rendererMainThread(browser: Browser): Promise<() => { faults: number; user: number; system: number } | undefined> {
  // The page's renderer is the busiest (it imported the transcripts); its main thread's id is the process's.
  const [pid] = await rendererPids(browser);
  const path = pid ? `/proc/${pid}/task/${pid}/stat` : '';
  return () => {
    if (!path || !existsSync(path)) return undefined;
    // Fields after the command's closing parenthesis: state is the first, minflt the 8th, utime and stime the 12th and 13th (clock ticks, 100 a second).
    const f = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return { faults: Number(f[7]), user: Number(f[11]) * 10, system: Number(f[12]) * 10 };
  };
}

interface Ev { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; cat: string; args?: { name?: string; data?: { url?: string; functionName?: string } } }
const PHASE: Record<string, string> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  UpdateLayer: 'paint',
  FireIdleCallback: 'idle',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  'V8.GCScavenger': 'gc',
  'V8.GCFinalizeMC': 'gc',
  'V8.GCIncrementalMarking': 'gc',
  MinorGCIncremental: 'gc',
};

function analyse(path: string, lat: number[], topN: number) {
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: Ev[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && traceEvents.some((m) => m.pid === e.pid && m.name.startsWith('seek-')));
  if (!main) throw new Error('no main thread');
  const evs = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.tdur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const marks = new Map<string, number>();
  for (const e of traceEvents) if (e.pid === main.pid && e.cat.includes('user_timing') && /^(seek|done)-\d+$/.test(e.name)) marks.set(e.name, e.ts);
  // Self thread time of every event, attributed to the phase of its nearest classified ancestor (idle wins over anything inside it).
  const stack: { e: Ev; phase: string }[] = [];
  const slices: { ts: number; self: number; phase: string }[] = [];
  const selfOf = new Map<Ev, number>();
  for (const e of evs) {
    while (stack.length && stack.at(-1)!.e.ts + (stack.at(-1)!.e.dur ?? 0) <= e.ts) stack.pop();
    const up = stack.at(-1);
    const own = PHASE[e.name];
    const phase = up?.phase === 'idle' ? 'idle' : (own ?? up?.phase ?? 'script');
    if (up) selfOf.set(up.e, (selfOf.get(up.e) ?? 0) + (e.tdur ?? 0));
    stack.push({ e, phase });
    slices.push({ ts: e.ts, self: 0, phase });
  }
  evs.forEach((e, i) => (slices[i]!.self = Math.max(0, (e.tdur ?? 0) - (selfOf.get(e) ?? 0)) / 1000));
  const phases = ['script', 'style', 'layout', 'paint', 'gc', 'idle'];
  const rows: { i: number; wall: number; total: number; by: Record<string, number> }[] = [];
  for (let i = 0; marks.has(`seek-${i}`); i++) {
    const a = marks.get(`seek-${i}`)!;
    const b = marks.get(`done-${i}`)!;
    const by: Record<string, number> = Object.fromEntries(phases.map((p) => [p, 0]));
    // The seek's own task began before its mark (the frame callback that seeks): count from the mark.
    for (const s of slices) if (s.ts >= a && s.ts <= b) by[s.phase] = (by[s.phase] ?? 0) + s.self;
    rows.push({ i, wall: lat[i] ?? NaN, total: phases.reduce((n, p) => n + by[p]!, 0), by });
  }
  const q = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const line = (label: string, f: (xs: number[]) => number) => console.log(`  ${label.padEnd(6)} total ${f(rows.map((r) => r.total)).toFixed(1)}  ${phases.map((p) => `${p} ${f(rows.map((r) => r.by[p]!)).toFixed(1)}`).join('  ')}`);
  console.log(`${rows.length} seeks; main-thread thread time per seek (seek → second frame), ms:`);
  line('mean', mean);
  line('p50', (xs) => q(xs, 0.5));
  line('p95', (xs) => q(xs, 0.95));
  console.log(`slowest ${topN} by thread time:`);
  for (const r of [...rows].sort((x, y) => y.total - x.total).slice(0, topN)) console.log(`  seek ${String(r.i).padStart(3)} wall ${r.wall.toFixed(1)} thread ${r.total.toFixed(1)}  ${phases.map((p) => `${p} ${r.by[p]!.toFixed(1)}`).join('  ')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
