/**
 * `npm run bench`: measures the import of the generated 100,000-event archive in headless
 * Chromium (so IndexedDB is the real one), against a floor measured in the same run: the same
 * events.jsonl bytes through JSON.parse and a raw Dexie bulkPut. Prints a table; pass
 * `--json` for machine-readable output, `--no-build` to reuse the last benchmark build, `--runs N`,
 * `--replay-only` to import once (no floor, no scoring, no library) and measure only the replay,
 * `--storage` to measure only what the storage decides (issue 20): import against the physical
 * floor, opening the session (first events painted, heap), find across its events, and a
 * library of 1,000 sessions (first paint, sorts, filters, re-rank after a weight change), with
 * `--only find` or `--only library` for one part of it (after the import); `--dir D` builds and
 * writes archives under D; `--folder N` to import a folder of N
 * generated sessions of 2–4 MB of events each, one job per file, and nothing else; `--import-only`
 * for the archive import and its floor alone, one line each; `--open-only` to import once and
 * measure only the open of `--storage` (`--runs` opens; `--trace FILE` records one more as a
 * Chromium trace).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeArchiveToBytes } from '../shared/archive/baton-writer';
import { generateLargeSession } from '../shared/samples';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { buildWeb, median, startPreview } from './bench-common';
import { cpuClock, cpuSince, rendererPids, type CpuTimes } from './bench-cpu';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    events: { type: 'string', default: '100000' },
    port: { type: 'string', default: '4179' },
    'replay-only': { type: 'boolean', default: false },
    /** Only the archive import and its floor, `--runs` times each; prints one line per measurement. */
    'import-only': { type: 'boolean', default: false },
    storage: { type: 'boolean', default: false },
    /** With --storage: only the find figures (`find`) or only the library of 1,000 (`library`), after the import. */
    only: { type: 'string' },
    /** Import once (no floor), then only open the session `--runs` times: wall and renderer CPU to the first painted rows. */
    'open-only': { type: 'boolean', default: false },
    /** With --open-only: also write a Chromium trace (CPU profile, renderer timeline) of one more open to this file. */
    trace: { type: 'string' },
    folder: { type: 'string' },
    /** With --folder: how many files import at once (the app's number when not given; 1: one after another). */
    'at-once': { type: 'string' },
    /** Where the build and the generated archives go (a helper's own copy, so parallel runs do not share one). */
    dir: { type: 'string' },
  },
});

const runs = Number(args.runs);
/** The benchmark's own build, so it never races a test run that rebuilds dist-web/. */
const WORK_DIR = args.dir ?? join(tmpdir(), 'baton-bench');
const OUT_DIR = join(WORK_DIR, 'dist-web');
const eventCount = Number(args.events);
const port = Number(args.port);

/**
 * Run in the page: the renderer's JS heap in MiB after full collections until it stops
 * shrinking. One collection is not enough after a navigation: the documents this renderer
 * showed before (the bench page that read every event, an earlier replay) are freed over the
 * next few collections; counting them swung the heap "after opening" by ~75 MiB.
 */
async function settledHeapMiB(): Promise<number> {
  const gc = (globalThis as unknown as { gc?: () => void }).gc;
  const used = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
  let last = Infinity;
  for (let i = 0; i < 10; i++) {
    gc?.();
    const now = used();
    if (now >= last - 256 * 1024) return now / 1048576;
    last = now;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last / 1048576;
}

/** Bytes in a memory page, for /proc/PID/statm (read once). */
const PAGE_BYTES = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

/**
 * Resident memory of these renderers (rendererPids: the page and its workers) in MiB, from
 * /proc/PID/statm. Sampled every 50 ms during a measurement, so it must cost next to nothing:
 * it used to run `ps -eo rss=,args=`, a process reading every process's command line 20 times
 * a second, which took the archive import from ~1.9 s to 3.1–3.8 s on these two cores (the
 * floor, one thread, less): docs/benchmarks.md.
 */
function rendererRssMiB(pids: number[]): number {
  let pages = 0;
  for (const pid of pids) {
    try {
      pages += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) || 0;
    } catch {
      // exited
    }
  }
  return (pages * PAGE_BYTES) / 1048576;
}

/**
 * Installed in every document the benchmark opens: on a replay route, when the first event rows
 * were painted, in ms since the document's navigation began (`performance.now()`), as
 * `window.__batonFirstRowsPainted`. A MutationObserver sees the rows the moment React adds
 * them; the frame that shows them is the next one, whose animation-frame callback runs before
 * its paint, and a task posted from that callback runs once the frame is painted. Playwright's
 * own waiting (`locator.waitFor`) polls from outside at 0, 20, 50, 100, 100, 500, 500… ms, so
 * rows painted just after one of its checks were counted up to half a second late.
 */
const FIRST_ROWS_PROBE = `(() => {
  if (!location.hash.startsWith('#/session/')) return;
  const seen = () => {
    if (!document.querySelector('[data-testid="replay-event"]')) return false;
    requestAnimationFrame(() => setTimeout(() => { window.__batonFirstRowsPainted = performance.now(); }, 0));
    return true;
  };
  const obs = new MutationObserver(() => { if (seen()) obs.disconnect(); });
  obs.observe(document, { childList: true, subtree: true });
})()`;

/**
 * Waits until the probe above has seen the first rows painted; returns its time. A plain
 * evaluate checking once a frame: page.waitForFunction would first inject Playwright's
 * utility script, 50–80 ms of the page's main thread, often before the rows were painted.
 */
