/**
 * `npm run bench` (part), or on its own: `npx tsx scripts/bench-audio.ts`. A session with one
 * hour of narration audio (issue 4: peaks are computed once at import, so it opens fast).
 *
 * Generates an archive whose audio track is a one-hour WAV (16 kHz mono 16-bit, 115 MB: tone
 * bursts, silences and faint noise) with no peaks in its manifest, then measures
 * - in Node, the WAV reader's peak computation over those bytes: the work the import worker adds;
 * - in headless Chromium (the web build's bench.html harness, so the import worker and
 *   IndexedDB are the real ones): the import of that archive, and of the same archive with the
 *   peaks already in its manifest; the difference is the import-time cost of the peaks;
 * - opening the session: navigation until the waveform strip is ready (the recording's
 *   metadata loaded, the stored peaks drawn) and two frames have painted;
 * - for comparison, the path sessions stored before this change take: the same open with the
 *   peaks removed from the stored row, so the strip decodes the whole recording first.
 *
 * Flags: --json, --no-build (reuse the last build), --runs N (imports and opens), --seconds,
 * --rate, --port.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeArchiveToBytes } from '../shared/archive/baton-writer';
import { WavPeakReader, wavPeaks } from '../shared/audio/wav';
import type { SessionEvent, SessionMeta } from '../shared/model/schema';
import { SessionMeta as MetaSchema } from '../shared/model/schema';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { buildWeb, median, startPreview } from './bench-common';
import { longNarrationWav } from '../test/fixtures/wav';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '3600' },
    rate: { type: 'string', default: '16000' },
    port: { type: 'string', default: '4183' },
  },
});

const DIR = join(tmpdir(), 'baton-bench');
const OUT_DIR = join(DIR, 'audio-dist');
const runs = Number(args.runs);
const seconds = Number(args.seconds);
const rate = Number(args.rate);
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;

/** The narration transcript: one segment per tone burst (4 s bursts, every third one silent). */
function narrationEvents(): SessionEvent[] {
  const out: SessionEvent[] = [{ id: 'p0', t: 0, actor: 'candidate', kind: 'prompt', text: 'Walk me through the plan before you touch the code.' }];
  for (let k = 0; k * 4 < seconds; k++) {
    if (k % 3 === 2) continue;
    out.push({ id: `n${k}`, t: k * 4000 + 100, endT: k * 4000 + 3900, actor: 'candidate', kind: 'narration', text: `Thinking aloud, part ${k}: checking the edge cases before the next prompt.` });
    if (k % 30 === 0) out.push({ id: `r${k}`, t: k * 4000 + 2000, actor: 'agent', kind: 'response', text: `Response ${k}.` });
  }
  return out;
}

function meta(peaks: number[] | undefined, size: number): SessionMeta {
  return MetaSchema.parse({
    id: 'audio-hour',
    title: 'One hour of narration',
    candidate: { id: 'cand-bench' },
    task: { title: 'Audio benchmark', statement: '' },
    source: { format: 'baton' },
    startedAt: '2026-12-02T09:00:00.000Z',
    durationMs: seconds * 1000,
    audio: { blob: { blob: 'audio/narration.wav', mime: 'audio/wav', size }, durationMs: seconds * 1000, offsetMs: 0, ...(peaks ? { peaks } : {}) },
  });
}

/**
 * Records, from navigation start: when the replay shows, when the strip is ready (the
 * recording's metadata loaded), when it says the waveform is drawn (data-drawn) and two frames after that;
 * and the longest main-thread task until then.
 */
const OPEN_PROBE = `
  window.__audioOpen = { longest: 0 };
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (window.__audioOpen.painted === undefined) window.__audioOpen.longest = Math.max(window.__audioOpen.longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  new MutationObserver(() => {
    const o = window.__audioOpen;
    if (!o.replay && document.querySelector('[data-testid="replay"]')) o.replay = performance.now();
    const s = document.querySelector('[data-testid="audio-strip"]');
    if (!s) return;
    if (!o.ready && (s.dataset.status === 'ready' || s.dataset.status === 'error')) {
      o.ready = performance.now();
      o.status = s.dataset.status;
      o.peaks = s.dataset.peaks;
    }
    if (!o.drawn && (s.dataset.drawn || s.dataset.status === 'error')) {
      o.drawn = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { o.painted = performance.now(); }));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-drawn'] });
`;

interface OpenTiming {
  replay: number;
  ready: number;
  drawn: number;
  painted: number;
  longest: number;
  status: string;
  peaks: string;
}

let openSeq = 0;

