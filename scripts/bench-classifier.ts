/**
 * `npm run bench` (part): the classifier in Node (the same core the worker runs).
 * - Extracting evidence from the generated 100,000-event session (target ≤ 500 ms).
 * - Recombining after a weight change: one 100k session (the score panel) and 1,000 scored
 *   sessions recombined and re-sorted by score the way the library does it (target ≤ 16 ms).
 * The main-thread side (no task over 50 ms while the worker scores) is measured in Chromium
 * by scripts/bench.ts.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { combine, DEFAULT_WEIGHTS, extractEvidence, FACTORS, setWeight, summarize, type ClassifierResult, type ScoreSummary, type Weights } from '../shared/classifier';
import { DEFAULT_SAMPLE_SEED, generateLargeSession, generateSample } from '../shared/samples';
import type { SessionRow } from '../renderer/src/db/schema';
import { visibleRows } from '../renderer/src/state/library';

const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' }, sessions: { type: 'string', default: '1000' } } });
const runs = Number(args.runs);
const sessionCount = Number(args.sessions);

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
};

// 1. Extraction over the 100,000-event session.
const large = generateLargeSession(100_000, 42);
large.events.sort((a, b) => a.t - b.t);
const extractMs: number[] = [];
const extractCpuMs: number[] = [];
let largeResult: ClassifierResult | undefined;
for (let i = 0; i < runs; i++) {
  // Fresh event objects each run, so nothing cached on the events carries over.
  const copy = { meta: large.meta, events: large.events.map((e) => ({ ...e })) };
  const cpu = process.cpuUsage();
  const [r, ms] = time(() => extractEvidence(copy));
  const used = process.cpuUsage(cpu);
  extractCpuMs.push((used.user + used.system) / 1000);
  largeResult = r;
  extractMs.push(ms);
}
const evidenceCount = largeResult!.evidence.length;

// 2. Recombining that session after a weight change (what the score panel does per slider step).
let w: Weights = { ...DEFAULT_WEIGHTS };
const recombineLarge: number[] = [];
for (let i = 0; i < 200; i++) {
  w = setWeight(w, FACTORS[i % 6]!, (i * 37) % 60);
  recombineLarge.push(time(() => combine(largeResult!, w))[1]);
}

// 3. 1,000 scored sessions re-ranked after a weight change: recombine every one, then the
// library's own filter-and-sort by score.
const styles = ['scoper', 'narrator', 'thrasher', 'accepter'] as const;
const results = new Map<string, ClassifierResult>();
const rows: SessionRow[] = [];
const [, extract1000Ms] = time(() => {
  for (let i = 0; i < sessionCount; i++) {
    const s = generateSample(styles[i % 4]!, DEFAULT_SAMPLE_SEED + Math.floor(i / 4));
    const id = `s${i}`;
    results.set(id, extractEvidence(s));
    rows.push({ id, title: `${s.meta.title} ${i}`, taskTitle: s.meta.task.title, candidateId: s.meta.candidate.id, format: 'baton', meta: s.meta } as unknown as SessionRow);
  }
});
const rerank: number[] = [];
w = { ...DEFAULT_WEIGHTS };
let topChanged = 0;
let lastTop = '';
for (let i = 0; i < 300; i++) {
  w = setWeight(w, FACTORS[(i * 5) % 6]!, (i * 53) % 70);
  const [top, ms] = time(() => {
    // What the library does (renderer/src/state/scores.ts combineAll): summarize each session.
    const scores = new Map<string, ScoreSummary>();
    for (const [id, r] of results) scores.set(id, summarize(r, w));
    const sorted = visibleRows(rows, { query: '', sort: { key: 'score', dir: 'desc' }, formatFilter: '', taskFilter: '' }, (id) => scores.get(id)?.overall ?? undefined);
    return sorted[0]!.id;
  });
  if (top !== lastTop) topChanged++;
  lastTop = top;
  rerank.push(ms);
}

const result = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  extract100k: { firstMs: extractMs[0]!, medianMs: q(extractMs, 0.5), fastestMs: Math.min(...extractMs), cpuMedianMs: q(extractCpuMs, 0.5), evidence: evidenceCount },
  recombine100k: { p50: q(recombineLarge, 0.5), p95: q(recombineLarge, 0.95), max: Math.max(...recombineLarge) },
  rerank: { sessions: sessionCount, extractAllMs: extract1000Ms, p50: q(rerank, 0.5), p95: q(rerank, 0.95), max: Math.max(...rerank), topChanged },
};
if (args.json) console.log(JSON.stringify(result, null, 2));
else {
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  console.log(`\nClassifier (Node, the worker's code)`);
  console.log('| measure | value |\n|---|---|');
  console.log(`| extract evidence, 100,000-event session: first / median / fastest of ${runs} (target ≤ 500 ms) | ${f(result.extract100k.firstMs)} / ${f(result.extract100k.medianMs)} / ${f(result.extract100k.fastestMs)} ms (${f(evidenceCount)} evidence items) |`);
  console.log(`| the same, CPU time (median; what a free core would take) | ${f(result.extract100k.cpuMedianMs)} ms |`);
  console.log(`| recombine that session after a weight change, p50 / p95 / max | ${f(result.recombine100k.p50, 2)} / ${f(result.recombine100k.p95, 2)} / ${f(result.recombine100k.max, 2)} ms |`);
  console.log(`| re-rank ${f(sessionCount)} scored sessions after a weight change (recombine all + library sort), p50 / p95 / max over 300 changes (target ≤ 16 ms) | ${f(result.rerank.p50, 2)} / ${f(result.rerank.p95, 2)} / ${f(result.rerank.max, 2)} ms |`);
  console.log(`| (extracting those ${f(sessionCount)} sample-sized sessions, once) | ${f(result.rerank.extractAllMs)} ms |`);
  console.log(`machine: ${result.machine}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${result.date}`);
}