function firstRowsPainted(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const end = performance.now() + 120_000;
        const check = () => {
          const t = (window as unknown as { __batonFirstRowsPainted?: number }).__batonFirstRowsPainted;
          if (t !== undefined) resolve(t);
          else if (performance.now() > end) reject(new Error('no event rows painted within 120 s'));
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
}

async function main() {
  const log = (s: string) => {
    if (!args.json) console.log(s);
  };
  if (!args['no-build']) {
    log('building the web app…');
    buildWeb(OUT_DIR);
  }

  log(`generating a ${eventCount.toLocaleString()}-event session…`);
  const t0 = performance.now();
  const session = generateLargeSession(eventCount, 42);
  const genMs = performance.now() - t0;
  const bytes = await writeArchiveToBytes({ ...session, createdAt: '2026-01-01T00:00:00.000Z' });
  const dir = WORK_DIR;
  mkdirSync(dir, { recursive: true });
  const archivePath = join(dir, `large-${eventCount}.baton`);
  writeFileSync(archivePath, bytes);
  let jsonlBytes = 0;
  for (const e of session.events) jsonlBytes += JSON.stringify(e).length + 1;
  log(`archive: ${(bytes.byteLength / 1048576).toFixed(1)} MiB compressed, ${(jsonlBytes / 1048576).toFixed(1)} MiB of events.jsonl (generated in ${genMs.toFixed(0)} ms)`);

  const server = await startPreview(OUT_DIR, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  try {
    const page = await browser.newPage();
    // Counted and printed with the replay figures: an uncaught error during the seeks is a bug.
    let pageErrors = 0;
    page.on('pageerror', (e) => {
      pageErrors++;
      console.error(`page error: ${e.message}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') console.error(`console: ${m.text()}`);
    });
    // tsx (esbuild keepNames) wraps named functions in __name(); functions we send to the page need it.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.addInitScript(FIRST_ROWS_PROBE);
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.title === 'bench-ready');
    await page.setInputFiles('#file', archivePath);
    const cpu = await cpuClock(browser);
    if (args.folder) {
      await benchFolder(page, Number(args.folder), dir, cpu);
      return;
    }

    const imports: { ms: number; events: number; longMax: number; over100: number; gap: number; peakRss: number; mode: string; cpu: CpuTimes }[] = [];
    const floors: { parsePutMs: number; unzipMs: number; totalMs: number; peakRss: number; cpu: CpuTimes }[] = [];
    const importOnce = args['replay-only'] || args['open-only'];
    for (let i = 0; i < (importOnce ? 1 : runs); i++) {
      for (const which of importOnce ? (['import'] as const) : (['floor', 'import'] as const)) {
        const pids = await rendererPids(browser);
        const base = rendererRssMiB(pids);
        let peak = base;
        const sampler = setInterval(() => {
          peak = Math.max(peak, rendererRssMiB(pids));
        }, 50);
        const cpu0 = await cpu();
        if (which === 'import') {
          const r = await page.evaluate(() => (window as unknown as { batonBench: { runImport(): Promise<Record<string, unknown>> } }).batonBench.runImport());
          const used = cpuSince(cpu0, await cpu());
          clearInterval(sampler);
          if (r.status !== 'imported') throw new Error(`import failed: ${String(r.message)}`);
          const lt = r.longTasks as { maxMs: number; over100: number };
          imports.push({ ms: r.ms as number, events: r.events as number, longMax: lt.maxMs, over100: lt.over100, gap: r.worstGapMs as number, peakRss: peak - base, mode: r.mode as string, cpu: used });
        } else {
          const r = await page.evaluate(() => (window as unknown as { batonBench: { runFloor(): Promise<Record<string, number>> } }).batonBench.runFloor());
          const used = cpuSince(cpu0, await cpu());
          clearInterval(sampler);
          floors.push({ parsePutMs: r.parsePutMs!, unzipMs: r.unzipMs!, totalMs: r.totalMs!, peakRss: peak - base, cpu: used });
        }
      }
    }

    if (args['import-only']) {
      const f = (n: number) => Math.round(n).toLocaleString('en-US');
      for (const [i, r] of imports.entries()) log(`import ${i + 1}: wall ${f(r.ms)} ms, CPU renderer ${f(r.cpu.renderer)} ms, browser ${f(r.cpu.browser)} ms, ${r.events} events`);
      for (const [i, r] of floors.entries()) log(`floor ${i + 1}: wall ${f(r.totalMs)} ms (parse+put ${f(r.parsePutMs)}, unzip ${f(r.unzipMs)}), CPU renderer ${f(r.cpu.renderer)} ms, browser ${f(r.cpu.browser)} ms`);
      return;
    }
    if (args['open-only']) {
      await benchOpen(browser, page, port, cpu, args.trace);
      return;
    }
    // Scoring that session in the worker, cold, twice: wall time and the main thread meanwhile.
    if (args.storage) {
      /** CPU seconds used so far by Chromium's renderer processes (the page and its workers). */
      const rendererCpu = async () => (await cpu()).renderer / 1000;
      await benchStorage(page, port, imports, floors, bytes.byteLength, jsonlBytes, `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Chromium ${browser.version()}`, rendererCpu, archivePath);
      return;
    }
    const scoring: { ms: number; longMax: number; over50: number; gap: number; mode: string; evidence: number; phases: { readMs: number; extractMs: number; writeMs: number } }[] = [];
    for (let i = 0; i < (args['replay-only'] ? 0 : 2); i++) {
      const r = await page.evaluate(() => (window as unknown as { batonBench: { runScoring(): Promise<Record<string, unknown>> } }).batonBench.runScoring());
      const lt = r.longTasks as { maxMs: number; over50: number };
      scoring.push({ ms: r.ms as number, longMax: lt.maxMs, over50: lt.over50, gap: r.worstGapMs as number, mode: r.mode as string, evidence: r.evidence as number, phases: r.phases as { readMs: number; extractMs: number; writeMs: number } });
    }

    // Replay of the imported 100,000-event session: open, seek, pan and zoom.
    const sessionId = await firstSessionId(page);
    const replay = await benchReplay(page, port, sessionId);
    const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version()}`;
    const printReplay = () => {
      console.log(`\nReplay of the same 100,000-event session (targets: seek p95 ≤ 50 ms, heap ≤ 400 MB)`);
      console.log(`| measure | value |\n|---|---|`);
      console.log(`| open to interactive (navigation → events listed) | ${f(replay.openMs)} ms |`);
      console.log(`| seek latency over 200 random seeks, p50 / p95 / max (seek → two frames painted; event list, conversation, transport, decisions) | ${f(replay.seek.p50, 1)} / ${f(replay.seek.p95, 1)} / ${f(replay.seek.max, 1)} ms |`);
      console.log(`| those seeks by display frames until painted (frames: seeks) | ${framesHistogram(replay.seek.all)} |`);
      console.log(`| the same 200 seeks run first, just after opening (cold: first use of each code path), p50 / p95 / max | ${f(replay.coldSeek.p50, 1)} / ${f(replay.coldSeek.p95, 1)} / ${f(replay.coldSeek.max, 1)} ms |`);
      console.log(`| seek latency with the Code tab (Monaco diff), 100 random seeks: painted p50 / p95 / max; JS until committed p50 / p95 | ${f(replay.codeSeek.p50, 1)} / ${f(replay.codeSeek.p95, 1)} / ${f(replay.codeSeek.max, 1)} ms; ${f(replay.codeSeek.js50, 1)} / ${f(replay.codeSeek.js95, 1)} ms |`);
      console.log(`| Code-tab seeks by display frames until painted (frames: seeks) | ${framesHistogram(replay.codeSeek.all)} |`);
      console.log(`| Code tab: seek until the diff is shown (colours, unchanged regions collapsed) p50 / p95; seeks whose diff was in the first painted frame | ${f(replay.codeSeek.ready50, 1)} / ${f(replay.codeSeek.ready95, 1)} ms; ${replay.codeSeek.readyAtPaint} of 100 (diffs computed on: ${replay.codeSeek.diffSource}) |`);
      console.log(`| timeline pan/zoom (240 wheel events, one per frame): frame interval p50 / p95 / max | ${f(replay.panZoom.frameP50, 1)} / ${f(replay.panZoom.frameP95, 1)} / ${f(replay.panZoom.frameMax, 1)} ms |`);
      console.log(`| timeline draw per frame p50 / p95 / max | ${f(replay.panZoom.drawP50, 2)} / ${f(replay.panZoom.drawP95, 2)} / ${f(replay.panZoom.drawMax, 2)} ms |`);
      console.log(`| longest task while panning and zooming | ${f(replay.panZoom.longest)} ms |`);
      console.log(`| JS heap after open, seeks, pan and zoom | ${f(replay.heapMiB)} MiB |`);
      console.log(`| uncaught page errors (whole run so far) | ${pageErrors} |`);
    };
    if (args['replay-only']) {
      if (args.json) console.log(JSON.stringify({ date: new Date().toISOString(), machine, replay }, null, 2));
      else {
        printReplay();
        console.log(`\nmachine: ${machine}; ${new Date().toISOString()}`);
      }
      return;
    }

    // The library with 5,000 sessions: open, sort, search, scroll.
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.title === 'bench-ready');
    await page.evaluate(() => (window as unknown as { batonBench: { seedLibrary(n: number): Promise<number> } }).batonBench.seedLibrary(5000));
    const tOpen = Date.now();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByTestId('library-count').filter({ hasText: '5,000 sessions' }).waitFor();
    await page.getByTestId('session-row').first().waitFor();
    const libraryOpenMs = Date.now() - tOpen;
    // First open after these sessions arrived without scores: the scoring worker scores all
    // 5,000 in the background (cached afterwards). Sorting and scrolling are measured once it is done.
    const scoredAllMs = await page.evaluate(async (n) => {
      const t0 = performance.now();
      const count = async () => {
        const dbh: IDBDatabase = await new Promise((res, rej) => {
          const req = indexedDB.open('baton');
          req.onsuccess = () => res(req.result);
          req.onerror = () => rej(req.error);
        });
        const c: number = await new Promise((res) => {
          const r = dbh.transaction('scores').objectStore('scores').count();
          r.onsuccess = () => res(r.result);
        });
        dbh.close();
        return c;
      };
      while ((await count()) < n) await new Promise((r) => setTimeout(r, 100));
      // …and the last results have reached the page.
      while (document.querySelector('[data-testid="scoring-status"]')) await new Promise((r) => setTimeout(r, 50));
      return performance.now() - t0;
    }, 5000);
    const lib = await page.evaluate(async () => {
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const sorts: number[] = [];
      for (const label of ['Duration', 'Events', 'Session', 'Score', 'Date']) {
        const btn = [...document.querySelectorAll<HTMLButtonElement>('.th-btn')].find((b) => b.textContent?.startsWith(label))!;
        const t = performance.now();
        btn.click();
        await frame();
        await frame();
        sorts.push(performance.now() - t);
      }
      const el = document.querySelector<HTMLElement>('[data-testid="library-scroll"]')!;
      const deltas: number[] = [];
      let longest = 0;
      const obs = new PerformanceObserver((l) => {
        for (const e of l.getEntries()) longest = Math.max(longest, e.duration);
      });
      obs.observe({ type: 'longtask' });
      await frame();
      let last = performance.now();
      for (let i = 0; i < 240; i++) {
        el.scrollTop += 260;
        await frame();
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      obs.disconnect();
      deltas.sort((a, b) => a - b);
      return { sorts, p50: deltas[Math.floor(deltas.length * 0.5)]!, p95: deltas[Math.floor(deltas.length * 0.95)]!, max: deltas[deltas.length - 1]!, longest };
    });

    const imp = median(imports.map((r) => r.ms));
    const floorStrict = median(floors.map((r) => r.parsePutMs));
    const floorWithUnzip = median(floors.map((r) => r.totalMs));
    const result = {
      date: new Date().toISOString(),
      machine,
      events: eventCount,
      archiveMiB: bytes.byteLength / 1048576,
      eventsJsonlMiB: jsonlBytes / 1048576,
      runs,
      importMs: imp,
      eventsPerSecond: eventCount / (imp / 1000),
      floorParsePutMs: floorStrict,
      floorWithUnzipMs: floorWithUnzip,
      ratioToFloor: imp / floorStrict,
      ratioToFloorWithUnzip: imp / floorWithUnzip,
      importPeakRendererRssMiB: Math.max(...imports.map((r) => r.peakRss)),
      floorPeakRendererRssMiB: Math.max(...floors.map((r) => r.peakRss)),
      mainThreadLongestTaskMs: Math.max(...imports.map((r) => r.longMax)),
      mainThreadTasksOver100ms: imports.reduce((n, r) => n + r.over100, 0),
      worstTimerGapMs: Math.max(...imports.map((r) => r.gap)),
      importMode: imports[0]?.mode,
      scoring,
      replay,
      library5000: { openMs: libraryOpenMs, scoredAllMs, sortMs: lib.sorts, scrollFrameP50Ms: lib.p50, scrollFrameP95Ms: lib.p95, scrollFrameMaxMs: lib.max, longestTaskMs: lib.longest },
      rawImportMs: imports.map((r) => Math.round(r.ms)),
      rawFloorMs: floors.map((r) => Math.round(r.parsePutMs)),
    };
    if (args.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(`\nImport of the generated ${f(eventCount)}-event archive (${f(result.archiveMiB, 1)} MiB zip, ${f(result.eventsJsonlMiB, 1)} MiB events), median of ${runs}`);
      console.log(`| measure | value |\n|---|---|`);
      console.log(`| Baton import (worker → IndexedDB), wall | ${f(imp)} ms |`);
      console.log(`| events per second | ${f(result.eventsPerSecond)} |`);
      console.log(`| floor: JSON.parse + raw bulkPut | ${f(floorStrict)} ms |`);
      console.log(`| floor incl. unzip | ${f(floorWithUnzip)} ms |`);
      console.log(`| import / floor (target ≤ 2) | ${f(result.ratioToFloor, 2)} (${f(result.ratioToFloorWithUnzip, 2)} incl. unzip) |`);
      console.log(`| peak renderer RSS growth, import | ${f(result.importPeakRendererRssMiB)} MiB |`);
      console.log(`| peak renderer RSS growth, floor | ${f(result.floorPeakRendererRssMiB)} MiB |`);
      console.log(`| longest main-thread task during import (target < 100 ms) | ${f(result.mainThreadLongestTaskMs)} ms (${result.mainThreadTasksOver100ms} over 100 ms) |`);
      console.log(`| worst 10 ms timer delay during import | ${f(result.worstTimerGapMs)} ms |`);
      console.log(`| import mode | ${result.importMode} |`);
      console.log(`\nScoring the same session in the scoring worker, cold cache (IndexedDB read + extraction + cache write)`);
      console.log(`| measure | value |\n|---|---|`);
      console.log(`| wall time, runs | ${scoring.map((x) => `${f(x.ms)} ms`).join(', ')} (${scoring[0]?.mode}, ${f(scoring[0]?.evidence ?? 0)} evidence items) |`);
      console.log(`| of which: events read from IndexedDB / evidence extracted / cached, runs | ${scoring.map((x) => `${f(x.phases.readMs)} / ${f(x.phases.extractMs)} / ${f(x.phases.writeMs)} ms`).join('; ')} |`);
      console.log(`| longest main-thread task meanwhile (target ≤ 50 ms) | ${f(Math.max(...scoring.map((x) => x.longMax)))} ms (${scoring.reduce((n, x) => n + x.over50, 0)} over 50 ms) |`);
      console.log(`| worst 10 ms timer delay meanwhile | ${f(Math.max(...scoring.map((x) => x.gap)))} ms |`);
      printReplay();
      console.log(`\nLibrary with 5,000 sessions`);
      console.log(`| measure | value |\n|---|---|`);
      console.log(`| open to first rows (navigation, IndexedDB read, render) | ${f(libraryOpenMs)} ms |`);
      console.log(`| first open only: all 5,000 scored in the background (worker; cached afterwards) | ${f(scoredAllMs)} ms after first rows |`);
      console.log(`| re-sort by a column: duration, events, session, score, date (click to painted) | ${lib.sorts.map((x) => f(x)).join(', ')} ms |`);
      console.log(`| scrolling frame interval p50 / p95 / max | ${f(lib.p50, 1)} / ${f(lib.p95, 1)} / ${f(lib.max, 1)} ms |`);
      console.log(`| longest task while scrolling | ${f(lib.longest)} ms |`);
      console.log(`\nraw import ms: ${result.rawImportMs.join(', ')}; raw floor ms: ${result.rawFloorMs.join(', ')}`);
      console.log(`machine: ${result.machine}; ${result.date}`);
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

/**
 * How many display frames (16.7 ms at 60 Hz) each seek took to paint: a seek that lands just
 * after a frame is painted two frames later at best, so the latencies come in steps of a frame
 * plus the scheduler's jitter (33.3–35, 50–52 ms…).
 */
function framesHistogram(latencies: number[]): string {
  const counts = new Map<string, number>();
  for (const ms of latencies) {
    const n = Math.round(ms / (1000 / 60));
    const k = n >= 4 ? '4 or more' : String(n);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => `${k}: ${v}`).join(', ');
}

async function benchReplay(page: Page, port: number, id: string) {
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?bench=1#/session/${encodeURIComponent(id)}`);
  try {
    await page.getByTestId('replay-event').first().waitFor({ timeout: 120_000 });
  } catch (e) {
    const shot = join(tmpdir(), 'baton-bench', 'replay-failed.png');
    await page.screenshot({ path: shot });
    console.error(`the replay did not open; screenshot: ${shot}; url: ${page.url()}`);
    throw e;
  }
  await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay));
  const openMs = Date.now() - t0;
  const seeks = () =>
    page.evaluate(async () => {
      const { clock } = (window as unknown as { __batonReplay: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonReplay;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const lat: number[] = [];
      let seed = 12345;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      for (let i = 0; i < 200; i++) {
        const t = rand() * clock.get().duration;
        const start = performance.now();
        clock.seek(t);
        await frame();
        await frame();
        lat.push(performance.now() - start);
      }
      lat.sort((a, b) => a - b);
      return { p50: lat[100]!, p95: lat[190]!, max: lat[199]!, all: lat };
    });
  // The first pass runs each pane's code paths for the first time (JIT, first markdown and
  // highlighting); it is reported as "cold", and the second pass, the same 200 seeks, as the figure.
  const coldSeek = await seeks();
  const seek = await seeks();
  // The same seeks with the Code tab open (Monaco diff editor): JS until React has committed,
  // and painted (two frames).
  await page.getByRole('tab', { name: 'Code' }).dispatchEvent('click');
  await page.getByTestId('code-pane').waitFor({ state: 'attached' });
  await page.evaluate(() => (window as unknown as { __batonReplay: { clock: { seek(t: number): void } } }).__batonReplay.clock.seek(4 * 3600_000));
  await page.locator('[data-testid="code-editor"][data-shown]').waitFor({ state: 'attached', timeout: 30_000 });
  const codeSeeks = () =>
    page.evaluate(async () => {
      const { clock } = (window as unknown as { __batonReplay: { clock: { seek(t: number): void; get(): { duration: number } } } }).__batonReplay;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const task = () => new Promise<void>((r) => setTimeout(r, 0));
      const js: number[] = [];
      const painted: number[] = [];
      const ready: number[] = [];
      let readyAtPaint = 0;
      let seed = 12345;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      for (let i = 0; i < 100; i++) {
        const t = rand() * clock.get().duration;
        await frame();
        const start = performance.now();
        clock.seek(t);
        await task();
        js.push(performance.now() - start);
        await frame();
        await frame();
        painted.push(performance.now() - start);
        // The diff itself (colours, collapsed regions) may land later than the text when it
        // is computed by the worker: wait until the editor says the shown diff is ready.
        const host = document.querySelector<HTMLElement>('[data-testid="code-editor"]')!;
        if (host.dataset.diffReady === host.dataset.shown) readyAtPaint++;
        else {
          while (host.dataset.diffReady !== host.dataset.shown && performance.now() - start < 5000) await frame();
          await frame();
        }
        ready.push(performance.now() - start);
      }
      const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))]!;
      const host = document.querySelector<HTMLElement>('[data-testid="code-editor"]')!;
      return {
        all: painted,
        js50: q(js, 0.5),
        js95: q(js, 0.95),
        p50: q(painted, 0.5),
        p95: q(painted, 0.95),
        max: Math.max(...painted),
        ready50: q(ready, 0.5),
        ready95: q(ready, 0.95),
        readyAtPaint,
        diffSource: host.dataset.diffSource ?? '?',
      };
    });
  await codeSeeks(); // warm-up: language tokenizers load on first use
  const codeSeek = await codeSeeks();
  await page.getByRole('tab', { name: 'Decisions' }).dispatchEvent('click');
  // Pan and zoom the timeline with real wheel events, one per frame: frame intervals and the
  // time each timeline frame takes to draw.
  const panZoom = await page.evaluate(async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="timeline-canvas"]')!;
    const r = canvas.getBoundingClientRect();
    const frame = () => new Promise<void>((res) => requestAnimationFrame(() => res()));
    const draws = ((window as unknown as { __batonTimelineDraws?: number[] }).__batonTimelineDraws ??= []);
    draws.length = 0;
    const gaps: number[] = [];
    let longest = 0;
    const obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) longest = Math.max(longest, e.duration);
    });
    obs.observe({ type: 'longtask' });
    await frame();
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      const phase = Math.floor(i / 40) % 3; // zoom in, pan, zoom out
      const x = r.left + 118 + (r.width - 126) * (0.3 + 0.4 * Math.sin(i / 17));
      const init: WheelEventInit = { clientX: x, clientY: r.top + 60, bubbles: true, cancelable: true, deltaMode: 0 };
      canvas.dispatchEvent(new WheelEvent('wheel', phase === 0 ? { ...init, deltaY: -120 } : phase === 1 ? { ...init, deltaY: 80, shiftKey: true } : { ...init, deltaY: 120 }));
      await frame();
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    obs.disconnect();
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
    return { frameP50: q(gaps, 0.5), frameP95: q(gaps, 0.95), frameMax: Math.max(...gaps), drawP50: q(draws, 0.5), drawP95: q(draws, 0.95), drawMax: Math.max(...draws), longest };
  });
  const heapMiB = await page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1048576);
  return { openMs, coldSeek, seek, codeSeek, panZoom, heapMiB };
}

