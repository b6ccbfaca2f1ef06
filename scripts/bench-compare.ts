/**
 * `npm run bench` (part): the side-by-side view with four real Claude Code transcripts of about
 * 2–3 MB each (from ../shared/rated-sessions/sessions), imported into the web build in headless
 * Chromium through the app's own Import files…. Measures seek-to-paint latency over 100 random
 * seeks of the shared clock, with every pane following: aligned by elapsed time, by the
 * candidate's n-th prompt, and with every pane on its conversation. Target: seek p95 ≤ 50 ms.
 * Each seek is made in a task just after a frame was painted and timed until the frame that
 * painted the last change it made (seek-measure.ts, the single replay's measure too).
 * `--measure two-frames` times them as this benchmark did until 2026-12-08: each seek made at
 * the start of a frame (in its animation callback) and timed to the start of the second frame
 * after that one, whatever was painted when. `--no-build` reuses the last build, `--json`.
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { buildWeb, startPreview } from './bench-common';
import { compareTranscripts, importTranscripts, openCompare, RATED_SESSIONS } from './compare-common';
import { cpuClock } from './bench-cpu';
import { paintedSeeks, quantiles } from './seek-measure';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '4181' },
    seeks: { type: 'string', default: '100' },
    measure: { type: 'string', default: 'painted' },
  },
});
const OUT_DIR = join(tmpdir(), 'baton-bench', 'dist-web-compare');
interface SeekStats {
  /** Per seek, from Chromium's own counters (CDP Performance.getMetrics): layouts and their time. */
  layouts?: number;
  layoutMs?: number;
  /** CPU time of Chromium's renderer process per seek, and of all its processes (renderer, GPU/compositor, browser), ms. */
  cpuRenderer?: number;
  cpuAll?: number;
  p50: number;
  p95: number;
  max: number;
  /** Main-thread JS of the seek (until the next task: React rendered and committed), p50 and p95. */
  js50: number;
  js95: number;
  /** With the painted measure: seeks by the frame after them that painted their last change (1: the first). */
  paintedIn?: Record<string, number>;
  /** With the painted measure, p50 / p95: seek → the first frame after it starts; that frame's start → painted. */
  wait?: { p50: number; p95: number };
  inFrame?: { p50: number; p95: number };
}

/** `n` random seeks, each made in a task just after a frame was painted and timed until the frame that painted its last change. */
async function seeksPainted(page: Page, n: number, noop = false): Promise<SeekStats> {
  const r = await paintedSeeks(page, n, 4242, { view: '__batonCompare', noop });
  const settled = quantiles(r.settled);
  // The seek's own task, whether or not it ended before its first frame began.
  const js = quantiles(r.taskAll);
  return { ...settled, js50: js.p50, js95: js.p95, paintedIn: r.paintedIn, wait: quantiles(r.waits), inFrame: quantiles(r.inFrame) };
}

/**
 * The measure used until 2026-12-08: `n` random seeks of the shared clock, each made in a
 * frame's animation callback and timed to the start of the second frame after that one.
 */
