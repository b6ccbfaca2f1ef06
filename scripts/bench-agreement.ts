/**
 * `npm run bench` (part): panel agreement statistics in Node. A generated panel of
 * 50 sessions × 8 reviewers × 7 ratings (six factors and overall; about 5% N/A), through
 * agreement() with 1,000 bootstrap resamples (target ≤ 200 ms per call). Prints wall-clock
 * time and this process's CPU time per call: on a machine shared with other work the CPU time
 * is the steadier figure.
 *
 *   node --import tsx scripts/bench-agreement.ts [--runs 5] [--json]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { REVIEW_FACTORS } from '../shared/review/factors';
import { agreement, type Rating } from '../shared/stats/agreement';
import { mulberry32 } from '../shared/stats/bootstrap';

const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' } } });
const runs = Number(args.runs);

function panel(sessions: number, reviewers: number, seed: number): Rating[] {
  const random = mulberry32(seed);
  const out: Rating[] = [];
  for (let s = 0; s < sessions; s++) {
    const quality = 1 + 4 * random();
    for (const factor of REVIEW_FACTORS) {
      const truth = quality + (random() - 0.5);
      for (let r = 0; r < reviewers; r++) {
        const score = random() < 0.05 ? null : Math.min(5, Math.max(1, Math.round(truth + (random() - 0.5) * 1.6)));
        out.push({ session: `s${s}`, reviewer: `r${r}`, factor, score });
      }
    }
  }
  return out;
}

const ratings = panel(50, 8, 18);
const ms: number[] = [];
const cpuMs: number[] = [];
let last: ReturnType<typeof agreement> | undefined;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  last = agreement(ratings, { resamples: 1000, seed: 18 + i, factors: REVIEW_FACTORS });
  const used = process.cpuUsage(c);
  ms.push(performance.now() - t);
  cpuMs.push((used.user + used.system) / 1000);
}
const round = (x: number) => Math.round(x * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = {
  ratings: ratings.length,
  resamples: 1000,
  runsMs: ms.map(round),
  firstMs: round(ms[0]!),
  medianMs: round(median(ms)),
  fastestMs: round(Math.min(...ms)),
  firstCpuMs: round(cpuMs[0]!),
  medianCpuMs: round(median(cpuMs)),
  targetMs: 200,
  allFactorsAlphaInterval: last?.allFactors.alphaInterval,
  cpu: cpus()[0]?.model,
};
if (args.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`agreement: ${result.ratings} ratings (50 sessions × 8 reviewers × 7), 1,000 resamples`);
  console.log(`  per call, wall clock: first ${result.firstMs} ms, median ${result.medianMs} ms, fastest ${result.fastestMs} ms of ${runs} (${result.runsMs.join(' / ')} ms); target ≤ 200 ms`);
  console.log(`  per call, CPU time:   first ${result.firstCpuMs} ms, median ${result.medianCpuMs} ms`);
}
