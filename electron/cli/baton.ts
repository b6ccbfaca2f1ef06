/**
 * The `baton` command line: `npx baton <command>` (the build's out/cli/baton.mjs, see
 * bin/baton.mjs) or `npm run baton -- <command>` (this source through tsx).
 *
 *   baton inspect [--json] FILE…    what the app would import from each file
 *   baton pack DIR [-o OUT]         build a .baton archive from a session folder
 *   baton score FILE… [--weights W] [--json|--csv]   orchestration scores
 *   baton agreement FILE… [--json]  how well a panel of reviewers agrees
 *   baton report FILE -o OUT.html   a hiring committee's decision record
 *   baton help                      this text
 *
 * run() takes argv and the output streams and returns the exit code, so tests drive it
 * directly; the process is only touched when this source file is the program being run
 * (`npm run baton`; the compiled CLI's entry is main.ts). Each command's module is loaded only when that command
 * runs, so `baton help` (and a usage error) answers without loading the import pipeline.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CliIO } from './io';
import { parseWeights } from '../../shared/classifier/weights';

export const USAGE = `Usage: baton <command> [options]

Commands:
  inspect [--json] FILE…     Run each file through the import pipeline and print the detected
                             format, sessions, event counts per kind, duration and every
                             problem (file, line, reason). --json prints the reports as JSON.
                             Exits 1 when any file cannot be imported.
  pack DIR [-o OUT]          Validate a session folder (manifest.json or session.json,
                             events.jsonl, task.md, audio/, blobs/, terminal/, workspace/)
                             and write it as a .baton archive (default: DIR.baton).
                             Nothing is written when anything is invalid.
  score FILE… [--weights 22,18,18,16,14,12] [--json|--csv] [--threads N]
                             Score every session (directories stand for the files under
                             them) on the six orchestration factors, in parallel worker
                             threads: overall, per-factor scores and opportunities.
                             Exits 1 when any file cannot be imported.
  agreement FILE… [--json] [--resamples N] [--seed N] [--phase P]
                             Agreement of a review panel from .baton-review files, ratings
                             CSV (session,reviewer,factor,score) and raters' TSV files (one
                             reviewer per file): per factor Krippendorff's alpha (nominal,
                             ordinal, interval) with bootstrap intervals, ICC(2,1) and
                             ICC(2,k) with 95% intervals, reviewer bias, weighted kappa.
                             --phase keeps only the CSV rows of that phase.
                             Bad lines are reported and skipped; exits 1 when a file
                             cannot be read.
  report FILE [--review R.baton-review…] [--decision D.baton-decision] [--blind]
         [--weights W] [--link-base URL] -o OUT.html
                             Write the hiring committee's decision record for the session
                             in FILE as one HTML page: scores with weights and classifier
                             version, each reviewer's ratings before and after discussion,
                             agreement, dissent, the decision, every cited moment with a
                             link back into Baton (URL default http://127.0.0.1:5173/).
                             --blind replaces the candidate's name, e-mail addresses, user
                             names and home directories with a pseudonym.
  help                       Show this text.
`;

/** Exit codes: 0 success, 1 a file failed, 2 the command line itself was wrong. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const usageError = (msg: string) => {
    io.stderr.write(`baton: ${msg}\n\n${USAGE}`);
    return 2;
  };
  try {
    switch (command) {
      case 'inspect': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
          allowPositionals: true,
        });
        if (values.help) return (io.stdout.write(USAGE), 0);
        if (positionals.length === 0) return usageError('inspect needs at least one FILE');
        return await (await import('./inspect')).inspect(positionals, { json: values.json }, io);
      }
      case 'pack': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
          allowPositionals: true,
        });
        if (values.help) return (io.stdout.write(USAGE), 0);
        if (positionals.length !== 1) return usageError('pack needs exactly one DIR');
        return await (await import('./pack')).pack(positionals[0]!, values.out, io);
      }
      case 'score': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: {
            weights: { type: 'string' },
            json: { type: 'boolean', default: false },
            csv: { type: 'boolean', default: false },
            threads: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
          allowPositionals: true,
        });
        if (values.help) return (io.stdout.write(USAGE), 0);
        if (positionals.length === 0) return usageError('score needs at least one FILE');
        if (values.json && values.csv) return usageError('choose one of --json and --csv');
        let weights;
        try {
          weights = values.weights ? parseWeights(values.weights) : undefined;
        } catch (e) {
          return usageError((e as Error).message);
        }
        const threads = values.threads ? Number(values.threads) : undefined;
        if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) return usageError('--threads must be a whole number ≥ 1');
        return await (await import('./score')).score(positionals, { weights, format: values.json ? 'json' : values.csv ? 'csv' : 'table', threads }, io);
      }
      case 'agreement': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: {
            json: { type: 'boolean', default: false },
            resamples: { type: 'string' },
            seed: { type: 'string' },
            phase: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
          allowPositionals: true,
        });
        if (values.help) return (io.stdout.write(USAGE), 0);
        if (positionals.length === 0) return usageError('agreement needs at least one FILE');
        const resamples = values.resamples === undefined ? undefined : Number(values.resamples);
        if (resamples !== undefined && !(Number.isInteger(resamples) && resamples >= 0 && resamples <= 100_000)) return usageError('--resamples must be a whole number from 0 to 100000');
        const seed = values.seed === undefined ? undefined : Number(values.seed);
        if (seed !== undefined && !Number.isInteger(seed)) return usageError('--seed must be a whole number');
        return await (await import('./agreement')).agreementCommand(positionals, { json: values.json, resamples, seed, phase: values.phase }, io);
      }
      case 'report': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: {
            review: { type: 'string', multiple: true, default: [] },
            decision: { type: 'string' },
            blind: { type: 'boolean', default: false },
            weights: { type: 'string' },
            'link-base': { type: 'string' },
            out: { type: 'string', short: 'o' },
            help: { type: 'boolean', short: 'h' },
          },
          allowPositionals: true,
        });
        if (values.help) return (io.stdout.write(USAGE), 0);
        if (positionals.length !== 1) return usageError('report needs exactly one FILE');
        if (!values.out) return usageError('report needs -o OUT.html');
        let weights;
        try {
          weights = values.weights ? parseWeights(values.weights) : undefined;
        } catch (e) {
          return usageError((e as Error).message);
        }
        return await (await import('./report')).report(positionals[0]!, { reviews: values.review, decision: values.decision, blind: values.blind, weights, linkBase: values['link-base'], out: values.out }, io);
      }
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return 0;
      case undefined:
        return usageError('no command given');
      default:
        return usageError(`unknown command "${command}"`);
    }
  } catch (e) {
    // parseArgs reports unknown options with a TypeError carrying an ERR_PARSE_ARGS_* code.
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return usageError((e as Error).message);
    io.stderr.write(`baton ${command}: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }
}

/** True when this TypeScript file itself is the program (under tsx), not when bundled into out/cli. */
function isProgram(): boolean {
  const entry = process.argv[1];
  return import.meta.url.endsWith('.ts') && entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
}

if (isProgram()) {
  void run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
