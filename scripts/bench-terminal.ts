/**
 * `npm run bench` (part): seek latency in a recorded terminal, Baton's player against the
 * asciinema-player npm package, on the same generated 2 MB+ asciinema v2 recording, in the
 * same headless Chromium. 200 random seeks each (same targets); a seek counts as done when
 * the player has applied it and the next frame has painted. Pass `--json` for JSON.
 */
import { chromium } from '@playwright/test';
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { generateCast } from '../test/fixtures/cast';

const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false }, seeks: { type: 'string', default: '200' } } });
const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(tmpdir(), 'baton-bench', 'terminal-bench');
const PORT = 4181;

function quantiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
  return { p50: q(0.5), p95: q(0.95), max: s[s.length - 1]! };
}

async function main() {
  const log = (s: string) => !args.json && console.log(s);
  const cast = generateCast({ steps: 1400, cols: 100, rows: 30, stepSeconds: 2 });
  const bytes = Buffer.byteLength(cast.text);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'bench.cast'), cast.text);
  log(`\nterminal recording: ${(bytes / 1048576).toFixed(2)} MiB, ${(cast.durationS / 60).toFixed(0)} minutes of output`);

  await build({ root: join(HERE, 'bench-terminal'), logLevel: 'warn', base: './', build: { outDir: join(OUT, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 8192 } });
  const server = await preview({ root: join(HERE, 'bench-terminal'), logLevel: 'warn', build: { outDir: join(OUT, 'dist') }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    await page.addInitScript('globalThis.__name = (f) => f;');
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => document.title === 'terminal-bench-ready');
    const seeks = Number(args.seeks);
    const r = await page.evaluate(
      async ({ text, seeks }) => {
        type Bench = { setup(text: string): Promise<{ durationMs: number; checkpoints: number; checkpointMs: number; checkpointChars: number; ours(t: number, paint: boolean): Promise<void>; theirs(t: number, paint: boolean): Promise<void> }> };
        const b = await (window as unknown as { terminalBench: Bench }).terminalBench.setup(text);
        let seed = 4242;
        const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const targets = Array.from({ length: seeks }, () => rand() * b.durationMs);
        // Each seek starts in a task of its own, as a click or a clock tick would: a chain of
        // awaits would otherwise run every seek inside the previous one's timer callback, and
        // the browser clamps nested timers (xterm's write uses one) to 4 ms.
        const freshTask = () =>
          new Promise<void>((r) => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => r();
            ch.port2.postMessage(0);
          });
        const time = async (f: (t: number, paint: boolean) => Promise<void>, paint: boolean) => {
          const out: number[] = [];
          for (const t of targets) {
            await freshTask();
            const s = performance.now();
            await f(t, paint);
            out.push(performance.now() - s);
          }
          return out;
        };
        // Warm both once, then measure: applied (the seek's promise resolved: the screen
        // buffer holds the target moment) and painted (one more frame on screen).
        await b.ours(targets[0]!, true);
        await b.theirs(targets[0]!, true);
        const oursApplied = await time((t, p) => b.ours(t, p), false);
        const theirsApplied = await time((t, p) => b.theirs(t, p), false);
        const ours = await time((t, p) => b.ours(t, p), true);
        const theirs = await time((t, p) => b.theirs(t, p), true);
        return { ours, theirs, oursApplied, theirsApplied, checkpoints: b.checkpoints, checkpointMs: b.checkpointMs, checkpointChars: b.checkpointChars };
      },
      { text: cast.text, seeks },
    );
    const ours = quantiles(r.ours);
    const theirs = quantiles(r.theirs);
    const oursApplied = quantiles(r.oursApplied);
    const theirsApplied = quantiles(r.theirsApplied);
    const result = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version()}`,
      castMiB: bytes / 1048576,
      seeks,
      checkpoints: r.checkpoints,
      checkpointBuildMs: r.checkpointMs,
      checkpointMiB: (r.checkpointChars * 2) / 1048576,
      applied: { ours: oursApplied, asciinemaPlayer: theirsApplied, p95Ratio: theirsApplied.p95 / oursApplied.p95 },
      painted: { ours, asciinemaPlayer: theirs, p95Ratio: theirs.p95 / ours.p95 },
    };
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else {
      const f = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
      console.log(`\nTerminal seek, ${seeks} random seeks on the same recording; Baton keeps ${r.checkpoints} checkpoints, built in the background in ${f(r.checkpointMs, 0)} ms, holding ${f(result.checkpointMiB)} MiB of screen state`);
      console.log('| measure | Baton p50 / p95 / max | asciinema-player 3.18 p50 / p95 / max | ratio at p95 (target ≥ 10×) |\n|---|---|---|---|');
      const row = (name: string, a: typeof ours, b: typeof ours) => console.log(`| ${name} | ${f(a.p50)} / ${f(a.p95)} / ${f(a.max)} ms | ${f(b.p50)} / ${f(b.p95)} / ${f(b.max)} ms | ${f(b.p95 / a.p95)}× |`);
      row('seek applied (promise resolved)', oursApplied, theirsApplied);
      row('seek painted (+ next frame)', ours, theirs);
      console.log(`machine: ${result.machine}; ${result.date}`);
    }
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
