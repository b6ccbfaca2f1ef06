/**
 * Panel agreement in one call: long-format ratings in, per-factor figures out.
 *
 * Each factor (and `allFactors`, every factor except `overall` pooled with units
 * session × factor) gets Krippendorff's alpha (nominal, ordinal, interval) with bootstrap
 * intervals that resample sessions, ICC(2,1) and ICC(2,k) with F-based intervals (sessions
 * with a missing rating left out, see icc.ts), the pairwise quadratic-weighted kappa matrix,
 * each reviewer's mean bias against the others and within-one-point rate, and, when the
 * classifier's scores are given, how they relate to the panel's mean.
 *
 * A score of null is N/A: the reviewer saw no opportunity to judge. If the same
 * (session, reviewer, factor) appears twice, the later one counts. Figures that are not
 * defined for the data (too few sessions, no variation) are null.
 */
import { alphaIntervals, bootstrap, DEFAULT_RESAMPLES, DEFAULT_SEED, type BootstrapInterval, type BootstrapOptions } from './bootstrap';
import { alphaFromCoincidences, prepareAlpha, sumCoincidences } from './krippendorff';
import { icc, type Interval } from './icc';
import { kappaMatrix, RATING_SCALE } from './kappa';
import { isPresent, spearman, type Maybe } from './rank';

export interface Rating {
  session: string;
  reviewer: string;
  factor: string;
  /** A whole number 1-5, or null for N/A (anything else is refused with an error). */
  score: number | null;
}

/** The classifier's score of one factor of one session, 0-100. */
export interface ClassifierScore {
  session: string;
  factor: string;
  score: number;
}

export interface AgreementOptions extends BootstrapOptions {
  /** Factor order of the result; factors not listed follow alphabetically. */
  factors?: readonly string[];
  /** The factor left out of `allFactors` (default "overall"). */
  overallFactor?: string;
  classifier?: readonly ClassifierScore[];
}

export interface NullableInterval {
  lo: number | null;
  hi: number | null;
}

export interface ReviewerAgreement {
  reviewer: string;
  /** Units this reviewer scored that at least one other reviewer scored too. */
  n: number;
  /** Mean of (this reviewer's score - the mean of the others' scores) over those units. */
  meanBias: number | null;
  /** Share of (this reviewer, other reviewer) score pairs within one point of each other. */
  withinOne: number | null;
}

export interface ClassifierAgreement {
  /** Sessions with both a classifier score and at least one panel score. */
  n: number;
  /** Spearman's rho between the classifier's score and the panel mean. */
  spearman: number | null;
  spearmanInterval: NullableInterval;
  /** Mean of (1 + 4 score/100) - panel mean. */
  meanBias: number | null;
  /** Mean absolute difference on the 1-5 scale. */
  mae: number | null;
}

export interface FactorAgreement {
  factor: string;
  /** Sessions with at least one score. */
  nSessions: number;
  /** Reviewers with at least one score. */
  nReviewers: number;
  /** Scores given (N/A not counted). */
  nRatings: number;
  alphaNominal: number | null;
  alphaOrdinal: number | null;
  alphaInterval: number | null;
  alphaNominalInterval: NullableInterval;
  alphaOrdinalInterval: NullableInterval;
  alphaIntervalInterval: NullableInterval;
  /** Units (sessions, or session × factor when pooled) every reviewer scored: the ICC's rows. */
  iccUnits: number;
  icc21: number | null;
  icc2k: number | null;
  icc21Interval: NullableInterval;
  icc2kInterval: NullableInterval;
  /** kappa[i][j] between reviewers[i] and reviewers[j]; n[i][j] the units both scored. */
  kappa: { reviewers: string[]; kappa: (number | null)[][]; n: number[][] };
  reviewers: ReviewerAgreement[];
  classifier?: ClassifierAgreement;
}

export interface AgreementResult {
  sessions: string[];
  reviewers: string[];
  factors: FactorAgreement[];
  /** Every factor but the overall rating, pooled (units are session × factor). */
  allFactors: FactorAgreement;
  resamples: number;
  seed: number;
}

export const ALL_FACTORS = 'all factors';

