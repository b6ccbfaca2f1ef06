/**
 * `baton agreement FILE… [--json] [--resamples N] [--seed N] [--phase P]`: how well a panel of reviewers
 * agrees, per factor and over all factors pooled: Krippendorff's alpha (nominal, ordinal,
 * interval) with bootstrap intervals over sessions, ICC(2,1) and ICC(2,k) with F-based
 * intervals, each reviewer's bias and within-one-point rate, and the weighted kappa
 * between every two reviewers.
 *
 * Exit codes: 0 done (bad lines are reported on stderr and skipped), 1 a file could not be
 * read at all or there were no ratings.
 */
import { REVIEW_FACTORS } from '../../shared/review/factors';
import { agreement, type AgreementResult, type FactorAgreement, type NullableInterval } from '../../shared/stats/agreement';
import { readPanel } from './agreement-input';
import type { CliIO } from './io';

export interface AgreementCliOptions {
  json: boolean;
  resamples?: number;
  seed?: number;
  /** Only CSV rows of this phase. */
  phase?: string;
}

const MAX_PROBLEMS_SHOWN = 20;

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const withInterval = (x: number | null, iv: NullableInterval) => (x === null ? '—' : iv.lo === null || iv.hi === null ? f3(x) : `${f3(x)} [${f2(iv.lo)}, ${f2(iv.hi)}]`);
const signed = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`);
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 2))).join('').trimEnd()).join('\n') + '\n';
}

function factorRow(f: FactorAgreement): string[] {
  return [
    f.factor,
    String(f.nSessions),
    withInterval(f.alphaNominal, f.alphaNominalInterval),
    withInterval(f.alphaOrdinal, f.alphaOrdinalInterval),
    withInterval(f.alphaInterval, f.alphaIntervalInterval),
    `${withInterval(f.icc21, f.icc21Interval)}${f.iccUnits < f.nSessions ? ` (n=${f.iccUnits})` : ''}`,
    withInterval(f.icc2k, f.icc2kInterval),
  ];
}

export function formatAgreement(result: AgreementResult): string {
  const { allFactors } = result;
  let out = `${result.reviewers.length} reviewers, ${result.sessions.length} sessions, ${allFactors.nRatings + result.factors.filter((f) => f.factor === 'overall').reduce((s, f) => s + f.nRatings, 0)} scores; intervals 95% (alpha: ${result.resamples} bootstrap resamples of sessions; ICC: F-based, sessions with an N/A left out, n shown when fewer)\n\n`;
  out += table([['factor', 'sessions', 'alpha nominal', 'alpha ordinal', 'alpha interval', 'ICC(2,1)', 'ICC(2,k)'], ...result.factors.map(factorRow), factorRow(allFactors)]);
  out += `\nreviewers (${allFactors.factor}): mean difference from the others, share of score pairs within one point\n`;
  out += table([['reviewer', 'scores', 'bias', 'within 1'], ...allFactors.reviewers.map((r) => [r.reviewer, String(r.n), signed(r.meanBias), pct(r.withinOne)])]);
  const k = allFactors.kappa;
  if (k.reviewers.length >= 2) {
    out += `\nquadratic-weighted kappa (${allFactors.factor})\n`;
    out += table([['', ...k.reviewers], ...k.reviewers.map((r, i) => [r, ...k.kappa[i]!.map((x, j) => (i === j ? '' : f2(x)))])]);
  }
  return out;
}

export async function agreementCommand(paths: readonly string[], options: AgreementCliOptions, io: CliIO): Promise<number> {
  const panel = await readPanel(paths, options.phase);
  let failed = 0;
  for (const f of panel.files) {
    if (f.error) {
      failed++;
      io.stderr.write(`${f.path}: ${f.error}\n`);
    }
    for (const p of f.problems.slice(0, MAX_PROBLEMS_SHOWN)) io.stderr.write(`${f.path}:${p.line}: ${p.message} (line skipped)\n`);
    if (f.problems.length > MAX_PROBLEMS_SHOWN) io.stderr.write(`${f.path}: … and ${f.problems.length - MAX_PROBLEMS_SHOWN} more bad lines\n`);
  }
  for (const n of panel.notes) io.stderr.write(`note: ${n}\n`);
  if (panel.replaced > 0) io.stderr.write(`note: ${panel.replaced} older scores were replaced by a later one for the same session, reviewer and factor\n`);
  if (failed > 0) {
    io.stderr.write(`baton agreement: ${failed} of ${paths.length} files could not be read\n`);
    return 1;
  }
  if (panel.ratings.length === 0) {
    io.stderr.write('baton agreement: no ratings in the given files\n');
    return 1;
  }
  const result = agreement(panel.ratings, { factors: REVIEW_FACTORS, resamples: options.resamples, seed: options.seed });
  if (options.json) {
    const files = panel.files.map((f) => ({ path: f.path, kind: f.kind, ratings: f.ratings, problems: f.problems }));
    io.stdout.write(JSON.stringify({ files, replaced: panel.replaced, notes: panel.notes, ...result }, null, 2) + '\n');
  } else {
    io.stdout.write(formatAgreement(result));
  }
  return 0;
}