/** `--folder N`: N generated sessions of 2–4 MB of events.jsonl each, imported as a folder. */
async function benchFolder(page: Page, n: number, dir: string, cpu: () => Promise<CpuTimes>) {
  const folder = join(dir, `folder-${n}`);
  mkdirSync(folder, { recursive: true });
  const paths: string[] = [];
  let jsonl = 0;
  for (let i = 0; i < n; i++) {
    // About 700 B of JSON per generated event: 3,000–5,700 events is 2–4 MB.
    const s = generateLargeSession(3000 + ((i * 1361) % 2700), 1000 + i);
    for (const e of s.events) jsonl += JSON.stringify(e).length + 1;
    const p = join(folder, `s${i}.baton`);
    writeFileSync(p, await writeArchiveToBytes({ ...s, meta: { ...s.meta, id: `folder-${i}` }, createdAt: '2026-01-01T00:00:00.000Z' }));
    paths.push(p);
  }
  await page.setInputFiles('#files', paths);
  type Run = Record<string, number> & { endedInOrder: boolean; first: number[]; last: number[]; pipelineFirst: number[]; pipelineLast: number[] };
  // One call for the whole folder, as the app imports it (the next file read while one
  // commits): CPU is measured over all files, not per file.
  const atOnce = args['at-once'] === undefined ? 0 : Number(args['at-once']);
  const c0 = await cpu();
  const r = await page.evaluate(([to, k]) => (window as unknown as { batonBench: { runFolder(r: object): Promise<Run> } }).batonBench.runFolder({ from: 0, to, ...(k ? { atOnce: k } : {}) }), [n, atOnce] as const);
  const used = cpuSince(c0, await cpu());
  const f = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`\nFolder of ${n} generated sessions (${f(r.bytes! / 1048576, 1)} MiB of archives, ${f(jsonl / 1048576, 1)} MiB of events.jsonl)${atOnce ? `, ${atOnce} at once` : ''}`);
  console.log(`| measure | value | target |\n|---|---|---|`);
  console.log(`| import, one job per file, as the app imports a folder | ${f(r.ms! / 1000, 1)} s; ${r.stored} of ${r.files} stored, ${f(r.events!)} events; jobs ended in order: ${r.endedInOrder ? 'yes' : 'NO'} | ≤ 60 s |`);
  console.log(`| per job, start to end, p50 / max; first five, last five | ${f(r.p50 ?? 0)} / ${f(r.max ?? 0)} ms; ${r.first.join(', ')}; ${r.last.join(', ')} ms | |`);
  console.log(`| of which the pipeline in the worker (report.durationMs): first five, last five | ${r.pipelineFirst.join(', ')}; ${r.pipelineLast.join(', ')} ms | |`);
  console.log(`| CPU, all files: renderer (page + import workers) / browser process | ${f(used.renderer / 1000, 1)} / ${f(used.browser / 1000, 1)} s (per file ${f(used.renderer / n)} / ${f(used.browser / n)} ms) | |`);
  console.log(`| progress reports received | ${f(r.progressCalls ?? 0)} | |`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${new Date().toISOString()}`);
}

type Timed = { ms: number; events: number; peakRss: number; cpu: CpuTimes };
type Floor = { parsePutMs: number; unzipMs: number; totalMs: number; peakRss: number; cpu: CpuTimes };

/** `--storage`: the figures issue 20 sets targets for, printed as one table. */
async function benchStorage(page: Page, port: number, imports: Timed[], floors: Floor[], zipBytes: number, jsonlBytes: number, machine: string, rendererCpu: () => Promise<number>, archivePath: string) {
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  type Bench = { batonBench: { runFind(): Promise<Record<string, number>>; seedLibrary(n: number, scored?: boolean): Promise<number> } };
  const find = await page.evaluate(() => (window as unknown as Bench).batonBench.runFind());
  // CPU time of the page's main thread (Chromium's Performance.getMetrics ThreadTime), ms: what
  // an operation costs whatever else the machine runs.
  const cdp = await page.context().newCDPSession(page);
  const threadMs = async () => {
    await cdp.send('Performance.enable');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
  };
  // The same finds again, five times each: wall and main-thread CPU per find.
  const findRuns: Record<string, { ms: number; cpu: number }[]> = {};
  for (const query of ['zzz-not-there', 'the']) {
    for (let i = 0; i < 5; i++) {
      const c0 = await threadMs();
      const r = await page.evaluate((q) => (window as unknown as { batonBench: { findAgain(q: string): Promise<{ ms: number }> } }).batonBench.findAgain(q), query);
      (findRuns[query] ??= []).push({ ms: r.ms, cpu: (await threadMs()) - c0 });
    }
  }
  // What the finds read stays in this page's document, which outlives the navigation to the
  // replay for a few collections: released, so the heap after opening counts the replay's.
  await page.evaluate(() => (window as unknown as { batonBench: { releaseFind(): void } }).batonBench.releaseFind());
  const findLine = () =>
    Object.entries(findRuns)
      .map(([q, xs]) => `"${q}": wall ${xs.map((x) => f(x.ms, 1)).join(' / ')} ms, main-thread CPU ${xs.map((x) => f(x.cpu, 1)).join(' / ')} ms`)
      .join('; ');
  const id = await firstSessionId(page);
  // After a full collection, so the figure is what the page keeps, not garbage awaiting the collector.
  const heap = () => page.evaluate(settledHeapMiB);
  const openReplay = async (sessionId = id) => {
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.title === 'bench-ready');
    const cpu0 = await rendererCpu();
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${port}/?bench=1#/session/${encodeURIComponent(sessionId)}`);
    const ms = await firstRowsPainted(page);
    return { t0, ms, cpu0, cpuFirst: (await rendererCpu()) - cpu0 };
  };
  // Opening: from navigation to the first event rows painted (timed in the page: FIRST_ROWS_PROBE),
  // then until every event is loaded (the replay's loading note gone); renderer CPU time
  // (page and workers, load-independent) until the first rows were seen painted, and until all loaded.
  const only = args.only;
  const opens: { ms: number; cpuFirst: number; loadedMs: number; cpuLoaded: number; heapMiB: number }[] = [];
  for (let i = 0; i < (only ? 0 : 3); i++) {
    const o = await openReplay();
    await page.getByTestId('replay').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="replay-loading"]'), undefined, { timeout: 120_000, polling: 'raf' });
    const loadedMs = Date.now() - o.t0;
    const cpuLoaded = (await rendererCpu()) - o.cpu0;
    opens.push({ ms: o.ms, cpuFirst: o.cpuFirst, loadedMs, cpuLoaded, heapMiB: await heap() });
  }
  // Find in the loaded replay, as a reviewer does: "the" typed, Enter at a frame's start → the
  // count of its matches painted; wall time and the renderer's CPU time in between.
  const findUi: { ms: number; cpuMs: number; count: string }[] = [];
  for (let i = 0; i < (only === 'library' ? 0 : 3); i++) {
    await openReplay();
    await page.waitForFunction(() => !document.querySelector('[data-testid="replay-loading"]'), undefined, { timeout: 120_000, polling: 'raf' });
    // Idle time after the load, in which the replay gathers the searchable strings.
    await page.waitForTimeout(1500);
    const cpu0 = await rendererCpu();
    const r = await page.evaluate(async () => {
      const box = document.querySelector<HTMLInputElement>('input[aria-label="Find in events"]')!;
      const count = document.querySelector('[data-testid="find-count"]')!;
      return new Promise<{ ms: number; count: string }>((resolve) =>
        requestAnimationFrame(() => {
          const t = performance.now();
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(box, 'the');
          box.dispatchEvent(new Event('input', { bubbles: true }));
          box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
          const poll = () => {
            if (/^\d[\d,]* \/ /.test(count.textContent ?? '') || performance.now() - t > 60_000) setTimeout(() => resolve({ ms: performance.now() - t, count: count.textContent ?? '' }), 0);
            else requestAnimationFrame(poll);
          };
          poll();
        }),
      );
    });
    findUi.push({ ...r, cpuMs: ((await rendererCpu()) - cpu0) * 1000 });
  }
  // Find right after the first paint, before the rest has loaded: Enter in the find box → count shown.
  const early = only === 'library' ? undefined : await openReplay();
  const findEarly = !early ? { ms: NaN, loading: false } : await page.evaluate(async () => {
    const box = document.querySelector<HTMLInputElement>('input[aria-label="Find in events"]')!;
    const loading = !!document.querySelector('[data-testid="replay-loading"]');
    const t = performance.now();
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(box, 'zzz-not-there');
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const count = document.querySelector('[data-testid="find-count"]')!;
    while (count.textContent !== 'no matches' && performance.now() - t < 60_000) await new Promise((r) => requestAnimationFrame(r));
    return { ms: performance.now() - t, loading };
  });
  void early;
  // The same page before any session is opened: the heap growth is what opening adds.
  await page.goto(`http://127.0.0.1:${port}/?bench=1#/`);
  await page.getByTestId('library-count').waitFor();
  const baseHeap = await heap();

  if (only === 'find') {
    console.log(`\nFind (issue 20): ${f(find.events!)} events`);
    console.log(`| search texts gathered (once per session; the replay does it in idle time after loading) | ${f(find.gatherMs ?? NaN, 1)} ms |`);
    console.log(`| find across all events: no match / "the" (${f(find.foundCommon!)} hits) | ${f(find.findMs!, 1)} / ${f(find.findCommonMs!, 1)} ms |`);
    console.log(`| the same finds five times each | ${findLine()} |`);
    console.log(`| replay: "the" + Enter at a frame's start → "k / N" painted, runs (wall; renderer CPU) | ${findUi.map((x) => `${f(x.ms, 1)}; ${f(x.cpuMs)}`).join(' / ')} ms (${findUi[0]?.count}) |`);
    console.log(`| find right after the first paint (Enter → "no matches" shown; still loading then: ${findEarly.loading ? 'yes' : 'no'}) | ${f(findEarly.ms, 1)} ms |`);
    console.log(`machine: ${machine}; ${new Date().toISOString()}`);
    return;
  }
  // A library of 1,000 sessions, each with a cached score.
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => document.title === 'bench-ready');
  await page.evaluate(() => (window as unknown as Bench).batonBench.seedLibrary(1000, true));
  const tOpen = Date.now();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId('library-count').filter({ hasText: '1,000 sessions' }).waitFor();
  await page.getByTestId('session-row').first().waitFor();
  const libraryOpenMs = Date.now() - tOpen;
  await page.waitForFunction(() => !document.querySelector('[data-testid="scoring-status"]'), undefined, { timeout: 60_000 });
  const libFilters = await page.evaluate(async () => {
    // An input at the start of a frame (in its animation-frame callback), until that frame is
    // painted: the task that runs the callbacks also renders (style, layout, paint), and a
    // timer set in it runs after. Two frames later would add up to 33 ms of waiting.
    const painted = (act: () => void) =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => {
          const t = performance.now();
          act();
          setTimeout(() => resolve(performance.now() - t), 0);
        }),
      );
    const header = (label: string) => [...document.querySelectorAll<HTMLButtonElement>('.th-btn')].find((b) => b.textContent?.startsWith(label))!;
    const sorts: number[] = [];
    for (const label of ['Duration', 'Events', 'Session', 'Date']) sorts.push(await painted(() => header(label).click()));
    const setValue = (el: HTMLInputElement | HTMLSelectElement, v: string, type: string) => {
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')!.set!.call(el, v);
      el.dispatchEvent(new Event(type, { bubbles: true }));
    };
    const task = document.querySelector<HTMLSelectElement>('select[aria-label="Filter by task"]')!;
    const search = document.querySelector<HTMLInputElement>('input[aria-label="Search sessions"]')!;
    const filters = [
      await painted(() => setValue(task, 'LRU cache', 'change')),
      await painted(() => setValue(task, '', 'change')),
      await painted(() => setValue(search, 'attempt 3', 'input')),
      await painted(() => setValue(search, '', 'input')),
    ];
    // Re-rank: sorted by score (highest first), the weights open, a slider moved; the first rows' order before and after.
    await painted(() => header('Score').click());
    await painted(() => header('Score').click());
    await painted(() => [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Weights')!.click());
    return { sorts, filters };
  });
  // Each move in its own evaluate, so the main thread's CPU time is read around it.
  const reranks: number[] = [];
  const rerankCpu: number[] = [];
  let changed = 0;
  for (let i = 0; i < 12; i++) {
    const c0 = await threadMs();
    const r = await page.evaluate(async (i) => {
      const painted = (act: () => void) =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => {
            const t = performance.now();
            act();
            setTimeout(() => resolve(performance.now() - t), 0);
          }),
        );
      const top = () => [...document.querySelectorAll('[data-testid="session-row"]')].slice(0, 30).map((r) => r.getAttribute('data-session-id')).join(',');
      const slider = document.querySelector<HTMLInputElement>(`input[data-testid="weight-slider"][data-factor="${i % 2 ? 'adversarial' : 'scoping'}"]`)!;
      const before = top();
      const ms = await painted(() => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(slider, String(i % 4 < 2 ? 5 + i * 3 : 70 - i * 3));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      });
      return { ms, changed: top() !== before };
    }, i);
    rerankCpu.push((await threadMs()) - c0);
    reranks.push(r.ms);
    if (r.changed) changed++;
  }
  const lib = { ...libFilters, reranks, changed, rerankCpu };
  // A replay link with those 1,000 sessions in the library: the 100,000-event session imported
  // beside them, then opened as in the opens above (the replay's first rows painted).
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => document.title === 'bench-ready');
  await page.setInputFiles('#file', archivePath);
  const beside = await page.evaluate(() => (window as unknown as { batonBench: { runImport(keep: boolean): Promise<{ status: string; id?: string }> } }).batonBench.runImport(true));
  if (beside.status !== 'imported' || !beside.id) throw new Error('the import beside the library of 1,000 failed');
  const opensBeside: { ms: number; cpuFirst: number }[] = [];
  for (let i = 0; i < 3; i++) opensBeside.push(await openReplay(beside.id));
  const libraryLines = () => {
    console.log(`| library of 1,000: navigation → first rows | ${f(libraryOpenMs)} ms | ≤ 1 s |`);
    console.log(`| library of 1,000: re-sort by duration, events, session, date (click at a frame's start → that frame painted) | ${lib.sorts.map((x) => f(x, 1)).join(', ')} ms | ≤ 50 ms |`);
    console.log(`| library of 1,000: filter by task, clear, search "attempt 3", clear (→ painted) | ${lib.filters.map((x) => f(x, 1)).join(', ')} ms | ≤ 50 ms |`);
    console.log(`| library of 1,000 sorted by score: weight slider moved at a frame's start → re-ranked rows painted, p50 / max of 12 (the first 30 rows' order changed in ${lib.changed}) | ${f(q(lib.reranks, 0.5), 1)} / ${f(Math.max(...lib.reranks), 1)} ms | ≤ 16 ms |`);
    console.log(`| open the 100,000-event session with 1,000 others in the library: first rows painted, runs; renderer CPU | ${opensBeside.map((o) => f(o.ms)).join(' / ')} ms; ${opensBeside.map((o) => f(o.cpuFirst * 1000)).join(' / ')} ms | ≤ 500 ms |`);
  };
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
  if (only === 'library') {
    console.log(`\nLibrary of 1,000 (issue 20)\n| measure | value | target |\n|---|---|---|`);
    libraryLines();
    console.log(`| the 12 re-ranks, in order: wall | ${lib.reranks.map((x) => f(x, 1)).join(', ')} ms | |`);
    console.log(`| the 12 re-ranks: main-thread CPU (ThreadTime, move → paint and the page's reading of the rows) | ${lib.rerankCpu.map((x) => f(x, 1)).join(', ')} ms (median ${f(median(lib.rerankCpu), 1)}) | |`);
    console.log(`machine: ${machine}; ${new Date().toISOString()}`);
    return;
  }
  const imp = median(imports.map((r) => r.ms));
  const floor = median(floors.map((r) => r.parsePutMs));
  const openMed = median(opens.map((o) => o.ms));
  console.log(`\nStorage (issue 20): ${f(imports[0]?.events ?? 0)} events, ${f(zipBytes / 1048576, 1)} MiB zip, ${f(jsonlBytes / 1048576, 1)} MiB events.jsonl; median of ${imports.length}`);
  console.log(`| measure | value | target |\n|---|---|---|`);
  console.log(`| import (worker → IndexedDB, chunked), wall | ${f(imp)} ms (runs ${imports.map((r) => f(r.ms)).join(' / ')}) | < 5 s |`);
  console.log(`| physical floor: the events.jsonl bytes as 1 MiB records in one transaction | ${f(floor)} ms (runs ${floors.map((r) => f(r.parsePutMs)).join(' / ')}); unzip ${f(median(floors.map((r) => r.unzipMs)))} ms | |`);
  console.log(`| import / floor | ${f(imp / floor, 2)} (${f(imp / median(floors.map((r) => r.totalMs)), 2)} against the floor with unzip) | ≤ 2 |`);
  const cpuMed = (xs: { cpu: CpuTimes }[], k: keyof CpuTimes) => median(xs.map((x) => x.cpu[k]));
  console.log(`| CPU, renderer (page + import worker), median: import / floor with unzip | ${f(cpuMed(imports, 'renderer'))} / ${f(cpuMed(floors, 'renderer'))} ms (${f(cpuMed(imports, 'renderer') / cpuMed(floors, 'renderer'), 2)}); runs ${imports.map((x) => f(x.cpu.renderer)).join(' / ')} and ${floors.map((x) => f(x.cpu.renderer)).join(' / ')} | |`);
  console.log(`| CPU, browser process (IndexedDB), median: import / floor | ${f(cpuMed(imports, 'browser'))} / ${f(cpuMed(floors, 'browser'))} ms | |`);
  console.log(`| peak renderer RSS growth, import / floor | ${f(Math.max(...imports.map((r) => r.peakRss)))} / ${f(Math.max(...floors.map((r) => r.peakRss)))} MiB | |`);
  console.log(`| open: navigation → first event rows painted, runs | ${opens.map((o) => f(o.ms)).join(' / ')} ms (median ${f(openMed)}) | ≤ 500 ms |`);
  console.log(`| open: renderer CPU (page + workers) until first paint, runs | ${opens.map((o) => f(o.cpuFirst * 1000)).join(' / ')} ms | |`);
  console.log(`| open: navigation → every event loaded, runs; renderer CPU until then | ${opens.map((o) => f(o.loadedMs)).join(' / ')} ms; ${opens.map((o) => f(o.cpuLoaded * 1000)).join(' / ')} ms | |`);
  console.log(`| JS heap after opening / library page before opening | ${f(Math.max(...opens.map((o) => o.heapMiB)))} / ${f(baseHeap)} MiB (growth ${f(Math.max(...opens.map((o) => o.heapMiB)) - baseHeap)}) | growth ≤ 150 MB |`);
  console.log(`| events read from IndexedDB (loadEvents, in the page) | ${f(find.readMs!)} ms for ${f(find.events!)} events; apart: ${f(find.chunks!)} chunk rows read ${f(find.rowsMs!)} ms, JSON.parse ${f(find.parseMs!)} ms | |`);
  console.log(`| find across all events: no match / "the" (${f(find.foundCommon!)} hits) | ${f(find.findMs!, 1)} / ${f(find.findCommonMs!, 1)} ms | ≤ 100 ms |`);
  console.log(`| the same finds five times each | ${findLine()} | ≤ 100 ms |`);
  console.log(`| search texts gathered (once per session; the replay does it in idle time after loading) | ${f(find.gatherMs ?? NaN, 1)} ms | |`);
  console.log(`| replay: "the" + Enter at a frame's start → "k / N" painted, runs (wall; renderer CPU) | ${findUi.map((x) => `${f(x.ms, 1)}; ${f(x.cpuMs)}`).join(' / ')} ms | |`);
  console.log(`| find right after the first paint (Enter → "no matches" shown; still loading then: ${findEarly.loading ? 'yes' : 'no'}) | ${f(findEarly.ms, 1)} ms | |`);
  libraryLines();
  console.log(`| the 12 re-ranks: main-thread CPU (ThreadTime, move → paint and the page's reading of the rows) | ${lib.rerankCpu.map((x) => f(x, 1)).join(', ')} ms (median ${f(median(lib.rerankCpu), 1)}) | |`);
  console.log(`machine: ${machine}; ${new Date().toISOString()}`);
}