/** Bounds that keep time and memory in check (the work grows with sessions × reviewers × resamples). */
export const AGREEMENT_LIMITS = { sessions: 10_000, reviewers: 1_000, cells: 5_000_000 } as const;

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
const nullable = (iv: Interval | BootstrapInterval): NullableInterval => ({ lo: fin(iv.lo), hi: fin(iv.hi) });

/** One block of units × reviewers, with the session each unit belongs to. */
interface Block {
  factor: string;
  matrix: Maybe[][];
  /** clusters[s] = the unit indices of session s (resampled together). */
  clusters: number[][];
  /** For each unit: its session and factor. */
  keys: { session: string; factor: string }[];
}

export function agreement(ratings: readonly Rating[], options: AgreementOptions = {}): AgreementResult {
  const overall = options.overallFactor ?? 'overall';
  const sessions = [...new Set(ratings.map((r) => r.session))].sort();
  const reviewers = [...new Set(ratings.map((r) => r.reviewer))].sort();
  const listed = options.factors ?? [];
  const present = new Set(ratings.map((r) => r.factor));
  const factors = [...listed.filter((f) => present.has(f)), ...[...present].filter((f) => !listed.includes(f)).sort()];
  const cells = sessions.length * reviewers.length * factors.length;
  if (sessions.length > AGREEMENT_LIMITS.sessions) throw new Error(`${sessions.length} sessions: agreement handles up to ${AGREEMENT_LIMITS.sessions}`);
  if (reviewers.length > AGREEMENT_LIMITS.reviewers) throw new Error(`${reviewers.length} reviewers: agreement handles up to ${AGREEMENT_LIMITS.reviewers}`);
  if (cells > AGREEMENT_LIMITS.cells) throw new Error(`${sessions.length} sessions × ${reviewers.length} reviewers × ${factors.length} factors: agreement handles up to ${AGREEMENT_LIMITS.cells} cells`);
  const sIdx = new Map(sessions.map((s, i) => [s, i]));
  const rIdx = new Map(reviewers.map((r, i) => [r, i]));
  const fIdx = new Map(factors.map((f, i) => [f, i]));

  // cube[factor][session][reviewer]
  const cube: Maybe[][][] = factors.map(() => sessions.map(() => new Array<Maybe>(reviewers.length).fill(null)));
  for (const r of ratings) {
    if (r.score !== null && !(Number.isInteger(r.score) && r.score >= RATING_SCALE.min && r.score <= RATING_SCALE.max)) {
      throw new Error(`score ${r.score} of ${r.reviewer} for ${r.session}/${r.factor} is not a whole number ${RATING_SCALE.min}-${RATING_SCALE.max} or null`);
    }
    cube[fIdx.get(r.factor)!]![sIdx.get(r.session)!]![rIdx.get(r.reviewer)!] = r.score;
  }

  const classifier = options.classifier ? indexClassifier(options.classifier) : undefined;
  const blockOf = (factor: string, fs: readonly number[]): Block => {
    const matrix: Maybe[][] = [];
    const clusters: number[][] = [];
    const keys: Block['keys'] = [];
    sessions.forEach((session, s) => {
      const units: number[] = [];
      for (const f of fs) {
        const row = cube[f]![s]!;
        if (!row.some(isPresent)) continue;
        units.push(matrix.length);
        matrix.push(row);
        keys.push({ session, factor: factors[f]! });
      }
      if (units.length > 0) clusters.push(units);
    });
    return { factor, matrix, clusters, keys };
  };

  const perFactor = factors.map((f, i) => analyse(blockOf(f, [i]), reviewers, options, classifier));
  const pooledIdx = factors.map((_, i) => i).filter((i) => factors[i] !== overall);
  const allFactors = analyse(blockOf(ALL_FACTORS, pooledIdx), reviewers, options, classifier);
  return { sessions, reviewers, factors: perFactor, allFactors, resamples: options.resamples ?? DEFAULT_RESAMPLES, seed: options.seed ?? DEFAULT_SEED };
}

function indexClassifier(scores: readonly ClassifierScore[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const c of scores) if (isPresent(c.score)) map.set(`${c.session}\u0000${c.factor}`, c.score);
  return map;
}

