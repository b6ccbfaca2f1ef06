/**
 * Profiling aid for the side-by-side view (not part of `npm run bench`): the four real
 * transcripts of bench-compare.ts in a prebuilt web build (`--dist DIR`, e.g. the one
 * bench-compare.ts leaves in $TMPDIR/baton-bench/dist-web-compare; `--port`), 100 warm-up seeks,
 * then a Chromium trace of `--seeks N` random seeks (`--mode conversation|events`, aligned by the
 * n-th prompt) and, from it, the renderer main thread's thread time per seek: by trace event, and
 * the seek's own task (its frame) as p50 / p90 / p95. Thread time hardly moves with the machine's
 * load, so two builds can be compared on a busy machine. `--profile 1` adds a V8 CPU profile of
 * as many more seeks (function names need an unminified build: `vite build --minify false`).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openCompare, withImportedTranscripts } from './compare-common';
import { printPerSeek, type Profile } from './cpu-profile';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string' },
    port: { type: 'string', default: '4304' },
    seeks: { type: 'string', default: '100' },
    mode: { type: 'string', default: 'conversation' },
    trace: { type: 'string', default: '/tmp/cmp2-trace.json' },
    cold: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});

async function main() {
  await withImportedTranscripts(args.dist!, Number(args.port), async ({ browser, page, ids, port }) => {
    await openCompare(page, port, ids, 'prompt');
    if (args.mode === 'conversation') for (const tab of await page.getByRole('tab', { name: 'Conversation' }).all()) await tab.click();
    const seeks = (count: number, seed0: number) =>
      page.evaluate(
        async ([count, seed0]: [number, number]) => {
          const { clock } = (window as unknown as { __batonCompare: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonCompare;
          const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
          let seed = seed0;
          const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
          const lat: number[] = [];
          for (let i = 0; i < count; i++) {
            const t = rand() * clock.get().duration;
            await frame();
            performance.mark(`seek-${i}`);
            const s = performance.now();
            clock.seek(t);
            await frame();
            await frame();
            lat.push(performance.now() - s);
            performance.mark(`done-${i}`);
          }
          return lat;
        },
        [count, seed0] as [number, number],
      );
    await new Promise((r) => setTimeout(r, 3000));
    if (!args.cold) await seeks(100, 4242);
    await new Promise((r) => setTimeout(r, 1000));
    const n = Number(args.seeks);
    await browser.startTracing(page, { path: args.trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8.execute'] });
    const lat = await seeks(n, 777);
    await browser.stopTracing();
    if (args.profile) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await seeks(n, 999);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      printPerSeek(profile, n, 25, 40);
    }
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
    console.log(`load ${loadavg()[0]!.toFixed(1)}; ${args.mode}; wall p50 ${q(lat, 0.5).toFixed(1)} p95 ${q(lat, 0.95).toFixed(1)}`);
    analyse(args.trace!);
  });
}

interface Ev { name: string; ph: string; ts: number; dur?: number; tdur?: number; tts?: number; pid: number; tid: number; cat: string; args?: { name?: string; data?: unknown } }

function analyse(path: string) {
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: Ev[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && traceEvents.some((m) => m.pid === e.pid && m.name.startsWith('seek-')));
  if (!main) throw new Error('no main thread');
  const evs = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const marks = new Map<string, number>();
  for (const e of evs) if (e.cat.includes('user_timing') && (e.name.startsWith('seek-') || e.name.startsWith('done-'))) marks.set(e.name, e.ts);
  const tasks = evs.filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'));
  const names = ['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'RunMicrotasks', 'ParseHTML', 'ScrollLayer', 'EventDispatch', 'HitTest'];
  const per: Record<string, number[]> = {};
  for (const nm of names) per[nm] = [];
  const layoutsPer: number[] = [];
  for (let i = 0; ; i++) {
    const a = marks.get(`seek-${i}`);
    const b = marks.get(`done-${i}`);
    if (a === undefined || b === undefined) break;
    // Tasks that overlap [a, b]: the seek's own task contains mark a.
    const inside = tasks.filter((t) => t.ts + (t.dur ?? 0) >= a && t.ts <= b);
    for (const nm of names) {
      const es = evs.filter((e) => e.ph === 'X' && e.name === nm && e.ts >= Math.min(a, ...inside.map((t) => t.ts)) && e.ts <= b);
      per[nm]!.push(es.reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0) / 1000);
      if (nm === 'Layout') layoutsPer.push(es.length);
    }
  }
  const q = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(`${layoutsPer.length} seeks; main-thread thread time per seek (seek → 2 frames), ms, by trace event (nested events counted in each):`);
  for (const [k, xs] of Object.entries(per)) if (mean(xs) > 0.05) console.log(`  ${k.padEnd(20)} mean ${mean(xs).toFixed(2)}  p50 ${q(xs, 0.5).toFixed(2)}  p95 ${q(xs, 0.95).toFixed(2)}`);
  console.log(`  layouts per seek mean ${mean(layoutsPer).toFixed(2)}`);
  // The seek's own task (the seek, React's render and commit, the forced layout, and the frame's
  // paint when the seek ran in a frame's callback, as here): the thread time after the mark.
  const xs = evs.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const top: Ev[] = [];
  let end = -1;
  for (const e of xs) {
    if (e.ts < end) continue;
    top.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  const own: number[] = [];
  const all: number[] = [];
  for (let i = 0; marks.has(`seek-${i}`); i++) {
    const a = marks.get(`seek-${i}`)!;
    const b = marks.get(`done-${i}`)!;
    const t = top.find((e) => e.ts <= a && e.ts + (e.dur ?? 0) >= a);
    if (!t) continue;
    let en = -1;
    let tt = 0;
    for (const e of xs) {
      if (e === t || e.ts < a || e.ts < en || e.ts + (e.dur ?? 0) > t.ts + (t.dur ?? 0)) continue;
      tt += e.tdur ?? 0;
      en = e.ts + (e.dur ?? 0);
    }
    own.push(tt / 1000);
    all.push(top.filter((e) => e.ts + (e.dur ?? 0) > a && e.ts < b).reduce((n, e) => n + (e.tdur ?? 0), 0) / 1000);
  }
  console.log(`  the seek's frame (its task after the seek), thread time: p50 ${q(own, 0.5).toFixed(2)} p90 ${q(own, 0.9).toFixed(2)} p95 ${q(own, 0.95).toFixed(2)} max ${Math.max(...own).toFixed(2)}`);
  console.log(`  every task from the seek to the second frame, thread time: mean ${mean(all).toFixed(2)} p95 ${q(all, 0.95).toFixed(2)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
