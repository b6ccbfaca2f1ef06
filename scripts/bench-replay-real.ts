/**
 * `npm run bench` (part): seeking in the replay of a real Claude Code transcript (issue 20: a
 * real 2.8 MB session with long markdown messages seeked slower than the bundled samples).
 * Imports the transcript through the web build's Import files… in headless Chromium, opens its
 * replay (event list, conversation, timeline, Decisions tab) and the largest bundled sample's in
 * the same browser, and seeks each to random moments: every seek is made in a task just after a
 * frame was painted, and timed until the frame that painted the last change it made to the page.
 * Target: p95 ≤ one frame + 4 ms (20.7 ms at 60 Hz): every pane's update is in the first frame
 * after the seek.
 * Also prints, per seek, Chromium's own counters (layouts and their time, style recalcs,
 * script: CDP Performance.getMetrics), the renderer's CPU time (SystemInfo.getProcessInfo), the
 * elements in the document, and the time to the next painted frame whatever it held; which
 * frame after the seek painted its last change, and which pane changed after the first frame;
 * how long the seek waited for its frame and how long that frame took (`--trace file`: a
 * Chromium trace of the warm seeks on the real transcript). And the floor of this measure on
 * the machine: the same loop on the real transcript's replay with the seek left out (nothing
 * changes, the frame after it still has to come). And a reference without the app: the same
 * loop on a bare page showing what a seek on the real transcript shows (the app's own rows and
 * messages, copied from its replay, rebuilt by hand on each seek: `bare-seek-page.ts`), and on
 * the same page moving only a clock and a playhead.
 *
 * The transcript: BATON_REAL_TRANSCRIPT, else the .jsonl closest to 2.8 MB in
 * ../shared/rated-sessions/sessions or ../shared/real-sessions/claude-code (skips with a message
 * when none is there). `--no-build` reuses the last build, `--seeks N`, `--port`, `--json`.
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { buildWeb, importThroughChooser, startPreview, storedSessions } from './bench-common';
import { cpuClock } from './bench-cpu';
import { harvestReplay, openBareSeekPage, type ReplayContent } from './bare-seek-page';
import { paintedSeeks, quantiles, type Quantiles } from './seek-measure';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '4183' },
    seeks: { type: 'string', default: '200' },
    /** Writes a Chromium trace of the warm seeks on the real transcript here (use a few --seeks). */
    trace: { type: 'string' },
  },
});
const HERE = dirname(fileURLToPath(import.meta.url));
const SHARED = resolve(HERE, '../../shared');
const OUT_DIR = join(tmpdir(), 'baton-bench', 'dist-web-replay-real');
const TARGET_BYTES = 2.8e6;
const FRAME_MS = 1000 / 60;

/** Every .jsonl under `dir` (two levels at most). */
function jsonlFiles(dir: string, depth = 2): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && depth > 0) out.push(...jsonlFiles(p, depth - 1));
    else if (e.isFile() && e.name.endsWith('.jsonl')) out.push(p);
  }
  return out;
}

/** The transcript to replay: the env override, else the real .jsonl closest to 2.8 MB. */
function pickTranscript(): string | undefined {
  const env = process.env.BATON_REAL_TRANSCRIPT;
  if (env) return existsSync(env) ? env : undefined;
  const all = [...jsonlFiles(join(SHARED, 'rated-sessions/sessions'), 0), ...jsonlFiles(join(SHARED, 'real-sessions/claude-code'))];
  return all.map((p) => ({ p, d: Math.abs(statSync(p).size - TARGET_BYTES) })).sort((a, b) => a.d - b.d)[0]?.p;
}

export interface SeekRun {
  /** Seek → the next frame painted. */
  first: Quantiles;
  /** Seek → the frame that painted its last change (the target: p95 ≤ one frame + 4 ms). */
  settled: Quantiles;
  /** Seeks by their time to all changes painted, in 16.7 ms frame intervals after the first 4 ms (1: within 20.7 ms). This is time, not which frame: see paintedIn. */
  frames: Record<string, number>;
  /** Per seek, from Chromium's counters. */
  layouts: number;
  layoutMs: number;
  styles: number;
  styleMs: number;
  scriptMs: number;
  cpuRendererMs: number;
  /** Seeks by the frame after them that painted their last change, counted in frames (1: the first). */
  paintedIn: Record<string, number>;
  /** p50 / p95: seek → the first frame after it starts; that frame's start → painted; the seek's own task. */
  wait: Quantiles;
  inFrame: Quantiles;
  task: Quantiles;
  /** Per pane and kind of change: the seeks that changed it after their first painted frame. */
  late: Record<string, number>;
  /** Elements in the document after the seeks (mean and max over seeks). */
  elementsMean: number;
  elementsMax: number;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: m } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

