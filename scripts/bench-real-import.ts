/**
 * Import speed of every real log (../shared/real-sessions and ../shared/rated-sessions), in
 * Node, through the same pipeline the app and the CLI use, into memory. Not part of
 * `npm run bench`: run `node --import tsx scripts/bench-real-import.ts`.
 *
 * One warm-up pass first (a cold process spends 100-200 ms compiling before its first import),
 * then each file 7 times; the best run counts. Prints MB/s by wall clock and by the process's
 * CPU time: on a machine shared with other work, CPU time is the steadier of the two.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesSource, MemorySink } from '../shared/import/memory-sink';
import { importSource } from '../shared/import/pipeline';

const HERE = dirname(fileURLToPath(import.meta.url));
const SHARED = resolve(join(HERE, '../../shared'));
const DIRS = [process.env.BATON_REAL_SESSIONS ?? join(SHARED, 'real-sessions'), process.env.BATON_RATED_SESSIONS ?? join(SHARED, 'rated-sessions/sessions')];
const RUNS = 7;

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (!/\.(md|tsv)$/.test(n)) out.push(p);
  }
  return out;
}

const files = DIRS.flatMap((d) => walk(d))
  .map((f) => ({ f, bytes: new Uint8Array(readFileSync(f)) }))
  .filter((x) => x.bytes.length > 0);
const once = (name: string, bytes: Uint8Array) => importSource(bytesSource(name, bytes, 64 * 1024), new MemorySink(), { now: () => 0 });

for (const { f, bytes } of files) await once(f, bytes);
const rows: { file: string; size: number; wall: number; cpu: number }[] = [];
for (const { f, bytes } of files) {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await once(f, bytes);
    wall = Math.min(wall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
    if (r.status !== 'imported') throw new Error(`${f}: ${r.message}`);
  }
  rows.push({ file: relative(SHARED, f), size: bytes.length, wall, cpu });
}
rows.sort((a, b) => a.size / a.cpu - b.size / b.cpu);
const mbps = (size: number, ms: number) => (size / 1e3 / Math.max(ms, 0.001)).toFixed(1);
for (const r of rows) console.log(`${mbps(r.size, r.wall).padStart(7)} MB/s wall ${mbps(r.size, r.cpu).padStart(7)} MB/s cpu ${(r.size / 1e6).toFixed(3).padStart(7)} MB ${r.cpu.toFixed(2).padStart(7)} ms  ${r.file}`);
const big = rows.filter((r) => r.size >= 100_000);
const total = big.reduce((a, r) => a + r.size, 0);
console.log(`files >= 100 KB: ${big.length}, ${(total / 1e6).toFixed(1)} MB; slowest ${mbps(big[0]!.size, big[0]!.cpu)} MB/s cpu; all together ${mbps(total, big.reduce((a, r) => a + r.cpu, 0))} MB/s cpu`);
