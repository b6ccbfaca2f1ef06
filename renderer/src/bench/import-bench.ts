/**
 * Import benchmark harness (a separate page of the web build, never part of the app).
 * `npm run bench` opens it in headless Chromium, hands it the generated archive through the
 * file input, and calls these functions.
 */
import Dexie from 'dexie';
import { unzipSync } from 'fflate';
import { importClient } from '../import/client';
import { InOrder } from '../import/in-order';
import { db } from '../db/schema';
import { loadEvents } from '../db/store';
import { fromChunks } from '../db/chunks';
import { findEvents } from '../features/replay/events/search';
import { searchTexts } from '../features/replay/events/search-index';
import { scoringClient } from '../scoring/client';
import { CLASSIFIER_VERSION, extractEvidence, FACTORS, type ClassifierResult } from '../../../shared/classifier';
import { generateSample, SAMPLE_STYLES } from '../../../shared/samples';
import type { SessionEvent } from '../../../shared/model/schema';

interface LongTaskStats {
  count: number;
  maxMs: number;
  over100: number;
  over50: number;
}

function watchLongTasks(): () => LongTaskStats {
  const stats: LongTaskStats = { count: 0, maxMs: 0, over100: 0, over50: 0 };
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      stats.count++;
      stats.maxMs = Math.max(stats.maxMs, e.duration);
      if (e.duration > 100) stats.over100++;
      if (e.duration > 50) stats.over50++;
    }
  });
  obs.observe({ type: 'longtask', buffered: false });
  return () => {
    obs.disconnect();
    return stats;
  };
}

/** Largest gap between 10 ms timer ticks: how long the page could not respond. */
function watchTimerGaps(): () => number {
  let last = performance.now();
  let worst = 0;
  const id = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  return () => {
    clearInterval(id);
    return worst;
  };
}

function file(): File {
  const f = (document.getElementById('file') as HTMLInputElement).files?.[0];
  if (!f) throw new Error('no file set');
  return f;
}

/** Imports the benchmark archive into an emptied database, or with `keep`, beside what it holds. */
async function runImport(keep = false) {
  if (!keep) {
    await db().delete();
    await db().open();
  }
  const client = await importClient();
  const stopLong = watchLongTasks();
  const stopGaps = watchTimerGaps();
  const t0 = performance.now();
  const { report } = await client.importFile('bench', file(), undefined, () => undefined);
  const ms = performance.now() - t0;
  const longTasks = stopLong();
  const worstGapMs = stopGaps();
  const events = report.sessions.reduce((n, s) => n + s.eventCount, 0);
  // The replay benchmark opens the app next: no first-run samples in the way.
  await db().settings.put({ key: 'samplesLoaded', value: true });
  return { mode: client.mode, status: report.status, message: report.message, ms, events, longTasks, worstGapMs, heapMB: heap(), id: report.sessions[0]?.id };
}

function heap(): number | undefined {
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize / 1048576 : undefined;
}

/**
 * The physical floor: the same events.jsonl bytes written to IndexedDB as large records
 * (1 MiB strings) in one transaction, in the same browser and run, no parsing. What any
 * design that stores these bytes must pay; unzip is timed apart.
 */
async function runFloor(recordChars = 1 << 20) {
  const floorDb = new Dexie('bench-floor');
  floorDb.version(1).stores({ records: 'n' });
  await floorDb.delete();
  await floorDb.open();
  const t0 = performance.now();
  const entries = unzipSync(new Uint8Array(await file().arrayBuffer()), { filter: (f) => f.name === 'events.jsonl' });
  const text = new TextDecoder().decode(entries['events.jsonl']);
  const t1 = performance.now();
  const table = floorDb.table('records');
  const records: { n: number; data: string }[] = [];
  for (let at = 0, n = 0; at < text.length; at += recordChars, n++) records.push({ n, data: text.slice(at, at + recordChars) });
  await floorDb.transaction('rw', table, () => table.bulkPut(records));
  const t2 = performance.now();
  const count = await table.count();
  floorDb.close();
  await Dexie.delete('bench-floor');
  return { unzipMs: t1 - t0, parsePutMs: t2 - t1, totalMs: t2 - t0, events: count };
}