async function measure(page: Page, cdp: CDPSession, cpu: () => Promise<number>, n: number, seed: number, noop = false): Promise<SeekRun> {
  const m0 = await metrics(cdp);
  const c0 = await cpu();
  const r = await paintedSeeks(page, n, seed, { noop });
  const c1 = await cpu();
  const m1 = await metrics(cdp);
  const per = (k: string) => (m1[k]! - m0[k]!) / n;
  const frames: Record<string, number> = {};
  for (const ms of r.settled) {
    const k = Math.max(1, Math.ceil((ms - 4) / FRAME_MS));
    const key = k >= 4 ? '4+' : String(k);
    frames[key] = (frames[key] ?? 0) + 1;
  }
  return {
    first: quantiles(r.first),
    settled: quantiles(r.settled),
    frames,
    layouts: per('LayoutCount'),
    layoutMs: per('LayoutDuration') * 1000,
    styles: per('RecalcStyleCount'),
    styleMs: per('RecalcStyleDuration') * 1000,
    scriptMs: per('ScriptDuration') * 1000,
    cpuRendererMs: (c1 - c0) / n,
    paintedIn: r.paintedIn,
    wait: quantiles(r.waits),
    inFrame: quantiles(r.inFrame),
    task: quantiles(r.tasks),
    late: r.late,
    elementsMean: r.elements.reduce((a, b) => a + b, 0) / n,
    elementsMax: Math.max(...r.elements),
  };
}

