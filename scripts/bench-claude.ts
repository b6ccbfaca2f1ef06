/**
 * `npm run bench` (part): a 100 MB Claude Code transcript, built by repeating a real one from
 * ../shared/real-sessions (ids made unique and times shifted per repetition), imported
 * through the same streaming pipeline the app and the CLI use, in Node. Prints MB/s and the
 * peak growth of the process's resident memory against the file size.
 * Targets: ≥ 20 MB/s, peak memory growth < 3× the file size.
 */
import { createWriteStream, existsSync, mkdirSync, openAsBlob, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MemorySink } from '../shared/import/memory-sink';
import { importSource } from '../shared/import/pipeline';

const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false }, mb: { type: 'string', default: '100' } } });
const HERE = dirname(fileURLToPath(import.meta.url));
const REAL = resolve(process.env.BATON_REAL_SESSIONS ?? join(HERE, '../../shared/real-sessions'));
const SOURCE = join(REAL, 'claude-code/m-claude/3cfce0ff-0725-47be-a572-f8af8122b71e.jsonl');
const ID_KEYS = new Set(['uuid', 'parentUuid', 'leafUuid', 'tool_use_id', 'id', 'messageId', 'promptId']);

function renameIds(v: unknown, suffix: string): unknown {
  if (Array.isArray(v)) return v.map((x) => renameIds(x, suffix));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = ID_KEYS.has(k) && typeof x === 'string' ? `${x}-${suffix}` : renameIds(x, suffix);
    return out;
  }
  return v;
}

async function build(target: number): Promise<string> {
  const out = join(tmpdir(), 'baton-bench', `claude-${Math.round(target / 1e6)}MB.jsonl`);
  if (existsSync(out) && statSync(out).size >= target) return out;
  mkdirSync(dirname(out), { recursive: true });
  const lines = readFileSync(SOURCE, 'utf8').split('\n').filter((l) => l.trim());
  const times = lines.map((l) => /"timestamp":"([^"]+)"/.exec(l)?.[1]).filter(Boolean).map((s) => Date.parse(s!));
  const span = Math.max(...times) - Math.min(...times) + 60_000;
  const ws = createWriteStream(out);
  let written = 0;
  for (let rep = 0; written < target; rep++) {
    for (const l of lines) {
      let text = l;
      try {
        const r = renameIds(JSON.parse(l), `r${rep}`) as Record<string, unknown>;
        if (typeof r.timestamp === 'string') r.timestamp = new Date(Date.parse(r.timestamp) + rep * span).toISOString();
        text = JSON.stringify(r);
      } catch {
        /* a redacted line stays as broken as it was */
      }
      const buf = `${text}\n`;
      written += Buffer.byteLength(buf);
      if (!ws.write(buf)) await new Promise<void>((r) => ws.once('drain', () => r()));
    }
  }
  await new Promise<void>((r) => ws.end(r));
  return out;
}

async function main() {
  if (!existsSync(SOURCE)) {
    console.log(`\nClaude Code 100 MB import: skipped (${SOURCE} not found; set BATON_REAL_SESSIONS)`);
    return;
  }
  const path = await build(Number(args.mb) * 1e6);
  const size = statSync(path).size;
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const blob = await openAsBlob(path);
  const source = { name: 'claude-100MB.jsonl', size, stream: () => blob.stream() as ReadableStream<Uint8Array>, slice: (a?: number, b?: number) => blob.slice(a, b) };
  const sink = new MemorySink(false);
  const t0 = performance.now();
  const report = await importSource(source, sink, {});
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (report.status !== 'imported') throw new Error(`import failed: ${report.message}`);
  const events = report.sessions[0]?.eventCount ?? 0;
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
    fileMB: size / 1e6,
    events,
    ms,
    mbPerSecond: size / 1e6 / (ms / 1000),
    peakRssGrowthMB: (peak - base) / 1e6,
    peakOverFileSize: (peak - base) / size,
    problems: report.problems.length + report.problemsOmitted,
  };
  if (args.json) console.log(JSON.stringify(result, null, 2));
  else {
    const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
    console.log(`\nClaude Code transcript import, ${f(result.fileMB, 1)} MB (a real transcript repeated), streaming, in Node`);
    console.log('| measure | value |\n|---|---|');
    console.log(`| wall time | ${f(ms)} ms |`);
    console.log(`| throughput (target ≥ 20 MB/s) | ${f(result.mbPerSecond, 1)} MB/s |`);
    console.log(`| events | ${f(events)} |`);
    console.log(`| peak RSS growth (target < 3× file) | ${f(result.peakRssGrowthMB)} MB (${f(result.peakOverFileSize, 2)}× the file) |`);
    console.log(`| problems reported (the source's redacted lines, repeated) | ${f(result.problems)} |`);
    console.log(`machine: ${result.machine}; ${result.date}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
