/**
 * `npm run bench` (part): `baton report` on a generated session of 10,000 events (target
 * ≤ 5 s): import, classifier, reel and HTML, as the command line does it. Prints wall-clock
 * and CPU time per run.
 *
 *   node --import tsx scripts/bench-report.ts [--events 10000] [--runs 3]
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { report } from '../electron/cli/report';
import { writeArchiveToBytes } from '../shared/archive/baton-writer';
import { generateLargeSession } from '../shared/samples';

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } } });
const dir = await mkdtemp(join(tmpdir(), 'baton-bench-report-'));
try {
  const s = generateLargeSession(Number(args.events), 7);
  const file = join(dir, 'large.baton');
  await writeFile(file, await writeArchiveToBytes({ ...s, createdAt: '2026-01-01T00:00:00.000Z' }));
  const quiet = { stdout: { write: () => true }, stderr: { write: (t: string) => process.stderr.write(t) } };
  for (let i = 0; i < Number(args.runs); i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await report(file, { reviews: [], blind: i % 2 === 1, out: join(dir, 'out.html'), now: '2026-01-01T00:00:00.000Z' }, quiet);
    const used = process.cpuUsage(c);
    const size = (await stat(join(dir, 'out.html'))).size;
    console.log(`report: ${s.events.length} events${i % 2 ? ' (blind)' : ''}: ${Math.round(performance.now() - t)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU, ${Math.round(size / 1024)} KiB HTML (target ≤ 5000 ms)`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
