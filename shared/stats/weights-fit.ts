/**
 * Settling the factor weights on a panel's judgment: find six weights (each >= 0, summing to
 * 100) under which the classifier's overall score best matches the panel's overall ratings.
 *
 * The overall score is computed as the app computes it (shared/classifier/score.ts): the
 * weighted mean of the factor scores (0-100) that have enough evidence, the weight of the
 * others spread over them in proportion. It is put on the 1-5 rating scale as
 * 1 + 4 × score / 100 (the mapping agreement() uses) and compared with the panel's mean
 * overall rating by squared error. The fit is projected gradient descent on the simplex with
 * backtracking, started from equal weights: deterministic, a few milliseconds for hundreds of
 * sessions. Generalisation is judged by leave-one-session-out error: refit without each
 * session, predict it.
 */

export interface FitSession {
  id: string;
  /** The classifier's factor scores 0-100, in a fixed factor order; null = insufficient evidence. */
  factors: readonly (number | null)[];
  /** The panel's mean overall rating, 1-5. */
  target: number;
}

export interface FitError {
  /** Sessions predicted (those with at least one usable factor score). */
  n: number;
  rmse: number | null;
  mae: number | null;
}

/** The overall score 0-100 under weights (any positive scale), or null when no factor is usable. */
export function overallScore(weights: readonly number[], factors: readonly (number | null)[]): number | null {
  let num = 0;
  let den = 0;
  for (let f = 0; f < weights.length; f++) {
    const x = factors[f];
    if (x === null || x === undefined) continue;
    num += weights[f]! * x;
    den += weights[f]!;
  }
  return den > 0 ? num / den : null;
}

export const toRatingScale = (score: number): number => 1 + (4 * score) / 100;

/** Euclidean projection onto { w >= 0, sum w = 1 } (Duchi et al. 2008). */
export function projectToSimplex(v: readonly number[]): number[] {
  const u = [...v].sort((a, b) => b - a);
  let css = 0;
  let theta = 0;
  for (let i = 0; i < u.length; i++) {
    css += u[i]!;
    const t = (css - 1) / (i + 1);
    if (u[i]! - t > 0) theta = t;
  }
  return v.map((x) => Math.max(0, x - theta));
}

function loss(w: readonly number[], data: readonly FitSession[]): number {
  let s = 0;
  let n = 0;
  for (const d of data) {
    const o = overallScore(w, d.factors);
    if (o === null) continue;
    const r = toRatingScale(o) - d.target;
    s += r * r;
    n++;
  }
  return n ? s / n : 0;
}

function gradient(w: readonly number[], data: readonly FitSession[]): number[] {
  const g = new Array<number>(w.length).fill(0);
  let n = 0;
  for (const d of data) {
    let num = 0;
    let den = 0;
    for (let f = 0; f < w.length; f++) {
      const x = d.factors[f];
      if (x === null || x === undefined) continue;
      num += w[f]! * x;
      den += w[f]!;
    }
    if (den <= 0) continue;
    const pred = num / den;
    const r = toRatingScale(pred) - d.target;
    n++;
    for (let f = 0; f < w.length; f++) {
      const x = d.factors[f];
      if (x === null || x === undefined) continue;
      g[f]! += 2 * r * 0.04 * ((x - pred) / den);
    }
  }
  return n ? g.map((x) => x / n) : g;
}

