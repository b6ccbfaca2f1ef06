/**
 * `baton agreement` through run(): the two raters' TSVs in ../shared/rated-sessions give the
 * figures computed independently (Python: numpy/scipy, alpha by its pairwise definition,
 * ICC from the ANOVA; the Spearman values are the README's); review files and CSV mixed;
 * bad input reported with file and line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli';
import { sessionHash } from '../../shared/review/hash';
import type { BatonReview, Scores } from '../../shared/review/schema';
import type { AgreementResult } from '../../shared/stats/agreement';
import { spearman } from '../../shared/stats/rank';

const RATED_DIR = resolve(join(dirname(fileURLToPath(import.meta.url)), '../../../shared/rated-sessions'));
const R1 = join(RATED_DIR, 'rater-1.tsv');
const R2 = join(RATED_DIR, 'rater-2.tsv');
const ratersAvailable = existsSync(R1) && existsSync(R2);
if (!ratersAvailable) {
  if (process.env.CI) throw new Error(`rated sessions are required under CI but ${RATED_DIR} is missing`);
  console.warn(`[rated-sessions] ${RATED_DIR} not found: the agreement test on the raters' files is skipped`);
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'baton-agreement-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});


const FACTORS = ['scoping', 'tradeoff', 'adversarial', 'selfcorrection', 'edgecase', 'sequencing', 'overall'] as const;

/** The raw file read with a plain split, independently of shared/review/tsv.ts. */
function rawColumns(path: string): Map<string, Map<string, number | null>> {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const out = new Map<string, Map<string, number | null>>();
  for (const r of rows) out.set(r[0]!, new Map(FACTORS.map((f) => [f, r[head!.indexOf(f)] === 'NA' ? null : Number(r[head!.indexOf(f)])])));
  return out;
}

/** Interval alpha for two raters by its definition: D_o over within-session pairs, D_e over all pairs. */
function directIntervalAlpha(pairs: [number, number][]): number {
  const values = pairs.flat();
  const n = values.length;
  const dO = pairs.reduce((s, [a, b]) => s + 2 * (a - b) ** 2, 0) / n;
  let dE = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) dE += (values[i]! - values[j]!) ** 2;
  dE /= n * (n - 1);
  return 1 - dO / dE;
}

/** Computed with Python (numpy, scipy.stats.f) from the raw TSVs, outside Baton's code. */
const PYTHON: Record<string, { nominal: number; ordinal: number; interval: number; iccN: number; icc21: number; icc21Lo: number; icc21Hi: number; icc2k: number; icc2kLo: number; icc2kHi: number }> = {
  scoping: { nominal: 0.728696, ordinal: 0.9215, interval: 0.898438, iccN: 20, icc21: 0.900783, icc21Lo: 0.770593, icc21Hi: 0.959239, icc2k: 0.947802, icc2kLo: 0.870435, icc2kHi: 0.979196 },
  tradeoff: { nominal: 0.621212, ordinal: 0.857166, interval: 0.891372, iccN: 18, icc21: 0.89441, icc21Lo: 0.74402, icc21Hi: 0.958927, icc2k: 0.944262, icc2kLo: 0.853224, icc2kHi: 0.979033 },
  adversarial: { nominal: 0.80597, ordinal: 0.965389, interval: 0.956842, iccN: 20, icc21: 0.957996, icc21Lo: 0.892699, icc21Hi: 0.983447, icc2k: 0.978547, icc2kLo: 0.943308, icc2kHi: 0.991654 },
  selfcorrection: { nominal: 0.472574, ordinal: 0.829996, interval: 0.807396, iccN: 13, icc21: 0.814815, icc21Lo: 0.513014, icc21Hi: 0.938916, icc2k: 0.897959, icc2kLo: 0.678135, icc2kHi: 0.968496 },
  edgecase: { nominal: 0.80354, ordinal: 0.941366, interval: 0.952665, iccN: 19, icc21: 0.954003, icc21Lo: 0.879471, icc21Hi: 0.982345, icc2k: 0.97646, icc2kLo: 0.935871, icc2kHi: 0.991094 },
  sequencing: { nominal: 0.725352, ordinal: 0.880744, interval: 0.885294, iccN: 20, icc21: 0.888889, icc21Lo: 0.717351, icc21Hi: 0.956192, icc2k: 0.941176, icc2kLo: 0.835416, icc2kHi: 0.977606 },
  overall: { nominal: 0.932642, ordinal: 0.987265, interval: 0.974325, iccN: 20, icc21: 0.974967, icc21Lo: 0.938998, icc21Hi: 0.989947, icc2k: 0.987325, icc2kLo: 0.968539, icc2kHi: 0.994948 },
  'all factors': { nominal: 0.715199, ordinal: 0.917342, interval: 0.917228, iccN: 110, icc21: 0.917591, icc21Lo: 0.882135, icc21Hi: 0.942722, icc2k: 0.957025, icc2kLo: 0.937377, icc2kHi: 0.970517 },
};

