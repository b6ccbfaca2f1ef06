/**
 * `baton score FILE… [--weights 22,18,18,16,14,12] [--json|--csv]`: scores sessions in
 * batch over several cores (worker_threads), with the same classifier as the app. A
 * directory stands for the files under it; a Claude Code transcript and its subagent files
 * are one session.
 */
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { combine, DEFAULT_WEIGHTS, FACTORS, FACTOR_LABELS, type Weights } from '../../shared/classifier';
import { groupImportFiles } from '../../shared/import/group';
import { csvCell } from '../../shared/review/csv-cell';
import { filesUnder } from './inspect';
import type { CliIO } from './io';
import { scoreJob, type ScoredFile, type ScoreJob } from './score-core';

async function expand(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of args) {
    const st = await stat(p).catch(() => undefined);
    const under = st?.isDirectory() ? await filesUnder(p) : [];
    out.push(...(under.length ? under : [p]));
  }
  return out;
}

/**
 * A score worker. Compiled (out/cli), score-worker.mjs sits beside this module; run from the
 * sources through tsx (npm run baton, the tests), the worker registers tsx before loading
 * score-worker.ts.
 */
function workerThread(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./score-worker.mjs', import.meta.url));
  return new Worker(
    `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(require('node:worker_threads').workerData.url); })();`,
    { eval: true, workerData: { url: new URL('./score-worker.ts', import.meta.url).href } },
  );
}

/** Runs jobs on a pool of worker threads; falls back to this thread if workers cannot start. */
async function runPool(jobs: ScoreJob[], threads: number, io: CliIO): Promise<{ results: ScoredFile[]; threads: number }> {
  const results: ScoredFile[] = new Array(jobs.length);
  if (threads <= 1 || jobs.length <= 1) {
    for (const [i, j] of jobs.entries()) results[i] = await scoreJob(j);
    return { results, threads: 1 };
  }
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(threads, jobs.length) }, async () => {
        const w = workerThread();
        workers.push(w);
        for (;;) {
          const i = next++;
          if (i >= jobs.length) break;
          results[i] = await new Promise<ScoredFile>((resolve, reject) => {
            const onMsg = (m: { seq: number; result: ScoredFile }) => {
              if (m.seq !== i) return;
              w.off('message', onMsg);
              w.off('error', reject);
              resolve(m.result);
            };
            w.on('message', onMsg);
            w.once('error', reject);
            w.postMessage({ ...jobs[i]!, seq: i });
          });
        }
      }),
    );
  } catch (e) {
    // No worker threads here (or the loader is missing): score the rest in this thread.
    io.stderr.write(`baton score: worker threads unavailable (${(e as Error).message}); scoring in one thread\n`);
    for (const [i, j] of jobs.entries()) if (!results[i]) results[i] = await scoreJob(j);
    return { results, threads: 1 };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { results, threads: workers.length };
}

const fmt = (n: number) => n.toFixed(1);

export async function score(argPaths: string[], opts: { weights?: Weights; format: 'table' | 'json' | 'csv'; threads?: number }, io: CliIO): Promise<number> {
  const weights = opts.weights ?? { ...DEFAULT_WEIGHTS };
  const paths = await expand(argPaths);
  const units = groupImportFiles(paths);
  const jobs = units.map((u) => ({ path: paths[u.main]!, companions: u.companions.map((c) => ({ path: paths[c.index]!, lane: c.lane })) }));
  const { results: files, threads } = await runPool(jobs, opts.threads ?? Math.max(1, availableParallelism()), io);
  const rows = files.flatMap((f) =>
    f.sessions.map((s) => {
      const c = combine(s.result, weights);
      return { file: f.path, session: s.id, title: s.title, events: s.events, overall: c.overall, factors: c.factors, evidence: s.result.evidence.length, promptsInEnglish: s.promptsInEnglish, why: c.why };
    }),
  );
  if (opts.format === 'json') {
    io.stdout.write(
      JSON.stringify(
        {
          weights,
          threads,
          sessions: rows.map((r) => ({
            ...r,
            factors: Object.fromEntries(FACTORS.map((f) => [f, { score: r.factors[f].score, opportunities: r.factors[f].opportunities, insufficient: r.factors[f].insufficient, weight: r.factors[f].effectiveWeight }])),
          })),
          failed: files.filter((f) => f.error).map((f) => ({ file: f.path, error: f.error })),
        },
        null,
        2,
      ) + '\n',
    );
  } else if (opts.format === 'csv') {
    io.stdout.write(['file', 'session', 'title', 'overall', ...FACTORS.flatMap((f) => [f, `${f}_opportunities`]), 'prompts_in_english'].join(',') + '\n');
    for (const r of rows) io.stdout.write([csvCell(r.file), csvCell(r.session), csvCell(r.title), r.overall === null ? '' : fmt(r.overall), ...FACTORS.flatMap((f) => [r.factors[f].insufficient ? '' : fmt(r.factors[f].score), String(r.factors[f].opportunities)]), r.promptsInEnglish ? 'yes' : 'no'].join(',') + '\n');
  } else {
    io.stdout.write(`weights: ${FACTORS.map((f) => `${FACTOR_LABELS[f].toLowerCase()} ${weights[f]}`).join(', ')}\n\n`);
    for (const r of rows) {
      io.stdout.write(`${r.file}\n  ${r.title}\n  overall  ${r.overall === null ? 'insufficient evidence' : fmt(r.overall)}\n`);
      for (const f of FACTORS) {
        const x = r.factors[f];
        io.stdout.write(`    ${FACTOR_LABELS[f].padEnd(24)} ${x.insufficient ? '   –  ' : fmt(x.score).padStart(5) + ' '} (${x.opportunities} opportunit${x.opportunities === 1 ? 'y' : 'ies'}${x.insufficient ? ', insufficient evidence' : ''})\n`);
      }
      if (!r.promptsInEnglish) io.stdout.write("  note: the candidate's prompts are not in English; the rules read English phrasing, so these scores understate the session\n");
      io.stdout.write(`  ${r.why}\n\n`);
    }
  }
  const failed = files.filter((f) => f.error);
  for (const f of failed) io.stderr.write(`baton score: ${f.path}: ${f.error}\n`);
  return failed.length ? 1 : 0;
}