function seeksTwoFrames(page: Page, n: number, noop = false): Promise<SeekStats> {
  return page.evaluate(async ({ count, skip }) => {
    const { clock } = (window as unknown as { __batonCompare: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonCompare;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const lat: number[] = [];
    const js: number[] = [];
    let seed = 4242;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < count; i++) {
      const t = rand() * clock.get().duration;
      await frame();
      const start = performance.now();
      if (!skip) clock.seek(t);
      // React renders and commits the seek in the same task (useSyncExternalStore updates are sync).
      await new Promise<void>((r) => setTimeout(r, 0));
      js.push(performance.now() - start);
      await frame();
      await frame();
      lat.push(performance.now() - start);
    }
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
    return { p50: q(lat, 0.5), p95: q(lat, 0.95), max: Math.max(...lat), js50: q(js, 0.5), js95: q(js, 0.95) };
  }, { count: n, skip: noop });
}

async function main() {
  const log = (s: string) => {
    if (!args.json) console.log(s);
  };
  if (!existsSync(RATED_SESSIONS)) {
    log(`\nSide-by-side seek benchmark: skipped (${RATED_SESSIONS} not found; set BATON_RATED_SESSIONS_SESSIONS)`);
    return;
  }
  const files = compareTranscripts();
  if (files.length < 4) {
    log(`\nSide-by-side seek benchmark: skipped (fewer than four transcripts in ${RATED_SESSIONS})`);
    return;
  }
  if (!args['no-build']) {
    log('building the web app…');
    buildWeb(OUT_DIR);
  }
  const port = Number(args.port);
  const n = Number(args.seeks);
  if (args.measure !== 'painted' && args.measure !== 'two-frames') throw new Error(`--measure: painted or two-frames, not ${args.measure}`);
  const seeks = args.measure === 'painted' ? seeksPainted : seeksTwoFrames;
  const server = await startPreview(OUT_DIR, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    let pageErrors = 0;
    page.on('pageerror', (e) => {
      pageErrors++;
      console.error(`page error: ${e.message}`);
    });
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`http://127.0.0.1:${port}/`);
    const tImport = Date.now();
    const info = await importTranscripts(page, files);
    const importMs = Date.now() - tImport;
    if (info.length !== 4) throw new Error(`expected 4 imported sessions, found ${info.length}`);

    const tOpen = Date.now();
    await openCompare(page, port, info.map((s) => s.id), 'elapsed');
    const openMs = Date.now() - tOpen;

    // CPU time per seek, from Chromium itself: independent of how busy the machine's other
    // processes keep its cores (the wall-clock latencies are not).
    const cpu = await cpuClock(browser);
    const pcdp = await page.context().newCDPSession(page);
    await pcdp.send('Performance.enable');
    const counters = async () => {
      const { metrics } = (await pcdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      return { layouts: m.LayoutCount ?? 0, layoutS: m.LayoutDuration ?? 0 };
    };
    const measured = async (noop = false) => {
      const k0 = await counters();
      const c0 = await cpu();
      const s = await seeks(page, n, noop);
      const c1 = await cpu();
      const k1 = await counters();
      return { ...s, cpuRenderer: (c1.renderer - c0.renderer) / n, cpuAll: (c1.all - c0.all) / n, layouts: (k1.layouts - k0.layouts) / n, layoutMs: ((k1.layoutS - k0.layoutS) * 1000) / n };
    };
    const cold = await measured();
    const elapsed = await measured();
    await page.getByTestId('align-mode').selectOption('prompt');
    await seeks(page, 20);
    const prompt = await measured();
    for (const tab of await page.getByRole('tab', { name: 'Conversation' }).all()) await tab.click();
    await seeks(page, 20);
    const conversation = await measured();
    // The same loop with the seek left out: nothing changes; what is left is the measure's own floor.
    const floor = await measured(true);
    const heapMiB = await page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1048576);

    const result = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version()}`,
      loadAverage1m: loadavg()[0] ?? 0,
      fileMB: files.map((x) => x.bytes / 1e6),
      events: info.map((s) => s.events),
      importMs,
      openMs,
      seeks: n,
      measure: args.measure,
      cold,
      elapsed,
      prompt,
      conversation,
      floor,
      heapMiB,
      pageErrors,
    };
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else {
      const f = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
      const extra = (s: SeekStats) =>
        s.paintedIn && s.wait && s.inFrame
          ? ` ${Object.entries(s.paintedIn)
              .sort()
              .map(([k, v]) => `${k}: ${v}`)
              .join(', ')} | ${f(s.wait.p50, 1)} / ${f(s.wait.p95, 1)} ms | ${f(s.inFrame.p50, 1)} / ${f(s.inFrame.p95, 1)} ms |`
          : '';
      const row = (s: SeekStats) => `${f(s.p50, 1)} / ${f(s.p95, 1)} / ${f(s.max, 1)} ms | ${f(s.js50, 1)} / ${f(s.js95, 1)} ms | ${f(s.cpuRenderer ?? NaN, 1)} / ${f(s.cpuAll ?? NaN, 1)} ms | ${f(s.layouts ?? NaN, 2)} / ${f(s.layoutMs ?? NaN, 1)} ms |${extra(s)}`;
      console.log(`\nSide by side: four real Claude Code transcripts (${result.fileMB.map((x) => f(x, 1)).join(', ')} MB; ${result.events.map((x) => f(x)).join(', ')} events), 1920×1080`);
      console.log(`import of the four through Import files… (worker → IndexedDB): ${f(importMs)} ms; open the side-by-side view to interactive: ${f(openMs)} ms`);
      const painted = args.measure === 'painted';
      const latency = painted ? 'seek (in a task just after a frame) → the frame that painted its last change' : 'seek (at a frame\'s start) → the second frame after it starts';
      console.log(`measure: ${args.measure}`);
      console.log(`| seeks (target: p95 ≤ 50 ms) | ${latency}, p50 / p95 / max | JS until committed p50 / p95 | CPU per seek: renderer / all Chromium | layouts per seek / their time |${painted ? ' seeks by the frame that painted their last change (1: the first) | seek → its first frame starts, p50 / p95 | that frame, p50 / p95 |' : ''}\n|---|---|---|---|---|${painted ? '---|---|---|' : ''}`);
      console.log(`| ${n} random seeks, first pass (cold) | ${row(cold)}`);
      console.log(`| ${n} random seeks, aligned by elapsed time, event lists | ${row(elapsed)}`);
      console.log(`| ${n} random seeks, aligned by the n-th prompt, event lists | ${row(prompt)}`);
      console.log(`| ${n} random seeks, n-th prompt, every pane on its conversation | ${row(conversation)}`);
      console.log(`| the same ${n} with the seek left out (the measure's floor: nothing changes) | ${row(floor)}`);
      console.log(`JS heap after the seeks: ${f(heapMiB)} MiB; uncaught page errors: ${pageErrors}`);
      console.log(`machine: ${result.machine}; 1-minute load average ${f(result.loadAverage1m, 1)}; ${result.date}`);
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