/** The raters' Spearman per factor, as the rated-sessions README states it (two decimals). */
const README_SPEARMAN = { scoping: 0.92, tradeoff: 0.86, adversarial: 0.98, selfcorrection: 0.87, edgecase: 0.95, sequencing: 0.91, overall: 0.99 };

describe.skipIf(!ratersAvailable)('baton agreement on the two raters of ../shared/rated-sessions', () => {
  it('--json: alpha, ICC and their intervals per factor match the independent figures', async () => {
    const r = await cli('agreement', R1, R2, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as AgreementResult & { files: { kind: string; ratings: number }[] };
    const sessions = rawColumns(R1);
    expect(out.sessions).toHaveLength(sessions.size);
    expect(out.reviewers).toEqual(['rater-1', 'rater-2']);
    expect(out.files.map((f) => [f.kind, f.ratings])).toEqual([['tsv', sessions.size * 7], ['tsv', sessions.size * 7]]);
    for (const f of [...out.factors, out.allFactors]) {
      const want = PYTHON[f.factor]!;
      expect(f.alphaNominal, f.factor).toBeCloseTo(want.nominal, 5);
      expect(f.alphaOrdinal, f.factor).toBeCloseTo(want.ordinal, 5);
      expect(f.alphaInterval, f.factor).toBeCloseTo(want.interval, 5);
      expect(f.iccUnits, f.factor).toBe(want.iccN);
      expect(f.icc21, f.factor).toBeCloseTo(want.icc21, 5);
      expect(f.icc21Interval.lo, f.factor).toBeCloseTo(want.icc21Lo, 5);
      expect(f.icc21Interval.hi, f.factor).toBeCloseTo(want.icc21Hi, 5);
      expect(f.icc2k, f.factor).toBeCloseTo(want.icc2k, 5);
      expect(f.icc2kInterval.lo, f.factor).toBeCloseTo(want.icc2kLo, 5);
      expect(f.icc2kInterval.hi, f.factor).toBeCloseTo(want.icc2kHi, 5);
      for (const m of ['alphaNominal', 'alphaOrdinal', 'alphaInterval'] as const) {
        const iv = f[`${m}Interval`];
        expect(iv.lo!, `${f.factor} ${m}`).toBeLessThanOrEqual(f[m]!);
        expect(iv.hi!, `${f.factor} ${m}`).toBeGreaterThanOrEqual(f[m]!);
      }
    }
    expect(out.factors.map((f) => f.factor)).toEqual([...FACTORS]);
  });

  it('reproduces the README by a separate route: Spearman per factor, and interval alpha by its definition', async () => {
    const a = rawColumns(R1);
    const b = rawColumns(R2);
    const out = JSON.parse((await cli('agreement', R1, R2, '--json')).stdout) as AgreementResult;
    for (const factor of FACTORS) {
      const ids = [...a.keys()];
      expect(spearman(ids.map((s) => a.get(s)!.get(factor)), ids.map((s) => b.get(s)!.get(factor))), factor).toBeCloseTo(README_SPEARMAN[factor], 2);
      const pairs = ids.map((s) => [a.get(s)!.get(factor), b.get(s)!.get(factor)]).filter((p): p is [number, number] => p[0] != null && p[1] != null);
      // Sessions where only one rater scored are not pairable and add nothing to alpha.
      expect(out.factors.find((f) => f.factor === factor)!.alphaInterval, factor).toBeCloseTo(directIntervalAlpha(pairs), 10);
    }
  });

  it('prints a table per factor, the reviewers and the kappa matrix', async () => {
    const r = await cli('agreement', R1, R2);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2 reviewers, 20 sessions/);
    expect(r.stdout).toMatch(/^scoping +20 +0\.729 \[[\d.]+, [\d.]+\] +0\.921 \[[\d.]+, [\d.]+\] +0\.898 \[[\d.]+, [\d.]+\] +0\.901 \[0\.77, 0\.96\] +0\.948 \[0\.87, 0\.98\]$/m);
    expect(r.stdout).toMatch(/^selfcorrection +15 .* \(n=13\)/m);
    expect(r.stdout).toMatch(/^all factors +20 /m);
    expect(r.stdout).toMatch(/^rater-1 +110 +-0\.05 +100%$/m);
    expect(r.stdout).toContain('quadratic-weighted kappa');
  });

  it('is reproducible with --seed and the intervals move with another seed', async () => {
    const one = await cli('agreement', R1, R2, '--json', '--seed', '7', '--resamples', '200');
    const two = await cli('agreement', R1, R2, '--json', '--seed', '7', '--resamples', '200');
    const three = await cli('agreement', R1, R2, '--json', '--seed', '8', '--resamples', '200');
    expect(two.stdout).toBe(one.stdout);
    const iv = (s: string) => (JSON.parse(s) as AgreementResult).allFactors.alphaIntervalInterval;
    expect(iv(three.stdout)).not.toEqual(iv(one.stdout));
  });
});