function analyse(block: Block, allReviewers: readonly string[], options: AgreementOptions, classifier: Map<string, number> | undefined): FactorAgreement {
  // Only the reviewers who scored something here take part.
  const cols = allReviewers.map((_, j) => j).filter((j) => block.matrix.some((row) => isPresent(row[j])));
  const reviewers = cols.map((j) => allReviewers[j]!);
  const matrix = block.matrix.map((row) => cols.map((j) => row[j]));
  const nRatings = matrix.reduce((s, row) => s + row.filter(isPresent).length, 0);

  const prepared = prepareAlpha(matrix);
  const o = sumCoincidences(prepared);
  const iv = alphaIntervals(prepared, options, block.clusters);
  const iccResult = icc(matrix);
  const columns = cols.map((_, j) => matrix.map((row) => row[j]));
  const km = kappaMatrix(columns);

  const result: FactorAgreement = {
    factor: block.factor,
    nSessions: block.clusters.length,
    nReviewers: reviewers.length,
    nRatings,
    alphaNominal: fin(alphaFromCoincidences(prepared.values, o, 'nominal')),
    alphaOrdinal: fin(alphaFromCoincidences(prepared.values, o, 'ordinal')),
    alphaInterval: fin(alphaFromCoincidences(prepared.values, o, 'interval')),
    alphaNominalInterval: nullable(iv.nominal),
    alphaOrdinalInterval: nullable(iv.ordinal),
    alphaIntervalInterval: nullable(iv.interval),
    iccUnits: iccResult.n,
    icc21: fin(iccResult.icc21),
    icc2k: fin(iccResult.icc2k),
    icc21Interval: nullable(iccResult.icc21Interval),
    icc2kInterval: nullable(iccResult.icc2kInterval),
    kappa: { reviewers, kappa: km.map((row) => row.map((k) => fin(k.kappa))), n: km.map((row) => row.map((k) => k.n)) },
    reviewers: reviewers.map((reviewer, j) => reviewerAgreement(reviewer, j, matrix)),
  };
  if (classifier) result.classifier = classifierAgreement(block, matrix, classifier, options);
  return result;
}

function reviewerAgreement(reviewer: string, j: number, matrix: readonly Maybe[][]): ReviewerAgreement {
  let n = 0;
  let bias = 0;
  let pairs = 0;
  let close = 0;
  for (const row of matrix) {
    const mine = row[j];
    if (!isPresent(mine)) continue;
    let sum = 0;
    let count = 0;
    row.forEach((v, i) => {
      if (i === j || !isPresent(v)) return;
      sum += v;
      count++;
      if (Math.abs(mine - v) <= 1) close++;
    });
    if (count === 0) continue;
    n++;
    bias += mine - sum / count;
    pairs += count;
  }
  return { reviewer, n, meanBias: n > 0 ? bias / n : null, withinOne: pairs > 0 ? close / pairs : null };
}

function classifierAgreement(block: Block, matrix: readonly Maybe[][], scores: Map<string, number>, options: AgreementOptions): ClassifierAgreement {
  const model: number[] = [];
  const panel: number[] = [];
  const sessionOf: number[] = [];
  block.clusters.forEach((units, s) => {
    for (const u of units) {
      const { session, factor } = block.keys[u]!;
      const c = scores.get(`${session}\u0000${factor}`);
      const present = matrix[u]!.filter(isPresent);
      if (c === undefined || present.length === 0) continue;
      model.push(c);
      panel.push(present.reduce((a, b) => a + b, 0) / present.length);
      sessionOf.push(s);
    }
  });
  const n = model.length;
  let bias = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const d = 1 + (4 * model[i]!) / 100 - panel[i]!;
    bias += d;
    abs += Math.abs(d);
  }
  // Bootstrap Spearman over sessions: the pairs of the drawn sessions, with repeats.
  const bySession = block.clusters.map(() => [] as number[]);
  sessionOf.forEach((s, i) => bySession[s]!.push(i));
  const x: number[] = [];
  const y: number[] = [];
  const interval = bootstrap(
    bySession.length,
    (idx) => {
      x.length = 0;
      y.length = 0;
      for (let k = 0; k < idx.length; k++) {
        for (const i of bySession[idx[k]!]!) {
          x.push(model[i]!);
          y.push(panel[i]!);
        }
      }
      return spearman(x, y);
    },
    options,
  );
  return {
    n,
    spearman: fin(spearman(model, panel)),
    spearmanInterval: nullable(interval),
    meanBias: n > 0 ? bias / n : null,
    mae: n > 0 ? abs / n : null,
  };
}