async function main() {
  const log = (s: string) => {
    if (!args.json) console.log(s);
  };
  const transcript = pickTranscript();
  if (!transcript) {
    log(`\nReplay seek benchmark on a real transcript: skipped (no Claude Code .jsonl in ${SHARED}/rated-sessions/sessions or ${SHARED}/real-sessions/claude-code; set BATON_REAL_TRANSCRIPT)`);
    return;
  }
  if (!args['no-build']) {
    log('building the web app…');
    buildWeb(OUT_DIR);
  }
  const port = Number(args.port);
  const n = Number(args.seeks);
  const server = await startPreview(OUT_DIR, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let pageErrors = 0;
    page.on('pageerror', (e) => {
      pageErrors++;
      console.error(`page error: ${e.message}`);
    });
    await page.addInitScript('globalThis.__name = (f) => f;');
    // Every run on the same tab: the Decisions tab beside the event list and the conversation.
    await page.addInitScript("localStorage.setItem('baton.replay.tab', 'decisions');");
    await page.goto(`http://127.0.0.1:${port}/`);
    await importThroughChooser(page, [transcript], 1);
    const sessions = await storedSessions(page);
    const real = sessions.find((s) => !s.sample);
    const sample = sessions.filter((s) => s.sample).sort((a, b) => b.events - a.events)[0];
    if (!real || !sample) throw new Error(`expected the imported session and a bundled sample, found ${JSON.stringify(sessions)}`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const clock = await cpuClock(browser);
    /** Milliseconds of CPU used so far by the renderer processes. */
    const cpu = async () => (await clock()).renderer;
    const open = async (id: string) => {
      await page.goto(`http://127.0.0.1:${port}/?bench=1#/session/${encodeURIComponent(id)}`);
      await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay), undefined, { timeout: 120_000 });
      await page.getByTestId('replay-event').first().waitFor();
      await page.getByTestId('conv-message').first().waitFor();
    };
    const run = async (id: string, trace?: string) => {
      await open(id);
      const cold = await measure(page, cdp, cpu, Math.min(n, 100), 99);
      if (trace) await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'disabled-by-default-devtools.timeline.stack', 'blink.user_timing', 'cc', 'viz', 'benchmark', 'toplevel'] });
      const warm = await measure(page, cdp, cpu, n, 12345);
      if (trace) await browser.stopTracing();
      return { cold, warm };
    };
    const realRun = await run(real.id, args.trace);
    // Still on the real transcript's replay: the same loop with the seek left out.
    const realFloor = await measure(page, cdp, cpu, n, 777, true);
    const sampleRun = await run(sample.id);
    // A page without the app, in the same browser: what a seek on the real transcript shows
    // (the app's own rows and messages, copied), done by hand.
    await open(real.id);
    const content = await harvestReplay(page);
    // The app's page closed, so nothing of it runs beside the bare page's seeks.
    await page.close();
    const bare = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const bareCdp = await bare.context().newCDPSession(bare);
    await bareCdp.send('Performance.enable');
    const bareRun = async (c?: ReplayContent) => {
      await openBareSeekPage(bare, c);
      await measure(bare, bareCdp, cpu, 20, 5); // warm-up, not counted
      return measure(bare, bareCdp, cpu, n, 12345);
    };
    const barePage = { rows: content.rows.length, messages: content.messages.length, clockOnly: await bareRun(), withLists: await bareRun(content) };

    const result = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version()}`,
      loadAverage1m: loadavg()[0] ?? 0,
      transcript: { file: basename(transcript), mb: statSync(transcript).size / 1e6, events: real.events },
      sampleEvents: sample.events,
      seeks: n,
      real: realRun,
      realWithoutSeek: realFloor,
      sample: sampleRun,
      barePage,
      pageErrors,
    };
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else {
      const f = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
      const fr = (s: SeekRun) => Object.entries(s.frames).sort().map(([k, v]) => `${k}: ${v}`).join(', ');
      const qs = (x: Quantiles) => `${f(x.p50, 1)} / ${f(x.p95, 1)} / ${f(x.max, 1)} ms`;
      const row = (name: string, s: SeekRun) =>
        `| ${name} | ${qs(s.settled)} | ${qs(s.first)} | ${fr(s)} | ${f(s.layouts, 2)} / ${f(s.layoutMs, 2)} ms | ${f(s.styles, 2)} / ${f(s.styleMs, 2)} ms | ${f(s.scriptMs, 1)} ms | ${f(s.cpuRendererMs, 1)} ms | ${f(s.elementsMean)} (max ${f(s.elementsMax)}) |`;
      console.log(`\nReplay seeks on a real Claude Code transcript (${result.transcript.file}, ${f(result.transcript.mb, 1)} MB, ${f(real.events)} events) and the largest bundled sample (${f(sample.events)} events), 1280×800, Decisions tab`);
      console.log('| session, seeks | seek → all its changes painted p50 / p95 / max (target p95 ≤ 20.7 ms) | seek → next frame painted | seeks by that time in frame intervals (1: ≤ 20.7 ms, 2: ≤ 37.3 ms…) | layouts per seek / their time | style recalcs per seek / time | script per seek | renderer CPU per seek | elements in the document |');
      console.log('|---|---|---|---|---|---|---|---|---|');
      console.log(row(`real, first ${Math.min(n, 100)} (cold)`, realRun.cold));
      console.log(row(`real, ${n}`, realRun.warm));
      console.log(row(`real, ${n} without the seek (the floor: the wait for the next frame)`, realFloor));
      console.log(row(`sample, first ${Math.min(n, 100)} (cold)`, sampleRun.cold));
      console.log(row(`sample, ${n}`, sampleRun.warm));
      console.log(row(`bare page (no app), ${n}: only a clock and a playhead moved`, barePage.clockOnly));
      console.log(row(`bare page (no app), ${n}: the same and both lists jumped, showing the real transcript's ${f(barePage.rows)} rows and ${f(barePage.messages)} messages as the app rendered them`, barePage.withLists));
      const lates = (name: string, s: SeekRun) =>
        `${name}: ${
          Object.entries(s.late)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none'
        }`;
      console.log('Where the time goes (p50 / p95): seek → the first frame after it starts | that frame: start → painted | the seek\'s task | seeks by the frame that painted their last change, counted in frames:');
      for (const [name, s] of [['real, cold', realRun.cold], ['real', realRun.warm], ['real, without the seek', realFloor], ['sample, cold', sampleRun.cold], ['sample', sampleRun.warm], ['bare page, clock and playhead', barePage.clockOnly], ['bare page, with both lists', barePage.withLists]] as const)
        console.log(`- ${name}: ${f(s.wait.p50, 1)} / ${f(s.wait.p95, 1)} ms | ${f(s.inFrame.p50, 1)} / ${f(s.inFrame.p95, 1)} ms | ${f(s.task.p50, 1)} / ${f(s.task.p95, 1)} ms | ${Object.entries(s.paintedIn).sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
      console.log('Seeks that changed a pane after their first painted frame, by pane (and kind of change):');
      for (const [name, s] of [['real, cold', realRun.cold], ['real', realRun.warm], ['sample, cold', sampleRun.cold], ['sample', sampleRun.warm]] as const) console.log(`- ${lates(name, s)}`);
      console.log(`uncaught page errors: ${pageErrors}; machine: ${result.machine}; 1-minute load average ${f(result.loadAverage1m, 1)}; ${result.date}`);
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