/** Weights as fractions summing to 1 that minimise the squared error. */
export function fitFractions(data: readonly FitSession[], nFactors: number, iterations = 400): number[] {
  let w = new Array<number>(nFactors).fill(1 / nFactors);
  let current = loss(w, data);
  let step = 0.05;
  for (let it = 0; it < iterations; it++) {
    const g = gradient(w, data);
    let improved = false;
    for (let tries = 0; tries < 30; tries++) {
      const next = projectToSimplex(w.map((x, i) => x - step * g[i]!));
      const l = loss(next, data);
      if (l < current - 1e-12) {
        w = next;
        current = l;
        improved = true;
        step *= 1.5;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return w;
}

/** Whole-number weights summing to 100 (largest remainder). */
export function toPercent(fractions: readonly number[]): number[] {
  const exact = fractions.map((x) => x * 100);
  const floor = exact.map(Math.floor);
  let left = 100 - floor.reduce((a, b) => a + b, 0);
  const order = exact.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floor[i]!++;
    left--;
  }
  return floor;
}

/** Fits whole-number weights (>= 0, summing to 100) to the panel's overall ratings. */
export function fitWeights(data: readonly FitSession[], nFactors = 6): number[] {
  return toPercent(fitFractions(data, nFactors));
}

function errorOf(residuals: number[]): FitError {
  if (!residuals.length) return { n: 0, rmse: null, mae: null };
  return {
    n: residuals.length,
    rmse: Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / residuals.length),
    mae: residuals.reduce((a, r) => a + Math.abs(r), 0) / residuals.length,
  };
}

/** The error of fixed weights on every session (nothing is fitted, so this is already out-of-sample). */
export function fixedError(data: readonly FitSession[], weights: readonly number[]): FitError {
  const res: number[] = [];
  for (const d of data) {
    const o = overallScore(weights, d.factors);
    if (o !== null) res.push(toRatingScale(o) - d.target);
  }
  return errorOf(res);
}

/** Up to this many sessions the fit is judged leave-one-session-out; beyond, by K_FOLDS-fold cross-validation (the cost grows with the square of the sessions). */
export const MAX_LEAVE_ONE_OUT = 500;
export const K_FOLDS = 20;

/**
 * Out-of-sample error of the fit: each session predicted by weights fitted without it
 * (leave-one-session-out; with more than MAX_LEAVE_ONE_OUT sessions, without its fold of
 * K_FOLDS, sessions assigned to folds by position).
 */
export function leaveOneOutError(data: readonly FitSession[], nFactors = 6): FitError {
  const folds = data.length > MAX_LEAVE_ONE_OUT ? K_FOLDS : data.length;
  const res: number[] = [];
  for (let k = 0; k < folds; k++) {
    const train = data.filter((_, j) => j % folds !== k);
    const w = fitWeights(train, nFactors);
    data.forEach((d, j) => {
      if (j % folds !== k) return;
      const o = overallScore(w, d.factors);
      if (o !== null) res.push(toRatingScale(o) - d.target);
    });
  }
  return errorOf(res);
}

/** Rank of each session (1 = highest overall score) under weights; ties share the best rank. */
export function ranks(data: readonly FitSession[], weights: readonly number[]): Map<string, number> {
  const scored = data.map((d) => ({ id: d.id, s: overallScore(weights, d.factors) ?? -Infinity })).sort((a, b) => b.s - a.s);
  const out = new Map<string, number>();
  let rank = 1;
  scored.forEach((a, i) => {
    if (i > 0 && scored[i - 1]!.s > a.s + 1e-9) rank = i + 1;
    out.set(a.id, rank);
  });
  return out;
}

export interface RankChange {
  id: string;
  before: number;
  after: number;
}

/** Sessions whose rank differs between two weight sets, biggest moves first. */
export function rankChanges(data: readonly FitSession[], before: readonly number[], after: readonly number[]): RankChange[] {
  const a = ranks(data, before);
  const b = ranks(data, after);
  return data
    .map((d) => ({ id: d.id, before: a.get(d.id)!, after: b.get(d.id)! }))
    .filter((c) => c.before !== c.after)
    .sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before) || x.before - y.before);
}

export interface WeightComparison {
  fitted: number[];
  /** Leave-one-session-out error of fitting (the honest error of the fitted weights). */
  fittedError: FitError;
  /** How fittedError was judged. */
  validation: 'leave-one-out' | `${number}-fold`;
  defaultError: FitError;
  equalError: FitError;
  /** The fit's leave-one-out RMSE is below both the default's and equal weights' RMSE. */
  beatsBoth: boolean;
  rankChanges: RankChange[];
}

/** Fit, the three errors side by side, and the sessions whose rank the fit changes. */
export function compareWeights(data: readonly FitSession[], defaults: readonly number[]): WeightComparison {
  const n = defaults.length;
  const fitted = fitWeights(data, n);
  const fittedError = leaveOneOutError(data, n);
  const defaultError = fixedError(data, defaults);
  const equalError = fixedError(data, new Array<number>(n).fill(1));
  const beatsBoth = fittedError.rmse !== null && defaultError.rmse !== null && equalError.rmse !== null && fittedError.rmse < defaultError.rmse && fittedError.rmse < equalError.rmse;
  const validation = data.length > MAX_LEAVE_ONE_OUT ? (`${K_FOLDS}-fold` as const) : ('leave-one-out' as const);
  return { fitted, fittedError, validation, defaultError, equalError, beatsBoth, rankChanges: rankChanges(data, defaults, fitted) };
}