describe('baton agreement on review files and CSV', () => {
  const H = [sessionHash('one'), sessionHash('two'), sessionHash('three'), sessionHash('four')];
  const scores = (x: number): Scores => ({ scoping: x, tradeoff: x, adversarial: x, selfcorrection: null, edgecase: x, sequencing: x, overall: x });
  const review = (id: string, xs: number[], at: string): BatonReview => ({
    format: 'baton-review',
    version: 1,
    reviewer: { id, name: id, initials: id.slice(0, 2).toUpperCase(), colour: '#336699' },
    ratings: xs.map((x, i) => ({ sessionHash: H[i]!, scores: scores(x), submittedAt: at, revisions: [] })),
    annotations: [],
  });

  it('merges review files per reviewer (latest submission counts) and adds CSV reviewers', async () => {
    const adaOld = join(tmp, 'ada-old.baton-review');
    const adaNew = join(tmp, 'ada-new.baton-review');
    const csv = join(tmp, 'bob.csv');
    await writeFile(adaOld, JSON.stringify(review('ada', [5, 1, 5, 1], '2026-12-01T10:00:00Z')));
    await writeFile(adaNew, JSON.stringify(review('ada', [1, 2, 4, 5], '2026-12-02T10:00:00Z')));
    await writeFile(csv, ['session,reviewer,factor,score', ...H.flatMap((h, i) => FACTORS.map((f) => `${h},bob,${f},${f === 'selfcorrection' ? '' : [1, 2, 4, 5][i]}`))].join('\n'));
    const r = await cli('agreement', '--json', adaOld, csv, adaNew);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as AgreementResult;
    expect(out.reviewers).toEqual(['ada', 'bob']);
    // ada's latest scores equal bob's: perfect agreement on every factor that has scores.
    expect(out.factors.find((f) => f.factor === 'overall')!.alphaInterval).toBe(1);
    // Every selfcorrection score is N/A: listed, with nothing to compute.
    expect(out.factors.find((f) => f.factor === 'selfcorrection')).toMatchObject({ nSessions: 0, nRatings: 0, alphaInterval: null, icc21: null });
  });

  it('reports bad CSV lines with file and line, skips them and still answers', async () => {
    const csv = join(tmp, 'bad.csv');
    await writeFile(csv, 'session,reviewer,factor,score\ns1,a,overall,3\ns1,b,overall,4\ns2,a,overall,9\ns2,b,vibes,2\ns3,a,overall,2\ns3,b,overall,2\n');
    const r = await cli('agreement', csv);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${csv}:4: score "9" is not a whole number 1-5`);
    expect(r.stderr).toContain(`${csv}:5: unknown factor "vibes"`);
    expect(r.stdout).toMatch(/^2 reviewers, 2 sessions/);
  });

  it('--phase keeps only the CSV rows of that phase', async () => {
    const csv = join(tmp, 'phases.csv');
    const rows = ['session,reviewer,factor,score,phase'];
    for (const [s, a, b] of [['s1', 1, 5], ['s2', 2, 4], ['s3', 3, 3], ['s4', 4, 2]] as const) rows.push(`${s},a,overall,${a},before`, `${s},b,overall,${b},before`, `${s},a,overall,${a},after`, `${s},b,overall,${a},after`);
    await writeFile(csv, rows.join('\n'));
    const alpha = async (...extra: string[]) => (JSON.parse((await cli('agreement', '--json', csv, ...extra)).stdout) as AgreementResult).factors[0]!.alphaInterval;
    expect(await alpha('--phase', 'after')).toBe(1);
    expect(await alpha('--phase', 'before')).toBeLessThan(0);
  });

  it('exits 1 naming the file for a missing file, a broken review file or a bad header', async () => {
    const broken = join(tmp, 'broken.baton-review');
    await writeFile(broken, '{"format":"baton-review","version":1,\n"reviewer":}');
    const header = join(tmp, 'header.csv');
    await writeFile(header, 'who,what\n');
    const missing = join(tmp, 'missing.csv');
    const r = await cli('agreement', broken, header, missing);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON at line 2`));
    expect(r.stderr).toContain(`${header}: 1: unknown columns "who", "what"`);
    expect(r.stderr).toContain(`${missing}: no such file`);
    expect(r.stderr).toContain('3 of 3 files could not be read');
    expect(r.stdout).toBe('');
  });

  it('usage errors exit 2', async () => {
    expect((await cli('agreement')).code).toBe(2);
    expect((await cli('agreement', 'x.csv', '--resamples', 'many')).stderr).toContain('--resamples must be a whole number');
    expect((await cli('help')).stdout).toContain('agreement FILE…');
  });
});
