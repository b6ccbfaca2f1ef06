/**
 * Intraclass correlations (Shrout & Fleiss 1979; McGraw & Wong 1996) from the two-way
 * ANOVA of an n targets × k raters matrix.
 *
 *   ICC(1,1) = (MSR - MSW) / (MSR + (k-1) MSW)                          one-way random
 *   ICC(2,1) = (MSR - MSE) / (MSR + (k-1) MSE + k (MSC - MSE) / n)      absolute agreement
 *   ICC(3,1) = (MSR - MSE) / (MSR + (k-1) MSE)                          consistency
 *   ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE) / n)                    mean of k raters
 *
 * Missing ratings: the ANOVA needs complete rows, so a target with any missing rating is
 * dropped (listwise deletion); `n` counts the rows used and `dropped` those left out.
 * With fewer than two complete rows or two raters every coefficient is NaN.
 *
 * Confidence intervals for ICC(2,1) and ICC(2,k) are McGraw & Wong's (1996) F-based
 * intervals (their case 2A) with Satterthwaite's degrees of freedom v:
 *   a = k ρ / (n (1-ρ)),  b = 1 + k ρ (n-1) / (n (1-ρ)),  ρ = ICC(2,1)
 *   v = (a MSC + b MSE)² / ((a MSC)² / (k-1) + (b MSE)² / ((n-1)(k-1)))
 *   lower(2,1) = n (MSR - F₁ MSE) / (F₁ (k MSC + (kn - k - n) MSE) + n MSR),  F₁ = F_{1-α/2}(n-1, v)
 *   upper(2,1) = n (F₂ MSR - MSE) / (k MSC + (kn - k - n) MSE + n F₂ MSR),    F₂ = F_{1-α/2}(v, n-1)
 *   lower(2,k) = n (MSR - F₁ MSE) / (F₁ (MSC - MSE) + n MSR)
 *   upper(2,k) = n (F₂ MSR - MSE) / (MSC - MSE + n F₂ MSR)
 */
import { fQuantile } from './fdist';
import { isPresent, type Maybe } from './rank';

export interface Interval {
  lo: number;
  hi: number;
}

export interface IccResult {
  /** Complete rows used. */
  n: number;
  /** Rows dropped for a missing rating. */
  dropped: number;
  k: number;
  msr: number;
  msc: number;
  mse: number;
  msw: number;
  icc11: number;
  icc21: number;
  icc31: number;
  icc2k: number;
  icc21Interval: Interval;
  icc2kInterval: Interval;
}

const NO_INTERVAL: Interval = { lo: NaN, hi: NaN };

export function icc(matrix: readonly (readonly Maybe[])[], level = 0.95): IccResult {
  const k = matrix.reduce((m, r) => Math.max(m, r.length), 0);
  const rows = matrix.filter((r) => r.length === k && r.every(isPresent)) as number[][];
  const n = rows.length;
  const dropped = matrix.length - n;
  if (n < 2 || k < 2) {
    return { n, dropped, k, msr: NaN, msc: NaN, mse: NaN, msw: NaN, icc11: NaN, icc21: NaN, icc31: NaN, icc2k: NaN, icc21Interval: NO_INTERVAL, icc2kInterval: NO_INTERVAL };
  }
  let grand = 0;
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = rows[i]![j]!;
      rowMean[i]! += v;
      colMean[j]! += v;
      grand += v;
    }
  }
  grand /= n * k;
  for (let i = 0; i < n; i++) rowMean[i]! /= k;
  for (let j = 0; j < k; j++) colMean[j]! /= n;
  let ssr = 0;
  let ssc = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) ssr += (rowMean[i]! - grand) ** 2;
  for (let j = 0; j < k; j++) ssc += (colMean[j]! - grand) ** 2;
  ssr *= k;
  ssc *= n;
  for (const r of rows) for (const v of r) sst += (v - grand) ** 2;
  const sse = Math.max(0, sst - ssr - ssc);
  const msr = ssr / (n - 1);
  const msc = ssc / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const msw = (ssc + sse) / (n * (k - 1));
  const icc11 = (msr - msw) / (msr + (k - 1) * msw);
  const icc21 = (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n);
  const icc31 = (msr - mse) / (msr + (k - 1) * mse);
  const icc2k = (msr - mse) / (msr + (msc - mse) / n);

  let icc21Interval = NO_INTERVAL;
  let icc2kInterval = NO_INTERVAL;
  if (Number.isFinite(icc21) && icc21 < 1) {
    const a = (k * icc21) / (n * (1 - icc21));
    const b = 1 + (k * icc21 * (n - 1)) / (n * (1 - icc21));
    const v = (a * msc + b * mse) ** 2 / ((a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1)));
    const p = 1 - (1 - level) / 2;
    const f1 = fQuantile(p, n - 1, v);
    const f2 = fQuantile(p, v, n - 1);
    icc21Interval = {
      lo: (n * (msr - f1 * mse)) / (f1 * (k * msc + (k * n - k - n) * mse) + n * msr),
      hi: (n * (f2 * msr - mse)) / (k * msc + (k * n - k - n) * mse + n * f2 * msr),
    };
    icc2kInterval = {
      lo: (n * (msr - f1 * mse)) / (f1 * (msc - mse) + n * msr),
      hi: (n * (f2 * msr - mse)) / (msc - mse + n * f2 * msr),
    };
  } else if (icc21 === 1) {
    // No residual and no rater variance: the interval collapses onto 1.
    icc21Interval = { lo: 1, hi: 1 };
    icc2kInterval = { lo: 1, hi: 1 };
  }
  return { n, dropped, k, msr, msc, mse, msw, icc11, icc21, icc31, icc2k, icc21Interval, icc2kInterval };
}