async function openSession(page: Page, id: string): Promise<OpenTiming> {
  // A query that changes every time: the same URL with a hash would not load the page again.
  await page.goto(`${base}/?open=${++openSeq}#/session/${encodeURIComponent(id)}`);
  await page.waitForFunction(() => (window as unknown as { __audioOpen: { painted?: number } }).__audioOpen.painted !== undefined, undefined, { timeout: 600_000, polling: 100 });
  return page.evaluate(() => (window as unknown as { __audioOpen: OpenTiming }).__audioOpen);
}

async function sessionIdAndPeaks(page: Page): Promise<{ id: string; peaks: number }> {
  return page.evaluate(async () => {
    const dbh: IDBDatabase = await new Promise((res, rej) => {
      const req = indexedDB.open('baton');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const rows: { id: string; meta: { audio?: { peaks?: number[] } } }[] = await new Promise((res) => {
      const r = dbh.transaction('sessions').objectStore('sessions').getAll();
      r.onsuccess = () => res(r.result);
    });
    dbh.close();
    return { id: rows[0]!.id, peaks: rows[0]!.meta.audio?.peaks?.length ?? 0 };
  });
}

/** Removes the stored peaks, as for a session imported before peaks were computed at import. */
async function dropPeaks(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const dbh: IDBDatabase = await new Promise((res, rej) => {
      const req = indexedDB.open('baton');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    await new Promise<void>((res, rej) => {
      const tx = dbh.transaction('sessions', 'readwrite');
      const store = tx.objectStore('sessions');
      const r = store.getAll();
      r.onsuccess = () => {
        for (const row of r.result as { meta: { audio?: { peaks?: number[] } } }[]) {
          delete row.meta.audio?.peaks;
          store.put(row);
        }
      };
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    dbh.close();
  });
}

async function main() {
  const log = (s: string) => {
    if (!args.json) console.log(s);
  };
  if (!args['no-build']) {
    log('building the web app…');
    buildWeb(OUT_DIR, true);
  }

  log(`generating ${seconds / 60} minutes of ${rate / 1000} kHz mono 16-bit WAV…`);
  let t = performance.now();
  const wav = longNarrationWav(seconds, rate);
  const genMs = performance.now() - t;

  // The WAV reader alone, as the import worker runs it on the unpacked entry.
  const nodePeaksMs: number[] = [];
  let peaks: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    peaks = wavPeaks(wav).peaks;
    nodePeaksMs.push(performance.now() - t);
  }
  // …and fed in 64 KiB pieces, as a stream would arrive.
  t = performance.now();
  const reader = new WavPeakReader();
  for (let o = 0; o < wav.byteLength; o += 65_536) reader.push(wav.subarray(o, o + 65_536));
  reader.end();
  const nodeStreamMs = performance.now() - t;

  const events = narrationEvents();
  mkdirSync(DIR, { recursive: true });
  const plainPath = join(DIR, `audio-${seconds}s-no-peaks.baton`);
  const withPeaksPath = join(DIR, `audio-${seconds}s-with-peaks.baton`);
  t = performance.now();
  const plain = await writeArchiveToBytes({ meta: meta(undefined, wav.byteLength), events, blobs: [{ path: 'audio/narration.wav', data: wav }], createdAt: '2026-12-02T10:00:00.000Z' });
  const withPeaks = await writeArchiveToBytes({ meta: meta(peaks, wav.byteLength), events, blobs: [{ path: 'audio/narration.wav', data: wav }], createdAt: '2026-12-02T10:00:00.000Z' });
  writeFileSync(plainPath, plain);
  writeFileSync(withPeaksPath, withPeaks);
  log(`WAV: ${(wav.byteLength / 1048576).toFixed(1)} MiB (generated in ${genMs.toFixed(0)} ms); archive ${(plain.byteLength / 1048576).toFixed(1)} MiB, ${events.length} events (written in ${(performance.now() - t).toFixed(0)} ms)`);

  const server = await startPreview(OUT_DIR, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.addInitScript(OPEN_PROBE);

    type ImportRun = { ms: number; longMax: number; mode: string };
    const runImport = async (path: string): Promise<ImportRun> => {
      await page.goto(`${base}/bench.html`);
      await page.waitForFunction(() => document.title === 'bench-ready');
      await page.setInputFiles('#file', path);
      const r = await page.evaluate(() => (window as unknown as { batonBench: { runImport(): Promise<Record<string, unknown>> } }).batonBench.runImport());
      if (r.status !== 'imported') throw new Error(`import failed: ${String(r.message)}`);
      return { ms: r.ms as number, longMax: (r.longTasks as { maxMs: number }).maxMs, mode: r.mode as string };
    };

    const importsWithPeaks: ImportRun[] = [];
    const importsComputing: ImportRun[] = [];
    for (let i = 0; i < runs; i++) {
      importsWithPeaks.push(await runImport(withPeaksPath));
      importsComputing.push(await runImport(plainPath));
    }
    // The last import computed the peaks; they are in the stored row.
    const stored = await sessionIdAndPeaks(page);
    if (stored.peaks !== peaks.length) throw new Error(`expected ${peaks.length} stored peak values after import, found ${stored.peaks}`);

    const opens: OpenTiming[] = [];
    for (let i = 0; i < Math.max(runs, 5); i++) opens.push(await openSession(page, stored.id));
    if (opens.some((o) => o.peaks !== 'stored' || o.status !== 'ready')) throw new Error(`an open did not use the stored peaks: ${JSON.stringify(opens)}`);

    // Before this change: no peaks stored, so the strip decodes the hour of audio at open.
    await page.goto(`${base}/bench.html`);
    await dropPeaks(page);
    let lazy: OpenTiming | { error: string };
    try {
      lazy = await openSession(page, stored.id);
    } catch (e) {
      lazy = { error: (e as Error).message.split('\n')[0]! };
    }

    const result = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version()}`,
      audio: { seconds, sampleRate: rate, wavMiB: wav.byteLength / 1048576, archiveMiB: plain.byteLength / 1048576, events: events.length, peakValues: peaks.length },
      nodePeaksMs: { median: median(nodePeaksMs), runs: nodePeaksMs.map((x) => Math.round(x)), streamed64KiB: nodeStreamMs },
      importMs: {
        withPeaksInManifest: median(importsWithPeaks.map((r) => r.ms)),
        computingPeaks: median(importsComputing.map((r) => r.ms)),
        rawWithPeaks: importsWithPeaks.map((r) => Math.round(r.ms)),
        rawComputing: importsComputing.map((r) => Math.round(r.ms)),
        longestMainThreadTaskMs: Math.max(...importsComputing.map((r) => r.longMax)),
        mode: importsComputing[0]?.mode,
      },
      open: {
        replayShownMs: median(opens.map((o) => o.replay)),
        waveformReadyMs: median(opens.map((o) => o.ready)),
        waveformDrawnMs: median(opens.map((o) => o.drawn)),
        waveformPaintedMs: median(opens.map((o) => o.painted)),
        rawPaintedMs: opens.map((o) => Math.round(o.painted)),
        longestTaskMs: Math.max(...opens.map((o) => o.longest)),
      },
      lazyDecodeOpen: 'error' in lazy ? lazy : { replayShownMs: lazy.replay, waveformReadyMs: lazy.ready, waveformPaintedMs: lazy.painted, longestTaskMs: lazy.longest, status: lazy.status, peaks: lazy.peaks },
    };

    if (args.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
    console.log(`\nA session with ${f(seconds / 60)} minutes of narration: ${f(result.audio.wavMiB, 1)} MiB WAV (${rate / 1000} kHz mono 16-bit), ${f(result.audio.archiveMiB, 1)} MiB archive, no peaks in its manifest`);
    console.log('| measure | value |\n|---|---|');
    console.log(`| peaks from the WAV bytes in Node (what the import worker adds), median of 5 | ${f(result.nodePeaksMs.median, 1)} ms (runs ${result.nodePeaksMs.runs.join(', ')}; fed in 64 KiB pieces ${f(nodeStreamMs, 1)} ms) |`);
    console.log(`| import (worker → IndexedDB), peaks computed at import, median of ${runs} | ${f(result.importMs.computingPeaks)} ms (${result.importMs.rawComputing.join(', ')}) |`);
    console.log(`| import of the same archive with peaks in its manifest, median of ${runs} | ${f(result.importMs.withPeaksInManifest)} ms (${result.importMs.rawWithPeaks.join(', ')}) |`);
    console.log(`| longest main-thread task during the imports that computed peaks | ${f(result.importMs.longestMainThreadTaskMs)} ms |`);
    console.log(`| open: navigation → replay shown, median of ${opens.length} | ${f(result.open.replayShownMs)} ms |`);
    console.log(`| open: navigation → strip ready (stored peaks) → waveform drawn → two frames painted, median of ${opens.length} | ${f(result.open.waveformReadyMs)} → ${f(result.open.waveformDrawnMs)} → ${f(result.open.waveformPaintedMs)} ms (painted: ${result.open.rawPaintedMs.join(', ')}) |`);
    console.log(`| longest main-thread task during those opens | ${f(result.open.longestTaskMs)} ms |`);
    if ('error' in result.lazyDecodeOpen) console.log(`| before: open decoding the recording (no stored peaks) | failed: ${result.lazyDecodeOpen.error} |`);
    else console.log(`| before: open decoding the recording (no stored peaks): navigation → waveform painted; longest task | ${f(result.lazyDecodeOpen.waveformPaintedMs)} ms; ${f(result.lazyDecodeOpen.longestTaskMs)} ms (${result.lazyDecodeOpen.status}, peaks ${result.lazyDecodeOpen.peaks}) |`);
    console.log(`machine: ${result.machine}; ${result.date}`);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