/** The events runFind read last, for findAgain. */
let loadedEvents: SessionEvent[] = [];

/** Finds a word again in the events runFind read (the search texts gathered then): wall ms and the hit count. */
async function findAgain(query: string) {
  const t = performance.now();
  const hits = await findEvents(loadedEvents, query);
  return { ms: performance.now() - t, hits: hits.length };
}

/**
 * Lets go of the events runFind read. The benchmark calls it before it opens the replay from this
 * page: a document left in the same renderer is freed only over later collections, and its
 * 100,000 events would count in the heap measured after opening.
 */
function releaseFind() {
  loadedEvents = [];
}

/** Reads the imported session's events from IndexedDB and finds a word in all of them. */
async function runFind(query = 'zzz-not-there') {
  const id = String((await db().sessions.toCollection().primaryKeys())[0]);
  const r0 = performance.now();
  const rows = await db().eventChunks.where('sid').equals(id).sortBy('n');
  const r1 = performance.now();
  fromChunks(rows);
  const r2 = performance.now();
  const t0 = performance.now();
  const events = await loadEvents(db(), id);
  const t1 = performance.now();
  // The searchable strings, gathered once per session (the replay does it in idle time once
  // every event is loaded): timed apart from the searches that use them.
  searchTexts(events).extend(events.length);
  const g1 = performance.now();
  loadedEvents = events;
  const found = await findEvents(events, query);
  const t2 = performance.now();
  const again = await findEvents(events, 'the');
  const t3 = performance.now();
  return { events: events.length, chunks: rows.length, rowsMs: r1 - r0, parseMs: r2 - r1, readMs: t1 - t0, gatherMs: g1 - t1, findMs: t2 - g1, found: found.length, findCommonMs: t3 - t2, foundCommon: again.length };
}

/**
 * Imports every file of #files as the app imports a folder (state/actions.ts): one job per
 * file, each with its own progress, the next file read while one commits (`atOnce` jobs at
 * a time, the app's number unless given), committed in order; into an empty library.
 */
async function runFolder(range: { from?: number; to?: number; atOnce?: number } = {}) {
  const from = range.from ?? 0;
  // A range that starts past the first file adds to the library the earlier call left.
  if (from === 0) {
    await db().delete();
    await db().open();
  }
  const files = [...((document.getElementById('files') as HTMLInputElement).files ?? [])].slice(from, range.to);
  const client = await importClient();
  const t0 = performance.now();
  /** Each job's wall time, from its start to its end (jobs overlap). */
  const perFile: number[] = [];
  /** The pipeline's own time per file (report.durationMs: read, parse, write, commit in the worker). */
  const pipeline: number[] = [];
  /** The order jobs ended in. */
  const ended: number[] = [];
  let stored = 0;
  let events = 0;
  let progressCalls = 0;
  const queue = new InOrder(range.atOnce);
  for (const [i, f] of files.entries()) {
    await queue.slot();
    const t = performance.now();
    queue.start(async (turn) => {
      const { report } = await client.importFile(`folder-${from + i}`, f, undefined, () => void progressCalls++, undefined, turn);
      perFile[i] = performance.now() - t;
      pipeline[i] = Math.round(report.durationMs);
      ended.push(i);
      for (const s of report.sessions) if (s.status === 'stored') {
        stored++;
        events += s.eventCount;
      }
    });
  }
  await queue.drain();
  const ms = performance.now() - t0;
  const inOrder = perFile.map((x) => Math.round(x));
  perFile.sort((a, b) => a - b);
  await db().settings.put({ key: 'samplesLoaded', value: true });
  return {
    files: files.length,
    bytes: files.reduce((n, f) => n + f.size, 0),
    stored,
    events,
    ms,
    p50: perFile[Math.floor(perFile.length / 2)] ?? 0,
    max: perFile[perFile.length - 1] ?? 0,
    progressCalls,
    endedInOrder: ended.every((x, k) => x === k),
    first: inOrder.slice(0, 5),
    last: inOrder.slice(-5),
    pipelineFirst: pipeline.slice(0, 5),
    pipelineLast: pipeline.slice(-5),
  };
}