/** The id of the (first) session in the page's database. */
function firstSessionId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dbh: IDBDatabase = await new Promise((res, rej) => {
      const req = indexedDB.open('baton');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const keys: IDBValidKey[] = await new Promise((res) => {
      const r = dbh.transaction('sessions').objectStore('sessions').getAllKeys();
      r.onsuccess = () => res(r.result);
    });
    dbh.close();
    return String(keys[0]);
  });
}

/**
 * `--open-only`: the open of `--storage` alone, `--runs` times (navigation from the bench page →
 * the first event rows painted, timed in the page by FIRST_ROWS_PROBE), wall and renderer CPU; with
 * `--trace FILE`, one more open recorded as a Chromium trace (open it in DevTools' Performance panel).
 */
async function benchOpen(browser: Browser, page: Page, port: number, cpu: () => Promise<CpuTimes>, traceFile: string | undefined) {
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const id = await firstSessionId(page);
  const open = async () => {
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.title === 'bench-ready');
    const cpu0 = await cpu();
    await page.goto(`http://127.0.0.1:${port}/?bench=1#/session/${encodeURIComponent(id)}`);
    const ms = await firstRowsPainted(page);
    return { ms, cpu: cpuSince(cpu0, await cpu()).renderer };
  };
  /** The JS heap once every event is loaded, after a full collection, MiB. */
  const heapLoaded = async () => {
    await page.waitForFunction(() => !document.querySelector('[data-testid="replay-loading"]'), undefined, { timeout: 120_000, polling: 'raf' });
    return page.evaluate(settledHeapMiB);
  };
  const opens: { ms: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    opens.push(await open());
    console.log(`open ${i + 1}: navigation → first event rows painted ${f(opens[i]!.ms)} ms; renderer CPU ${f(opens[i]!.cpu)} ms; JS heap once loaded ${f(await heapLoaded())} MiB`);
  }
  console.log(`median: ${f(median(opens.map((o) => o.ms)))} ms wall, ${f(median(opens.map((o) => o.cpu)))} ms renderer CPU`);
  if (traceFile) {
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.title === 'bench-ready');
    await browser.startTracing(page, { path: traceFile, screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'loading', 'v8', 'blink'] });
    const o = await open();
    await browser.stopTracing();
    console.log(`traced open: ${f(o.ms)} ms; renderer CPU ${f(o.cpu)} ms → ${traceFile}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