/**
 * Session i's classifier result for the seeded library: each factor's evidence and opportunities
 * taken from a different sample, so the 1,000 sessions differ factor by factor and moving a
 * weight really re-orders them (with one sample's result per session, the top rows were copies
 * of one result and no move changed their order).
 */
function mixedResult(results: readonly ClassifierResult[], i: number): ClassifierResult {
  const evidence: ClassifierResult['evidence'] = [];
  const byFactor = {} as ClassifierResult['byFactor'];
  const opportunities = {} as ClassifierResult['opportunities'];
  FACTORS.forEach((f, k) => {
    const from = results[(i * 37 + k * 101 + ((i * (k + 3)) % 17) * 7) % results.length]!;
    byFactor[f] = from.byFactor[f].map((j) => evidence.push(from.evidence[j]!) - 1);
    opportunities[f] = from.opportunities[f];
  });
  return { version: results[0]!.version, evidence, byFactor, opportunities };
}

/**
 * A library of n generated session rows (no events), for the library benchmark. With `scored`,
 * each also gets a cached classifier result, mixed factor by factor (mixedResult) from 100
 * extracted here from generated samples (4 styles × 25 seeds), so the library ranks by score
 * without extracting anything.
 */
async function seedLibrary(n: number, scored = false) {
  const database = db();
  await database.delete();
  await database.open();
  const formats = ['baton', 'claude-code', 'codex', 'aider', 'asciinema'];
  const tasks = ['Rate limiter', 'CSV importer', 'Retrying HTTP client', 'Date-range parser', 'LRU cache', 'Webhook verifier'];
  const rows = Array.from({ length: n }, (_, i) => {
    const startedAt = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    const taskTitle = tasks[i % tasks.length]!;
    const format = formats[i % formats.length]!;
    const title = `Session ${i + 1}: ${taskTitle.toLowerCase()} attempt ${(i % 7) + 1}`;
    const durationMs = ((i * 7919) % 7200) * 1000;
    return {
      id: `bench-${i}`,
      meta: {
        id: `bench-${i}`,
        title,
        candidate: { id: `cand-${(i * 31) % 997}` },
        task: { title: taskTitle, statement: '' },
        source: { format: format as 'baton' },
        startedAt,
        durationMs,
        terminals: [],
        lanes: [],
        tags: [],
      },
      contentHash: `hash-${i}`,
      eventCount: (i * 104729) % 100_000,
      counts: {},
      importedAt: Date.now(),
      problemCount: 0,
      title,
      startedAt,
      format,
      taskTitle,
      candidateId: `cand-${(i * 31) % 997}`,
      durationMs,
    };
  });
  await database.sessions.bulkPut(rows);
  if (scored) {
    const results = SAMPLE_STYLES.flatMap((style) => Array.from({ length: 25 }, (_, seed) => extractEvidence(generateSample(style, 100 + seed))));
    await database.scores.bulkPut(rows.map((r, i) => ({ sid: r.id, version: CLASSIFIER_VERSION, at: Date.now(), result: mixedResult(results, i) })));
  }
  await database.settings.put({ key: 'samplesLoaded', value: true });
  database.close();
  return rows.length;
}

/**
 * Scores the imported session in the scoring worker from a cold cache (events read from
 * IndexedDB, evidence extracted, cached), watching the main thread meanwhile.
 */
async function runScoring() {
  const id = String((await db().sessions.toCollection().primaryKeys())[0]);
  await db().scores.clear();
  const client = await scoringClient();
  const stopLong = watchLongTasks();
  const stopGaps = watchTimerGaps();
  const t0 = performance.now();
  const r = await client.score([id]);
  const ms = performance.now() - t0;
  return { mode: client.mode, ms, phases: await client.timings(), longTasks: stopLong(), worstGapMs: stopGaps(), evidence: r[id]?.evidence.length ?? 0 };
}

Object.assign(window, { batonBench: { runImport, runFloor, runFind, findAgain, releaseFind, runFolder, seedLibrary, runScoring } });
document.title = 'bench-ready';
